using System.Net;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Accounts;

/// <summary>Role changes, deactivation and unlocking take effect at the next request, and are on record.</summary>
[BothEngines]
public class AccessChangeTests(AccountsFactory app) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task A_demoted_editors_very_next_request_with_the_old_cookie_is_refused_the_editor_page()
    {
        var (id, email) = await app.CreateAccountAsync(Roles.Editor, "Demoted Editor");
        var client = await app.SignedInClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/claims/deleted")).StatusCode);

        Assert.True((await app.AsAdminAsync(a => a.SetRoleAsync(id, Roles.Journalist))).Succeeded);

        var next = await client.GetAsync("/claims/deleted");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("http://localhost/account/login", next.Headers.Location?.ToString());
        Assert.Null(await AccountsFactory.SignedInNameAsync(client));

        // Signed in again, the account has the journalist's view: the editors' page is not allowed.
        var again = await app.SignedInClientAsync(email);
        var refused = await again.GetAsync("/claims/deleted");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("http://localhost/account/access-denied", refused.Headers.Location?.ToString());
        Assert.Equal("Demoted Editor", await AccountsFactory.SignedInNameAsync(again));
    }

    [Fact]
    public async Task Deactivation_ends_the_session_at_the_next_request_and_sign_in_gets_the_generic_answer_until_reactivated()
    {
        var (id, email) = await app.CreateAccountAsync(Roles.Journalist, "Leaving Journalist");
        var client = await app.SignedInClientAsync(email);
        Assert.Equal("Leaving Journalist", await AccountsFactory.SignedInNameAsync(client));

        Assert.True((await app.AsAdminAsync(a => a.DeactivateAsync(id))).Succeeded);

        Assert.Null(await AccountsFactory.SignedInNameAsync(client));
        var refused = await Http.PostLoginAsync(app.NewClient(), email, AccountsFactory.Password);
        var unknown = await Http.PostLoginAsync(app.NewClient(), "nobody-" + email, AccountsFactory.Password);
        Assert.Equal(LoginEndpointTests.WithoutEmail(unknown), LoginEndpointTests.WithoutEmail(refused));
        Assert.Contains("error=invalid", refused.Headers.Location?.ToString());

        Assert.True((await app.AsAdminAsync(a => a.ReactivateAsync(id))).Succeeded);
        Assert.Equal("Leaving Journalist", await AccountsFactory.SignedInNameAsync(await app.SignedInClientAsync(email)));
    }

    [Fact]
    public async Task Each_change_is_in_the_accounts_history_in_words_newest_first()
    {
        var (id, email) = await app.CreateAccountAsync(Roles.Editor, "Eve Example");

        Assert.True((await app.AsAdminAsync(a => a.SetRoleAsync(id, Roles.Journalist))).Succeeded);
        Assert.True((await app.AsAdminAsync(a => a.DeactivateAsync(id))).Succeeded);
        Assert.True((await app.AsAdminAsync(a => a.ReactivateAsync(id))).Succeeded);

        await using var scope = app.Services.ScopeAs(Roles.Admin);
        var lines = (await scope.As<UserAdminService>().HistoryAsync(id)).Select(l => l.Text).ToList();
        var admin = "Test Admin test-admin";
        var who = $"Eve Example ({email})";
        Assert.Equal(
        [
            $"{admin} reactivated {who}",
            $"{admin} deactivated {who}",
            $"{admin} gave {who} the Journalist role",
            $"{admin} removed the Editor role from {who}",
            $"{admin} created the account of {who} with the Editor role",
        ], lines);
        // Setting the role it already has changes nothing and writes nothing.
        Assert.True((await scope.As<UserAdminService>().SetRoleAsync(id, Roles.Journalist)).Succeeded);
        Assert.Equal(5, (await scope.As<UserAdminService>().HistoryAsync(id)).Count);
    }

    [Fact]
    public async Task A_change_and_its_history_are_saved_together_or_not_at_all()
    {
        var (id, _) = await app.CreateAccountAsync(Roles.Editor);
        var stampBefore = await StampAsync(id);
        // The history insert fails for this account only (a trigger of the test's own), after the role change was written.
        await using (await EngineSql.FailInsertsAsync(app, "FailAccountHistory", "AuditEntries", $"NEW.\"AccountId\" = '{Guid.Parse(id)}'", "history refused"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => app.AsAdminAsync(a => a.SetRoleAsync(id, Roles.Journalist)));
            await Assert.ThrowsAnyAsync<Exception>(() => app.AsAdminAsync(a => a.DeactivateAsync(id)));
        }

        Assert.Equal(stampBefore, await StampAsync(id));
        await using (var db = app.CreateDbContext())
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
            Assert.Null(user.DeactivatedAt);
            Assert.Equal([AuditAction.Created], await db.AuditEntries.Where(e => e.AccountId == id).Select(e => e.Action).ToListAsync());
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.Equal([Roles.Editor], await users.GetRolesAsync((await users.FindByIdAsync(id))!));
        }

        // Without the failure the same change goes through, with its history.
        Assert.True((await app.AsAdminAsync(a => a.SetRoleAsync(id, Roles.Journalist))).Succeeded);
        await using (var db = app.CreateDbContext())
        {
            Assert.Contains(AuditAction.RoleRemoved, await db.AuditEntries.Where(e => e.AccountId == id).Select(e => e.Action).ToListAsync());
        }
        Assert.NotEqual(stampBefore, await StampAsync(id));
    }

    [Fact]
    public async Task An_admin_unlocks_an_account_locked_by_wrong_passwords_and_it_signs_in_again()
    {
        var (id, email) = await app.CreateAccountAsync(Roles.Journalist, "Forgetful Journalist");
        for (var i = 0; i < 5; i++)
        {
            await Http.PostLoginAsync(app.NewClient(), email, "a-wrong-password-again");
        }
        await using (var scope = app.Services.ScopeAs(Roles.Admin))
        {
            Assert.True((await scope.As<UserAdminService>().ListAsync()).Single(u => u.Id == id).LockedOut);
        }
        Assert.Contains("error=invalid", (await Http.PostLoginAsync(app.NewClient(), email, AccountsFactory.Password)).Headers.Location?.ToString());

        Assert.True((await app.AsAdminAsync(a => a.UnlockAsync(id))).Succeeded);

        Assert.Equal("Forgetful Journalist", await AccountsFactory.SignedInNameAsync(await app.SignedInClientAsync(email)));
        await using (var scope = app.Services.ScopeAs(Roles.Admin))
        {
            var history = await scope.As<UserAdminService>().HistoryAsync(id);
            Assert.Equal(AuditAction.Unlocked, history[0].Action);
            Assert.Contains("unlocked Forgetful Journalist", history[0].Text);
        }
    }

    [Fact]
    public async Task The_last_active_admin_can_be_neither_demoted_nor_deactivated_and_nobody_demotes_or_deactivates_themselves()
    {
        string demoAdminId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            demoAdminId = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync("admin@claimtracker.test"))!.Id;
        }
        // The acting admin of these calls is a test principal with no account, so the demo admin is the only real one.
        var demote = await app.AsAdminAsync(a => a.SetRoleAsync(demoAdminId, Roles.Editor));
        var deactivate = await app.AsAdminAsync(a => a.DeactivateAsync(demoAdminId));
        Assert.Contains("last active admin", demote.FieldErrors["role"]);
        Assert.Contains("last active admin", deactivate.FieldErrors[""]);

        await using (var self = app.Services.ScopeAs(Roles.Admin, demoAdminId))
        {
            var admin = self.As<UserAdminService>();
            Assert.Equal("You cannot remove your own admin role.", (await admin.SetRoleAsync(demoAdminId, Roles.Journalist)).FieldErrors["role"]);
            Assert.Equal("You cannot deactivate your own account.", (await admin.DeactivateAsync(demoAdminId)).FieldErrors[""]);
        }

        // With a second active admin, the first can be demoted by someone else.
        var (secondId, _) = await app.CreateAccountAsync(Roles.Admin, "Second Admin");
        await using (var second = app.Services.ScopeAs(Roles.Admin, secondId))
        {
            Assert.True((await second.As<UserAdminService>().SetRoleAsync(demoAdminId, Roles.Editor)).Succeeded);
            Assert.True((await second.As<UserAdminService>().SetRoleAsync(demoAdminId, Roles.Admin)).Succeeded);
        }
        await using (var db = app.CreateDbContext())
        {
            Assert.Null((await db.Users.AsNoTracking().SingleAsync(u => u.Id == demoAdminId)).DeactivatedAt);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Roles.Journalist)]
    [InlineData(Roles.Editor)]
    public async Task Only_admins_may_deactivate_reactivate_unlock_or_read_account_history(string? role)
    {
        var (id, _) = await app.CreateAccountAsync(Roles.Journalist);
        await using var scope = app.Services.ScopeAs(role);
        var admin = scope.As<UserAdminService>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => admin.DeactivateAsync(id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => admin.ReactivateAsync(id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => admin.UnlockAsync(id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => admin.SetRoleAsync(id, Roles.Admin));
        await Assert.ThrowsAsync<AccessDeniedException>(() => admin.HistoryAsync(id));
    }

    [Fact]
    public async Task An_unknown_account_id_is_refused_with_a_message()
    {
        var result = await app.AsAdminAsync(a => a.DeactivateAsync("no-such-account"));

        Assert.Equal("That account no longer exists.", result.FieldErrors[""]);
    }

    private async Task<string?> StampAsync(string id)
    {
        await using var db = app.CreateDbContext();
        return await db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync();
    }
}
