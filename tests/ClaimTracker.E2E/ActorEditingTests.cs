using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>An editor corrects an actor's record from the actor's page; a visitor gets no such control.</summary>
[Collection(E2ECollection.Name)]
public sealed class ActorEditingTests(E2EFixture app)
{
    [Fact]
    public async Task An_editor_adds_an_alias_to_an_actor_and_an_empty_name_is_refused_beside_the_field()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "editor@claimtracker.test", "ClaimTracker-demo-1!");
        await app.GotoAndWaitForInteractiveAsync(page, "/actors");
        await page.Locator("[data-testid=actors-table] tbody a").Filter(new() { HasText = "Dmitry Peskov" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/actors/\d+$"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit actor" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var name = dialog.GetByLabel("Name");
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
        var page = await app.NewPageAsync();
        await app.GotoAndWaitForInteractiveAsync(page, "/actors");
        await page.Locator("[data-testid=actors-table] tbody a").First.ClickAsync();
        await Expect(page.GetByTestId("actor-header")).ToBeVisibleAsync();

        await Expect(page.GetByTestId("actor-editor-tools")).ToHaveCountAsync(0);
    }
}
