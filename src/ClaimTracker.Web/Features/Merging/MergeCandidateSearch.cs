using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Common.Text;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Merging;

/// <summary>Finds the claims that may be the same claim as another, for the "Possibly the same claim" list.</summary>
public sealed class MergeCandidateSearch(IDbContextFactory<ClaimTrackerDbContext> dbFactory)
{
    private const double MinSimilarity = 0.7;

    /// <summary>
    /// Claims whose wording is close to this one's, as candidates for a merge: the full-text index finds claims sharing
    /// its content words (<see cref="ContentWords"/>; best ranked first), and of those the ones whose content is nearly
    /// the same (<see cref="TextSimilarity"/> of at least 0.7) are kept, most similar first. The bar is high on purpose:
    /// claims that merely concern the same thing ("Trump takes Putin at his word" and "that is objectionable") share half
    /// their words, and offering those as duplicates would be noise.
    /// </summary>
    public async Task<IReadOnlyList<SimilarClaim>> SimilarAsync(int claimId, int take = 3, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var text = await db.Claims.AsNoTracking().Where(c => c.Id == claimId).Select(c => c.Text).SingleOrDefaultAsync(ct);
        if (text is null)
        {
            return [];
        }
        var words = ContentWords.Words(text).Distinct().ToList();
        if (words.Count == 0)
        {
            return [];
        }
        var ranked = db.BestMatchesForAnyWord(words.Take(16), limit: 50);
        var candidates = await db.Claims.AsNoTracking()
            .Where(c => c.Id != claimId && ranked.Select(m => m.ClaimId).Contains(c.Id)) // IN, run once; see ClaimService.SearchAsync
            .Select(c => new { c.Id, c.Text })
            .ToListAsync(ct);
        return candidates
            .Select(c => new SimilarClaim(c.Id, c.Text, TextSimilarity.Of(text, c.Text)))
            .Where(c => c.Similarity >= MinSimilarity)
            .OrderByDescending(c => c.Similarity).ThenBy(c => c.Id)
            .Take(take)
            .ToList();
    }
}
