using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Verdicts;

/// <summary>
/// GET /api/claims/{id}/claimreview and the JSON-LD in the claim page's head. The fixture adds an earlier source
/// in which someone denies the deal claim, so that first appearance, author and the list of appearances are
/// each decided by a rule rather than by there being a single source.
/// </summary>
[BothEngines]
public class ClaimReviewTests(ClaimReviewTests.Fixture app) : IClassFixture<ClaimReviewTests.Fixture>
{
    public const string EarlierTitle = "Kremlin rules out a quick deal";
    public const string EarlierUrl = "https://example.org/kremlin-rules-out-deal";
    public const string EarlierOutlet = "Example Wire";
    public const string Hostile = "Claim </script><script>alert('x')</script> & <b>bold</b>";

    public sealed class Fixture : ClaimTrackerFactory
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            const string text = "Dmitry Peskov said on Saturday that Moscow is not ready to make a deal yet, according to officials.";
            var source = new Source("example-earlier", EarlierOutlet, EarlierTitle, new DateOnly(2025, 12, 20), EarlierUrl, text);
            db.Sources.Add(source);
            var claimId = await db.Claims.Where(c => c.Key == "putin-ready-for-deal").Select(c => c.Id).SingleAsync();
            var peskov = await db.Actors.Where(a => a.Key == "dmitry-peskov").Select(a => a.Id).SingleAsync();
            var start = text.IndexOf("not ready", StringComparison.Ordinal);
            db.Attributions.Add(new Attribution
            {
                Key = "test-peskov-denies-deal",
                ActorId = peskov,
                ClaimId = claimId,
                Source = source,
                Stance = Stance.Denies,
                Mode = AttributionMode.Paraphrase,
                Anchor = TextAnchor.FromText(text, start, start + "not ready to make a deal".Length),
            });
            await db.SaveChangesAsync();
            await db.Claims.Where(c => c.Key == "witkoff-kushner-to-moscow").ExecuteUpdateAsync(u => u.SetProperty(c => c.Text, Hostile));
        }
    }

    [Fact]
    public async Task A_published_verdict_is_served_as_a_complete_ClaimReview()
    {
        var claimId = await app.ClaimId("putin-ready-for-deal");
        var client = app.CreateClient();
        await client.AssertProblemAsync($"/api/claims/{claimId}/claimreview", HttpStatusCode.NotFound);

        var draft = await app.DraftAsync(claimId, "Nothing in the record supports it.");
        // A draft is not public, whoever asks.
        await client.AssertProblemAsync($"/api/claims/{claimId}/claimreview", HttpStatusCode.NotFound);
        var published = (await app.AsAsync(Roles.Editor, s => s.PublishAsync(claimId, draft.Version))).Value!;

        var response = await client.GetAsync($"/api/claims/{claimId}/claimreview");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        AssertClaimReview(JsonDocument.Parse(body).RootElement, claimId, published, client.BaseAddress!);
    }

    [Fact]
    public async Task Unknown_claims_claims_without_a_verdict_and_bad_ids_get_problem_details()
    {
        var client = app.CreateClient();
        var kremlin = await app.ClaimId("kremlin-keeps-objectives");
        Assert.Contains("no published verdict", await client.AssertProblemAsync($"/api/claims/{kremlin}/claimreview", HttpStatusCode.NotFound));
        await client.AssertProblemAsync("/api/claims/987654/claimreview", HttpStatusCode.NotFound);
        Assert.Contains("whole number", await client.AssertProblemAsync("/api/claims/abc/claimreview", HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_reopened_verdict_is_withdrawn_from_the_endpoint()
    {
        var claimId = await app.ClaimId("zelensky-hesitating");
        var published = await app.PublishAsync(claimId);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/claims/{claimId}/claimreview")).StatusCode);

        await app.AsAsync(Roles.Editor, s => s.ReopenAsync(claimId, published.Version));

        await client.AssertProblemAsync($"/api/claims/{claimId}/claimreview", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_claim_page_head_carries_the_same_JSON_LD_once_published_and_none_before()
    {
        var claimId = await app.ClaimId("kyiv-to-blame");
        var client = app.CreateClient();
        Assert.Empty(JsonLdScripts(await client.GetStringAsync($"/claims/{claimId}")));

        var draft = await app.DraftAsync(claimId, "Draft only.");
        Assert.Empty(JsonLdScripts(await client.GetStringAsync($"/claims/{claimId}")));

        await app.AsAsync(Roles.Editor, s => s.PublishAsync(claimId, draft.Version));
        var html = await client.GetStringAsync($"/claims/{claimId}");
        var script = Assert.Single(JsonLdScripts(html));
        var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];
        Assert.Contains(script, head, StringComparison.Ordinal);
        var review = JsonDocument.Parse(script).RootElement;
        Assert.Equal("ClaimReview", review.GetProperty("@type").GetString());
        var api = await client.GetStringAsync($"/api/claims/{claimId}/claimreview");
        Assert.Equal(JsonDocument.Parse(api).RootElement.GetRawText(), review.GetRawText());
    }

    [Fact]
    public async Task A_claim_text_cannot_close_the_script_element()
    {
        var claimId = await app.ClaimId("witkoff-kushner-to-moscow");
        await app.PublishAsync(claimId);

        var html = await new HttpClient(app.Server.CreateHandler()) { BaseAddress = app.Server.BaseAddress }.GetStringAsync($"/claims/{claimId}");

        Assert.DoesNotContain("<script>alert(", html, StringComparison.Ordinal);
        var script = Assert.Single(JsonLdScripts(html));
        Assert.DoesNotContain("<", script, StringComparison.Ordinal);
        Assert.Equal(Hostile, JsonDocument.Parse(script).RootElement.GetProperty("claimReviewed").GetString());
    }

    private void AssertClaimReview(JsonElement review, int claimId, ClaimTracker.Web.Features.Verdicts.VerdictView published, Uri site)
    {
        Assert.Equal("https://schema.org", review.GetProperty("@context").GetString());
        Assert.Equal("ClaimReview", review.GetProperty("@type").GetString());
        Assert.Equal("Vladimir Putin is ready to make a deal to end the war in Ukraine.", review.GetProperty("claimReviewed").GetString());

        var rating = review.GetProperty("reviewRating");
        Assert.Equal("Rating", rating.GetProperty("@type").GetString());
        Assert.Equal(1, rating.GetProperty("ratingValue").GetInt32()); // "False" is 1 on the default scale
        Assert.Equal(5, rating.GetProperty("bestRating").GetInt32());
        Assert.Equal(1, rating.GetProperty("worstRating").GetInt32());
        Assert.Equal("False", rating.GetProperty("alternateName").GetString());

        var author = review.GetProperty("author");
        Assert.Equal("Organization", author.GetProperty("@type").GetString());
        Assert.Equal("ClaimTracker", author.GetProperty("name").GetString());

        var datePublished = DateTimeOffset.Parse(review.GetProperty("datePublished").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs((datePublished - published.PublishedAt!.Value).TotalSeconds) < 1);
        Assert.Equal(new Uri(site, $"/claims/{claimId}").AbsoluteUri, review.GetProperty("url").GetString());

        var item = review.GetProperty("itemReviewed");
        Assert.Equal("Claim", item.GetProperty("@type").GetString());
        // The first to assert it (Trump, a person), not the earlier denier.
        Assert.Equal("Person", item.GetProperty("author").GetProperty("@type").GetString());
        Assert.Equal("Donald Trump", item.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal("2025-12-20", item.GetProperty("datePublished").GetString());

        var appearances = item.GetProperty("appearance").EnumerateArray().ToList();
        Assert.Equal(2, appearances.Count);
        var earlier = appearances[0];
        Assert.Equal("CreativeWork", earlier.GetProperty("@type").GetString());
        Assert.Equal(EarlierUrl, earlier.GetProperty("url").GetString());
        Assert.Equal(EarlierTitle, earlier.GetProperty("headline").GetString());
        Assert.Equal("2025-12-20", earlier.GetProperty("datePublished").GetString());
        Assert.Equal("Organization", earlier.GetProperty("publisher").GetProperty("@type").GetString());
        Assert.Equal(EarlierOutlet, earlier.GetProperty("publisher").GetProperty("name").GetString());
        var reuters = appearances[1];
        Assert.Equal("CreativeWork", reuters.GetProperty("@type").GetString());
        Assert.False(reuters.TryGetProperty("url", out _), "the seeded Reuters source has no URL, so none should be invented");
        Assert.Equal("Trump blames Zelensky, not Putin, for stalled Ukraine peace talks", reuters.GetProperty("headline").GetString());
        Assert.Equal("2026-01-15", reuters.GetProperty("datePublished").GetString());
        Assert.Equal("Reuters", reuters.GetProperty("publisher").GetProperty("name").GetString());

        Assert.Equal(earlier.GetRawText(), item.GetProperty("firstAppearance").GetRawText());
    }

    private static List<string> JsonLdScripts(string html) =>
        Regex.Matches(html, @"<script[^>]*type=""application/ld\+json""[^>]*>(.*?)</script>", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value).ToList();
}
