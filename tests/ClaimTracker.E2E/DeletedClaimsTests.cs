using ClaimTracker.E2E.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>An editor deletes a claim, finds it later among the deleted claims and restores it with its statement.</summary>
[Collection(E2ECollection.SecondName)]
public sealed class DeletedClaimsTests(E2EFixture app) : BrowserTest(app)
{

    /// <summary>A claim of its own with one statement, so deleting it changes nothing another test reads.</summary>
    private async Task<(int ClaimId, string Text)> StoreClaimAsync()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var text = $"The harbour crane {marker} will be replaced by spring, and the port will stay open while it is.";
        await using var db = new ClaimTrackerDbContext(new DbContextOptionsBuilder<ClaimTrackerDbContext>()
            .UseSqlite($"Data Source={App.Server.DatabasePath};Pooling=False").Options);
        var source = await db.Sources.OrderBy(s => s.Id).FirstAsync();
        var claim = new Claim { Key = $"crane-{marker}", Text = text, Topics = ["ports"] };
        db.Claims.Add(claim);
        db.Attributions.Add(new Attribution
        {
            Key = $"crane-{marker}-reuters",
            Claim = claim,
            ActorId = await db.Actors.Where(a => a.Key == "reuters").Select(a => a.Id).SingleAsync(),
            SourceId = source.Id,
            Anchor = TextAnchor.FromText(source.Text, 0, 20),
            Stance = Stance.Asserts,
            Mode = AttributionMode.Narration,
        });
        await db.SaveChangesAsync();
        return (claim.Id, text);
    }

    [Fact]
    public async Task An_editor_restores_a_deleted_claim_from_the_list_and_a_journalist_may_not_see_it()
    {
        var (claimId, text) = await StoreClaimAsync();
        var page = await App.NewPageAsync(1366, 900);
        await App.SignInAsync(page, Demo.Editor);
        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{claimId}");
        await page.GetByTestId("delete-claim").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/claims$"));
        // Its own page is gone (asked without navigating, so the browser logs no failed load).
        Assert.Equal(404, (await page.APIRequest.GetAsync($"/claims/{claimId}")).Status);

        // Later: the editors' menu leads to the deleted claims; the newest deletion is first.
        await App.GotoAndWaitForInteractiveAsync(page, "/claims");
        await page.GetByRole(AriaRole.Link, new() { Name = "Deleted claims" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Deleted claims");
        await App.WaitForInteractiveAsync(page);
        var rows = page.GetByTestId("deleted-claims").Locator("tbody tr");
        var row = rows.Filter(new() { HasText = text });
        await Expect(rows.First).ToContainTextAsync(text);
        await Expect(row).ToContainTextAsync("1 statement");
        await Expect(row).ToContainTextAsync("by Eddie Editor");
        await E2EFixture.ScreenshotAsync(page, "deleted-claims");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        // Searching words that no deleted claim has says so.
        var find = page.GetByLabel("Find a deleted claim by its words");
        await find.FillAsync("no claim says zyxwv");
        await Expect(page.GetByTestId("deleted-empty")).ToHaveTextAsync("No deleted claim has those words.");
        await find.FillAsync(text[..30]);
        await Expect(rows).ToHaveCountAsync(1);

        await row.GetByTestId("restore-claim").ClickAsync();
        await Expect(page.GetByTestId("restore-notice")).ToContainTextAsync("Restored “The harbour crane");
        await Expect(page.GetByTestId("restore-notice")).ToContainTextAsync("and 1 statement.");
        await Expect(page.GetByTestId("deleted-empty")).ToBeVisibleAsync();
        await page.GetByTestId("restored-link").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(text);
        await Expect(page.Locator("[data-testid=assertions]")).ToContainTextAsync("Reuters");

        var narrow = await App.NewPageAsync(390, 844);
        await App.SignInAsync(narrow, Demo.Editor);
        await App.GotoAndWaitForInteractiveAsync(narrow, "/claims/deleted");
        await E2EFixture.ScreenshotAsync(narrow, "deleted-claims-narrow");

        var journalist = await App.NewPageAsync();
        await App.SignInAsync(journalist, Demo.Journalist);
        await journalist.GotoAsync("/claims/deleted");
        await Expect(journalist.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not allowed");
        await Expect(journalist.GetByRole(AriaRole.Link, new() { Name = "Deleted claims" })).ToHaveCountAsync(0);
        Assert.Empty(App.BrowserErrors(page));
    }
}
