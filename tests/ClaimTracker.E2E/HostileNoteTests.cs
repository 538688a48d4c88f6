using System.Text;
using ClaimTracker.E2E.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// Hostile notes in a real browser: each kind is posted as a note on a claim and as a span note in the reader, and is
/// either refused beside the field (the text kept) or stored and shown inert; a note stored before the limits, too deep
/// for Markdown, arrives live as plain text; and both pages keep serving, to a journalist and to an anonymous reader,
/// with the circuit alive. The claim and the source are made for this test, so no other test sees these notes.
/// </summary>
[Collection(E2ECollection.SecondName)]
public sealed class HostileNoteTests(E2EFixture app) : BrowserTest(app)
{
    private const string Passage = "the talks would resume in the spring";

    private sealed record Place(int ClaimId, int SourceId, string Text, string Tag);

    /// <summary>One kind of hostile note: what is typed, and either the refusal expected beside the field or a marker of the stored note.</summary>
    private sealed record Hostile(string Kind, string Body, string? Refusal, string? Marker);

    private static IReadOnlyList<Hostile> Kinds(string tag) =>
    [
        new("nested quotes 300 deep", new string('>', 300) + $" deep-{tag}", "Quotes and lists can be nested at most 8 levels deep", null),
        new("HTML and script", $"html-{tag} <script>window.__pwned = 1</script> <img src=x onerror=\"window.__pwned = 2\"> [x](javascript:window.__pwned=3) **bold**", null, $"html-{tag}"),
        new("100,001 characters", new string('w', 100_001), "A note can be at most 10,000 characters", null),
        new("right-to-left and zero-width marks", $"rtl-{tag} \u202Eopen override\u200B\u200D \u200F\u2067isolate", null, $"rtl-{tag}"),
        new("control characters", $"ctl-{tag} bell\u0007 escape\u001b[31m red\u0008 backspace", null, $"ctl-{tag}"),
    ];

    /// <summary>A claim and a source of about 8,500 characters (longer than a span may be), with the passage the span notes select.</summary>
    private async Task<Place> PlaceAsync()
    {
        var tag = "hostile" + Guid.NewGuid().ToString("N")[..6];
        var text = new StringBuilder();
        for (var i = 1; i <= 100; i++)
        {
            text.Append($"Paragraph {i} of the dispatch reports what officials said about the negotiations.\n\n");
            if (i == 3)
            {
                text.Append($"A spokesman said {Passage}, without giving a date.\n\n");
            }
        }
        var factory = App.Server.Services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var claim = new Claim { Key = $"claim-{tag}", Text = $"Talks will resume in the spring ({tag}).", CreatedAt = DateTimeOffset.UtcNow, Topics = ["peace talks"] };
        var source = new Source($"source-{tag}", "Hostile Wire", $"Talks to resume ({tag})", new DateOnly(2026, 1, 20), null, text.ToString().TrimEnd());
        db.Claims.Add(claim);
        db.Sources.Add(source);
        await db.SaveChangesAsync();
        return new Place(claim.Id, source.Id, source.Text, tag);
    }

