using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Components.Shared;

/// <summary>How enum values read in the UI, and the CSS class each stance is drawn with.</summary>
public static class Labels
{
    public static string Verb(this Stance stance) => stance switch
    {
        Stance.Asserts => "asserts",
        Stance.Endorses => "agrees",
        Stance.Denies => "denies",
        Stance.Questions => "questions",
        Stance.Doubts => "doubts",
        _ => stance.ToString().ToLowerInvariant(),
    };

    public static string CssClass(this Stance stance) => "stance-" + stance.ToString().ToLowerInvariant();

    public static string Label(this AttributionMode mode) => mode switch
    {
        AttributionMode.DirectQuote => "direct quote",
        AttributionMode.Paraphrase => "paraphrase",
        AttributionMode.Reported => "reported",
        AttributionMode.Narration => "outlet's own voice",
        _ => mode.ToString(),
    };

    public static string Label(this ClaimStatus status) => status switch
    {
        ClaimStatus.New => "New",
        ClaimStatus.InReview => "In review",
        ClaimStatus.VerdictDrafted => "Verdict drafted",
        ClaimStatus.Published => "Published",
        _ => status.ToString(),
    };

    public static string Label(this ActorKind kind) => kind switch
    {
        ActorKind.OfficialsGroup => "Group of officials",
        _ => kind.ToString(),
    };

    public static string Label(this RelationType type) => type switch
    {
        RelationType.Contradicts => "contradicts",
        RelationType.Supports => "supports",
        RelationType.Qualifies => "qualifies",
        _ => type.ToString().ToLowerInvariant(),
    };

    public static string Label(this VerdictState state) => state switch
    {
        VerdictState.Draft => "draft",
        VerdictState.Published => "published",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>How a statement's or note's anchor fared at the last correction of its source's text (see AnchorStateChip).</summary>
    public static string Label(this AnchorState state) => state switch
    {
        AnchorState.Attached => "attached",
        AnchorState.Moved => "moved",
        AnchorState.Fuzzy => "re-anchored approximately",
        AnchorState.Orphaned => "orphaned",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string Label(this SuggestionStatus status) => status switch
    {
        SuggestionStatus.Pending => "pending",
        SuggestionStatus.Accepted => "accepted",
        SuggestionStatus.Rejected => "rejected",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>"1 statement", "3 statements".</summary>
    public static string Counted(this int count, string singular, string? plural = null) =>
        $"{count} {(count == 1 ? singular : plural ?? singular + "s")}";

    /// <summary>The text cut to at most <paramref name="max"/> characters, ending in "…" when it was cut.</summary>
    public static string Shortened(this string text, int max) => text.Length <= max ? text : text[..(max - 3)] + "…";

    public static string Display(this DateOnly date) => date.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
