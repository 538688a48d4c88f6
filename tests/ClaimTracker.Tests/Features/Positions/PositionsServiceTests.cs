using ClaimTracker.TestArticles;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Positions;
using S = ClaimTracker.TestArticles.CarrowFordStory;

namespace ClaimTracker.Tests.Features.Positions;

/// <summary>Timelines, reversals and comparisons over the seed and the imported test story, on both engines.</summary>
[BothEngines]
public class PositionsServiceTests(PositionsServiceTests.StoryApp app) : IClassFixture<PositionsServiceTests.StoryApp>
{
    /// <summary>The seeded app with the test story imported once for the class.</summary>
    public sealed class StoryApp : ClaimTrackerFactory
    {
        public CarrowFordStory Story { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Story = await CarrowFordStory.ImportAsync(Services);
        }
    }

    private S Story => app.Story;

    [Fact]
    public async Task The_ministers_reversal_on_the_water_is_found_with_both_dates()
    {
        var result = await app.GetService<ConsistencyService>().ForActorAsync(Story.Actors[S.Marrin]);

        Assert.NotNull(result);
        var onWater = Assert.Single(result.Flags, f => f.Kind == ReversalKind.StanceChanged && f.Later.Statement.ClaimId == Story.Claims[S.WaterSafe]);
        // The latest assertion before the denial (16 Feb, "on Monday" in the article of 17 Feb), then the denial ("Tuesday", 3 Mar).
        Assert.Equal(Story.Statements["marrin-safe-2"], onWater.Earlier.Statement.Id);
        Assert.Equal(Story.Statements["marrin-not-safe"], onWater.Later.Statement.Id);
        Assert.Equal("Asserted on 16 Feb 2026 … denied on 3 Mar 2026.", onWater.Summary());
        Assert.Equal("said Tuesday, 3 Mar 2026", onWater.Later.When.Label);

        var onBoiling = Assert.Single(result.Flags, f => f.Kind == ReversalKind.StanceChanged && f.Later.Statement.ClaimId == Story.Claims[S.BoilWater]);
        Assert.Equal((Stance.Denies, Stance.Asserts), (onBoiling.Earlier.Statement.Stance, onBoiling.Later.Statement.Stance));
        // Safe water (asserted in February) and boiling it (asserted in March) contradict each other by a relation.
        var rivals = Assert.Single(result.Flags, f => f.Kind == ReversalKind.ContradictingClaims);
        Assert.Equal((Story.Claims[S.WaterSafe], Story.Claims[S.BoilWater]), (rivals.Earlier.Statement.ClaimId, rivals.Later.Statement.ClaimId));
        Assert.NotNull(rivals.Rationale);
        Assert.Equal((3, 2, 1), (result.Total, result.StanceChanges, result.ContradictingClaims));
        // The most recent first.
        Assert.Equal(result.Flags.OrderByDescending(f => f.Later.When.Date).Select(f => f.Later.When.Date), result.Flags.Select(f => f.Later.When.Date));
    }

    [Fact]
    public async Task The_company_backing_two_contradicting_accounts_is_flagged_and_those_who_held_their_line_are_not()
    {
        var consistency = app.GetService<ConsistencyService>();

        var brenholt = await consistency.ForActorAsync(Story.Actors[S.Brenholt]);
        var flag = Assert.Single(brenholt!.Flags);
        Assert.Equal(ReversalKind.ContradictingClaims, flag.Kind);
        Assert.Equal((Story.Claims[S.NoLeak], Story.Claims[S.LeakContained]), (flag.Earlier.Statement.ClaimId, flag.Later.Statement.ClaimId));
        Assert.Equal("said Sunday, 1 Feb 2026", flag.Earlier.When.Label);
        Assert.Equal("said Monday, 16 Feb 2026", flag.Later.When.Label);

        // Reede doubted, then denied: the same side, no reversal; the board and the agency never changed.
        foreach (var steady in new[] { S.Reede, S.WaterBoard, S.Agency })
        {
            var r = (await consistency.ForActorAsync(Story.Actors[steady]))!;
            Assert.True(r.Total == 0, steady + ": " + string.Join("; ", r.Flags.Select(f => f.Summary() + f.Earlier.ClaimText + f.Later.ClaimText)));
        }
        // Nobody in the seed article reverses.
        Assert.Equal(0, (await consistency.ForActorAsync(await app.ActorId("donald-trump")))!.Total);
    }

