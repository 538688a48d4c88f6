using System.Net;
using ClaimTracker.Tests.Features.Verdicts;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Exports;

/// <summary>
/// A verdict draft with a recognisable rationale, and a published verdict reopened into a draft with another, searched
/// for in every output that leaves the app anonymously: the JSON API, the CSV exports, the feeds, the OpenAPI document
/// and its reference page. Neither words nor rating may appear anywhere.
/// </summary>
[BothEngines]
public class DraftsNeverLeaveTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private const string DraftCanary = "DRAFT-CANARY-4f2e never public";
    private const string ReopenedCanary = "REOPENED-CANARY-81b0 back in review";
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task No_output_carries_a_draft_s_rationale_or_rating()
    {
        var drafted = await app.ClaimId("trump-takes-putin-at-word");
        var reopened = await app.ClaimId("talks-cover-security-guarantees");
        await app.DraftAsync(drafted, DraftCanary);
        var published = await app.PublishAsync(reopened, "Published, then withdrawn.");
        var back = await app.AsAsync(Roles.Editor, s => s.ReopenAsync(reopened, published.Version));
        Assert.True(back.Succeeded, back.Message);
        var edited = await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(reopened, VerdictTestHelpers.Input(ReopenedCanary), back.Value!.Version));
        Assert.True(edited.Succeeded, edited.Message);

        await using var db = app.CreateDbContext();
        var actors = await db.Attributions.Where(a => a.ClaimId == drafted || a.ClaimId == reopened).Select(a => a.ActorId).Distinct().ToListAsync();
        var sources = await db.Attributions.Where(a => a.ClaimId == drafted || a.ClaimId == reopened).Select(a => a.SourceId).Distinct().ToListAsync();
        var urls = new List<string>
        {
            "/api/claims?limit=500",
            $"/api/claims/{drafted}",
            $"/api/claims/{reopened}",
            "/api/claims?updatedSince=2000-01-01T00:00:00Z&limit=500",
            "/api/actors",
            "/api/export/claims.csv",
            $"/api/export/claims.csv?rating={VerdictTestHelpers.False}",
            "/api/export/claims.csv?status=verdictDrafted",
            "/api/export/attributions.csv",
            $"/api/export/attributions.csv?claim={drafted}",
            "/api/export/actors.csv",
            "/feeds/verdicts.atom",
            $"/claims/{drafted}/feed.atom",
            $"/claims/{reopened}/feed.atom",
            "/openapi/v1.json",
            "/api-docs",
        };
        urls.AddRange(actors.Select(a => $"/api/actors/{a}"));
        urls.AddRange(sources.SelectMany(s => new[] { $"/api/sources/{s}", $"/api/sources/{s}/annotations" }));

        foreach (var url in urls)
        {
            var response = await _client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} returned {(int)response.StatusCode}: {body}");
            Assert.DoesNotContain("CANARY", body, StringComparison.Ordinal);
        }

        // Nor the rating: neither claim has a published verdict, so no output gives either one.
        await _client.AssertProblemAsync($"/api/claims/{drafted}/claimreview", HttpStatusCode.NotFound);
        await _client.AssertProblemAsync($"/api/claims/{reopened}/claimreview", HttpStatusCode.NotFound);
        foreach (var id in new[] { drafted, reopened })
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, (await _client.GetJsonAsync($"/api/claims/{id}")).GetProperty("verdict").ValueKind);
        }
        var claims = await _client.GetCsvAsync("/api/export/claims.csv");
        foreach (var row in claims.Rows.Where(r => r["id"] == $"{drafted}" || r["id"] == $"{reopened}"))
        {
            Assert.Equal("", row["rating"]);
            Assert.Equal("", row["ratingValue"]);
            Assert.Equal("", row["verdictPublishedAt"]);
        }
        var rated = await _client.GetCsvAsync($"/api/export/claims.csv?rating={VerdictTestHelpers.False}");
        Assert.DoesNotContain(rated.Ids(), id => id == drafted || id == reopened);
        var verdicts = await _client.GetStringAsync("/feeds/verdicts.atom");
        Assert.DoesNotContain($"/claims/{drafted}", verdicts, StringComparison.Ordinal);
        Assert.DoesNotContain($"/claims/{reopened}", verdicts, StringComparison.Ordinal);
    }
}
