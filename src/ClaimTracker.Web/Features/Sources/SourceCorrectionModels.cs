using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Sources;

/// <summary>How many anchors of each kind a correction left where (attributions and notes on spans together).</summary>
public sealed record AnchorTally(int Attached, int Moved, int Fuzzy, int Orphaned)
{
    public int NeedingAttention => Fuzzy + Orphaned;
}

/// <summary>
/// A source's current revision; after a correction also the tally of its re-anchoring. On a conflict this is the
/// other editor's revision (with its text), and <see cref="Tally"/> is null.
/// </summary>
public sealed record SourceCorrection(int SourceId, int Revision, string Text, DateTimeOffset? RevisedAt, string? RevisedBy, string? Note, AnchorTally? Tally);

/// <summary>One revision of a source's text, without the text.</summary>
public sealed record RevisionInfo(int Number, string ContentHash, DateTimeOffset? RevisedAt, string? RevisedBy, string? Note, bool IsCurrent);

/// <summary>An earlier revision's text, for reading only.</summary>
public sealed record RevisionText(int SourceId, string Title, int Number, int CurrentRevision, string ContentHash, DateTimeOffset? RevisedAt, string? RevisedBy, string? Note, string Text);

public enum AnchoredKind
{
    Attribution,
    Note,
}

/// <summary>A fuzzy or orphaned anchor an editor should look at: the old quote, and whose statement or note it is.</summary>
public sealed record AnchorAttention(
    AnchoredKind Kind, int Id, AnchorState State, int AnchorRevision, string Quote, int Start, int End,
    int? ClaimId, string? ClaimText, string? ActorName, string? NoteBody, Guid Version);
