using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// An editor's path end to end: select the words of a statement in the reader and record it, note on it,
/// then take its claim through review to a published verdict.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class EditorFlowTests(E2EFixture app)
{
    private const string SeedArticleTitle = "Trump blames Zelensky, not Putin, for stalled Ukraine peace talks";

    private const string Phrase = "US-led efforts have yet to resolve Europe's biggest land war since World War II";

    [Fact]
    public async Task Editor_records_a_statement_from_a_selection_notes_on_it_and_publishes_a_verdict()
    {
        var page = await app.NewPageAsync(1366, 900);
        await app.SignInAsync(page, Demo.Editor);
        await app.GotoAndWaitForInteractiveAsync(page, "/sources");
        // The seeded article by its title: other browser tests add sources of their own to the same server.
        await page.Locator("[data-testid=sources-table] tbody a", new() { HasText = SeedArticleTitle }).ClickAsync();
        await Expect(page.Locator("[data-testid=source-text]")).ToBeVisibleAsync();

        // 1. Select an unattributed passage (the outlet's own words) and record it as Reuters' narration.
        await SourceTextSelection.SelectAsync(page, Phrase);
        var panel = page.GetByTestId("record-statement");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Attribute selected text" }).ClickAsync();
        await Expect(panel.GetByTestId("attribution-quote")).ToHaveTextAsync(Phrase);

        await panel.GetByRole(AriaRole.Button, new() { Name = "Record statement" }).ClickAsync();
        await Expect(panel).ToContainTextAsync("Choose who says it.");

        var who = panel.GetByLabel("Who says it");
        await who.FillAsync("Reuters");
        await Expect(who).ToHaveValueAsync("Reuters");
        // Keyboard, not a click: the list re-renders as results arrive (see EditingTests); Enter takes the active first match.
        await Expect(page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Reuters" }).First).ToBeVisibleAsync();
        await Expect(who).ToHaveAttributeAsync("aria-activedescendant", new Regex("item0$"));
        await who.PressAsync("Enter");
        await Expect(who).ToHaveValueAsync("Reuters");
        await panel.GetByLabel("…or a new claim, in neutral words").FillAsync("US-led efforts have not yet ended the war in Ukraine.");
        await E2EFixture.ScreenshotAsync(page, "editor-record-statement");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Record statement" }).ClickAsync();

        // The reader reloads pointed at the new statement: a highlighted mark over exactly the selected words.
        await Expect(page).ToHaveURLAsync(new Regex(@"/sources/\d+\?attribution=\d+#a-\d+$"));
        await app.WaitForInteractiveAsync(page);
        var attributionId = Regex.Match(page.Url, @"attribution=(\d+)").Groups[1].Value;
        var mark = page.Locator($"[data-testid=source-text] mark[data-attributions~='{attributionId}']");
        await Expect(mark).ToHaveTextAsync(Phrase);
        await E2EFixture.ScreenshotAsync(page, "editor-statement-recorded");

        // 2. Its claim: the statement is there; the editor notes on it.
        await mark.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("US-led efforts have not yet ended the war in Ukraine.");
        await Expect(page.Locator("[data-testid=assertions]")).ToContainTextAsync("Reuters");
        var notes = page.Locator("[data-testid=notes]");
        await notes.Locator("[data-testid=note-target]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Reuters" }).First.ClickAsync();
        await notes.Locator("[data-testid=new-note] textarea").FillAsync("Narration, not a quote: check the wire copy.");
        await notes.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(notes).ToContainTextAsync("Narration, not a quote: check the wire copy.");

        // 3. Review, draft, publish.
        var verdict = page.GetByTestId("verdict-panel");
        await verdict.GetByRole(AriaRole.Button, new() { Name = "Start review" }).ClickAsync();
        await Expect(verdict.GetByTestId("workflow-status")).ToHaveTextAsync("In review");
        await verdict.GetByRole(AriaRole.Button, new() { Name = "Draft verdict" }).ClickAsync();
        var form = verdict.GetByTestId("verdict-form");
        await form.Locator(".mud-select").First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Accurate", Exact = true }).ClickAsync();
        await form.GetByLabel("Rationale").FillAsync("The war began in 2022 and continues; talks have not ended it.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(verdict.GetByTestId("workflow-status")).ToHaveTextAsync("Verdict drafted");
        await verdict.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(verdict.GetByTestId("workflow-status")).ToHaveTextAsync("Published");
        await Expect(verdict.GetByTestId("verdict-rating")).ToHaveTextAsync("Accurate");
        await E2EFixture.ScreenshotAsync(page, "editor-flow-published");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        var errors = app.BrowserErrors(page);
        Assert.True(errors.Count == 0, "The browser reported:\n" + string.Join("\n", errors));
    }
}
