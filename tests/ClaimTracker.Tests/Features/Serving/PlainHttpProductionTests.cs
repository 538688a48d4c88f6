using System.Net;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Serving;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace ClaimTracker.Tests.Features.Serving;

/// <summary>
/// Production set up wrong: reached over plain HTTP, with no proxy listed that could say the browser used HTTPS and no
/// HTTPS port to redirect to. The sign-in form cannot work there (its cookies are Secure), and the reader is told why
/// instead of being shown a bare error.
/// </summary>
public sealed class PlainHttpProductionFactory : ServingFactory
{
    protected override string Environment => "Production";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["AllowedHosts"] = "claims.example.test",
    };
}

public class PlainHttpProductionTests(PlainHttpProductionFactory app) : IClassFixture<PlainHttpProductionFactory>
{
    private HttpClient Client() => app.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("http://claims.example.test/"),
        AllowAutoRedirect = false,
    });

    [Fact]
    public async Task The_sign_in_page_over_plain_http_says_it_needs_https_and_what_to_set()
    {
        var response = await Client().GetAsync("/account/login");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("data-testid=\"error-needs-https\"", html);
        Assert.Contains("ClaimTracker:KnownProxies", html);
        Assert.DoesNotContain("Development Mode", html); // the template's page for developers is gone
        Assert.Matches("data-testid=\"error-request-id\">[^<]+<", html);
    }

    [Fact]
    public void Start_up_warns_when_nothing_can_make_a_request_https()
    {
        var bare = new ConfigurationBuilder().Build();
        Assert.True(ServingStartupReport.NothingMakesRequestsHttps(bare, isDevelopment: false, ["http://0.0.0.0:5000"]));
        Assert.False(ServingStartupReport.NothingMakesRequestsHttps(bare, isDevelopment: true, ["http://0.0.0.0:5000"]));
        Assert.False(ServingStartupReport.NothingMakesRequestsHttps(bare, isDevelopment: false, ["http://0.0.0.0:5000", "https://0.0.0.0:5001"]));
        var port = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["https_port"] = "443" }).Build();
        Assert.False(ServingStartupReport.NothingMakesRequestsHttps(port, isDevelopment: false, ["http://0.0.0.0:5000"]));
        var proxy = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [KnownProxies.ProxiesSetting] = "10.0.0.1" }).Build();
        Assert.False(ServingStartupReport.NothingMakesRequestsHttps(proxy, isDevelopment: false, ["http://0.0.0.0:5000"]));
    }

    [Fact]
    public async Task Reading_pages_over_plain_http_still_work()
    {
        var response = await Client().GetAsync("/api/actors");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
