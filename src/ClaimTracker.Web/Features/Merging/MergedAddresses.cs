using ClaimTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Merging;

/// <summary>Where the address of a merged claim leads, so that old links to it still reach the claim it became.</summary>
public sealed class MergedAddresses(IDbContextFactory<ClaimTrackerDbContext> dbFactory)
{
    /// <summary>How far an old address follows merges (a merged claim's survivor merged again, and so on).</summary>
    private const int MaxMergeChain = 20;

    /// <summary>
    /// Where the address of a merged claim leads: the live claim at the end of its merges and the merge that retired
    /// <paramref name="claimId"/>; null when the claim is not a merged one (live, deleted, or never there).
    /// </summary>
    public async Task<(int SurvivorId, int MergeId)?> FindSurvivorAsync(int claimId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mergeId = await db.ClaimMerges.AsNoTracking()
            .Where(m => m.MergedId == claimId && m.UndoneAt == null)
            .OrderByDescending(m => m.Id).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
        if (mergeId is null)
        {
            return null;
        }
        var current = claimId;
        for (var i = 0; i < MaxMergeChain; i++)
        {
            var claim = await db.Claims.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.Id == current).Select(c => new { c.IsDeleted, c.MergedIntoId }).SingleOrDefaultAsync(ct);
            if (claim is null)
            {
                return null;
            }
            if (!claim.IsDeleted)
            {
                return (current, mergeId.Value);
            }
            if (claim.MergedIntoId is not int next)
            {
                return null; // merged into a claim that was deleted afterwards: nothing to show
            }
            current = next;
        }
        return null;
    }
}
