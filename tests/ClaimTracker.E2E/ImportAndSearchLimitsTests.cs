using System.Text;
using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// Input past the limits is refused with the reason beside its field, and nothing typed is lost: an uploaded page
/// nested too deep to parse on /sources/new, and a search the claims browser cannot read.
/// </summary>
[Collection(E2ECollection.SecondName)]
public sealed class ImportAndSearchLimitsTests(E2EFixture app) : BrowserTest(app)
{

    private int SourcesTitled(string title)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = App.Server.DatabasePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Sources WHERE Title = $title";
        command.Parameters.AddWithValue("$title", title);
        return Convert.ToInt32(command.ExecuteScalar());
    }

    [Fact]
    public async Task A_page_nested_too_deep_is_refused_beside_the_file_keeping_everything_typed()
    {
        var page = await App.NewPageAsync();
        await App.SignInAsync(page, Demo.Editor);
        await App.GotoAndWaitForInteractiveAsync(page, "/sources/new");
        var title = $"Deeply nested page {Guid.NewGuid():N}"[..30];
        await page.GetByLabel("Outlet", new() { Exact = true }).FillAsync("Example Wire");
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Link (optional)").FillAsync("https://example.com/deep");

        // 100,000 nested <div>: half a megabyte, well inside the size limit, that took 42 s to parse before the depth limit.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Upload a file" }).ClickAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "deep.html",
            MimeType = "text/html",
            Buffer = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<div>", 100_000)) + "Peskov said so."),
        });

        const string Refusal = "\"deep.html\" nests its elements more than 256 levels deep, which no article does; paste the article's text, or save it as .txt.";
        var fileError = page.GetByTestId("import-file-error");
        await Expect(fileError).ToHaveTextAsync(Refusal);
        await Expect(page.GetByTestId("import-file-chosen")).ToContainTextAsync("deep.html");
        await Expect(page.GetByTestId("import-submit")).ToBeEnabledAsync();

        await page.GetByTestId("import-submit").ClickAsync();

        // Refused again on saving, by the service; the form keeps what was typed and the page its address.
        await Expect(page.GetByTestId("import-submit")).ToHaveTextAsync("Add source");
        await Expect(fileError).ToHaveTextAsync(Refusal);
        await Expect(page).ToHaveURLAsync(new Regex("/sources/new$"));
        await Expect(page.GetByLabel("Outlet", new() { Exact = true })).ToHaveValueAsync("Example Wire");
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync(title);
        await Expect(page.GetByLabel("Link (optional)")).ToHaveValueAsync("https://example.com/deep");
        await Expect(page.GetByTestId("import-failure")).ToHaveCountAsync(0);
        Assert.Equal(0, SourcesTitled(title));
        await E2EFixture.ScreenshotAsync(page, "import-too-deep");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        await page.SetViewportSizeAsync(390, 844);
        await Expect(fileError).ToBeVisibleAsync();
        await E2EFixture.ScreenshotAsync(page, "import-too-deep-narrow");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the page should not scroll sideways at 390px");
        Assert.Empty(App.BrowserErrors(page));
    }

    [Theory]
    [InlineData(201, "The search is too long: keep it to 200 characters (it has 201).")]
    [InlineData(0, "A quotation mark is not closed")]
    public async Task A_search_the_claims_browser_cannot_read_from_its_address_says_why_beside_the_box(int length, string message)
    {
        var search = length > 0 ? string.Concat(Enumerable.Repeat("putin deal ", 20))[..length] : "\"ready to make";
        var page = await App.NewPageAsync();
        await App.GotoAndWaitForInteractiveAsync(page, "/claims?q=" + Uri.EscapeDataString(search));

        var box = page.GetByLabel("Search claims, quotes and speakers");
        await Expect(box).ToHaveValueAsync(search);
        await Expect(page.GetByTestId("claim-search-help")).ToContainTextAsync(message);
        await Expect(box).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByTestId("claims-empty")).ToBeVisibleAsync();

        // Shortening it to what can be read finds claims again, from the same box.
        await box.FillAsync("putin deal");
        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]q=putin(\+|%20)deal"));
        await Expect(page.Locator("[data-testid=claims-table] tbody tr.claim-row").First).ToBeVisibleAsync();
        await Expect(page.GetByText(message)).ToHaveCountAsync(0);

        if (length > 0)
        {
            await App.GotoAndWaitForInteractiveAsync(page, "/claims?q=" + Uri.EscapeDataString(search));
            await Expect(page.GetByText(message)).ToBeVisibleAsync();
            await E2EFixture.ScreenshotAsync(page, "claims-search-too-long");
            await page.SetViewportSizeAsync(390, 844);
            await Expect(page.GetByText(message)).ToBeVisibleAsync();
            await E2EFixture.ScreenshotAsync(page, "claims-search-too-long-narrow");
        }
        Assert.Empty(App.BrowserErrors(page));
    }
}
