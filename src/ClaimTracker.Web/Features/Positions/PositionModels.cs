using ClaimTracker.Web.Features.Common;

namespace ClaimTracker.Web.Features.Positions;

/// <summary>One statement placed in time: who, how, in what words and where (<see cref="Statement"/>), on which claim, and when.</summary>
public sealed record DatedStatement(AttributionView Statement, string ClaimText, StatementDate When);

public enum TimelineOrder
{
    OldestFirst,
    NewestFirst,
}

/// <summary>The statements of one date on a timeline (a day, or a month where only the month is known).</summary>
public sealed record TimelineDay(StatementDate Date, IReadOnlyList<DatedStatement> Statements);

/// <summary>
/// One page of a timeline. Pages are cut in order of publication (an index the database can read in order); within a page
/// statements are placed by when they were said, which is on or before publication.
/// </summary>
/// <param name="SubjectId">The claim or the actor.</param>
/// <param name="Subject">The claim's text or the actor's name.</param>
/// <param name="Total">Statements in all.</param>
/// <param name="Actors">On a claim's timeline, how many actors spoke to it (0 on an actor's).</param>
public sealed record Timeline(
    int SubjectId, string Subject, IReadOnlyList<TimelineDay> Days, int Total, int Actors, int PageIndex, int PageSize, TimelineOrder Order)
{
    public int Shown => Days.Sum(d => d.Statements.Count);

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool HasNext => (PageIndex + 1) * PageSize < Total;
}

/// <summary>
/// A reversal as the pages show it: both statements with their dates and quotes. For contradicting claims,
/// <see cref="Rationale"/> is the relation's reason why the two claims cannot both hold.
/// </summary>
public sealed record ReversalFlag(ReversalKind Kind, DatedStatement Earlier, DatedStatement Later, string? Rationale);

/// <summary>
/// An actor's reversals, the most recent first (the first <see cref="ConsistencyService.FlagsShown"/> of
/// <see cref="Total"/>). <see cref="BasisLimited"/> says the actor has so many mixed or contradicting positions that only the
/// first <see cref="ConsistencyService.ClaimBasis"/> claims of each kind were examined.
/// </summary>
public sealed record ActorConsistency(int ActorId, string ActorName, IReadOnlyList<ReversalFlag> Flags, int Total, int StanceChanges, int ContradictingClaims, bool BasisLimited)
{
    public int More => Total - Flags.Count;
}

/// <summary>An actor in the ranking of reversals, with the latest of them.</summary>
public sealed record ConsistencyRow(int ActorId, string ActorName, int StanceChanges, int ContradictingClaims, ReversalFlag? Latest)
{
    public int Total => StanceChanges + ContradictingClaims;
}

/// <summary>
/// One page of actors ranked by reversals, in <see cref="Topic"/> when one is chosen. <see cref="BasisLimited"/> says the
/// record held more candidate positions than one ranking examines (<see cref="ConsistencyService.RankingBasis"/>).
/// </summary>
public sealed record ConsistencyRanking(
    IReadOnlyList<ConsistencyRow> Rows, int TotalActors, int TotalReversals, int PageIndex, int PageSize, string? Topic, IReadOnlyList<string> Topics, bool BasisLimited)
{
    public bool HasNext => (PageIndex + 1) * PageSize < TotalActors;
}
