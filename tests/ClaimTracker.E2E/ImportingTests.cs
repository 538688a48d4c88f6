using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>Editors add a source by pasting or uploading it; what is wrong is said next to the field; others see no way in.</summary>
[Collection(E2ECollection.Name)]
public sealed class ImportingTests(E2EFixture app)
{

    private static string Article(string marker) => $"""
        Kremlin spokesman Dmitry Peskov said on Monday that Russia remained open to talks on Ukraine ({marker}).

        Ukrainian President Volodymyr Zelensky said Kyiv would not give up territory in exchange for promises.
        "We will not trade our land for a signature," Zelensky told reporters in Kyiv.

        European officials doubted that a ceasefire was close.
        """;

    private async Task<IPage> OpenAddSourceAsync(int width = 1280, int height = 900)
    {
        var page = await app.NewPageAsync(width, height);
        await app.SignInAsync(page, Demo.Editor);
        await app.GotoAndWaitForInteractiveAsync(page, "/sources");
        await page.GetByTestId("add-source").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sources/new$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Add a source");
        await app.WaitForInteractiveAsync(page);
        return page;
    }

    /// <summary>How many suggestions the database holds for a source: what the page's message must report.</summary>
    private int SuggestionsStored(int sourceId)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = app.Server.DatabasePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AttributionSuggestions WHERE SourceId = $id";
        command.Parameters.AddWithValue("$id", sourceId);
        return Convert.ToInt32(command.ExecuteScalar());
    }

    /// <summary>
    /// The outlet field offers the record's outlets through the browser's own list (a datalist), which a browser test
    /// cannot open: it checks the list holds <paramref name="known"/> and the field uses the list, then types it.
    /// </summary>
    private static async Task TypeKnownOutletAsync(IPage page, string known)
    {
        var outlet = page.GetByLabel("Outlet", new() { Exact = true });
        await Expect(outlet).ToHaveAttributeAsync("list", "known-outlets");
        await Expect(page.Locator($"datalist#known-outlets option[value='{known}']")).ToHaveCountAsync(1);
        await outlet.FillAsync(known);
        await Expect(outlet).ToHaveValueAsync(known);
    }

    [Fact]
    public async Task An_editor_pastes_an_article_and_lands_on_it_with_its_suggestions_counted()
    {
        var page = await OpenAddSourceAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];

        await TypeKnownOutletAsync(page, "Reuters");
        await page.GetByLabel("Title").FillAsync($"Kyiv rules out land swap {marker}");
        await page.GetByLabel("Link (optional)").FillAsync("https://example.com/kyiv-land-swap");
        var paste = page.GetByLabel("Text of the article");
        await paste.FillAsync(Article(marker));
        await Expect(page.GetByTestId("import-paste-count")).ToHaveTextAsync($"{Article(marker).Length:N0} characters");
        await E2EFixture.ScreenshotAsync(page, "import-paste");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        await page.GetByTestId("import-submit").ClickAsync();

        // Straight into the review queue of the new source.
        await Expect(page).ToHaveURLAsync(new Regex(@"/sources/\d+/review$"));
        var sourceId = int.Parse(Regex.Match(page.Url, @"/sources/(\d+)/review$").Groups[1].Value);
        await Expect(page.Locator("#review-source-title")).ToHaveTextAsync($"Kyiv rules out land swap {marker}");
        await Expect(page.Locator("article.reader")).ToContainTextAsync("We will not trade our land for a signature");
        var count = SuggestionsStored(sourceId);
        Assert.True(count > 0, "the engine should find Peskov's and Zelensky's statements");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"{count} suggested attribution{(count == 1 ? "" : "s")} waiting for review");
        await E2EFixture.ScreenshotAsync(page, "import-pasted-source");
    }

    [Fact]
    public async Task An_editor_uploads_a_web_page_whose_headline_fills_the_title_and_whose_menus_are_left_out()
    {
        var page = await OpenAddSourceAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var html = $"""
            <!DOCTYPE html><html><head><title>Wire | Talks</title><script>console.log("tracking")</script></head>
            <body><nav><a href="/">Home</a> <a href="/world">World news menu</a></nav>
            <article><h1>Moscow signals patience {marker}</h1>
            <p>Kremlin spokesman Dmitry Peskov said Russia was in no hurry.</p>
            <p>&ldquo;Time is on our side,&rdquo; Peskov said.</p></article>
            <footer>Copyright footer</footer></body></html>
            """;

        await page.GetByRole(AriaRole.Tab, new() { Name = "Upload a file" }).ClickAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "moscow.html",
            MimeType = "text/html",
            Buffer = Encoding.UTF8.GetBytes(html),
        });
        await Expect(page.GetByTestId("import-file-chosen")).ToContainTextAsync("moscow.html");
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync($"Moscow signals patience {marker}");
        await page.GetByLabel("Outlet", new() { Exact = true }).FillAsync("Example Wire");
        await E2EFixture.ScreenshotAsync(page, "import-upload");

        await page.GetByTestId("import-submit").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/sources/\d+/review$"));
        var reader = page.Locator("article.reader");
        await Expect(reader).ToContainTextAsync("“Time is on our side,” Peskov said.");
        await Expect(reader).Not.ToContainTextAsync("World news menu");
        await Expect(reader).Not.ToContainTextAsync("Copyright footer");
    }

    [Fact]
    public async Task What_is_wrong_is_said_next_to_its_field_and_everything_typed_is_kept()
    {
        var page = await OpenAddSourceAsync();
        await page.GetByLabel("Title").FillAsync("A scanned report");
        await page.GetByLabel("Link (optional)").FillAsync("example.com/report");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Upload a file" }).ClickAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "report.pdf",
            MimeType = "application/pdf",
            Buffer = [0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x00, 0x01],
        });
        // Checked as soon as it is chosen, before anything is saved.
        await Expect(page.GetByTestId("import-file-error")).ToContainTextAsync("\"report.pdf\" is a .pdf file; only .txt, .md, .html and .htm files can be imported.");

        await page.GetByTestId("import-submit").ClickAsync();

        await Expect(page.GetByText("Outlet is required.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Give the full address of the article, starting with http:// or https://.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("import-file-error")).ToContainTextAsync("only .txt, .md, .html and .htm");
        await Expect(page).ToHaveURLAsync(new Regex("/sources/new$"));
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync("A scanned report");
        await Expect(page.GetByLabel("Link (optional)")).ToHaveValueAsync("example.com/report");
        await Expect(page.GetByTestId("import-file-chosen")).ToContainTextAsync("report.pdf");
        await E2EFixture.ScreenshotAsync(page, "import-errors");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
    }

    [Fact]
    public async Task Pasting_a_text_already_in_the_record_names_and_links_the_source_that_has_it()
    {
        var page = await OpenAddSourceAsync();
        var seedText = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "seeds", "reuters-2026-01-15-ukraine-peace-talks.txt"));
        await page.GetByLabel("Outlet", new() { Exact = true }).FillAsync("Another outlet");
        await page.GetByLabel("Title").FillAsync("Copy of the Reuters piece");
        await page.GetByLabel("Text of the article").FillAsync(seedText);

        await page.GetByTestId("import-submit").ClickAsync();

        var message = page.GetByTestId("import-paste-error");
        await Expect(message).ToContainTextAsync("This text is already in the record as \"Trump blames Zelensky, not Putin, for stalled Ukraine peace talks\"");
        await Expect(page.GetByLabel("Text of the article")).ToHaveValueAsync(seedText.Replace("\r\n", "\n"));
        await message.GetByTestId("import-duplicate-link").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Trump blames Zelensky, not Putin, for stalled Ukraine peace talks");
    }

    /// <summary>
    /// A text of a megabyte and a half, stored directly as a source, so that pasting or uploading it again comes back
    /// as "already in the record": proof that every byte crossed the circuit (the hash matches), without waiting for the
    /// suggestion engine to read 1.5 MB (the duplicate check comes before it).
    /// </summary>
    private (int Id, string Title, string Text) StoreLongSource()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var paragraph = "The negotiators met again in Geneva without agreement on the sequence of steps. ";
        var text = $"Long record {marker}.\n\n" + string.Concat(Enumerable.Repeat(paragraph, 1_500_000 / paragraph.Length)).TrimEnd();
        var title = $"Long record {marker}";
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = app.Server.DatabasePath }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO Sources (Key, Outlet, Title, PublishedOn, Url, Text, ContentHash)
            VALUES ($key, 'Example Wire', $title, '2026-01-10', NULL, $text, $hash);
            SELECT last_insert_rowid();
            """;
        command.Parameters.AddWithValue("$key", "long-record-" + marker);
        command.Parameters.AddWithValue("$title", title);
        command.Parameters.AddWithValue("$text", text);
        command.Parameters.AddWithValue("$hash", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
        return (Convert.ToInt32(command.ExecuteScalar()), title, text);
    }

    [Fact]
    public async Task A_paste_of_a_megabyte_and_a_half_crosses_the_circuit_whole()
    {
        var (_, title, text) = StoreLongSource();
        var page = await OpenAddSourceAsync();
        await page.GetByLabel("Outlet", new() { Exact = true }).FillAsync("Example Wire");
        await page.GetByLabel("Title").FillAsync("Pasted again");
        // Far beyond the circuit's 64 KB message limit, within the 2 MB import limit.
        await page.GetByLabel("Text of the article").FillAsync(text);
        await Expect(page.GetByTestId("import-paste-count")).ToHaveTextAsync($"{text.Length:N0} characters");

        await page.GetByTestId("import-submit").ClickAsync();

        await Expect(page.GetByTestId("import-paste-error")).ToContainTextAsync($"This text is already in the record as \"{title}\"");
        Assert.Empty(app.BrowserErrors(page));
    }

    [Fact]
    public async Task An_upload_of_a_megabyte_and_a_half_crosses_the_circuit_whole()
    {
        var (_, title, text) = StoreLongSource();
        var page = await OpenAddSourceAsync();
        await page.GetByLabel("Outlet", new() { Exact = true }).FillAsync("Example Wire");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Upload a file" }).ClickAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "long.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(text) });
        await Expect(page.GetByTestId("import-file-chosen")).ToHaveTextAsync(new Regex(@"long\.txt\s+\(1\.4 MB\)$"));

        await page.GetByTestId("import-submit").ClickAsync();

        await Expect(page.GetByTestId("import-file-error")).ToContainTextAsync($"This text is already in the record as \"{title}\"");
        Assert.Empty(app.BrowserErrors(page));
    }

    [Fact]
    public async Task A_paste_several_times_the_circuit_message_limit_is_imported()
    {
        var page = await OpenAddSourceAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var sentences = string.Concat(Enumerable.Repeat(" Officials met again without agreement on the sequence of steps.", 12));
        var text = string.Join("\n\n", Enumerable.Range(1, 200).Select(i => $"Paragraph {i} of record {marker}.{sentences}"));
        Assert.True(Encoding.UTF8.GetByteCount(text) > 2 * 64 * 1024);
        await page.GetByLabel("Outlet", new() { Exact = true }).FillAsync("Example Wire");
        await page.GetByLabel("Title").FillAsync($"Many paragraphs {marker}");
        await page.GetByLabel("Text of the article").FillAsync(text);

        await page.GetByTestId("import-submit").ClickAsync();

        // The review queue when the engine proposed something in it, else the source; or the form saying why not, which
        // the failure message then quotes.
        await page.WaitForFunctionAsync(
            "() => /\\/sources\\/\\d+(\\/review)?$/.test(location.pathname) || !!document.querySelector('[data-testid=import-failure], [data-testid=import-paste-error] .field-error')",
            null, new() { Timeout = 120_000 });
        var refusals = await page.Locator("[data-testid=import-failure], [data-testid=import-paste-error] .field-error").AllInnerTextsAsync();
        Assert.True(refusals.Count == 0, $"The import was refused: {string.Join(" | ", refusals)}");
        await Expect(page).ToHaveURLAsync(new Regex(@"/sources/\d+(/review)?$"));
        await Expect(page.Locator("article.reader")).ToContainTextAsync($"Paragraph 200 of record {marker}");
        Assert.Empty(app.BrowserErrors(page));
    }

    [Fact]
    public async Task A_paste_over_the_limit_is_refused_next_to_the_box_without_being_sent()
    {
        var page = await OpenAddSourceAsync();
        await page.GetByLabel("Outlet", new() { Exact = true }).FillAsync("Example Wire");
        await page.GetByLabel("Title").FillAsync("Too long");
        await page.GetByLabel("Text of the article").FillAsync(new string('a', 2 * 1024 * 1024 + 10));
        await Expect(page.GetByTestId("import-paste-count")).ToHaveTextAsync("2,097,162 characters — over the limit");

        await page.GetByTestId("import-submit").ClickAsync();

        await Expect(page.GetByTestId("import-paste-error")).ToContainTextAsync("The text is 2,097,162 bytes; the limit is 2,097,152 bytes (2 MB).");
        Assert.Empty(app.BrowserErrors(page));
    }

    [Fact]
    public async Task The_form_fits_a_phone()
    {
        var page = await OpenAddSourceAsync(390, 844);
        await page.GetByLabel("Text of the article").FillAsync(Article("phone"));
        await E2EFixture.ScreenshotAsync(page, "import-narrow");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the page should not scroll sideways at 390px");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
    }

    [Fact]
    public async Task Journalists_and_visitors_see_no_way_to_add_a_source()
    {
        var visitor = await app.NewPageAsync();
        await app.GotoAndWaitForInteractiveAsync(visitor, "/sources");
        await Expect(visitor.GetByTestId("sources-table")).ToBeVisibleAsync();
        await Expect(visitor.GetByTestId("add-source")).ToHaveCountAsync(0);

        var journalist = await app.NewPageAsync();
        await app.SignInAsync(journalist, Demo.Journalist);
        await app.GotoAndWaitForInteractiveAsync(journalist, "/sources");
        await Expect(journalist.GetByTestId("sources-table")).ToBeVisibleAsync();
        await Expect(journalist.GetByTestId("add-source")).ToHaveCountAsync(0);

        await app.GotoAndWaitForInteractiveAsync(journalist, "/sources/new");
        await Expect(journalist.GetByTestId("import-not-allowed")).ToContainTextAsync("Only editors can add sources.");
        await Expect(journalist.GetByTestId("import-form")).ToHaveCountAsync(0);
    }
}