    [Fact]
    public async Task The_ranking_puts_the_minister_first_and_the_topic_filter_narrows_it()
    {
        var consistency = app.GetService<ConsistencyService>();

        var all = await consistency.RankAsync(null, 0);
        Assert.Equal([Story.Actors[S.Marrin], Story.Actors[S.Brenholt]], all.Rows.Select(r => r.ActorId));
        Assert.Equal((2, 1), (all.Rows[0].StanceChanges, all.Rows[0].ContradictingClaims));
        Assert.Equal((4, 2), (all.TotalReversals, all.TotalActors));
        Assert.Contains(S.Topic, all.Topics);
        Assert.NotNull(all.Rows[0].Latest);

        // "Brenholt plant" holds the company's two accounts but neither of the minister's water claims.
        var plant = await consistency.RankAsync("Brenholt plant", 0);
        Assert.Equal([Story.Actors[S.Brenholt]], plant.Rows.Select(r => r.ActorId));
        Assert.Empty((await consistency.RankAsync("peace talks", 0)).Rows);
    }

    [Fact]
    public async Task A_claims_timeline_lists_who_said_what_in_date_order_either_way()
    {
        var timelines = app.GetService<TimelineService>();

        var oldest = await timelines.ForClaimAsync(Story.Claims[S.WaterSafe], TimelineOrder.OldestFirst, 0);
        Assert.NotNull(oldest);
        Assert.Equal((5, 2), (oldest.Total, oldest.Actors));
        Assert.Equal(["Monday, 2 Feb 2026", "Tuesday, 3 Feb 2026", "Monday, 16 Feb 2026", "Tuesday, 17 Feb 2026", "Tuesday, 3 Mar 2026"], oldest.Days.Select(d => d.Date.Heading));
        Assert.Equal(["said Monday, 2 Feb 2026", "published 3 Feb 2026", "said Monday, 16 Feb 2026", "published 17 Feb 2026", "said Tuesday, 3 Mar 2026"],
            oldest.Days.SelectMany(d => d.Statements).Select(s => s.When.Label));

        var newest = await timelines.ForClaimAsync(Story.Claims[S.WaterSafe], TimelineOrder.NewestFirst, 0);
        Assert.Equal(oldest.Days.Select(d => d.Date).Reverse(), newest!.Days.Select(d => d.Date));

        // Paged: two to a page, the first page holds the first published.
        var paged = await timelines.ForClaimAsync(Story.Claims[S.WaterSafe], TimelineOrder.OldestFirst, 0, pageSize: 2);
        Assert.Equal((2, 3, true), (paged!.Shown, paged.PageCount, paged.HasNext));
        Assert.Equal([Story.Statements["marrin-safe-1"], Story.Statements["reede-doubts-safe"]], paged.Days.SelectMany(d => d.Statements).Select(s => s.Statement.Id));
    }

    [Fact]
    public async Task An_actors_timeline_dates_each_statement_and_a_month_follows_its_days()
    {
        var timeline = await app.GetService<TimelineService>().ForActorAsync(Story.Actors[S.Brenholt], TimelineOrder.OldestFirst, 0);

        Assert.NotNull(timeline);
        Assert.Equal(5, timeline.Total);
        Assert.Equal(["Sunday, 1 Feb 2026", "Monday, 16 Feb 2026", "February 2026", "Wednesday, 4 Mar 2026"], timeline.Days.Select(d => d.Date.Heading));
        Assert.Equal("said in February 2026", timeline.Days[2].Statements.Single().When.Label);
        Assert.Null(await app.GetService<TimelineService>().ForActorAsync(int.MaxValue, TimelineOrder.OldestFirst, 0));
    }

