using System.Net;
using System.Text.Json;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Api;

namespace ClaimTracker.Tests.Features.Api;

/// <summary>The seeded app plus enough extra claims to tell the default page size and the maximum apart.</summary>
public sealed class ManyClaimsFactory : ClaimTrackerFactory
{
    public const int ExtraClaims = 130;

    public int TotalClaims { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateDbContext();
        db.Claims.AddRange(Enumerable.Range(1, ExtraClaims).Select(i => new Claim { Key = $"extra-{i:000}", Text = $"Extra claim number {i}." }));
        await db.SaveChangesAsync();
        TotalClaims = db.Claims.Count();
    }
}

[BothEngines]
public class ReadApiDefaultLimitTests(ManyClaimsFactory app) : IClassFixture<ManyClaimsFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    private static List<int> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();

    [Fact]
    public async Task Without_a_limit_a_page_holds_the_default_100_claims_and_a_next_cursor()
    {
        Assert.True(app.TotalClaims > ReadApi.DefaultLimit);

        var first = await _client.GetJsonAsync("/api/claims");

        Assert.Equal(100, first.GetProperty("items").GetArrayLength());
        var next = first.GetProperty("next").GetString();
        Assert.NotNull(next);
        var second = await _client.GetJsonAsync($"/api/claims?after={Uri.EscapeDataString(next)}");
        Assert.Equal(app.TotalClaims - 100, second.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Equal(app.TotalClaims, Ids(first).Concat(Ids(second)).Distinct().Count());
    }

    [Fact]
    public async Task A_limit_above_the_default_returns_more()
    {
        var page = await _client.GetJsonAsync("/api/claims?limit=500");

        Assert.Equal(app.TotalClaims, page.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task A_limit_above_the_maximum_is_refused()
    {
        var detail = await _client.AssertProblemAsync("/api/claims?limit=501", HttpStatusCode.BadRequest);

        Assert.Contains("1 to 500", detail);
    }
}
