using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Sources;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Overview;

public sealed record OverviewStats(int Claims, int Actors, int Sources, int Attributions, int Relations);

public sealed record OverviewModel(OverviewStats Stats, IReadOnlyList<ClaimRow> MostDisputed, IReadOnlyList<ActorRow> MostCited, IReadOnlyList<SourceRow> LatestSources);

/// <summary>The home page: what is most contested right now, who is most cited, what was read last.</summary>
public sealed class OverviewService(IDbContextFactory<ClaimTrackerDbContext> dbFactory, ClaimService claims, ActorService actors, SourceService sources, ReadModelCache cache)
{
    /// <summary>The overview as of the last commit: every visit to the home page asks, and it changes only with the record.</summary>
    public Task<OverviewModel> GetAsync(CancellationToken ct = default) =>
        cache.GetOrLoadAsync(nameof(OverviewService), LoadAsync, ct);

    private async Task<OverviewModel> LoadAsync(CancellationToken ct)
    {
        OverviewStats stats;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            stats = new OverviewStats(
                await db.Claims.CountAsync(ct),
                await db.Actors.CountAsync(ct),
                await db.Sources.CountAsync(ct),
                // Every live statement has an actor: their stored counts add up to the number (counting the statements
                // themselves read a million index entries at that size).
                await db.Actors.IgnoreQueryFilters().SumAsync(a => EF.Property<int>(a, ActorCountTriggers.StatementCount), ct),
                await db.ClaimRelations.CountAsync(ct));
        }
        var disputed = await claims.SearchAsync(new ClaimSearchQuery(Sort: ClaimSort.MostDisputed, PageSize: 5), SearchTerms.Empty, ct);
        var cited = await actors.ListAsync(null, 0, 6, ct);
        var latest = await sources.ListAsync(0, 5, ct);
        return new OverviewModel(stats, disputed.Items.Where(c => c.ConflictCount > 0).ToList(), cited.Items, latest.Items);
    }
}