    /// <summary>Stores a note as a version of the app without limits could have, and announces it to open pages.</summary>
    private async Task StoreUnrenderableNoteAsync(Place place, string body, bool onSpan)
    {
        var factory = App.Server.Services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var at = place.Text.IndexOf(Passage, StringComparison.Ordinal);
            db.Annotations.Add(onSpan
                ? new Annotation { SourceId = place.SourceId, Anchor = TextAnchor.FromText(place.Text, at, at + Passage.Length), Body = body, AuthorId = "old", AuthorName = "Old Version", CreatedAt = DateTimeOffset.UtcNow }
                : new Annotation { ClaimId = place.ClaimId, Body = body, AuthorId = "old", AuthorName = "Old Version", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        App.Server.Services.GetRequiredService<IClaimChangeNotifier>().Publish(new ClaimChange(place.ClaimId, ClaimChangeKind.Annotation));
    }

    /// <summary>Types a hostile note into <paramref name="editor"/> and submits it; checks the refusal beside the field or the note shown inert.</summary>
    private static async Task PostAsync(IPage page, ILocator section, string editorTestId, Hostile hostile)
    {
        var editor = section.Locator($"[data-testid={editorTestId}]");
        var box = editor.Locator("textarea");
        await box.FillAsync(hostile.Body);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();

        if (hostile.Refusal is not null)
        {
            await Expect(editor).ToContainTextAsync(hostile.Refusal);
            // Nothing typed is lost: the text is still in the box to fix (up to the box's own cap, twice the limit).
            var kept = await box.EvaluateAsync<int>("e => e.value.length");
            Assert.True(kept >= Math.Min(hostile.Body.Length, 10_001), $"{hostile.Kind}: the box kept {kept} characters");
            return;
        }

        var note = section.Locator("[data-testid=note]").Filter(new() { HasText = hostile.Marker! });
        await Expect(note).ToHaveCountAsync(1);
        var body = note.Locator("[data-testid=note-body]");
        await Expect(body.Locator("script, img, iframe, svg")).ToHaveCountAsync(0);
        await Expect(body.Locator("a[href^='javascript']")).ToHaveCountAsync(0);
        var shown = await body.EvaluateAsync<string>("e => e.textContent");
        Assert.DoesNotContain('\u0007', shown);
        Assert.DoesNotContain('\u001b', shown);
        if (hostile.Kind.StartsWith("right-to-left", StringComparison.Ordinal))
        {
            // The override and the isolate are closed inside the note, so they cannot turn the page's text around.
            Assert.Contains("\u202C", shown);
            Assert.Contains("\u2069", shown);
            Assert.Contains("\u200B\u200D", shown);
        }
        if (hostile.Kind == "HTML and script")
        {
            await Expect(body).ToContainTextAsync("<script>window.__pwned = 1</script>");
            await Expect(body.Locator("strong")).ToHaveTextAsync("bold");
        }
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
    }

    [Fact]
    public async Task Hostile_notes_on_a_claim_and_in_the_reader_are_refused_or_shown_inert_and_both_pages_keep_serving()
    {
        var place = await PlaceAsync();
        var kinds = Kinds(place.Tag);
        var page = await App.NewPageAsync(1366, 900);
        await App.SignInAsync(page, Demo.Journalist);

        // ---- the claim page
        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{place.ClaimId}");
        await page.EvaluateAsync("() => { window.__notReloaded = true; }");
        var notes = page.Locator("[data-testid=notes]");
        foreach (var hostile in kinds)
        {
            await PostAsync(page, notes, "new-note", hostile);
        }

        // A note stored before the limits, too deep for Markdown, arrives live: shown as its text, and the page lives on.
        await StoreUnrenderableNoteAsync(place, new string('>', 300) + $" stored-{place.Tag}", onSpan: false);
        var stored = notes.Locator("[data-testid=note]").Filter(new() { HasText = $"stored-{place.Tag}" });
        await Expect(stored).ToHaveCountAsync(1);
        await Expect(stored.Locator("blockquote")).ToHaveCountAsync(0);
        await Expect(stored.Locator("[data-testid=note-body]")).ToContainTextAsync(new string('>', 300));
        await PostAsync(page, notes, "new-note", new("a plain note after it", $"alive-{place.Tag} **still live**", null, $"alive-{place.Tag}"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"), "the claim page was reloaded");
        await ScreenshotAsync(page, notes, "hostile-notes-claim");
        // The refusal as a journalist sees it, beside the field, with what they typed still there.
        await PostAsync(page, notes, "new-note", kinds[0]);
        await notes.Locator("[data-testid=new-note]").ScreenshotAsync(new() { Path = ScreenshotPath("hostile-notes-refused") });

        // ---- the reader
        await App.GotoAndWaitForInteractiveAsync(page, $"/sources/{place.SourceId}");
        var panel = page.Locator("[data-testid=span-notes]");

        // The whole text is more than a span may hold: refused before anything is sent, with the reason.
        await page.EvaluateAsync("""
            () => {
                const container = document.querySelector('[data-testid=source-text]');
                const range = document.createRange();
                range.selectNodeContents(container);
                window.getSelection().removeAllRanges();
                window.getSelection().addRange(range);
            }
            """);
        await page.WaitForFunctionAsync("() => window.getSelection().toString().length > 5000");
        await page.EvaluateAsync("() => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)))");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Note on selected text" }).ClickAsync();
        await Expect(panel).ToContainTextAsync("select at most 5,000");

        foreach (var hostile in kinds)
        {
            if (await panel.Locator("[data-testid=new-span-note]").CountAsync() == 0)
            {
                await SourceTextSelection.SelectAsync(page, Passage);
                await panel.GetByRole(AriaRole.Button, new() { Name = "Note on selected text" }).ClickAsync();
                await Expect(panel.Locator("[data-testid=selected-quote]")).ToHaveTextAsync(Passage);
            }
            await PostAsync(page, panel, "new-span-note", hostile);
        }
        await StoreUnrenderableNoteAsync(place, new string('>', 300) + $" stored-span-{place.Tag}", onSpan: true);
        await page.ReloadAsync();
        await App.WaitForInteractiveAsync(page);
        var storedSpan = panel.Locator("[data-testid=note]").Filter(new() { HasText = $"stored-span-{place.Tag}" });
        await Expect(storedSpan).ToHaveCountAsync(1);
        await Expect(storedSpan.Locator("blockquote")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, panel, "hostile-notes-reader");
        Assert.True(App.BrowserErrors(page).Count == 0, string.Join("\n", App.BrowserErrors(page)));

        // ---- an anonymous reader: both pages answer, every stored note shown inert
        var anonymous = await App.NewPageAsync(390, 844);
        var claimResponse = await App.GotoAndWaitForInteractiveAsync(anonymous, $"/claims/{place.ClaimId}");
        Assert.Equal(200, claimResponse.Status);
        var anonymousNotes = anonymous.Locator("[data-testid=notes]");
        foreach (var marker in new[] { $"html-{place.Tag}", $"rtl-{place.Tag}", $"ctl-{place.Tag}", $"stored-{place.Tag}" })
        {
            await Expect(anonymousNotes.Locator("[data-testid=note]").Filter(new() { HasText = marker })).ToHaveCountAsync(1);
        }
        await Expect(anonymousNotes.Locator("script, img, blockquote")).ToHaveCountAsync(0);
        await ScreenshotAsync(anonymous, anonymousNotes, "hostile-notes-claim-narrow");
        var readerResponse = await App.GotoAndWaitForInteractiveAsync(anonymous, $"/sources/{place.SourceId}");
        Assert.Equal(200, readerResponse.Status);
        var anonymousPanel = anonymous.Locator("[data-testid=span-notes]");
        await Expect(anonymousPanel.Locator("[data-testid=note]").Filter(new() { HasText = $"stored-span-{place.Tag}" })).ToHaveCountAsync(1);
        await ScreenshotAsync(anonymous, anonymousPanel, "hostile-notes-reader-narrow");
        Assert.Null(await anonymous.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        Assert.True(App.BrowserErrors(anonymous).Count == 0, string.Join("\n", App.BrowserErrors(anonymous)));
    }

    /// <summary>The section close up, and the whole page.</summary>
    private static async Task ScreenshotAsync(IPage page, ILocator section, string name)
    {
        await section.ScreenshotAsync(new() { Path = ScreenshotPath(name + "-section") });
        await E2EFixture.ScreenshotAsync(page, name);
    }

    private static string ScreenshotPath(string name) => Path.Combine(RepositoryRoot.Path, "tests", "ClaimTracker.E2E", "screenshots", name + ".png");
}
