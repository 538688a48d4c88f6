using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Verdicts;

/// <summary>
/// A published verdict as schema.org ClaimReview, the format fact-checkers exchange and search engines read.
/// Only published verdicts: a draft never leaves the newsroom this way, whoever asks.
/// </summary>
public sealed class ClaimReviewService(IDbContextFactory<ClaimTrackerDbContext> dbFactory, IConfiguration configuration)
{
    public const string DefaultNewsroomName = "ClaimTracker";
    public const string JsonLdContentType = "application/ld+json";
    public const int BestRating = 5;
    public const int WorstRating = 1;

    /// <summary>
    /// Plain System.Text.Json escaping: &lt; and &gt; come out as \u003C and \u003E, so no claim text can close
    /// the script element the JSON-LD is embedded in.
    /// </summary>
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string NewsroomName => configuration["ClaimTracker:NewsroomName"] is { Length: > 0 } name ? name : DefaultNewsroomName;

    /// <summary>The ClaimReview of the claim's published verdict, or null when it has none.</summary>
    /// <param name="siteBaseUri">The site's absolute root ("https://example.org/"), for the claim page's url.</param>
    public async Task<JsonObject?> GetAsync(int claimId, Uri siteBaseUri, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await db.Verdicts.AsNoTracking()
            .Where(v => v.ClaimId == claimId && v.State == VerdictState.Published)
            .Select(v => new { ClaimText = v.Claim.Text, v.RatingLabel.Label, v.RatingLabel.Value, v.PublishedAt })
            .SingleOrDefaultAsync(ct);
        if (review is null)
        {
            return null;
        }
        var appearances = await db.Attributions.AsNoTracking().Where(a => a.ClaimId == claimId)
            .OrderBy(a => a.Source.PublishedOn).ThenBy(a => a.SourceId).ThenBy(a => a.Anchor.Start).ThenBy(a => a.Id)
            .Select(a => new
            {
                a.Stance,
                ActorName = a.Actor.Name,
                ActorKind = a.Actor.Kind,
                a.SourceId,
                a.Source.Title,
                a.Source.Outlet,
                a.Source.PublishedOn,
                a.Source.Url,
            })
            .ToListAsync(ct);

        var sources = appearances.DistinctBy(a => a.SourceId).Select(a => new JsonObject
        {
            ["@type"] = "CreativeWork",
            ["url"] = a.Url,
            ["headline"] = a.Title,
            ["datePublished"] = Date(a.PublishedOn),
            ["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = a.Outlet },
        }).ToList();
        foreach (var source in sources.Where(s => s["url"] is null))
        {
            source.Remove("url");
        }

        var itemReviewed = new JsonObject { ["@type"] = "Claim" };
        if (appearances.FirstOrDefault(a => a.Stance == Stance.Asserts) is { } speaker)
        {
            itemReviewed["author"] = new JsonObject
            {
                ["@type"] = speaker.ActorKind == ActorKind.Person ? "Person" : "Organization",
                ["name"] = speaker.ActorName,
            };
        }
        if (appearances.Count > 0)
        {
            itemReviewed["datePublished"] = Date(appearances[0].PublishedOn);
            itemReviewed["appearance"] = new JsonArray([.. sources]);
            itemReviewed["firstAppearance"] = sources[0].DeepClone();
        }

        return new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ClaimReview",
            ["claimReviewed"] = review.ClaimText,
            ["reviewRating"] = new JsonObject
            {
                ["@type"] = "Rating",
                ["ratingValue"] = review.Value,
                ["bestRating"] = BestRating,
                ["worstRating"] = WorstRating,
                ["alternateName"] = review.Label,
            },
            ["author"] = new JsonObject { ["@type"] = "Organization", ["name"] = NewsroomName },
            ["datePublished"] = review.PublishedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["url"] = new Uri(siteBaseUri, $"claims/{claimId}").AbsoluteUri,
            ["itemReviewed"] = itemReviewed,
        };
    }

    public static string Serialize(JsonObject review) => review.ToJsonString(Json);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
