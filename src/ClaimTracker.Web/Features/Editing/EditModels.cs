using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Editing;

// What an editor submits (drafts) and what the service hands back (the record as stored, with the Version to send
// with the next change). The workflow status of a claim is not here: it belongs to the verdict workflow.

public sealed record ClaimDraft(string Text, IReadOnlyList<string> Topics);

public sealed record ClaimRecord(int Id, string Text, IReadOnlyList<string> Topics, bool IsDeleted, Guid Version)
{
    public ClaimDraft ToDraft() => new(Text, Topics);
}

public sealed record ActorDraft(string Name, ActorKind Kind, string? Role, string? Country, IReadOnlyList<string> Aliases);

public sealed record ActorRecord(int Id, string Name, ActorKind Kind, string? Role, string? Country, IReadOnlyList<string> Aliases, bool IsDeleted, Guid Version);

/// <summary>A relation read as "<see cref="FromClaimId"/> <see cref="Type"/> <see cref="ToClaimId"/>".</summary>
public sealed record RelationDraft(int FromClaimId, int ToClaimId, RelationType Type, string Rationale);

public sealed record RelationRecord(int Id, int FromClaimId, int ToClaimId, RelationType Type, string Rationale, bool IsDeleted, Guid Version);

/// <summary>
/// An appearance; <see cref="SpanStart"/>..<see cref="SpanEnd"/> (end exclusive) is the span of the source text.
/// <see cref="SelectedText"/>, when given, is what the editor's page showed there: the stored text must still hold it.
/// </summary>
public sealed record AttributionDraft(
    int ActorId,
    int ClaimId,
    int SourceId,
    Stance Stance,
    AttributionMode Mode,
    int SpanStart,
    int SpanEnd,
    string? SaidWhen = null,
    string? SaidWhere = null,
    string? ReportedVia = null,
    string? SelectedText = null);

public sealed record AttributionRecord(
    int Id,
    int ActorId,
    int ClaimId,
    int SourceId,
    Stance Stance,
    AttributionMode Mode,
    int SpanStart,
    int SpanEnd,
    string Quote,
    string? SaidWhen,
    string? SaidWhere,
    string? ReportedVia,
    bool IsDeleted,
    Guid Version);

/// <summary>
/// A statement to record in one go: who (an existing <see cref="ActorId"/>, or a <see cref="NewActor"/>), on what
/// (an existing <see cref="ClaimId"/>, or a <see cref="NewClaim"/>), with stance, mode and the span of the source
/// (with the <see cref="SelectedText"/> the editor's page showed there, when the span comes from a selection).
/// </summary>
public sealed record StatementDraft(
    int? ActorId,
    ActorDraft? NewActor,
    int? ClaimId,
    ClaimDraft? NewClaim,
    int SourceId,
    Stance Stance,
    AttributionMode Mode,
    int SpanStart,
    int SpanEnd,
    string? SaidWhen = null,
    string? SaidWhere = null,
    string? ReportedVia = null,
    string? SelectedText = null);

/// <summary>Field names in the errors of a <see cref="StatementDraft"/>; a new actor's or claim's fields carry a prefix.</summary>
public static class StatementFields
{
    public const string Actor = "Actor";
    public const string Claim = "Claim";
    public const string Span = "Span";
    public const string NewActorPrefix = "NewActor.";
    public const string NewClaimPrefix = "NewClaim.";
    public const string NewActorName = NewActorPrefix + nameof(ActorDraft.Name);
    public const string NewActorKind = NewActorPrefix + nameof(ActorDraft.Kind);
    public const string NewClaimText = NewClaimPrefix + nameof(ClaimDraft.Text);
}
