using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;

namespace ClaimTracker.Web.Features.Claims;

/// <summary>
/// The dispute view of one claim: who makes it, and beside it every assessment that conflicts with it or
/// supports it. Assessments are derived: challenging stances on this claim, endorsements of it, and the
/// claims related to it (each with its own speakers and its own challengers).
/// </summary>
/// <remarks>
/// The lists are bounded (see <see cref="DisputeReader.GetDisputeAsync"/>): a claim repeated in thousands of articles lists
/// the first of each kind, and <see cref="Totals"/> says how many there are in all.
/// </remarks>
public sealed record ClaimDispute(
    ClaimHeader Claim,
    IReadOnlyList<AttributionView> Assertions,
    IReadOnlyList<Assessment> Conflicting,
    IReadOnlyList<Assessment> Supporting,
    IReadOnlyList<RelatedClaim> Qualifications,
    IReadOnlyList<RelatedClaim> BearsOn,
    DisputeTotals Totals)
{
    /// <summary>Assertions recorded beyond those listed.</summary>
    public int MoreAssertions => Totals.Assertions - Assertions.Count;

    /// <summary>Challenges and contradicting claims recorded beyond those listed.</summary>
    public int MoreConflicting => Totals.Conflicting - Conflicting.Count;

    /// <summary>Endorsements and supporting claims recorded beyond those listed.</summary>
    public int MoreSupporting => Totals.Supporting - Supporting.Count;
}

/// <summary>How many of each kind a claim has in all, listed or not.</summary>
public sealed record DisputeTotals(
    int Assertions, int Challenges, int Endorsements, int ContradictingClaims, int SupportingClaims, int QualifyingClaims, int ClaimsActedOn)
{
    /// <summary>Challenging statements and contradicting claims (the claim's stored conflict count).</summary>
    public int Conflicting => Challenges + ContradictingClaims;

    /// <summary>Endorsements and claims that support it (the claim's stored support count).</summary>
    public int Supporting => Endorsements + SupportingClaims;
}

public sealed record ClaimHeader(int Id, string Text, ClaimStatus Status, IReadOnlyList<string> Topics, IReadOnlyList<ActorRef> Subjects);

public sealed record ActorRef(int Id, string Name);

/// <summary>One entry in a column of the dispute view: either a stance taken on this claim, or a related claim.</summary>
public sealed record Assessment(AttributionView? Stance, RelatedClaim? Related)
{
    public static Assessment Of(AttributionView stance) => new(stance, null);
    public static Assessment Of(RelatedClaim related) => new(null, related);
}

/// <summary>A claim that bears on another, with the reasoning and, when a text establishes it, the words that do.</summary>
/// <param name="Attributions">The related claim's first speakers and challengers (<see cref="DisputeReader.RelatedStatementsShown"/> of each).</param>
/// <param name="SpeakerCount">All its statements that do not challenge it, listed or not.</param>
/// <param name="ChallengeCount">All its statements that challenge it, listed or not.</param>
public sealed record RelatedClaim(
    int RelationId,
    int ClaimId,
    string Text,
    RelationType Type,
    string Rationale,
    EvidenceView? Evidence,
    IReadOnlyList<AttributionView> Attributions,
    int SpeakerCount = 0,
    int ChallengeCount = 0)
{
    /// <summary>Speakers recorded beyond those listed.</summary>
    public int MoreSpeakers => Math.Max(0, SpeakerCount - Speakers.Count());

    /// <summary>Challengers recorded beyond those listed.</summary>
    public int MoreChallenges => Math.Max(0, ChallengeCount - Challenges.Count());

    public IEnumerable<AttributionView> Speakers => Attributions.Where(a => !a.Stance.IsChallenge());
    public IEnumerable<AttributionView> Challenges => Attributions.Where(a => a.Stance.IsChallenge());
}

public sealed record EvidenceView(int SourceId, string SourceTitle, string Quote, int Start, int End);
