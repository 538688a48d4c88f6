using System.Net;
using System.Text.RegularExpressions;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Accounts;

/// <summary>
/// The app with a password hasher that counts its work, and a sign-in allowance large enough for tests that sign
/// in many times (the allowance itself is tested in <see cref="LoginRateLimitTests"/>).
/// </summary>
public sealed class AccountsFactory : ClaimTrackerFactory
{
    public const string Password = "a-long-enough-password";

    public CountingPasswordHasher.Counter HashChecks { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(AccountEndpoints.AttemptsPerMinuteSetting, "1000");
        builder.ConfigureTestServices(services => services.AddScoped<IPasswordHasher<AppUser>>(sp =>
            new CountingPasswordHasher(ActivatorUtilities.CreateInstance<PasswordHasher<AppUser>>(sp), HashChecks)));
    }

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A new account with one role, made by an admin through the admin service; returns its id and e-mail.</summary>
    public async Task<(string Id, string Email)> CreateAccountAsync(string role, string name = "Test Person")
    {
        var email = $"{Guid.NewGuid():N}@newsroom.test";
        await using var scope = Services.ScopeAs(Roles.Admin);
        var admin = scope.As<UserAdminService>();
        var result = await admin.CreateAsync(email, name, Password, role);
        Assert.True(result.Succeeded, string.Join(" ", result.FieldErrors.Values));
        return ((await admin.ListAsync()).Single(u => u.Email == email).Id, email);
    }

    /// <summary>A client signed in as the account through the real login form.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email)
    {
        var client = NewClient();
        var login = await Http.PostLoginAsync(client, email, Password);
        Assert.Equal("/", login.Headers.Location?.ToString());
        return client;
    }

    /// <summary>Runs an admin action as a (test) admin.</summary>
    public async Task<EditResult<string>> AsAdminAsync(Func<UserAdminService, Task<EditResult<string>>> action)
    {
        await using var scope = Services.ScopeAs(Roles.Admin);
        return await action(scope.As<UserAdminService>());
    }

    /// <summary>The name the app bar shows for the signed-in user of this page, or null when it offers "Sign in".</summary>
    public static async Task<string?> SignedInNameAsync(HttpClient client)
    {
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var name = Regex.Match(html, "data-testid=\"user-name\"[^>]*>([^<]*)<");
        Assert.True(name.Success || html.Contains("data-testid=\"sign-in-link\"", StringComparison.Ordinal), "the app bar shows neither a user nor a sign-in link");
        return name.Success ? name.Groups[1].Value : null;
    }
}

/// <summary>The app's password hasher, counting how many passwords it checks: the work a sign-in attempt costs.</summary>
public sealed class CountingPasswordHasher(IPasswordHasher<AppUser> inner, CountingPasswordHasher.Counter counter) : IPasswordHasher<AppUser>
{
    public sealed class Counter
    {
        private int _checks;
        public int Checks => Volatile.Read(ref _checks);
        internal void Add() => Interlocked.Increment(ref _checks);
    }

    public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        counter.Add();
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
