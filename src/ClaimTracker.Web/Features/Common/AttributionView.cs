namespace ClaimTracker.Web.Features.Common;

/// <summary>One appearance as the views show it: who, how, in what words, where in which source.</summary>
public sealed record AttributionView(
    int Id,
    int ClaimId,
    int ActorId,
    string ActorName,
    Domain.ActorKind ActorKind,
    string? ActorRole,
    Domain.Stance Stance,
    Domain.AttributionMode Mode,
    string Quote,
    int SourceId,
    string SourceTitle,
    string SourceOutlet,
    DateOnly PublishedOn,
    int Start,
    int End,
    string? SaidWhen,
    string? SaidWhere,
    string? ReportedVia,
    Domain.AnchorState AnchorState = Domain.AnchorState.Attached)
{
    /// <summary>The reader, scrolled to this span with the span emphasised.</summary>
    public string ReaderLink => $"/sources/{SourceId}?attribution={Id}#a-{Id}";
}
