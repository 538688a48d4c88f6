using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Positions;

/// <summary>One of an actor's statements, with when it was made: what reversals are found in.</summary>
public sealed record DatedStance(int AttributionId, int ClaimId, Stance Stance, StatementDate When)
{
    /// <summary>On the claim's side (asserts, agrees) rather than against it (denies, questions, doubts).</summary>
    public bool IsFor => !Stance.IsChallenge();
}

public enum ReversalKind
{
    /// <summary>For a claim at one time, against it at a later one (or the other way round).</summary>
    StanceChanged,
    /// <summary>For two claims that contradict each other.</summary>
    ContradictingClaims,
}

/// <summary>A reversal: the <see cref="Earlier"/> statement and the <see cref="Later"/> one that goes against it.</summary>
public sealed record Reversal(ReversalKind Kind, DatedStance Earlier, DatedStance Later);

/// <summary>
/// Where an actor reversed, found in their statements alone. Cautious, as agreement is (see Actors/Alignment): a change
/// of side counts only when the record shows it happened later, not in two accounts of the same day, nor when a month
/// ("in February") overlaps the day it is compared with.
/// </summary>
public static class Reversals
{
    /// <param name="statements">One actor's live statements (on live claims).</param>
    /// <param name="contradictions">Pairs of claims that a live relation says contradict each other, in either order.</param>
    /// <returns>Every reversal, oldest first by the later statement.</returns>
    public static IReadOnlyList<Reversal> Find(IEnumerable<DatedStance> statements, IEnumerable<(int A, int B)> contradictions)
    {
        var ordered = statements
            .OrderBy(s => s.When, Comparer<StatementDate>.Create(StatementDate.Compare))
            .ThenBy(s => s.AttributionId)
            .ToList();
        var found = new List<Reversal>();

        foreach (var claim in ordered.GroupBy(s => s.ClaimId))
        {
            DatedStance? lastFor = null, lastAgainst = null;
            foreach (var s in claim)
            {
                var (same, opposite) = s.IsFor ? (lastFor, lastAgainst) : (lastAgainst, lastFor);
                // A change of side: the actor's latest position before this one was the opposite side, certainly earlier,
                // and not itself matched by a same-side statement of that time or later.
                if (opposite is not null && opposite.When.IsBefore(s.When) && (same is null || same.When.IsBefore(opposite.When)))
                {
                    found.Add(new Reversal(ReversalKind.StanceChanged, opposite, s));
                }
                if (s.IsFor)
                {
                    lastFor = s;
                }
                else
                {
                    lastAgainst = s;
                }
            }
        }

        var backing = ordered.Where(s => s.IsFor).ToLookup(s => s.ClaimId);
        var position = ordered.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
        var seen = new HashSet<(int, int)>();
        foreach (var (a, b) in contradictions)
        {
            if (a == b || !seen.Add((Math.Min(a, b), Math.Max(a, b))) || !backing[a].Any() || !backing[b].Any())
            {
                continue;
            }
            // The claim backed first, then the first backing of its rival; paired with the latest backing of the first claim
            // up to then ("asserted on 16 Feb … asserted on 3 Mar"), the two closest in time.
            var first = position[backing[a].First()] < position[backing[b].First()] ? a : b;
            var later = backing[first == a ? b : a].First();
            var earlier = backing[first].Last(s => position[s] < position[later]);
            found.Add(new Reversal(ReversalKind.ContradictingClaims, earlier, later));
        }

        return found
            .OrderBy(r => r.Later.When, Comparer<StatementDate>.Create(StatementDate.Compare))
            .ThenBy(r => r.Later.AttributionId)
            .ThenBy(r => r.Earlier.AttributionId)
            .ToList();
    }
}
