using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Merging;

/// <summary>
/// How merges are put in words: the preview's effects, the summary a merge keeps, the History's line, and the reasons a
/// merge or an undo is refused. What happens is <see cref="MergePlanner"/>'s and <see cref="ClaimMergeService"/>'s.
/// </summary>
public static class MergeWording
{
    public const string IntoItself = "A claim cannot be merged into itself; choose another claim.";

    public static string PublishedVerdictsDisagree(string? survivorRating, string? mergedRating) =>
        $"Both claims have a published verdict, and they disagree (“{survivorRating}” and “{mergedRating}”). "
        + "A merged claim keeps one verdict: reopen the verdict that should not stand, or let the other claim survive, then merge.";

    /// <summary>What the dialog tells the editor a merge of these two would do.</summary>
    public static List<string> Effects(MergeSide survivor, MergeSide merged, RelationPlan plan)
    {
        var effects = new List<string>
        {
            $"{Count(merged.Statements, "statement")}, {Count(plan.Moving, "relation")} and {Count(merged.Notes, "note")} move to the surviving claim.",
        };
        if (plan.Retire.Count > 0)
        {
            effects.Add($"{Count(plan.Retire.Count, "relation")} between the two claims or repeating one the surviving claim already has {(plan.Retire.Count == 1 ? "is" : "are")} retired (kept in the history, restored by Undo).");
        }
        effects.Add(VerdictEffect(survivor, merged));
        effects.Add("The merged claim leaves lists and search; its address leads to the surviving claim. Undo takes it all back.");
        return effects;
    }

    private static string VerdictEffect(MergeSide survivor, MergeSide merged) => (survivor.Verdict, merged.Verdict) switch
    {
        (_, null) => $"The surviving claim keeps its status ({survivor.Status.Label()}).",
        (null, { } v) => $"The merged claim's verdict ({Describe(v)}) moves to the surviving claim, which takes its status ({merged.Status.Label()}).",
        ({ } kept, { } retired) => $"The surviving claim keeps its verdict ({Describe(kept)}) and status; the other verdict ({Describe(retired)}) is retired.",
    };

    private static string Describe(VerdictBrief v) => $"{(v.State == VerdictState.Published ? "published" : "draft")}, “{v.Rating}”";

    /// <summary>The summary a merge keeps: what moved (live statements and notes only) and what was retired.</summary>
    public static string Moved(MergeRows rows, int liveStatements, int liveNotes) =>
        $"{Count(liveStatements, "statement")}, {Count(rows.RelationsFrom.Count + rows.RelationsTo.Count, "relation")}, {Count(liveNotes, "note")}"
        + (rows.Verdicts.Count > 0 ? " and the verdict" : "") + " moved"
        + (rows.RetiredRelations.Count + rows.RetiredVerdicts.Count > 0 ? $"; retired {Retired(rows)}" : "");

    private static string Retired(MergeRows rows)
    {
        var parts = new List<string>();
        AddIfAny(parts, rows.RetiredRelations.Count, "relation");
        AddIfAny(parts, rows.RetiredVerdicts.Count, "verdict");
        return string.Join(" and ", parts);
    }

    /// <summary>The line each claim's History shows; the claims by their words, as every page names them.</summary>
    public static string HistoryLine(ClaimMerge merge, string survivorText, string mergedText, AuditAction action)
    {
        var sentence = $"Merged {Quote(mergedText)} into {Quote(survivorText)}: {merge.Summary}.";
        return action == AuditAction.Merged ? sentence : "Undid: " + sentence;
    }

    public static void AddIfAny(List<string> parts, int count, string noun)
    {
        if (count > 0)
        {
            parts.Add(Count(count, noun));
        }
    }

    public static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    public static string Quote(string text) => $"“{(text.Length <= 60 ? text : text[..57] + "…")}”";
}
