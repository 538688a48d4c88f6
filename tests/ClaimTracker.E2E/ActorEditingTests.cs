using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>An editor corrects an actor's record from the actor's page; a visitor gets no such control.</summary>
[Collection(E2ECollection.SecondName)]
public sealed class ActorEditingTests(E2EFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task An_editor_adds_an_alias_to_an_actor_and_an_empty_name_is_refused_beside_the_field()
    {
        var page = await App.NewPageAsync();
        await App.SignInAsync(page, Demo.Editor);
        await App.GotoAndWaitForInteractiveAsync(page, "/actors");
        await page.Locator("[data-testid=actors-table] tbody a").Filter(new() { HasText = "Dmitry Peskov" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/actors/\d+$"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit actor" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var name = dialog.GetByLabel("Name");
        // The dialog loads the actor after it opens: typing before that is overwritten by the loaded name.
        await Expect(name).ToHaveValueAsync("Dmitry Peskov");
        await name.FillAsync("");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("required");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        await name.FillAsync("Dmitry Peskov");
        await dialog.GetByLabel("Aliases").FillAsync("Peskov, Dmitri Peskov");
        await E2EFixture.ScreenshotAsync(page, "actor-edit-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.GetByTestId("actor-header")).ToContainTextAsync("Also called: Peskov, Dmitri Peskov");
    }

    [Fact]
    public async Task A_visitor_sees_no_edit_control_on_an_actor_page()
    {
        var page = await App.NewPageAsync();
        await App.GotoAndWaitForInteractiveAsync(page, "/actors");
        await page.Locator("[data-testid=actors-table] tbody a").First.ClickAsync();
        await Expect(page.GetByTestId("actor-header")).ToBeVisibleAsync();

        await Expect(page.GetByTestId("actor-editor-tools")).ToHaveCountAsync(0);
    }
}

/// <summary>An editor removes a relation from a claim page and brings it back from History.</summary>
[Collection(E2ECollection.Name)]
public sealed class RemoveAndRestoreTests(E2EFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task An_editor_removes_a_relation_which_leaves_the_page_live_and_History_restores_it()
    {
        var page = await App.NewPageAsync(1366, 900);
        await App.SignInAsync(page, Demo.Editor);
        await App.GotoAndWaitForInteractiveAsync(page, "/claims?q=Peskov");
        // By its words: other browser tests on this server record more statements by Peskov.
        await page.Locator("[data-testid=claims-table]").GetByRole(AriaRole.Link, new() { Name = "Russia remains open to talks, and its position is well known.", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Russia remains open to talks, and its position is well known.");

        var bearsOn = page.GetByTestId("bears-on");
        await Expect(bearsOn).ToContainTextAsync("Vladimir Putin is ready to make a deal");
        await bearsOn.GetByTestId("remove-record").First.ClickAsync();
        await bearsOn.GetByTestId("confirm-remove").ClickAsync();

        // The page follows the change by itself: no reload.
        await Expect(page.GetByTestId("bears-on")).ToHaveCountAsync(0);
        var deleted = page.Locator("[data-testid=claim-history] [data-testid=history-entry][data-action=Deleted]").First;
        await Expect(deleted).ToBeVisibleAsync();
        await E2EFixture.ScreenshotAsync(page, "relation-removed-history");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        await deleted.GetByTestId("restore").ClickAsync();
        await Expect(page.GetByTestId("bears-on")).ToContainTextAsync("Vladimir Putin is ready to make a deal");
    }

    [Fact]
    public async Task An_editor_changes_how_a_statement_is_recorded_and_the_page_shows_it_without_a_reload()
    {
        var page = await App.NewPageAsync(1366, 900);
        await App.SignInAsync(page, Demo.Editor);
        await App.GotoAndWaitForInteractiveAsync(page, "/claims?q=Witkoff");
        // By the start of its words: another browser test edits the end of this claim's text.
        await page.Locator("[data-testid=claims-table]").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Steve Witkoff and Jared Kushner will travel to Moscow") }).ClickAsync();
        var assertions = page.GetByTestId("assertions");
        await Expect(assertions.Locator(".attribution .mode")).ToHaveTextAsync("outlet's own voice");

        await assertions.GetByTestId("edit-record").First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByText("outlet's own voice").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "paraphrase" }).ClickAsync();
        await dialog.GetByLabel("When").FillAsync("Thursday");
        await E2EFixture.ScreenshotAsync(page, "statement-edit-dialog");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(assertions.Locator(".attribution .mode")).ToHaveTextAsync("paraphrase");
        await Expect(assertions.Locator(".attribution")).ToContainTextAsync("Thursday");
    }
}
