using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Actors;

/// <summary>How the claim of one position bears on the claim of the other.</summary>
public enum AlignmentLink
{
    SameClaim,
    /// <summary>The two claims contradict each other (either direction).</summary>
    Contradicting,
    /// <summary>My claim supports theirs.</summary>
    MineSupportsTheirs,
    /// <summary>Their claim supports mine.</summary>
    TheirsSupportsMine,
    /// <summary>One claim qualifies the other: too weak a link to call agreement or disagreement.</summary>
    Qualifying,
}

/// <summary>
/// The rules by which two positions count as agreement or disagreement. They are deliberately cautious: doubting
/// or questioning a claim is not holding its opposite, and doubting the evidence is not rejecting the conclusion.
/// </summary>
public static class Alignment
{
    /// <summary>True when the two positions agree, false when they conflict, null when nothing can be said.</summary>
    public static bool? Between(Stance mine, Stance theirs, AlignmentLink link)
    {
        var iBack = !mine.IsChallenge();
        var theyBack = !theirs.IsChallenge();
        return link switch
        {
            // Backing it together, or challenging it together, is agreement.
            AlignmentLink.SameClaim => iBack == theyBack,
            // Backing rival claims is disagreement; backing one while the other outright denies its rival is agreement.
            AlignmentLink.Contradicting => iBack && theyBack ? false
                : (iBack && theirs == Stance.Denies) || (theyBack && mine == Stance.Denies) ? true
                : null,
            // Backing the evidence and the conclusion is agreement; backing the evidence while challenging the conclusion is not.
            AlignmentLink.MineSupportsTheirs => iBack ? theyBack : null,
            AlignmentLink.TheirsSupportsMine => theyBack ? iBack : null,
            _ => null,
        };
    }

    /// <summary>
    /// Every reason one actor lines up with or against others: each of <paramref name="own"/> positions set beside each
    /// of <paramref name="others"/>' on the same claim or on a claim related to it, as <see cref="Between"/> judges them.
    /// Indexed once, so the work grows with the links that exist rather than with (own positions × everyone else's): a busy
    /// actor has thousands of positions. The actor page sets one actor against everyone who spoke to related claims; the
    /// comparison of two actors, one against the other.
    /// </summary>
    /// <param name="own">The actor's distinct positions, in the order reasons should be listed.</param>
    /// <param name="others">Other actors' distinct positions on the claims of <paramref name="own"/> and the claims related to them.</param>
    /// <param name="relations">Live relations touching the claims of <paramref name="own"/>.</param>
    public static IEnumerable<AlignmentFinding> Derive(
        IEnumerable<(int ClaimId, Stance Stance)> own,
        IEnumerable<(int ActorId, int ClaimId, Stance Stance)> others,
        IEnumerable<(int FromClaimId, int ToClaimId, RelationType Type)> relations,
        CancellationToken ct = default)
    {
        var othersByClaim = others.ToLookup(o => o.ClaimId);
        var linksByClaim = relations
            .SelectMany(r => new[]
            {
                (Claim: r.FromClaimId, Other: r.ToClaimId, Link: LinkOf(r.Type, mineIsFrom: true), Relation: (RelationType?)r.Type),
                (Claim: r.ToClaimId, Other: r.FromClaimId, Link: LinkOf(r.Type, mineIsFrom: false), Relation: (RelationType?)r.Type),
            })
            .ToLookup(l => l.Claim);

        foreach (var (claimId, stance) in own)
        {
            ct.ThrowIfCancellationRequested();
            var links = linksByClaim[claimId].Select(l => (l.Other, l.Link, l.Relation)).Prepend((Other: claimId, Link: AlignmentLink.SameClaim, Relation: null));
            foreach (var (otherClaimId, link, relation) in links)
            {
                foreach (var theirs in othersByClaim[otherClaimId])
                {
                    if (Between(stance, theirs.Stance, link) is bool agrees)
                    {
                        yield return new AlignmentFinding(theirs.ActorId, agrees, claimId, stance, otherClaimId, theirs.Stance, relation, link);
                    }
                }
            }
        }
    }

    public static AlignmentLink LinkOf(RelationType type, bool mineIsFrom) => type switch
    {
        RelationType.Contradicts => AlignmentLink.Contradicting,
        RelationType.Supports => mineIsFrom ? AlignmentLink.MineSupportsTheirs : AlignmentLink.TheirsSupportsMine,
        _ => AlignmentLink.Qualifying,
    };
}

/// <summary>
/// One reason, before names and texts are known: the actor's <see cref="OwnStance"/> on <see cref="OwnClaimId"/> and
/// <see cref="OtherActorId"/>'s <see cref="TheirStance"/> on <see cref="TheirClaimId"/> (the same claim, or related by
/// <see cref="Relation"/>) agree or conflict.
/// </summary>
public readonly record struct AlignmentFinding(
    int OtherActorId, bool Agrees, int OwnClaimId, Stance OwnStance, int TheirClaimId, Stance TheirStance, RelationType? Relation, AlignmentLink Link);
