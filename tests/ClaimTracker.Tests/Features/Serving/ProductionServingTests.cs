using System.Net;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Serving;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Serving;

/// <summary>
/// Production behind a proxy at 10.0.0.1 that ends TLS on port 443. Only the API and the login page are requested:
/// outside Development the build output has no static web assets to serve, and these tests need none.
/// </summary>
public sealed class ProductionFactory : ServingFactory
{
    public const string Proxy = "10.0.0.1";
    public const string Site = "https://claims.example.test/";

    protected override string Environment => "Production";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [KnownProxies.ProxiesSetting] = Proxy,
        [PublicBaseUrl.Setting] = Site,
        ["AllowedHosts"] = "claims.example.test",
        // Where HTTPS redirection sends plain-http requests (the proxy's port, not Kestrel's).
        ["https_port"] = "443",
    };
}

[BothEngines]
public class ProductionServingTests(ProductionFactory app) : IClassFixture<ProductionFactory>
{
    private HttpClient Client(string baseAddress, string? peer = null)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri(baseAddress),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });
        if (peer is not null)
        {
            client.DefaultRequestHeaders.Add(ServingFactory.PeerHeader, peer);
        }
        return client;
    }

    [Fact]
    public async Task HTTPS_responses_carry_HSTS_for_a_year_without_subdomains()
    {
        var response = await Client(ProductionFactory.Site).GetAsync("/api/actors");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https_and_gets_no_HSTS()
    {
        var response = await Client("http://claims.example.test/").GetAsync("/api/actors?x=1");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://claims.example.test/api/actors?x=1", response.Headers.Location?.ToString());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Behind_the_proxy_that_ended_TLS_the_request_counts_as_https()
    {
        var client = Client("http://claims.example.test/", ProductionFactory.Proxy);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.70");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var response = await client.GetAsync("/api/actors");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_same_headers_from_an_unlisted_address_are_not_believed()
    {
        var client = Client("http://claims.example.test/", "198.51.100.9");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.71");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var response = await client.GetAsync("/api/actors");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
    }

    [Fact]
    public async Task A_host_name_outside_AllowedHosts_is_refused()
    {
        var response = await Client("https://evil.example/").GetAsync("/api/actors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Outside_Development_the_antiforgery_and_sign_in_cookies_are_Secure()
    {
        const string email = "reporter@newsroom.test";
        const string password = "a-long-enough-password";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Reporter" };
            AccountSeeding.Check(await users.CreateAsync(user, password), email);
            AccountSeeding.Check(await users.AddToRoleAsync(user, Roles.Journalist), email);
        }
        var client = Client(ProductionFactory.Site);

        var page = await client.GetAsync("/account/login");
        var signIn = await Http.PostLoginAsync(client, email, password);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(SetCookies.IsSecure(SetCookies.Get(page, ".AspNetCore.Antiforgery.")));
        Assert.Equal("/", signIn.Headers.Location?.ToString());
        var auth = SetCookies.Get(signIn, ".AspNetCore.Identity.Application=");
        Assert.True(SetCookies.IsSecure(auth), auth);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_sign_in_form_without_a_valid_token_is_asked_for_again_not_answered_with_a_500()
    {
        // A form left open past its cookie, or another site's post: no token, or one that matches no cookie.
        var client = Client(ProductionFactory.Site);
        var noToken = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "someone@newsroom.test",
            ["password"] = "whatever-it-is",
        }));
        var forgedToken = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = "forged",
            ["email"] = "someone@newsroom.test",
            ["password"] = "whatever-it-is",
        }));

        foreach (var response in new[] { noToken, forgedToken })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login?error=expired&email=someone%40newsroom.test", response.Headers.Location?.ToString());
        }
        var page = await client.GetStringAsync(noToken.Headers.Location!.ToString());
        Assert.Contains("This sign-in form had expired", WebUtility.HtmlDecode(page));
    }

    [Fact]
    public async Task Outside_Development_there_are_no_demo_accounts()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var (email, _, _) in AccountSeeding.DemoAccounts)
        {
            Assert.Null(await users.FindByEmailAsync(email));
        }
    }
}
