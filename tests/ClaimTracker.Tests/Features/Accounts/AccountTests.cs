using System.Net;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Accounts;

/// <summary>Demo accounts, create-admin, the admin service's permission checks and the lockout policy.</summary>
[BothEngines]
public class AccountTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    [Fact]
    public async Task Development_has_the_three_demo_accounts_each_with_its_role()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var (email, _, role) in AccountSeeding.DemoAccounts)
        {
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.Equal([role], await users.GetRolesAsync(user));
            Assert.True(await users.CheckPasswordAsync(user, AccountSeeding.DefaultDemoPassword));
        }
    }

    [Fact]
    public async Task Create_admin_makes_an_administrator_with_the_password_from_standard_input()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CreateAdminCommand.RunAsync(app.Services, ["create-admin", "chief@newsroom.test"],
            new StringReader("a-long-enough-password\n"), output, error);

        Assert.Equal(0, exit);
        Assert.Contains("Created administrator chief@newsroom.test", output.ToString());
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync("chief@newsroom.test");
        Assert.NotNull(user);
        Assert.Equal([Roles.Admin], await users.GetRolesAsync(user));
        Assert.True(await users.CheckPasswordAsync(user, "a-long-enough-password"));
    }

    [Theory]
    [InlineData("", "No password given")]
    [InlineData("short\n", "at least 12 characters")]
    public async Task Create_admin_refuses_a_missing_or_short_password_and_creates_nothing(string stdin, string message)
    {
        var error = new StringWriter();
        var email = $"refused-{Guid.NewGuid():N}@newsroom.test";

        var exit = await CreateAdminCommand.RunAsync(app.Services, ["create-admin", email], new StringReader(stdin), new StringWriter(), error);

        Assert.NotEqual(0, exit);
        Assert.Contains(message, error.ToString());
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Roles.Journalist)]
    [InlineData(Roles.Editor)]
    public async Task Only_admins_may_list_or_create_accounts(string? role)
    {
        await using var scope = app.Services.ScopeAs(role);
        var admin = scope.As<UserAdminService>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => admin.ListAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => admin.CreateAsync("x@y.test", "X", "a-long-enough-password", Roles.Editor));
    }

    [Fact]
    public async Task An_admin_creates_an_account_and_a_weak_password_is_refused_beside_its_field()
    {
        await using var scope = app.Services.ScopeAs(Roles.Admin);
        var admin = scope.As<UserAdminService>();

        var weak = await admin.CreateAsync("new-editor@newsroom.test", "New Editor", "short", Roles.Editor);
        Assert.True(weak.FieldErrors.ContainsKey("password"));

        var made = await admin.CreateAsync("new-editor@newsroom.test", "New Editor", "a-long-enough-password", Roles.Editor);
        Assert.True(made.Succeeded);
        Assert.Contains(await admin.ListAsync(), u => u.Email == "new-editor@newsroom.test" && u.Role == Roles.Editor);
    }

    [Fact]
    public async Task An_account_is_saved_with_its_address_and_name_cleaned_as_every_typed_value_is()
    {
        await using var scope = app.Services.ScopeAs(Roles.Admin);
        var admin = scope.As<UserAdminService>();

        // A text box can send a NUL or half a character (PostgreSQL would refuse to store either): dropped and replaced.
        var made = await admin.CreateAsync(" cleaned\0@newsroom.test ", "Clean\0ed \uD800Name", "a-long-enough-password", Roles.Journalist);

        Assert.True(made.Succeeded, made.Message);
        Assert.Contains(await admin.ListAsync(), u => u.Email == "cleaned@newsroom.test" && u.DisplayName == "Cleaned \uFFFDName");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_then_even_the_right_one_is_refused()
    {
        await using (var scope = app.Services.ScopeAs(Roles.Admin))
        {
            Assert.True((await scope.As<UserAdminService>().CreateAsync("lock-me@newsroom.test", "Lock Me", "the-right-password", Roles.Journalist)).Succeeded);
        }
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        for (var i = 0; i < 5; i++)
        {
            var wrong = await Http.PostLoginAsync(client, "lock-me@newsroom.test", "a-wrong-password");
            // Locked or not, the answer is the same: it must not tell a stranger that the account exists.
            Assert.Contains("error=invalid", wrong.Headers.Location?.ToString());
        }
        var right = await Http.PostLoginAsync(client, "lock-me@newsroom.test", "the-right-password");

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("error=invalid", right.Headers.Location?.ToString());
        Assert.False(right.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_demo_editor_signs_in_and_is_sent_back_where_they_came_from()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var response = await Http.PostLoginAsync(client, "editor@claimtracker.test", AccountSeeding.DefaultDemoPassword, "/claims/2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/claims/2", response.Headers.Location?.ToString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }
}
