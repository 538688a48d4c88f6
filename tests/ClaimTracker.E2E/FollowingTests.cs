using System.Security.Claims;
using ClaimTracker.E2E.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Editing;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Claim = System.Security.Claims.Claim;

namespace ClaimTracker.E2E;

/// <summary>
/// A journalist follows a claim from its page and an actor from theirs; the Following page lists both, and when an editor
/// changes the claim the open page shows the change without a reload; marking it seen and unfollowing empty the page again.
/// Each test signs in as an account of its own and follows records of its own, so the list it reads is its own.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class FollowingTests(E2EFixture app) : BrowserTest(app)
{
    private const string Password = "Follow-the-story-1!";

    [Theory]
    [InlineData(1280, 900, "following")]
    [InlineData(390, 844, "following-phone")]
    public async Task A_journalist_follows_a_claim_and_an_actor_and_sees_an_editors_change_arrive_live(int width, int height, string screenshot)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = await NewJournalistAsync(tag);
        var claim = await CreateClaimAsync($"The border crossing reopens on Monday ({tag})");
        var actor = await CreateActorAsync($"Regional governor {tag}");
        var page = await App.NewPageAsync(width, height);
        await App.SignInAsync(page, email, Password);

        await App.GotoAndWaitForInteractiveAsync(page, "/following");
        await Expect(page.GetByTestId("following-empty")).ToContainTextAsync("You are not following anything yet.");
        await FollowingScreenshotAsync(page, screenshot + "-empty");

        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{claim}");
        var follow = page.GetByTestId("follow-button");
        await Expect(follow).ToHaveTextAsync("Follow");
        await Expect(follow).ToHaveAttributeAsync("aria-pressed", "false");
        await follow.ClickAsync();
        await Expect(follow).ToHaveTextAsync("Following");
        await Expect(follow).ToHaveAttributeAsync("aria-pressed", "true");
        await FollowingScreenshotAsync(page, screenshot + "-claim-button");

        await App.GotoAndWaitForInteractiveAsync(page, $"/actors/{actor}");
        await page.GetByTestId("follow-button").ClickAsync();
        await Expect(page.GetByTestId("follow-button")).ToHaveTextAsync("Following");

        // Through the menu, as a reader would: the page is reached within the app, so the marker below survives only
        // if nothing reloads it afterwards.
        await App.GotoAndWaitForInteractiveAsync(page, "/following");
        await page.EvaluateAsync("() => window.__followingNotReloaded = true");
        var claimItem = page.Locator($"[data-testid=followed-item][data-kind=claim][data-target='{claim}']");
        var actorItem = page.Locator($"[data-testid=followed-item][data-kind=actor][data-target='{actor}']");
        await Expect(claimItem.GetByTestId("followed-news")).ToContainTextAsync("Nothing new since you looked");
        await Expect(actorItem.GetByTestId("followed-title")).ToHaveTextAsync($"Regional governor {tag}");

        // An editor rewords the claim elsewhere: the open page shows it.
        await RewordClaimAsync(claim, $"The border crossing reopens on Tuesday ({tag})");
        await Expect(claimItem.GetByTestId("followed-news")).ToContainTextAsync("1 change since you looked");
        await Expect(claimItem.GetByTestId("followed-change")).ToContainTextAsync($"The border crossing reopens on Tuesday ({tag})");
        await Expect(claimItem.GetByTestId("followed-change")).ToContainTextAsync("Desk Editor");
        // The changed claim now leads the list.
        await Expect(page.GetByTestId("followed-item").First).ToHaveAttributeAsync("data-target", claim.ToString());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__followingNotReloaded === true"), "The Following page reloaded instead of updating.");
        await FollowingScreenshotAsync(page, screenshot);
        await E2EFixture.AssertNoAxeViolationsAsync(page);

        await claimItem.GetByTestId("mark-seen").ClickAsync();
        await Expect(claimItem.GetByTestId("followed-news")).ToContainTextAsync("Nothing new since you looked");
        await Expect(claimItem.GetByTestId("mark-seen")).ToHaveCountAsync(0);

        await claimItem.GetByTestId("unfollow").ClickAsync();
        await Expect(claimItem).ToHaveCountAsync(0);
        await actorItem.GetByTestId("unfollow").ClickAsync();
        await Expect(page.GetByTestId("following-empty")).ToBeVisibleAsync();

        Assert.Empty(App.BrowserErrors(page));
    }

    [Fact]
    public async Task Nobody_signed_in_sees_no_follow_button_and_is_sent_to_sign_in_from_the_following_page()
    {
        var claim = await CreateClaimAsync($"The ferry resumes sailings ({Guid.NewGuid():N})");
        var page = await App.NewPageAsync();
        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{claim}");
        await Expect(page.GetByTestId("claim-header")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("follow-button")).ToHaveCountAsync(0);

        await page.GotoAsync("/following");
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
    }

    private static async Task FollowingScreenshotAsync(IPage page, string name) => await E2EFixture.ScreenshotAsync(page, name);

    private async Task<string> NewJournalistAsync(string tag)
    {
        var email = $"follower-{tag}@claimtracker.test";
        await using var scope = App.Server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Follower {tag}" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Journalist)).Succeeded);
        return email;
    }

    private async Task<int> CreateClaimAsync(string text)
    {
        var created = await AsEditorAsync(s => s.CreateClaimAsync(new ClaimDraft(text, ["border"])));
        return created.Value!.Id;
    }

    private async Task<int> CreateActorAsync(string name)
    {
        var created = await AsEditorAsync(s => s.CreateActorAsync(new ActorDraft(name, ActorKind.Person, "Governor", null, [])));
        return created.Value!.Id;
    }

    private async Task RewordClaimAsync(int claim, string text)
    {
        var version = await App.QueryAsync(db => db.Claims.Where(c => c.Id == claim).Select(c => c.Version).SingleAsync());
        await AsEditorAsync(s => s.UpdateClaimAsync(claim, version, new ClaimDraft(text, ["border"])));
    }

    /// <summary>As an editor of the newsroom, through the service editors' pages use, so the change is announced as theirs would be.</summary>
    private async Task<EditResult<T>> AsEditorAsync<T>(Func<RecordEditService, Task<EditResult<T>>> call) where T : class
    {
        await using var scope = App.Server.Services.CreateAsyncScope();
        var editor = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "e2e-following-editor"),
                new Claim(AccountClaims.DisplayName, "Desk Editor"),
                new Claim(ClaimTypes.Role, Roles.Editor),
            ], authenticationType: "Test"));
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(editor)));
        var result = await call(scope.ServiceProvider.GetRequiredService<RecordEditService>());
        Assert.Equal(EditOutcome.Saved, result.Outcome);
        return result;
    }
}
