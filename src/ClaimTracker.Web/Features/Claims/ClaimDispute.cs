using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;

namespace ClaimTracker.Web.Features.Claims;

/// <summary>
/// The dispute view of one claim: who makes it, and beside it every assessment that conflicts with it or
/// supports it. Assessments are derived: challenging stances on this claim, endorsements of it, and the
/// claims related to it (each with its own speakers and its own challengers).
/// </summary>
public sealed record ClaimDispute(
    ClaimHeader Claim,
    IReadOnlyList<AttributionView> Assertions,
    IReadOnlyList<Assessment> Conflicting,
    IReadOnlyList<Assessment> Supporting,
    IReadOnlyList<RelatedClaim> Qualifications,
    IReadOnlyList<RelatedClaim> BearsOn);

public sealed record ClaimHeader(int Id, string Text, ClaimStatus Status, IReadOnlyList<string> Topics, IReadOnlyList<ActorRef> Subjects);

public sealed record ActorRef(int Id, string Name);

/// <summary>One entry in a column of the dispute view: either a stance taken on this claim, or a related claim.</summary>
public sealed record Assessment(AttributionView? Stance, RelatedClaim? Related)
{
    public static Assessment Of(AttributionView stance) => new(stance, null);
    public static Assessment Of(RelatedClaim related) => new(null, related);
}

/// <summary>A claim that bears on another, with the reasoning and, when a text establishes it, the words that do.</summary>
public sealed record RelatedClaim(
    int RelationId,
    int ClaimId,
    string Text,
    RelationType Type,
    string Rationale,
    EvidenceView? Evidence,
    IReadOnlyList<AttributionView> Attributions)
{
    public IEnumerable<AttributionView> Speakers => Attributions.Where(a => !a.Stance.IsChallenge());
    public IEnumerable<AttributionView> Challenges => Attributions.Where(a => a.Stance.IsChallenge());
}

public sealed record EvidenceView(int SourceId, string SourceTitle, string Quote, int Start, int End);
