using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// Notes in a real browser: an editor's note reaches a journalist's open page live, HTML in a note stays text,
/// and a note is made on a passage selected in the reader.
/// </summary>
[Collection(E2ECollection.SecondName)]
public sealed class AnnotationTests(E2EFixture app) : BrowserTest(app)
{
    private const string DealClaim = "Vladimir Putin is ready to make a deal to end the war in Ukraine.";

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await App.NewPageAsync(1366, 900);
        await App.SignInAsync(page, email);
        await Expect(page.Locator("[data-testid=user-name]")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A close-up beside the full-page screenshots, to check the section itself.</summary>
    private static Task<byte[]> ElementScreenshotAsync(ILocator element, string name) =>
        element.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot.Path, "tests", "ClaimTracker.E2E", "screenshots", name + ".png") });

    private async Task<string> DealClaimPathAsync(IPage page)
    {
        await App.GotoAndWaitForInteractiveAsync(page, "/claims?q=deal");
        var link = page.Locator("[data-testid=claims-table]").GetByRole(AriaRole.Link, new() { Name = DealClaim });
        return (await link.GetAttributeAsync("href"))!;
    }

    [Fact]
    public async Task An_editors_note_appears_live_for_a_journalist_and_html_in_it_stays_inert()
    {
        var editor = await SignedInAsync(Demo.Editor);
        var journalist = await SignedInAsync(Demo.Journalist);
        var claimPath = await DealClaimPathAsync(editor);

        // The journalist already has the claim open; a marker on window proves the page is never reloaded.
        await App.GotoAndWaitForInteractiveAsync(journalist, claimPath);
        await journalist.EvaluateAsync("() => { window.__notReloaded = true; }");
        var journalistNotes = journalist.Locator("[data-testid=notes]");
        await Expect(journalistNotes).ToBeVisibleAsync();

        await App.GotoAndWaitForInteractiveAsync(editor, claimPath);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var body = $"Peskov's agreement is itself an assessment ({marker}) — **link it**. <script>window.__pwned = 1</script> <img src=x onerror=\"window.__pwned = 2\"> [bad](javascript:window.__pwned=3)";
        var editorNotes = editor.Locator("[data-testid=notes]");

        // An empty note is refused beside the field.
        await editorNotes.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(editorNotes.Locator("[data-testid=new-note]")).ToContainTextAsync("cannot be empty");

        await editorNotes.Locator("[data-testid=new-note] textarea").FillAsync(body);
        await editorNotes.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        var editorNote = editorNotes.Locator("[data-testid=note]").Filter(new() { HasText = marker });
        await Expect(editorNote).ToHaveCountAsync(1);
        await Expect(editorNote.GetByRole(AriaRole.Button, new() { Name = "Edit" })).ToBeVisibleAsync();

        // Live on the journalist's page, without a reload.
        var journalistNote = journalistNotes.Locator("[data-testid=note]").Filter(new() { HasText = marker });
        await Expect(journalistNote).ToHaveCountAsync(1);
        Assert.True(await journalist.EvaluateAsync<bool>("() => window.__notReloaded === true"), "the journalist's page was reloaded");

        // Rendered Markdown, and the HTML shown as text, never run.
        var noteBody = journalistNote.Locator("[data-testid=note-body]");
        await Expect(noteBody.Locator("strong")).ToHaveTextAsync("link it");
        await Expect(noteBody).ToContainTextAsync("<script>window.__pwned = 1</script>");
        await Expect(noteBody.Locator("script, img")).ToHaveCountAsync(0);
        await Expect(noteBody.Locator("a[href^='javascript']")).ToHaveCountAsync(0);
        Assert.Null(await journalist.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        Assert.Null(await editor.EvaluateAsync<int?>("() => window.__pwned ?? null"));

        // A journalist may reply, but not edit or delete an editor's note.
        await Expect(journalistNote.GetByRole(AriaRole.Button, new() { Name = "Reply" })).ToBeVisibleAsync();
        await Expect(journalistNote.GetByRole(AriaRole.Button, new() { Name = "Edit" })).ToHaveCountAsync(0);
        await Expect(journalistNote.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);

        // The journalist's reply reaches the editor live too.
        await journalistNote.GetByRole(AriaRole.Button, new() { Name = "Reply" }).ClickAsync();
        await journalistNote.Locator("[data-testid=note-reply] textarea").FillAsync($"Agreed, linking it now ({marker}-reply).");
        await journalistNote.GetByRole(AriaRole.Button, new() { Name = "Reply" }).Last.ClickAsync();
        await Expect(editorNote.Locator(".note-replies [data-testid=note]")).ToContainTextAsync($"{marker}-reply");

        // A note on one of the claim's attributions: Trump's words.
        await editorNotes.Locator("[data-testid=note-target]").ClickAsync();
        await editor.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Donald Trump" }).First.ClickAsync();
        await editorNotes.Locator("[data-testid=new-note] textarea").FillAsync($"Direct quote, Oval Office ({marker}-attribution).");
        await editorNotes.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        var onAttribution = journalistNotes.Locator("[data-testid=note]").Filter(new() { HasText = $"{marker}-attribution" });
        await Expect(onAttribution).ToContainTextAsync("on Donald Trump’s words “ready to make a deal”");

        await ElementScreenshotAsync(journalistNotes, "notes-section-journalist");
        await ElementScreenshotAsync(editorNotes, "notes-section-editor");
        await E2EFixture.ScreenshotAsync(editor, "notes-editor");
        await E2EFixture.ScreenshotAsync(journalist, "notes-journalist-live");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(journalist);
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(editor);
        Assert.True(App.BrowserErrors(journalist).Count == 0, string.Join("\n", App.BrowserErrors(journalist)));
    }

    [Fact]
    public async Task An_anonymous_visitor_sees_notes_but_no_note_controls()
    {
        var page = await App.NewPageAsync(1366, 900);
        await App.GotoAndWaitForInteractiveAsync(page, await DealClaimPathAsync(page));

        var notes = page.Locator("[data-testid=notes]");
        await Expect(notes.GetByRole(AriaRole.Link, new() { Name = "Sign in to comment" })).ToBeVisibleAsync();
        await Expect(notes.Locator("textarea")).ToHaveCountAsync(0);
        await Expect(notes.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_note_on_a_passage_selected_in_the_reader_records_the_exact_span()
    {
        var page = await SignedInAsync(Demo.Journalist);
        await App.GotoAndWaitForInteractiveAsync(page, await DealClaimPathAsync(page));
        var readerLink = await page.Locator("[data-testid=assertions] .attribution").Filter(new() { HasText = "Donald Trump" })
            .Locator("a.source-link").GetAttributeAsync("href");
        var readerPath = readerLink!.Split('?')[0];
        await App.GotoAndWaitForInteractiveAsync(page, readerPath);

        // Select from plain text into the highlighted quote: 'Vladimir Putin is "ready to make a deal'.
        // The nodes are found by their own text; the offsets the app records must match the stored text.
        await page.EvaluateAsync(@"() => {
            const container = document.querySelector('[data-testid=source-text]');
            const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode()) && !node.data.endsWith('Vladimir Putin is ""')) { }
            const start = node;
            const end = walker.nextNode();
            const range = document.createRange();
            range.setStart(start, start.data.length - 'Vladimir Putin is ""'.length);
            range.setEnd(end, 'ready to make a deal'.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }");
        var storedText = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "seeds", "reuters-2026-01-15-ukraine-peace-talks.txt"));
        const string quote = "Vladimir Putin is \"ready to make a deal";
        var expectedStart = storedText.IndexOf(quote, StringComparison.Ordinal);
        Assert.True(expectedStart > 0);
        Assert.Equal(-1, storedText.IndexOf(quote, expectedStart + 1, StringComparison.Ordinal));

        var panel = page.Locator("[data-testid=span-notes]");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Note on selected text" }).ClickAsync();
        await Expect(panel.Locator("[data-testid=selected-quote]")).ToHaveTextAsync(quote);
        var marker = Guid.NewGuid().ToString("N")[..8];
        await panel.Locator("[data-testid=new-span-note] textarea").FillAsync($"Reuters' paraphrase runs into Trump's quote here ({marker}).");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();

        var spanNote = panel.Locator(".span-note").Filter(new() { HasText = marker });
        await Expect(spanNote).ToHaveCountAsync(1);
        var quoteLink = spanNote.Locator("a.span-quote");
        await Expect(quoteLink).ToHaveTextAsync($"“{quote}”");
        Assert.EndsWith($"?from={expectedStart}&to={expectedStart + quote.Length}", await quoteLink.GetAttributeAsync("href"));

        await E2EFixture.ScreenshotAsync(page, "reader-span-note");
        await ElementScreenshotAsync(panel, "reader-span-notes-panel");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        // The link shows the passage in the text.
        await quoteLink.ClickAsync();
        await Expect(page.Locator("[data-testid=source-text] .focus").First).ToBeVisibleAsync();
    }
}
