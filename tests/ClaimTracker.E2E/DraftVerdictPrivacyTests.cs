using System.Security.Claims;
using ClaimTracker.E2E.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Claim = ClaimTracker.Web.Domain.Claim;

namespace ClaimTracker.E2E;

/// <summary>
/// A journalist opens a claim whose verdict is a draft: the verdict panel and the History say a verdict is in review,
/// and nothing of the draft (its rationale, its rating, its evidence) reaches the browser. The claim is made for this
/// test, and the draft is written through the verdict service as an editor, so no other test sees them.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class DraftVerdictPrivacyTests(E2EFixture app) : BrowserTest(app)
{

    private async Task<(int ClaimId, string Marker)> ClaimWithDraftAsync()
    {
        var tag = "wombat" + Guid.NewGuid().ToString("N")[..6];
        var marker = $"DRAFT-ONLY-{tag}";
        var services = App.Server.Services;
        int claimId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>().CreateDbContextAsync())
        {
            var claim = new Claim { Key = $"draft-privacy-{tag}", Text = $"The ceasefire talks will resume next month ({tag}).", CreatedAt = DateTimeOffset.UtcNow, Topics = ["peace talks"] };
            db.Claims.Add(claim);
            await db.SaveChangesAsync();
            claimId = claim.Id;
        }

        // As an editor, through the service that editors use: start the review, save a draft.
        await using var scope = services.CreateAsyncScope();
        var editor = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new System.Security.Claims.Claim(ClaimTypes.NameIdentifier, "e2e-draft-editor"),
                new System.Security.Claims.Claim(AccountClaims.DisplayName, "Desk Editor"),
                new System.Security.Claims.Claim(ClaimTypes.Role, Roles.Editor),
            ], authenticationType: "Test"));
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(editor)));
        var verdicts = scope.ServiceProvider.GetRequiredService<VerdictWorkflow>();
        Assert.Equal(EditOutcome.Saved, (await verdicts.StartReviewAsync(claimId)).Outcome);
        var draft = await verdicts.SaveDraftAsync(claimId, new VerdictInput
        {
            RatingLabelId = 5,
            Rationale = $"Not yet confirmed with a second source: {marker}.",
            Urls = [$"https://evidence.example/{marker}"],
        }, null);
        Assert.Equal(EditOutcome.Saved, draft.Outcome);
        return (claimId, marker);
    }

    [Theory]
    [InlineData(1280, 900, "draft-verdict-journalist")]
    [InlineData(390, 844, "draft-verdict-journalist-narrow")]
    public async Task A_journalist_sees_that_a_verdict_is_in_review_and_not_its_draft(int width, int height, string screenshot)
    {
        var (claimId, marker) = await ClaimWithDraftAsync();
        var page = await App.NewPageAsync(width, height);
        await App.SignInAsync(page, Demo.Journalist);

        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{claimId}");

        var panel = page.Locator("[data-testid=verdict-panel]");
        await Expect(panel.Locator("[data-testid=workflow-status]")).ToHaveTextAsync("Verdict drafted");
        await Expect(panel.Locator("[data-testid=no-verdict]")).ToHaveTextAsync(
            "A verdict is in review. Its rating and rationale are visible to editors until it is published.");
        await Expect(panel.Locator("[data-testid=verdict]")).ToHaveCountAsync(0);

        var history = page.Locator("[data-testid=claim-history]");
        var drafted = history.Locator("[data-testid=history-entry]").Filter(new() { HasText = "the verdict" }).First;
        await Expect(drafted.Locator("[data-testid=history-withheld]")).ToHaveTextAsync("Verdict drafted (in review, visible to editors)");
        await Expect(drafted.Locator(".history-changes")).ToHaveCountAsync(0);

        // Nowhere in the page, visible or not: not in the text, not in an attribute, not in the head.
        Assert.DoesNotContain(marker, await page.ContentAsync());
        Assert.Equal(0, await page.Locator("head script[type='application/ld+json']").CountAsync());

        await E2EFixture.ScreenshotAsync(page, screenshot);
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
        var errors = App.BrowserErrors(page);
        Assert.True(errors.Count == 0, "The browser reported:\n" + string.Join("\n", errors));
        await page.Context.CloseAsync();
    }
}
