using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Verdicts;

/// <summary>A verdict as the panel and the API show it.</summary>
public sealed record VerdictView(
    int Id,
    int ClaimId,
    int RatingLabelId,
    string Label,
    int RatingValue,
    string Rationale,
    VerdictState State,
    IReadOnlyList<EvidenceItem> Evidence,
    string AuthorName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    Guid Version)
{
    public bool IsDraft => State == VerdictState.Draft;
}

public enum EvidenceKind
{
    Attribution,
    Source,
    Link,
}

/// <summary>One piece of evidence, resolved to something a reader can follow.</summary>
/// <param name="OnClaim">For a statement on another claim (one related to the verdict's claim), that claim's text.</param>
public sealed record EvidenceItem(EvidenceKind Kind, int? Id, string Text, string Href, string? Note, string? OnClaim = null);

public sealed record RatingOption(int Id, string Label, string Description, int Value);

/// <summary>A statement the editor may cite as evidence: who, which stance, their words, and where they were published.</summary>
public sealed record EvidenceOption(int AttributionId, string ActorName, string Stance, string Quote, int SourceId, string Source);

/// <summary>
/// The statements offered on one claim: the verdict's own claim (<paramref name="Text"/> null), or a claim related to it,
/// with how it relates ("Contradicting claim") and its words.
/// </summary>
public sealed record EvidenceClaim(int ClaimId, string? Relation, string? Text, IReadOnlyList<EvidenceOption> Options);

/// <summary>A group of the evidence picker, as the dispute view groups what it shows ("Conflicting", "Supporting", …).</summary>
public sealed record EvidenceGroup(string Key, string Title, IReadOnlyList<EvidenceClaim> Claims);

/// <summary>A source the editor may cite as a whole: one the offered statements were published in.</summary>
public sealed record EvidenceSourceOption(int SourceId, string Label);

/// <summary>
/// What the evidence picker offers: everything the claim's dispute view shows (the claim's own statements, and the
/// statements on the claims that conflict with it, support it, qualify it or that it acts on), and their sources.
/// </summary>
public sealed record EvidenceChoices(IReadOnlyList<EvidenceGroup> Groups, IReadOnlyList<EvidenceSourceOption> Sources)
{
    public static readonly EvidenceChoices None = new([], []);

    /// <summary>Every statement offered, in the picker's order (a statement may be offered in two groups).</summary>
    public IEnumerable<EvidenceOption> Statements => Groups.SelectMany(g => g.Claims).SelectMany(c => c.Options);
}

/// <summary>
/// Everything the verdict panel shows for one claim, already filtered for the current user.
/// <paramref name="DraftWithheld"/>: the claim has a verdict in review (a draft, or a published verdict reopened) that
/// this user may not read; the panel says so, and nothing of the verdict itself is in this object.
/// </summary>
public sealed record VerdictPanelData(
    int ClaimId,
    ClaimStatus Status,
    VerdictView? Verdict,
    bool CanRate,
    IReadOnlyList<RatingOption> Ratings,
    EvidenceChoices Evidence,
    bool DraftWithheld = false);

/// <summary>What an editor submits; validated on the server whatever the form already checked.</summary>
public sealed class VerdictInput
{
    public int? RatingLabelId { get; set; }
    public string Rationale { get; set; } = "";
    public List<int> AttributionIds { get; set; } = [];
    public List<int> SourceIds { get; set; } = [];
    public List<string> Urls { get; set; } = [];

    public static VerdictInput From(VerdictView verdict) => new()
    {
        RatingLabelId = verdict.RatingLabelId,
        Rationale = verdict.Rationale,
        AttributionIds = verdict.Evidence.Where(e => e.Kind == EvidenceKind.Attribution).Select(e => e.Id!.Value).ToList(),
        SourceIds = verdict.Evidence.Where(e => e.Kind == EvidenceKind.Source).Select(e => e.Id!.Value).ToList(),
        Urls = verdict.Evidence.Where(e => e.Kind == EvidenceKind.Link).Select(e => e.Href).ToList(),
    };
}
