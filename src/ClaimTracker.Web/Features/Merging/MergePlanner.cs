using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Merging;

/// <summary>Which relations of the merged claim move and which are retired (kept in the history, restored by Undo).</summary>
public sealed record RelationPlan(List<int> MoveFrom, List<int> MoveTo, List<int> Retire)
{
    public int Moving => MoveFrom.Count + MoveTo.Count;
}

/// <summary>
/// What a merge does, decided before anything moves: which claim should survive, whether the two may be merged at all,
/// and where the merged claim's relations go. The words for all of it are <see cref="MergeWording"/>'s.
/// </summary>
public static class MergePlanner
{
    /// <summary>The claim that should survive by default: the one with more statements, then the older one.</summary>
    public static bool ShouldSurvive(MergeSide candidate, MergeSide other) =>
        candidate.Statements != other.Statements
            ? candidate.Statements > other.Statements
            : candidate.CreatedAt != other.CreatedAt ? candidate.CreatedAt < other.CreatedAt : candidate.Id < other.Id;

    /// <summary>Why the two claims cannot be merged as they stand, or null when they can.</summary>
    public static string? Refusal(MergeSide survivor, MergeSide merged) =>
        survivor.Id == merged.Id
            ? MergeWording.IntoItself
            : VerdictRefusal(survivor.Verdict?.State, survivor.Verdict?.Rating, merged.Verdict?.State, merged.Verdict?.Rating);

    /// <summary>
    /// A claim has one verdict. When both have one, the survivor's stays and the other's is retired (kept in the history,
    /// restored by Undo), except when both are published with different ratings: two public ratings that disagree need an
    /// editor's decision, not a default.
    /// </summary>
    public static string? VerdictRefusal(VerdictState? survivorState, string? survivorRating, VerdictState? mergedState, string? mergedRating) =>
        survivorState == VerdictState.Published && mergedState == VerdictState.Published && survivorRating != mergedRating
            ? MergeWording.PublishedVerdictsDisagree(survivorRating, mergedRating)
            : null;

    /// <summary>
    /// Which of the merged claim's relations move and which are retired: a relation between the two claims would become
    /// a claim related to itself, and one the survivor already has (same other claim, direction and type, even deleted,
    /// which the unique index counts) would be a repeat.
    /// </summary>
    public static async Task<RelationPlan> PlanRelationsAsync(ClaimTrackerDbContext db, int survivorId, int mergedId, CancellationToken ct)
    {
        var ofMerged = await db.ClaimRelations.AsNoTracking()
            .Where(r => r.FromClaimId == mergedId || r.ToClaimId == mergedId).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.FromClaimId, r.ToClaimId, r.Type }).ToListAsync(ct);
        var taken = (await db.ClaimRelations.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.FromClaimId == survivorId || r.ToClaimId == survivorId)
            .Select(r => new { r.FromClaimId, r.ToClaimId, r.Type }).ToListAsync(ct))
            .Select(r => (r.FromClaimId, r.ToClaimId, r.Type)).ToHashSet();
        var plan = new RelationPlan([], [], []);
        foreach (var r in ofMerged)
        {
            var from = r.FromClaimId == mergedId ? survivorId : r.FromClaimId;
            var to = r.ToClaimId == mergedId ? survivorId : r.ToClaimId;
            if (from == to || !taken.Add((from, to, r.Type)))
            {
                plan.Retire.Add(r.Id);
            }
            else
            {
                (r.FromClaimId == mergedId ? plan.MoveFrom : plan.MoveTo).Add(r.Id);
            }
        }
        return plan;
    }
}
