using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Verdicts;

namespace ClaimTracker.Web.Features.Claims;

public enum ClaimSort
{
    MostDisputed,
    Newest,
    Text,
}

/// <summary>What the claims browser asks for: free-text search, filters, sort and one page.</summary>
/// <param name="RatingLabelId">Only claims whose published verdict has this rating (drafts never count).</param>
public sealed record ClaimSearchQuery(
    string? Search = null,
    int? ActorId = null,
    Stance? Stance = null,
    string? Topic = null,
    ClaimStatus? Status = null,
    ClaimSort Sort = ClaimSort.MostDisputed,
    int Page = 0,
    int PageSize = 25,
    int? RatingLabelId = null);

/// <summary>A page of claims, or, when the search text cannot be read, none and the reason for the person who typed it.</summary>
/// <param name="TotalIsLowerBound">The filtered list was counted only up to <see cref="ClaimService.DefaultCountLimit"/>: there
/// are more matches than that (<paramref name="TotalCount"/> is the limit plus one).</param>
public sealed record ClaimSearchResult(IReadOnlyList<ClaimRow> Items, int TotalCount, string? SearchError, bool TotalIsLowerBound = false);

public sealed record ClaimRow(
    int Id,
    string Text,
    ClaimStatus Status,
    IReadOnlyList<string> Topics,
    int ConflictCount,
    int SupportCount,
    int AttributionCount,
    IReadOnlyList<string> Speakers,
    PublishedRating? Rating = null);

public sealed record ClaimFilterOptions(IReadOnlyList<string> Topics, IReadOnlyList<RatingOption> Ratings);
