namespace ClaimTracker.Web.Data;

/// <summary>
/// A claim id matched by the full-text index (the FTS5 table <c>ClaimSearch</c>, created and kept current by
/// triggers in the AddClaimSearch migration). Read through <see cref="ClaimTrackerDbContext.MatchClaims"/>, never a table of its own.
/// </summary>
public sealed class ClaimSearchMatch
{
    public int ClaimId { get; set; }
}
