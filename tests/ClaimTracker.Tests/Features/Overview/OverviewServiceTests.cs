using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Overview;

namespace ClaimTracker.Tests.Features.Overview;

/// <summary>The home page's data, which builds on ClaimService.SearchAsync, ActorService.ListAsync and SourceService.ListAsync.</summary>
[BothEngines]
public class OverviewServiceTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    [Fact]
    public async Task The_overview_counts_the_seed_and_leads_with_the_most_disputed_claims()
    {
        var doc = TestSeeds.Document;

        var overview = await app.GetService<OverviewService>().GetAsync();

        Assert.Equal(new OverviewStats(doc.Claims.Count, doc.Actors.Count, doc.Sources.Count, doc.Attributions.Count, doc.Relations.Count), overview.Stats);
        Assert.NotEmpty(overview.MostDisputed);
        Assert.All(overview.MostDisputed, c => Assert.True(c.ConflictCount > 0));
        Assert.Equal(overview.MostDisputed.OrderByDescending(c => c.ConflictCount).Select(c => c.Id), overview.MostDisputed.Select(c => c.Id));
        Assert.Equal(["Trump blames Zelensky, not Putin, for stalled Ukraine peace talks"], overview.LatestSources.Select(s => s.Title));
        Assert.Contains(overview.MostCited, a => a.Name == "Donald Trump");
    }
}
