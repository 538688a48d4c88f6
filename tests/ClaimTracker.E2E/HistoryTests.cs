using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// An editor changes a statement's stance and a draft verdict's rating and evidence, then reads the claim's History: one
/// line per change, in the words the pages use, with the raw fields behind "Details". The claim is made for this test.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class HistoryTests(E2EFixture app) : BrowserTest(app)
{
    private const string AgenciesQuote = "the Kremlin has shown little sign of abandoning its objectives in Ukraine";
    private const string GabbardQuote = "an assessment publicly questioned at the time by Director of National Intelligence Tulsi Gabbard";

    /// <summary>A GUID, "id", a JSON bracket: what the History showed before it spoke in words.</summary>
    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\bid\b|[\[\]{}]", RegexOptions.IgnoreCase)]
    private static partial Regex StorageText();

    /// <summary>"DirectQuote", "InReview", "RatingLabelId": a name from the code.</summary>
    [GeneratedRegex(@"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b")]
    private static partial Regex CodeName();

    /// <summary>A claim with two statements, Western intelligence agencies' (asserting) and Tulsi Gabbard's (questioning), and a draft rated Unsupported on the first.</summary>
    private async Task<(int ClaimId, string Text)> ClaimWithDraftAsync()
    {
        var tag = "wombat" + Guid.NewGuid().ToString("N")[..6];
        var factory = App.Server.Services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        db.ChangedBy = new ChangeAuthor("history-test", "Desk Editor");
        var source = await db.Sources.SingleAsync(s => s.Key == "reuters-ukraine-peace-talks");
        var agencies = await db.Actors.SingleAsync(a => a.Key == "western-intelligence");
        var gabbard = await db.Actors.SingleAsync(a => a.Key == "tulsi-gabbard");
        var claim = new Claim { Key = $"history-{tag}", Text = $"Putin still wants all of Ukraine ({tag}).", Status = ClaimStatus.VerdictDrafted };
        db.Claims.Add(claim);
        await db.SaveChangesAsync();
        var fromAgencies = Statement(source, agencies, claim, AgenciesQuote, Stance.Asserts, $"{tag}-agencies");
        db.Attributions.AddRange(fromAgencies, Statement(source, gabbard, claim, GabbardQuote, Stance.Questions, $"{tag}-gabbard"));
        await db.SaveChangesAsync();
        db.Verdicts.Add(new Verdict
        {
            ClaimId = claim.Id,
            RatingLabelId = 4, // Unsupported
            Rationale = "Nothing in the record backs it yet.",
            State = VerdictState.Draft,
            Evidence = [new VerdictEvidence(fromAgencies.Id, null, null, null)],
            AuthorId = "history-test",
            AuthorName = "Desk Editor",
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return (claim.Id, claim.Text);
    }

    private static Attribution Statement(Source source, Actor actor, Claim claim, string quote, Stance stance, string key)
    {
        var start = source.Text.IndexOf(quote, StringComparison.Ordinal);
        return new Attribution
        {
            Key = key,
            ActorId = actor.Id,
            ClaimId = claim.Id,
            SourceId = source.Id,
            Stance = stance,
            Mode = AttributionMode.Paraphrase,
            Anchor = TextAnchor.FromText(source.Text, start, start + quote.Length),
            AnchorRevision = source.Revision,
        };
    }

    private static async Task ScreenshotAsync(ILocator element, string name)
    {
        var directory = Path.Combine(RepositoryRoot.Path, "tests", "ClaimTracker.E2E", "screenshots");
        Directory.CreateDirectory(directory);
        // The app bar is fixed at the top: a screenshot of a tall section scrolls under it, so it is left out.
        await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(directory, name + ".png"), Style = ".mud-appbar { visibility: hidden; }" });
    }

    /// <summary>What the History says in words: every entry's text but the editors' Details, the names of people and the times.</summary>
    private static Task<string[]> WordsAsync(ILocator history) =>
        history.Locator("[data-testid=history-entry]").EvaluateAllAsync<string[]>("""
            entries => entries.map(entry => {
                const copy = entry.cloneNode(true);
                copy.querySelectorAll('strong, time, [data-testid=history-details]').forEach(e => e.remove());
                const texts = [];
                const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) texts.push(walker.currentNode.data);
                return texts.join(' ').replace(/\s+/g, ' ').trim();
            })
            """);

    private static async Task<bool> OverflowsAsync(IPage page) =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");

    /// <summary>
    /// After a resize: the layout follows asynchronously (MudBlazor's resize listener turns the menu drawer into an
    /// overlay over a round trip to the circuit), so wait for the page to fit the screen, and fail if it never does.
    /// </summary>
    private static async Task AssertSettlesWithinTheScreenAsync(IPage page, string message)
    {
        try
        {
            await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1",
                null, new() { Timeout = (float)E2EFixture.InteractiveTimeout.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            Assert.Fail(message);
        }
    }

    [Fact]
    public async Task An_editor_changes_a_stance_and_a_verdict_and_reads_the_history_in_plain_words_with_the_raw_fields_behind_details()
    {
        var (claimId, _) = await ClaimWithDraftAsync();
        var page = await App.NewPageAsync(1366, 900);
        await App.SignInAsync(page, Demo.Editor);
        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{claimId}");

        // The agencies' statement: asserts → denies.
        var assertions = page.GetByTestId("assertions");
        await Expect(assertions).ToContainTextAsync(AgenciesQuote);
        await assertions.GetByTestId("edit-record").First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("blockquote")).ToHaveTextAsync(AgenciesQuote);
        await dialog.Locator(".mud-select").First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "denies", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "denies", Exact = true })).ToBeHiddenAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.GetByTestId("assertions")).Not.ToContainTextAsync(AgenciesQuote);

        // The draft: Unsupported → Misleading, the agencies' statement out of the evidence, Gabbard's in.
        var panel = page.GetByTestId("verdict-panel");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Edit draft" }).ClickAsync();
        var form = panel.GetByTestId("verdict-form");
        await form.Locator(".mud-select").First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Misleading", Exact = true }).ClickAsync();
        var picker = form.GetByTestId("evidence-picker");
        await picker.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Western intelligence agencies") }).UncheckAsync();
        await picker.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Tulsi Gabbard") }).CheckAsync();
        await Expect(picker.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Tulsi Gabbard") })).ToBeCheckedAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(panel.GetByTestId("verdict-rating")).ToHaveTextAsync("Misleading");

        // The History, in words, newest first.
        var history = page.GetByTestId("claim-history");
        var entries = history.GetByTestId("history-entry");
        var verdictEntry = entries.Filter(new() { HasText = "edited the verdict" }).First;
        await Expect(verdictEntry).ToContainTextAsync("Rating: Unsupported → Misleading");
        await Expect(verdictEntry).ToContainTextAsync($"Evidence: removed Western intelligence agencies' statement “{AgenciesQuote}”");
        await Expect(verdictEntry).ToContainTextAsync($"Evidence: added Tulsi Gabbard's statement “{GabbardQuote}”");
        var stanceEntry = entries.Filter(new() { HasText = "edited a statement" }).First;
        await Expect(stanceEntry).ToContainTextAsync($"Western intelligence agencies' statement “{AgenciesQuote}”");
        await Expect(stanceEntry).ToContainTextAsync("Stance: asserts → denies");
        await Expect(entries.Filter(new() { HasText = "recorded a statement" }).Filter(new() { HasText = "Tulsi Gabbard's statement" })).ToContainTextAsync("Stance: questions");
        await Expect(entries.Filter(new() { HasText = "drafted the verdict" })).ToContainTextAsync("Rating: Unsupported");

        var words = await WordsAsync(history);
        Assert.NotEmpty(words);
        var raw = words.Where(w => StorageText().IsMatch(w) || CodeName().IsMatch(w)).ToList();
        Assert.True(raw.Count == 0, "Raw fields in the History's words:\n" + string.Join("\n", raw));

        // The raw fields stay folded away until an editor asks for them.
        var details = verdictEntry.GetByTestId("history-details");
        await Expect(details.Locator(".history-raw")).ToBeHiddenAsync();
        await history.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(history, "history-in-words");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        await details.GetByText("Details", new() { Exact = true }).ClickAsync();
        await Expect(details.Locator(".history-raw")).ToBeVisibleAsync();
        await Expect(details).ToContainTextAsync("RatingLabelId: 4 → 3");
        await Expect(details).ToContainTextAsync("\"attributionId\":");
        await Expect(details).ToContainTextAsync("Version: ");
        await stanceEntry.GetByTestId("history-details").GetByText("Details", new() { Exact = true }).ClickAsync();
        await Expect(stanceEntry.GetByTestId("history-details")).ToContainTextAsync("Stance: 0 → 2");
        Assert.False(await OverflowsAsync(page), "the page scrolls sideways with the Details open");
        await ScreenshotAsync(history, "history-details-open");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        // On a phone: the same lines wrap, the Details too.
        await page.SetViewportSizeAsync(390, 844);
        await Expect(details).ToContainTextAsync("RatingLabelId: 4 → 3"); // still open after the resize
        await AssertSettlesWithinTheScreenAsync(page, "the page scrolls sideways at 390 px");
        await ScreenshotAsync(history, "history-details-open-phone");
        await details.GetByText("Details", new() { Exact = true }).ClickAsync();
        await stanceEntry.GetByTestId("history-details").GetByText("Details", new() { Exact = true }).ClickAsync();
        await Expect(details.Locator(".history-raw")).ToBeHiddenAsync();
        await ScreenshotAsync(history, "history-in-words-phone");

        var errors = App.BrowserErrors(page);
        Assert.True(errors.Count == 0, "The browser reported:\n" + string.Join("\n", errors));
    }

    [Fact]
    public async Task A_journalist_reads_the_same_history_in_words_and_gets_no_details()
    {
        var (claimId, _) = await ClaimWithDraftAsync();
        var page = await App.NewPageAsync(1366, 900);
        await App.SignInAsync(page, Demo.Journalist);
        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{claimId}");

        var history = page.GetByTestId("claim-history");
        await Expect(history.GetByTestId("history-entry").Filter(new() { HasText = "recorded a statement" }).First).ToContainTextAsync("statement “");
        await Expect(history.GetByTestId("history-details")).ToHaveCountAsync(0);
        await Expect(history.GetByTestId("history-entry").Filter(new() { HasText = "drafted the verdict" }))
            .ToContainTextAsync("Verdict drafted (in review, visible to editors)");
        var words = await WordsAsync(history);
        Assert.DoesNotContain(words, w => CodeName().IsMatch(w) || w.Contains("Rating", StringComparison.Ordinal));
    }
}
