namespace ClaimTracker.Web.Features.Api;

// The read-only JSON API for data desks. Shapes are part of the contract: add fields, never rename them.

public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? Next);

/// <param name="Verdict">The claim's published verdict (its rating), null while it has none; a verdict in review is never shown here.</param>
public sealed record ApiClaim(int Id, string Text, string Status, IReadOnlyList<string> Topics, IReadOnlyList<ApiAttribution> Attributions, IReadOnlyList<ApiRelation> Relations,
    ApiVerdict? Verdict = null);

/// <summary>
/// A published verdict's rating: <c>rating</c> is the label ("Misleading"), <c>ratingValue</c> its place on the scale (5
/// accurate to 1 false, 0 off the scale, as ClaimReview's ratingValue), <c>publishedAt</c> when it was published. The
/// rationale and evidence are in the ClaimReview (<c>/api/claims/{id}/claimreview</c>) and on the claim page.
/// </summary>
public sealed record ApiVerdict(string Rating, int RatingValue, DateTimeOffset? PublishedAt);

/// <summary>
/// <c>start</c>/<c>end</c> are offsets into revision <c>anchorRevision</c> of the source's text: the current one unless
/// <c>anchorState</c> is "orphaned" (its words were removed by a correction).
/// </summary>
public sealed record ApiAttribution(int Id, int ActorId, string Actor, string Stance, string Mode, string Quote, int SourceId, int Start, int End, string? SaidWhen, string? SaidWhere, string? ReportedVia,
    string AnchorState = "attached", int AnchorRevision = 1);

/// <summary>A relation as seen from one claim; <c>direction</c> is "outgoing" when this claim is the one that contradicts, supports or qualifies the other.</summary>
public sealed record ApiRelation(string Type, int ClaimId, string Direction, string Rationale);

public sealed record ApiActor(int Id, string Name, string Kind, string? Role, string? Country, IReadOnlyList<string> Aliases);

public sealed record ApiSource(int Id, string Title, string Outlet, DateOnly PublishedAt, string? Url, string ContentHash, string Text, int Revision = 1);

/// <summary>
/// An actor with their statements, newest recorded last (in id order), a page at a time: <c>statements.next</c> is the
/// cursor for the next page (<c>/api/actors/{id}?after=…</c>), null on the last. <c>statementCount</c> counts them all.
/// </summary>
public sealed record ApiActorDetail(int Id, string Name, string Kind, string? Role, string? Country, IReadOnlyList<string> Aliases,
    int StatementCount, ApiPage<ApiStatement> Statements);

/// <summary>One of an actor's statements: the claim it is about, the stance, and the anchored quote, as <see cref="ApiAttribution"/> has them.</summary>
/// <param name="Verdict">The claim's published verdict, null while it has none (never a draft).</param>
public sealed record ApiStatement(int Id, int ClaimId, string Claim, string Stance, string Mode, string Quote, int SourceId, int Start, int End,
    string? SaidWhen, string? SaidWhere, string? ReportedVia, string AnchorState, int AnchorRevision, ApiVerdict? Verdict);
