using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Verdicts;

/// <summary>A claim's published verdict as the lists show it: the rating only, beside the claim.</summary>
/// <param name="Value">The rating's place on the scale (<see cref="RatingLabel.Value"/>): 5 accurate to 1 false, 0 off the scale.</param>
public sealed record PublishedRating(int RatingLabelId, string Label, int Value, DateTimeOffset? PublishedAt);

/// <summary>
/// The published ratings of claims, for the lists (claims browser, overview, actor page) and the JSON API. Only
/// <see cref="VerdictState.Published"/> verdicts are ever read here, whoever asks: a draft's rating is for editors, in the
/// verdict panel, and never reaches a list. So what these return is the same for every reader and may be kept in the
/// shared read-model cache.
/// </summary>
public static class PublishedRatings
{
    /// <summary>The published ratings of the claims given (a page of them), by claim id; claims without one are absent.</summary>
    /// <remarks>One index range per claim (the index <c>(ClaimId, State, IsDeleted)</c>), however many verdicts there are.</remarks>
    public static async Task<IReadOnlyDictionary<int, PublishedRating>> OfClaimsAsync(ClaimTrackerDbContext db, IReadOnlyCollection<int> claimIds, CancellationToken ct)
    {
        if (claimIds.Count == 0)
        {
            return new Dictionary<int, PublishedRating>();
        }
        var ids = claimIds.Distinct().ToList();
        var rows = await db.Verdicts.AsNoTracking()
            .Where(v => ids.Contains(v.ClaimId) && v.State == VerdictState.Published)
            .Select(v => new { v.ClaimId, Rating = new PublishedRating(v.RatingLabelId, v.RatingLabel.Label, v.RatingLabel.Value, v.PublishedAt) })
            .ToListAsync(ct);
        // One verdict per live claim (a unique index); DistinctBy only guards the dictionary.
        return rows.DistinctBy(r => r.ClaimId).ToDictionary(r => r.ClaimId, r => r.Rating);
    }

    /// <summary>The ids of the claims whose published verdict has the rating <paramref name="ratingLabelId"/>.</summary>
    public static IQueryable<int> ClaimsRated(ClaimTrackerDbContext db, int ratingLabelId) =>
        db.Verdicts.Where(v => v.RatingLabelId == ratingLabelId && v.State == VerdictState.Published).Select(v => v.ClaimId);

    /// <summary>Whether <paramref name="claim"/>'s published verdict has the rating: a test of one claim, for a query that reads claims in another order.</summary>
    public static IQueryable<Claim> WhereRated(IQueryable<Claim> claims, int ratingLabelId) =>
        claims.Where(c => c.Verdicts.Any(v => v.RatingLabelId == ratingLabelId && v.State == VerdictState.Published));

    /// <summary>The scale, in its order: the rating filter's options.</summary>
    public static async Task<IReadOnlyList<RatingOption>> ScaleAsync(ClaimTrackerDbContext db, CancellationToken ct) =>
        await db.RatingLabels.AsNoTracking().OrderBy(r => r.SortOrder)
            .Select(r => new RatingOption(r.Id, r.Label, r.Description, r.Value)).ToListAsync(ct);
}

/// <summary>How a rating looks wherever it is shown: one colour per value, white text at 4.5:1 or better.</summary>
public static class RatingScale
{
    /// <summary>Green for accurate through red for false; slate for a rating off the scale (unverifiable).</summary>
    public static string Style(int value) => value switch
    {
        5 => "background:#14532d;color:#fff",
        4 => "background:#3f6212;color:#fff",
        3 => "background:#92400e;color:#fff",
        2 => "background:#9a3412;color:#fff",
        1 => "background:#991b1b;color:#fff",
        _ => "background:#374151;color:#fff",
    };
}
