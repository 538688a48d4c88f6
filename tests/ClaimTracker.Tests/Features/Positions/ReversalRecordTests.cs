using ClaimTracker.TestArticles;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Positions;
using Microsoft.EntityFrameworkCore;
using S = ClaimTracker.TestArticles.CarrowFordStory;

namespace ClaimTracker.Tests.Features.Positions;

/// <summary>Reversals follow the live record: a deleted statement or relation takes its flag with it, a restore brings it back.</summary>
[BothEngines]
public class ReversalRecordTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    [Fact]
    public async Task Deleted_statements_and_relations_are_ignored_and_restored_ones_count_again()
    {
        var story = await CarrowFordStory.ImportAsync(app.Services);
        var marrin = story.Actors[S.Marrin];
        Task<ActorConsistency?> Flags() => app.GetService<ConsistencyService>().ForActorAsync(marrin);
        Assert.Equal((2, 1), ((await Flags())!.StanceChanges, (await Flags())!.ContradictingClaims));

        await using var scope = app.Services.ScopeAs(Roles.Editor);
        var edits = scope.As<RecordEditService>();
        var denial = (await edits.GetAttributionAsync(story.Statements["marrin-not-safe"]))!;
        Assert.True((await edits.DeleteAttributionAsync(denial.Id, denial.Version)).Succeeded);
        await using (var db = app.CreateDbContext())
        {
            var relation = await db.ClaimRelations.SingleAsync(r => r.FromClaimId == story.Claims[S.BoilWater] && r.ToClaimId == story.Claims[S.WaterSafe]);
            Assert.True((await edits.DeleteRelationAsync(relation.Id, relation.Version)).Succeeded);
        }

        var after = (await Flags())!;
        // Only the change of side on boiling is left: no denial of safe water, no live contradiction between the two claims.
        var left = Assert.Single(after.Flags);
        Assert.Equal((ReversalKind.StanceChanged, story.Claims[S.BoilWater]), (left.Kind, left.Later.Statement.ClaimId));
        Assert.DoesNotContain((await app.GetService<TimelineService>().ForActorAsync(marrin, TimelineOrder.OldestFirst, 0))!.Days.SelectMany(d => d.Statements),
            s => s.Statement.Id == denial.Id);

        Assert.True((await edits.RestoreAttributionAsync(denial.Id)).Succeeded);
        Assert.Equal(2, (await Flags())!.StanceChanges);
    }
}