    [Fact]
    public async Task The_seed_claims_timeline_reads_Thursday_and_December_against_the_publication()
    {
        var timeline = await app.GetService<TimelineService>().ForClaimAsync(await app.ClaimId("putin-aims-to-seize-ukraine"), TimelineOrder.OldestFirst, 0);

        var day = Assert.Single(timeline!.Days);
        Assert.Equal("December 2025", day.Date.Heading);
        Assert.Equal(["US intelligence", "Tulsi Gabbard"], day.Statements.Select(s => s.Statement.ActorName));

        var ready = await app.GetService<TimelineService>().ForClaimAsync(await app.ClaimId("putin-ready-for-deal"), TimelineOrder.OldestFirst, 0);
        Assert.Contains(ready!.Days.SelectMany(d => d.Statements), s => s.Statement.ActorName == "Russian government (the Kremlin)" && s.When.Label == "said Thursday, 15 Jan 2026");
    }

    [Fact]
    public async Task Comparing_the_minister_and_the_company_sorts_claims_into_agreement_disagreement_and_their_own()
    {
        var result = await app.GetService<ComparisonService>().CompareAsync(Story.Actors[S.Marrin], Story.Actors[S.Brenholt]);

        var c = result.Comparison;
        Assert.NotNull(c);
        Assert.Empty(c.Agree);
        // Who pays: the same claim from opposite sides. Solvent in the river against "no leak": contradicting claims, one each.
        Assert.Contains(c.Disagree, r => r.Reason.Link == AlignmentLink.SameClaim && r.Reason.OwnClaimId == Story.Claims[S.BrenholtShouldPay]
            && r.QuoteA!.Id == Story.Statements["marrin-should-pay"] && r.QuoteB!.Id == Story.Statements["brenholt-will-not-pay"]);
        Assert.Contains(c.Disagree, r => r.Reason.Link == AlignmentLink.Contradicting
            && (r.Reason.OwnClaimId, r.Reason.TheirClaimId) == (Story.Claims[S.SolventReachedRiver], Story.Claims[S.NoLeak]));
        Assert.Equal(c.Disagree.Count, c.DisagreeTotal);
        Assert.Equal([Story.Claims[S.WaterSafe], Story.Claims[S.BoilWater]], c.OnlyA.Select(o => o.ClaimId).Order());
        Assert.Equal([Story.Claims[S.LeakContained]], c.OnlyB.Select(o => o.ClaimId));
    }

    [Fact]
    public async Task Comparing_the_minister_and_the_opposition_leader_finds_agreement_after_her_reversal_and_disagreement_before()
    {
        var c = (await app.GetService<ComparisonService>().CompareAsync(Story.Actors[S.Marrin], Story.Actors[S.Reede])).Comparison!;

        Assert.Contains(c.Agree, r => r.Reason.OwnClaimId == Story.Claims[S.WaterSafe] && r.Reason.OwnStance == Stance.Denies);
        Assert.Contains(c.Agree, r => r.Reason.OwnClaimId == Story.Claims[S.BrenholtShouldPay]);
        Assert.Contains(c.Disagree, r => r.Reason.OwnClaimId == Story.Claims[S.WaterSafe] && r.Reason.OwnStance == Stance.Asserts);
    }

    [Fact]
    public async Task Unknown_actors_are_named_and_nothing_is_compared()
    {
        var comparisons = app.GetService<ComparisonService>();

        var result = await comparisons.CompareAsync(Story.Actors[S.Marrin], int.MaxValue);

        Assert.Equal((null, false, true), (result.Comparison, result.AIsUnknown, result.BIsUnknown));
    }
}
