using System.Text.Json;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Overview;
using ClaimTracker.Web.Features.Verdicts;

namespace ClaimTracker.Tests.Features.Verdicts;

/// <summary>
/// A claim's published rating where people look: the claims list (and its rating filter), the overview, the actor page
/// and the JSON API; a draft's rating in none of them. Through the real services and their read-model cache, over the
/// seed; each test rates claims of its own.
/// </summary>
[BothEngines]
public class PublishedRatingTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private const int MostlyAccurate = 2;
    private const int Misleading = 3;
    private const int Unsupported = 4;
    private const int Unverifiable = 6;

    private readonly HttpClient client = app.CreateClient();

    private async Task<VerdictView> DraftAsync(string claimKey, int rating)
    {
        var claimId = await app.ClaimId(claimKey);
        if (await app.StatusAsync(claimId) == ClaimStatus.New)
        {
            Assert.True((await app.AsAsync(Roles.Editor, s => s.StartReviewAsync(claimId))).Succeeded);
        }
        var draft = await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(claimId, VerdictTestHelpers.Input($"Rated for the test: {claimKey}.", rating), null));
        Assert.True(draft.Succeeded, draft.Message);
        return draft.Value!;
    }

    private async Task<VerdictView> PublishAsync(string claimKey, int rating)
    {
        var draft = await DraftAsync(claimKey, rating);
        var published = await app.AsAsync(Roles.Editor, s => s.PublishAsync(draft.ClaimId, draft.Version));
        Assert.True(published.Succeeded, published.Message);
        return published.Value!;
    }

    private async Task<ClaimRow> RowAsync(int claimId, ClaimSearchQuery? query = null)
    {
        var page = await app.GetService<ClaimService>().SearchAsync(query ?? new ClaimSearchQuery(PageSize: ClaimService.MaxPageSize));
        return Assert.Single(page.Items, r => r.Id == claimId);
    }

    [Fact]
    public async Task A_published_rating_shows_beside_its_claim_in_the_list_the_overview_and_the_actor_page_until_reopened()
    {
        var published = await PublishAsync("putin-ready-for-deal", Misleading);
        var claimId = published.ClaimId;

        var row = await RowAsync(claimId);
        Assert.Equal(new PublishedRating(Misleading, "Misleading", 3, published.PublishedAt), row.Rating);

        var overview = await app.GetService<OverviewService>().GetAsync();
        var disputed = Assert.Single(overview.MostDisputed, c => c.Id == claimId);
        Assert.Equal("Misleading", disputed.Rating?.Label);

        var trump = await app.GetService<ActorService>().GetProfileAsync(await app.ActorId("donald-trump"));
        Assert.Contains(trump!.Positions, p => p.Attribution.ClaimId == claimId);
        Assert.Equal("Misleading", trump.RatingOf(claimId)?.Label);
        // A claim on the same page without a published verdict has none.
        Assert.Null(trump.RatingOf(await app.ClaimId("kyiv-to-blame")));

        // Reopened: withdrawn from public view, so from the lists too (the cached pages are read again after the commit).
        Assert.True((await app.AsAsync(Roles.Editor, s => s.ReopenAsync(claimId, published.Version))).Succeeded);
        Assert.Null((await RowAsync(claimId)).Rating);
        Assert.Null(Assert.Single((await app.GetService<OverviewService>().GetAsync()).MostDisputed, c => c.Id == claimId).Rating);
        Assert.Null((await app.GetService<ActorService>().GetProfileAsync(await app.ActorId("donald-trump")))!.RatingOf(claimId));
    }

    [Fact]
    public async Task A_drafts_rating_is_in_no_list_no_filter_and_not_in_the_api()
    {
        var draft = await DraftAsync("zelensky-hesitating", Unverifiable);

        Assert.Null((await RowAsync(draft.ClaimId)).Rating);
        Assert.DoesNotContain((await app.GetService<ClaimService>().SearchAsync(new ClaimSearchQuery(RatingLabelId: Unverifiable))).Items, r => r.Id == draft.ClaimId);
        Assert.Null((await app.GetService<ActorService>().GetProfileAsync(await app.ActorId("donald-trump")))!.RatingOf(draft.ClaimId));
        var claim = await client.GetJsonAsync($"/api/claims/{draft.ClaimId}");
        Assert.Equal(JsonValueKind.Null, claim.GetProperty("verdict").ValueKind);
        Assert.DoesNotContain($"Rated for the test", claim.ToString());
    }

    [Fact]
    public async Task The_rating_filter_lists_only_the_claims_published_with_that_rating_and_combines_with_the_other_filters()
    {
        var rated = await PublishAsync("kyiv-to-blame", Unsupported);
        var alsoRated = await PublishAsync("witkoff-kushner-to-moscow", Unsupported);
        var otherRating = await PublishAsync("trump-to-meet-zelensky-davos", Misleading);
        var drafted = await DraftAsync("kyiv-cannot-cede-land", Unsupported);
        var claims = app.GetService<ClaimService>();

        var unsupported = await claims.SearchAsync(new ClaimSearchQuery(RatingLabelId: Unsupported));
        Assert.Equal(new[] { rated.ClaimId, alsoRated.ClaimId }.Order(), unsupported.Items.Select(r => r.Id).Order());
        Assert.Equal(2, unsupported.TotalCount);
        Assert.All(unsupported.Items, r => Assert.Equal("Unsupported", r.Rating?.Label));
        Assert.DoesNotContain(unsupported.Items, r => r.Id == otherRating.ClaimId || r.Id == drafted.ClaimId);

        // With the other filters: a topic only one of them has, an actor, a search word; a status no published claim has.
        Assert.Equal([rated.ClaimId], (await claims.SearchAsync(new ClaimSearchQuery(Topic: "blame", RatingLabelId: Unsupported))).Items.Select(r => r.Id));
        Assert.Equal([rated.ClaimId], (await claims.SearchAsync(new ClaimSearchQuery(ActorId: await app.ActorId("donald-trump"), RatingLabelId: Unsupported))).Items.Select(r => r.Id));
        Assert.Equal([alsoRated.ClaimId], (await claims.SearchAsync(new ClaimSearchQuery("Moscow Witkoff", RatingLabelId: Unsupported))).Items.Select(r => r.Id));
        Assert.Empty((await claims.SearchAsync(new ClaimSearchQuery(Status: ClaimStatus.New, RatingLabelId: Unsupported))).Items);

        // A rating nobody has, and one that is not on the scale: nothing, and no error.
        var none = await claims.SearchAsync(new ClaimSearchQuery(RatingLabelId: Unverifiable));
        Assert.Empty(none.Items);
        Assert.Equal(0, none.TotalCount);
        Assert.Null(none.SearchError);
        Assert.Empty((await claims.SearchAsync(new ClaimSearchQuery(RatingLabelId: 987654))).Items);
    }

    [Fact]
    public async Task The_filter_lists_offer_the_rating_scale_in_its_order()
    {
        var options = await app.GetService<ClaimService>().GetFilterOptionsAsync();

        Assert.Equal(["Accurate", "Mostly accurate", "Misleading", "Unsupported", "False", "Unverifiable"], options.Ratings.Select(r => r.Label));
    }

    [Fact]
    public async Task The_api_gives_each_claim_its_published_verdicts_rating_value_and_date_and_null_without_one()
    {
        var published = await PublishAsync("russia-open-to-talks", MostlyAccurate);
        var unrated = await app.ClaimId("ukraine-should-cede-donbas");

        var claim = await client.GetJsonAsync($"/api/claims/{published.ClaimId}");
        var verdict = claim.GetProperty("verdict");
        Assert.Equal("Mostly accurate", verdict.GetProperty("rating").GetString());
        Assert.Equal(4, verdict.GetProperty("ratingValue").GetInt32());
        Assert.Equal(published.PublishedAt, verdict.GetProperty("publishedAt").GetDateTimeOffset());
        // The rating only: the rationale and evidence are in the ClaimReview and on the claim page.
        Assert.Equal(["rating", "ratingValue", "publishedAt"], verdict.EnumerateObject().Select(p => p.Name));

        var list = await client.GetJsonAsync("/api/claims?limit=500");
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i => Assert.True(i.TryGetProperty("verdict", out _), $"no \"verdict\" on claim {i.GetProperty("id")}"));
        Assert.Equal("Mostly accurate", items.Single(i => i.GetProperty("id").GetInt32() == published.ClaimId).GetProperty("verdict").GetProperty("rating").GetString());
        Assert.Equal(JsonValueKind.Null, items.Single(i => i.GetProperty("id").GetInt32() == unrated).GetProperty("verdict").ValueKind);
    }
}
