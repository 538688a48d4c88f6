using System.Security.Claims;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Accounts;

/// <summary>An open page (a circuit) rechecks its user within a minute, and gives up a user whose access changed.</summary>
[BothEngines]
public class CircuitRevalidationTests(AccountsFactory app) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task A_circuit_rechecks_its_user_at_least_once_a_minute()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var provider = Assert.IsType<RevalidatingIdentityAuthenticationStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());

        Assert.InRange(provider.CurrentInterval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task The_check_fails_once_the_role_changed_and_passes_for_a_principal_issued_after()
    {
        var (id, _) = await app.CreateAccountAsync(Roles.Editor);
        var before = await PrincipalAsync(id);
        Assert.True(await ValidateAsync(before));

        Assert.True((await app.AsAdminAsync(a => a.SetRoleAsync(id, Roles.Journalist))).Succeeded);

        Assert.False(await ValidateAsync(before));
        var after = await PrincipalAsync(id);
        Assert.True(await ValidateAsync(after));
        Assert.False(after.IsInRole(Roles.Editor));
    }

    [Fact]
    public async Task The_check_fails_for_a_deactivated_account_whatever_its_principal_and_for_an_unknown_one()
    {
        var (id, _) = await app.CreateAccountAsync(Roles.Editor);
        var before = await PrincipalAsync(id);

        Assert.True((await app.AsAdminAsync(a => a.DeactivateAsync(id))).Succeeded);

        Assert.False(await ValidateAsync(before));
        // Even a principal carrying the new stamp (e.g. made by hand) does not stand while the account is deactivated.
        Assert.False(await ValidateAsync(await PrincipalAsync(id)));
        Assert.False(await ValidateAsync(Acting.Principal(Roles.Editor, "no-such-account")));

        Assert.True((await app.AsAdminAsync(a => a.ReactivateAsync(id))).Succeeded);
        Assert.True(await ValidateAsync(await PrincipalAsync(id)));
    }

    [Fact]
    public async Task A_circuit_whose_user_no_longer_stands_is_refused_editor_actions_by_the_services()
    {
        var (id, _) = await app.CreateAccountAsync(Roles.Editor);
        await using var scope = app.Services.CreateAsyncScope();
        var provider = (RevalidatingIdentityAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var principal = await PrincipalAsync(id);
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        var currentUser = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        Assert.True(await currentUser.HasAsync(Permission.EditRecord));

        Assert.True((await app.AsAdminAsync(a => a.SetRoleAsync(id, Roles.Journalist))).Succeeded);
        // What the revalidation loop does when its check fails (the base class's ForceSignOut): the user becomes anonymous.
        Assert.False(await provider.ValidateAsync(await provider.GetAuthenticationStateAsync()));
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));

        await Assert.ThrowsAsync<AccessDeniedException>(() => currentUser.RequireAsync(Permission.EditRecord));
    }

    private async Task<bool> ValidateAsync(ClaimsPrincipal principal)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var provider = (RevalidatingIdentityAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        return await provider.ValidateAsync(new AuthenticationState(principal));
    }

    /// <summary>The principal a sign-in would issue for the account now (roles, display name, security stamp).</summary>
    private async Task<ClaimsPrincipal> PrincipalAsync(string id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        return await factory.CreateAsync((await users.FindByIdAsync(id))!);
    }
}
