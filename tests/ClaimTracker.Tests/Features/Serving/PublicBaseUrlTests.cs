using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimTracker.Tests.Features.Verdicts;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Serving;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClaimTracker.Tests.Features.Serving;

/// <summary>Development with a public base URL below a path.</summary>
public sealed class PublicBaseUrlFactory : ServingFactory
{
    public const string Site = "https://claims.example.org/newsroom/";

    protected override string Environment => "Development";

    // Without the trailing slash on purpose: the app must still put paths below "newsroom".
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [PublicBaseUrl.Setting] = Site.TrimEnd('/'),
    };
}

/// <summary>Absolute links come from the configured public base URL, and a forged Host header changes none of them.</summary>
[BothEngines]
public class PublicBaseUrlTests(PublicBaseUrlFactory app) : IClassFixture<PublicBaseUrlFactory>, IAsyncLifetime
{
    private int claimId;

    public async Task InitializeAsync()
    {
        claimId = await app.ClaimId("putin-ready-for-deal");
        if (await app.StatusAsync(claimId) != ClaimTracker.Web.Domain.ClaimStatus.Published)
        {
            await app.PublishAsync(claimId);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A client whose every request names a host of the attacker's choosing.</summary>
    private HttpClient Forged() => app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example/") });

    [Fact]
    public async Task The_ClaimReview_url_uses_the_public_base_url()
    {
        var response = await Forged().GetAsync($"/api/claims/{claimId}/claimreview");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal($"{PublicBaseUrlFactory.Site}claims/{claimId}", JsonDocument.Parse(body).RootElement.GetProperty("url").GetString());
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_claim_pages_JSON_LD_uses_the_public_base_url()
    {
        var html = await Forged().GetStringAsync($"/claims/{claimId}");

        var script = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(script.Success, "the claim page should carry its ClaimReview");
        Assert.Equal($"{PublicBaseUrlFactory.Site}claims/{claimId}", JsonDocument.Parse(script.Groups[1].Value).RootElement.GetProperty("url").GetString());
        Assert.DoesNotContain("evil.example", script.Groups[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Annotation_ids_use_the_public_base_url()
    {
        var sourceId = await app.SourceId("reuters-ukraine-peace-talks");

        var body = await Forged().GetStringAsync($"/api/sources/{sourceId}/annotations");

        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal($"{PublicBaseUrlFactory.Site}api/sources/{sourceId}/annotations", json.GetProperty("id").GetString());
        var first = json.GetProperty("first").GetProperty("items")[0];
        Assert.Equal($"{PublicBaseUrlFactory.Site}api/sources/{sourceId}", first.GetProperty("target").GetProperty("source").GetString());
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
    }
}

/// <summary>With no public base URL configured, the fallback is the server's own address, never the Host header.</summary>
public class PublicBaseUrlFallbackTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    [Fact]
    public async Task Unset_it_falls_back_to_the_servers_address_not_the_requests_host()
    {
        var sourceId = await app.SourceId("reuters-ukraine-peace-talks");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example/") });

        var body = await client.GetStringAsync($"/api/sources/{sourceId}/annotations");

        // The in-memory test server listens on no address, so the fallback is http://localhost/.
        Assert.Equal($"http://localhost/api/sources/{sourceId}/annotations", JsonDocument.Parse(body).RootElement.GetProperty("id").GetString());
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
    }
}
