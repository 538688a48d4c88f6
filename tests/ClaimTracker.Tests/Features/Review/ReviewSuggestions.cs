using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Review;

/// <summary>
/// Suggestion rows as the engine would store them for the seed article, written straight into the database
/// (the engine and the import are not needed to review what they produce).
/// </summary>
public static class ReviewSuggestions
{
    public const string SourceKey = "reuters-ukraine-peace-talks";

    /// <summary>Adds one suggestion over the first occurrence of <paramref name="phrase"/> in the source's text.</summary>
    public static async Task<AttributionSuggestion> AddAsync(ClaimTrackerDbContext db, string phrase, string actorName, int? actorId,
        Stance stance, AttributionMode mode, string claimText, int? claimId = null, double? similarity = null, string cue = "reporting verb 'said'",
        string sourceKey = SourceKey)
    {
        var source = await db.Sources.SingleAsync(s => s.Key == sourceKey);
        var start = source.Text.IndexOf(phrase, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new ArgumentException($"\"{phrase}\" is not in {sourceKey}.", nameof(phrase));
        }
        var suggestion = new AttributionSuggestion
        {
            SourceId = source.Id,
            Anchor = TextAnchor.FromText(source.Text, start, start + phrase.Length),
            ActorName = actorName,
            ActorId = actorId,
            Stance = stance,
            Mode = mode,
            ClaimText = claimText,
            ClaimId = claimId,
            Similarity = similarity,
            Cue = cue,
        };
        db.AttributionSuggestions.Add(suggestion);
        await db.SaveChangesAsync();
        return suggestion;
    }
}
