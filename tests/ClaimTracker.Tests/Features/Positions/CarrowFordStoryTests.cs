using ClaimTracker.TestArticles;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Positions;

/// <summary>The test story records through the app's services, and a second import adds nothing.</summary>
[BothEngines]
public class CarrowFordStoryTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    [Fact]
    public async Task The_story_is_recorded_once_however_often_it_is_imported()
    {
        var first = await CarrowFordStory.ImportAsync(app.Services);
        await using var db = app.CreateDbContext();
        var counts = (await db.Sources.CountAsync(), await db.Attributions.CountAsync(), await db.ClaimRelations.CountAsync(), await db.Claims.CountAsync());

        var second = await CarrowFordStory.ImportAsync(app.Services);

        Assert.Equal(counts, (await db.Sources.CountAsync(), await db.Attributions.CountAsync(), await db.ClaimRelations.CountAsync(), await db.Claims.CountAsync()));
        Assert.Equal(first, second, new StoryComparer());
        Assert.Equal(CarrowFordStory.StatementList.Count, first.Statements.Count);

        // Every statement is anchored on its own words, with the stance and date the story gives it.
        foreach (var s in CarrowFordStory.StatementList)
        {
            var stored = await db.Attributions.AsNoTracking().SingleAsync(a => a.Id == first.Statements[s.Key]);
            Assert.Equal((s.Quote, s.Stance, s.SaidWhen), (stored.Anchor.Exact, stored.Stance, stored.SaidWhen));
        }
        var published = await db.Sources.AsNoTracking().Where(s => first.Sources.Values.Contains(s.Id)).OrderBy(s => s.PublishedOn).Select(s => s.PublishedOn).ToListAsync();
        Assert.Equal(CarrowFordStory.Articles.Select(a => a.PublishedOn), published);
        Assert.Equal(3, await db.ClaimRelations.CountAsync(r => r.Type == RelationType.Contradicts && first.Claims.Values.Contains(r.ToClaimId)));
    }

    private sealed class StoryComparer : IEqualityComparer<CarrowFordStory>
    {
        public bool Equals(CarrowFordStory? x, CarrowFordStory? y) =>
            x is not null && y is not null
            && x.Sources.OrderBy(p => p.Key).SequenceEqual(y.Sources.OrderBy(p => p.Key))
            && x.Actors.OrderBy(p => p.Key).SequenceEqual(y.Actors.OrderBy(p => p.Key))
            && x.Claims.OrderBy(p => p.Key).SequenceEqual(y.Claims.OrderBy(p => p.Key))
            && x.Statements.OrderBy(p => p.Key).SequenceEqual(y.Statements.OrderBy(p => p.Key));

        public int GetHashCode(CarrowFordStory obj) => obj.Sources.Count;
    }
}
