using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// Editors at work on the dispute page: edit a claim and see it saved (and in the History), relate it to another,
/// meet a second editor's change in the conflict dialog; visitors without the right see no edit controls.
/// Each test edits a claim no other browser test reads, so the shared database stays fit for them.
/// </summary>
[Collection(E2ECollection.SecondName)]
public sealed class EditingTests(E2EFixture app) : BrowserTest(app)
{
    private const string JournalistEmail = Demo.Journalist;

    private const string DavosClaim = "Trump will meet Zelensky at the World Economic Forum in Davos if Zelensky attends.";
    private const string MoscowClaim = "Steve Witkoff and Jared Kushner will travel to Moscow shortly.";

    /// <summary>Signs in through the plain login form, then opens <paramref name="path"/> with a live circuit.</summary>
    private async Task SignInAsync(IPage page, string email, string path = "/")
    {
        await App.SignInAsync(page, email);
        await App.GotoAndWaitForInteractiveAsync(page, path);
    }

    /// <summary>The dispute page's path for a claim found by searching its text.</summary>
    private async Task<string> ClaimPathAsync(IPage page, string search, string text)
    {
        await App.GotoAndWaitForInteractiveAsync(page, "/claims?q=" + Uri.EscapeDataString(search));
        await page.Locator("[data-testid=claims-table] tbody a.claim-link").Filter(new() { HasText = text }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/claims/\d+$"));
        return new Uri(page.Url).AbsolutePath;
    }

    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static ILocator Dialog(IPage page) => page.GetByRole(AriaRole.Dialog);

    [Fact]
    public async Task An_editor_edits_a_claim_sees_it_saved_and_in_the_history_and_relates_it_to_another()
    {
        var page = await App.NewPageAsync(1366, 900);
        await SignInAsync(page, Demo.Editor);
        var path = await ClaimPathAsync(page, "Davos", DavosClaim);
        await App.GotoAndWaitForInteractiveAsync(page, path);

        // Edit the text.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit claim" }).ClickAsync();
        var text = Dialog(page).GetByRole(AriaRole.Textbox, new() { Name = "Claim text" });
        await Expect(text).ToHaveValueAsync(DavosClaim);
        await E2EFixture.ScreenshotAsync(page, "editing-edit-dialog");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        // An empty text is refused beside the field.
        await text.FillAsync("");
        await Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Dialog(page)).ToContainTextAsync("The claim's text is required.");

        var edited = DavosClaim.Replace("if Zelensky attends", "if Zelensky attends the forum", StringComparison.Ordinal);
        await text.FillAsync(edited);
        await Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync(edited);
        await App.GotoAndWaitForInteractiveAsync(page, path);
        await Expect(Heading(page)).ToHaveTextAsync(edited); // stored, not only shown

        var history = page.Locator("[data-testid=claim-history]");
        var latest = history.Locator("[data-testid=history-entry]").First;
        await Expect(latest).ToContainTextAsync("edited the claim");
        await Expect(latest).ToContainTextAsync("Text:");
        await Expect(latest.Locator("del")).ToHaveTextAsync(DavosClaim);
        await Expect(latest.Locator("ins")).ToHaveTextAsync(edited);

        // Relate it to another claim, found by typing in the autocomplete.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add relation" }).ClickAsync();
        // The other claim first, with its typed text checked, so that a lost keystroke fails here and not as a missing option.
        var other = Dialog(page).GetByLabel("…the claim");
        await other.FillAsync("Witkoff");
        await Expect(other).ToHaveValueAsync("Witkoff");
        // Choose with the keyboard once the list is there: the list re-renders as results arrive, and a mouse click
        // can land on an item that is being replaced; the first match is the active one, Enter takes it.
        await Expect(page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Witkoff" }).First).ToBeVisibleAsync();
        await Expect(other).ToHaveAttributeAsync("aria-activedescendant", new Regex("item0$"));
        await other.PressAsync("Enter");
        await Expect(other).ToHaveValueAsync(new Regex("^Steve Witkoff and Jared Kushner"));
        await Dialog(page).GetByText("contradicts").First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "qualifies" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "qualifies" })).ToBeHiddenAsync();
        await Dialog(page).GetByRole(AriaRole.Textbox, new() { Name = "Rationale" }).FillAsync("The meeting depends on the Moscow trip's outcome.");
        await E2EFixture.ScreenshotAsync(page, "editing-relation-dialog");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
        await Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Add relation" }).ClickAsync();

        await Expect(page.Locator("[data-testid=bears-on]")).ToContainTextAsync("Witkoff");
        await Expect(history.Locator("[data-testid=history-entry]").First).ToContainTextAsync("created a relation");
        await E2EFixture.ScreenshotAsync(page, "editing-saved-with-history");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        var errors = App.BrowserErrors(page);
        Assert.True(errors.Count == 0, "The browser reported:\n" + string.Join("\n", errors));
    }

    [Fact]
    public async Task The_second_of_two_editors_gets_the_conflict_dialog_with_the_first_ones_text()
    {
        var first = await App.NewPageAsync(1280, 900);
        var second = await App.NewPageAsync(1280, 900);
        await SignInAsync(first, Demo.Editor);
        var path = await ClaimPathAsync(first, "Kushner", MoscowClaim);
        await SignInAsync(second, Demo.Editor, path);
        await App.GotoAndWaitForInteractiveAsync(first, path);

        // Both open the editor on the same version.
        foreach (var page in new[] { first, second })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Edit claim" }).ClickAsync();
            await Expect(Dialog(page).GetByRole(AriaRole.Textbox, new() { Name = "Claim text" })).ToHaveValueAsync(MoscowClaim);
        }

        const string firstText = "Steve Witkoff and Jared Kushner will travel to Moscow shortly, officials said.";
        const string secondText = "Steve Witkoff and Jared Kushner will travel to Moscow soon.";
        await Dialog(first).GetByRole(AriaRole.Textbox, new() { Name = "Claim text" }).FillAsync(firstText);
        await Dialog(first).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Heading(first)).ToHaveTextAsync(firstText);

        await Dialog(second).GetByRole(AriaRole.Textbox, new() { Name = "Claim text" }).FillAsync(secondText);
        await Dialog(second).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var conflict = second.Locator("[data-testid=conflict]");
        await Expect(conflict).ToBeVisibleAsync();
        await Expect(Dialog(second)).ToContainTextAsync("Someone else changed this claim");
        await Expect(conflict.Locator("[data-testid=their-version]")).ToContainTextAsync(firstText);
        await Expect(conflict.Locator("[data-testid=your-version]")).ToContainTextAsync(secondText);
        await E2EFixture.ScreenshotAsync(second, "editing-conflict-dialog");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(second);

        // The second editor reapplies deliberately; both changes are in the history.
        await Dialog(second).GetByRole(AriaRole.Button, new() { Name = "Save mine over theirs" }).ClickAsync();
        await Expect(Heading(second)).ToHaveTextAsync(secondText);
        var entries = second.Locator("[data-testid=claim-history] [data-testid=history-entry]");
        await Expect(entries.Nth(0).Locator("del")).ToHaveTextAsync(firstText);
        await Expect(entries.Nth(1).Locator("ins")).ToHaveTextAsync(firstText);
    }

    [Fact]
    public async Task Visitors_without_the_right_see_no_edit_controls()
    {
        var anonymous = await App.NewPageAsync();
        var path = await ClaimPathAsync(anonymous, "Davos", "Davos");
        await App.GotoAndWaitForInteractiveAsync(anonymous, path);
        await Expect(Heading(anonymous)).ToContainTextAsync("Davos");
        await Expect(anonymous.Locator("[data-testid=claim-editor-tools]")).ToHaveCountAsync(0);
        await Expect(anonymous.GetByRole(AriaRole.Button, new() { Name = "Edit claim" })).ToHaveCountAsync(0);
        await Expect(anonymous.Locator("[data-testid=claim-history]")).ToHaveCountAsync(0);
        await E2EFixture.ScreenshotAsync(anonymous, "editing-anonymous-no-controls");

        var journalist = await App.NewPageAsync();
        await SignInAsync(journalist, JournalistEmail, path);
        await Expect(journalist.Locator("[data-testid=claim-history]")).ToBeVisibleAsync();
        await Expect(journalist.Locator("[data-testid=claim-editor-tools]")).ToHaveCountAsync(0);
        await Expect(journalist.Locator("[data-testid=restore]")).ToHaveCountAsync(0);
    }
}
