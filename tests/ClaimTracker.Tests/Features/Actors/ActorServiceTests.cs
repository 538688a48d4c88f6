using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Actors;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Actors;

/// <summary>ActorService resolved from the app's container, over the seeded database of this class.</summary>
[BothEngines]
public class ActorServiceTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private readonly ActorService _actors = app.GetService<ActorService>();

    private async Task<ActorProfile> ProfileAsync(string key)
    {
        var profile = await _actors.GetProfileAsync(await app.ActorId(key));
        Assert.NotNull(profile);
        return profile;
    }

    [Fact]
    public async Task Tulsi_Gabbard_disagrees_with_US_intelligence_on_Putins_aims()
    {
        var gabbard = await ProfileAsync("tulsi-gabbard");

        var usIntelligence = Assert.Single(gabbard.DisagreesWith, a => a.ActorName == "US intelligence");
        Assert.Equal(await app.ActorId("us-intelligence"), usIntelligence.ActorId);
        var reason = Assert.Single(usIntelligence.Reasons);
        Assert.Equal(await app.ClaimId("putin-aims-to-seize-ukraine"), reason.OwnClaimId);
        Assert.Equal(reason.OwnClaimId, reason.TheirClaimId);
        Assert.Equal((Stance.Questions, Stance.Asserts, (RelationType?)null), (reason.OwnStance, reason.TheirStance, reason.Relation));
        Assert.DoesNotContain(gabbard.AgreesWith, a => a.ActorName == "US intelligence");
    }

    [Fact]
    public async Task Questioning_a_claim_is_not_siding_with_its_rivals_nor_rejecting_what_it_supports()
    {
        var gabbard = await ProfileAsync("tulsi-gabbard");

        // She questions the intelligence claim; it contradicts Trump's and supports the Europeans'. Neither follows.
        Assert.DoesNotContain(gabbard.AgreesWith, a => a.ActorName == "Donald Trump");
        Assert.DoesNotContain(gabbard.DisagreesWith, a => a.ActorName == "European governments");
        Assert.Equal(["US intelligence"], gabbard.DisagreesWith.Select(a => a.ActorName));
    }

    [Fact]
    public async Task Zelensky_denying_the_withdrawal_agrees_with_no_one_who_backs_it_and_disagrees_with_Moscow()
    {
        var zelensky = await ProfileAsync("volodymyr-zelensky");

        var kremlin = Assert.Single(zelensky.DisagreesWith, a => a.ActorName == "Russian government (the Kremlin)");
        Assert.Contains(kremlin.Reasons, r => r.Relation is null && r.OwnStance == Stance.Denies);
        Assert.Contains(zelensky.DisagreesWith, a => a.ActorName == "US officials");
    }

    [Fact]
    public async Task Donald_Trump_disagrees_with_European_governments()
    {
        var trump = await ProfileAsync("donald-trump");

        var europeans = Assert.Single(trump.DisagreesWith, a => a.ActorName == "European governments");
        Assert.Equal(await app.ActorId("european-governments"), europeans.ActorId);
        var objectives = await app.ClaimId("kremlin-keeps-objectives");
        var ready = await app.ClaimId("putin-ready-for-deal");
        Assert.Contains(europeans.Reasons, r => r.TheirClaimId == objectives && r.Relation == RelationType.Contradicts && r.OwnClaimId == ready);
        Assert.All(europeans.Reasons, r => Assert.Equal(Stance.Asserts, r.OwnStance));
        Assert.Equal(europeans.Reasons.Count, europeans.Reasons.Distinct().Count());
        Assert.DoesNotContain(trump.AgreesWith, a => a.ActorName == "European governments");
    }

    [Fact]
    public async Task Donald_Trump_agrees_with_the_Kremlin_that_endorsed_him()
    {
        var trump = await ProfileAsync("donald-trump");

        var kremlin = Assert.Single(trump.AgreesWith, a => a.ActorName == "Russian government (the Kremlin)");
        Assert.Contains(kremlin.Reasons, r => r.TheirStance == Stance.Endorses && r.Relation is null);
    }

    [Fact]
    public async Task A_profile_lists_the_actors_own_positions_and_never_aligns_them_with_themselves()
    {
        var trump = await ProfileAsync("donald-trump");

        Assert.Equal(TestSeeds.Document.Attributions.Count(a => a.Actor == "donald-trump"), trump.Positions.Count);
        Assert.All(trump.Positions, p => Assert.Equal("Donald Trump", p.Attribution.ActorName));
        Assert.DoesNotContain(trump.AgreesWith.Concat(trump.DisagreesWith), a => a.ActorId == trump.Id);
        Assert.Equal(["President Trump", "Trump"], trump.Aliases.Order());
    }

    [Fact]
    public async Task A_profile_lists_the_claims_about_the_actor()
    {
        var putin = await ProfileAsync("vladimir-putin");

        var expected = TestSeeds.Document.Claims.Where(c => (c.Subjects ?? []).Contains("vladimir-putin")).Select(c => c.Text).Order();
        Assert.Equal(expected, putin.ClaimsAbout.Select(c => c.Text).Order());
    }

    [Fact]
    public async Task The_actor_list_puts_the_most_cited_first_and_counts_the_total()
    {
        var doc = TestSeeds.Document;
        var expected = doc.Actors
            .Select(a => (a.Name, Count: doc.Attributions.Count(x => x.Actor == a.Key)))
            .OrderByDescending(a => a.Count).ThenBy(a => a.Name, StringComparer.Ordinal)
            .Take(6).ToList();

        var result = await _actors.ListAsync(null, 0, 6);

        Assert.Equal(doc.Actors.Count, result.TotalCount);
        Assert.Equal(expected, result.Items.Select(r => (r.Name, r.AttributionCount)));
    }

    [Fact]
    public async Task The_actor_list_searches_names_and_roles()
    {
        var expected = TestSeeds.Document.Actors
            .Where(a => a.Name.Contains("intelligence", StringComparison.OrdinalIgnoreCase) || (a.Role ?? "").Contains("intelligence", StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Name).Order();

        var result = await _actors.ListAsync("Intelligence", 0, 100);

        Assert.Equal(expected, result.Items.Select(r => r.Name).Order());
        Assert.Contains(result.Items, r => r.Name == "Tulsi Gabbard" && r.ChallengeCount == 1);
        Assert.Equal(0, (await _actors.ListAsync("_", 0, 100)).TotalCount);
    }

    [Fact]
    public async Task A_search_is_read_as_a_name_is_saved_so_characters_no_name_holds_are_no_error()
    {
        var intelligence = (await _actors.ListAsync("Intelligence", 0, 100)).Items.Select(r => r.Name);

        // A NUL is dropped, half a character is a replacement character (PostgreSQL would refuse the query with either).
        Assert.Equal(intelligence, (await _actors.ListAsync("Intelli\0gence", 0, 100)).Items.Select(r => r.Name));
        Assert.Equal(0, (await _actors.ListAsync("Intelligence\uD800", 0, 100)).TotalCount);
    }

    [Fact]
    public async Task An_unknown_actor_has_no_profile()
    {
        await using var db = app.CreateDbContext();
        var unknown = await db.Actors.MaxAsync(a => a.Id) + 1000;

        Assert.Null(await _actors.GetProfileAsync(unknown));
    }
}
