using ClaimTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Merging;

/// <summary>Finds the claims that may be the same claim as another, for the "Possibly the same claim" list.</summary>
public sealed class MergeCandidateSearch(IDbContextFactory<ClaimTrackerDbContext> dbFactory)
{
    private const double MinSimilarity = 0.7;

    /// <summary>Words too common to say two claims are the same.</summary>
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "about", "after", "also", "been", "before", "being", "could", "does", "from", "have", "into", "more", "most", "must",
        "only", "over", "said", "says", "should", "some", "than", "that", "their", "them", "then", "there", "these", "they",
        "this", "those", "under", "were", "what", "when", "which", "while", "will", "with", "would",
    };

    /// <summary>A claim's significant words: lower case, four letters or more, without the commonest.</summary>
    public static IReadOnlySet<string> SignificantWords(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text.ToLowerInvariant(), @"\p{L}[\p{L}\p{N}]*")
            .Select(m => m.Value).Where(w => w.Length >= 4 && !CommonWords.Contains(w)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Claims whose wording is close to this one's, as candidates for a merge: the full-text index finds claims sharing
    /// its significant words (best ranked first), and of those the ones whose own text shares most of its words with this
    /// one (Dice coefficient on significant words of at least 0.7) are kept, most similar first. The bar is high on
    /// purpose: claims that merely concern the same thing ("Trump takes Putin at his word" and "that is objectionable")
    /// share half their words, and offering those as duplicates would be noise.
    /// </summary>
    public async Task<IReadOnlyList<SimilarClaim>> SimilarAsync(int claimId, int take = 3, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var text = await db.Claims.AsNoTracking().Where(c => c.Id == claimId).Select(c => c.Text).SingleOrDefaultAsync(ct);
        if (text is null)
        {
            return [];
        }
        var words = SignificantWords(text);
        if (words.Count == 0)
        {
            return [];
        }
        // Each word quoted, so FTS5 reads it as a term and never as an operator.
        var ftsQuery = string.Join(" OR ", words.Take(16).Select(w => $"\"{w}\""));
        var ranked = db.Set<ClaimSearchMatch>()
            .FromSqlInterpolated($"SELECT rowid AS ClaimId FROM ClaimSearch WHERE ClaimSearch MATCH {ftsQuery} ORDER BY rank LIMIT 50");
        var candidates = await db.Claims.AsNoTracking()
            .Where(c => c.Id != claimId && ranked.Select(m => m.ClaimId).Contains(c.Id)) // IN, run once; see SearchAsync
            .Select(c => new { c.Id, c.Text })
            .ToListAsync(ct);
        return candidates
            .Select(c =>
            {
                var other = SignificantWords(c.Text);
                var shared = other.Count(words.Contains);
                return new SimilarClaim(c.Id, c.Text, 2.0 * shared / (words.Count + other.Count));
            })
            .Where(c => c.Similarity >= MinSimilarity)
            .OrderByDescending(c => c.Similarity).ThenBy(c => c.Id)
            .Take(take)
            .ToList();
    }
}
