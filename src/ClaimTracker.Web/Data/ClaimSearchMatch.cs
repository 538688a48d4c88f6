namespace ClaimTracker.Web.Data;

/// <summary>
/// A claim id matched by an index that SQL keeps outside the model: the full-text index (the FTS5 table <c>ClaimSearch</c>,
/// created and kept current by triggers in the AddClaimSearch migration) or the topic index (<see cref="ClaimTopicIndex"/>).
/// Read through <see cref="ClaimTrackerDbContext.MatchClaims"/> and <see cref="ClaimTrackerDbContext.ClaimsWithTopic"/>, never a table of its own.
/// </summary>
public sealed class ClaimSearchMatch
{
    public int ClaimId { get; set; }
}
