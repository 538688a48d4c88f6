namespace ClaimTracker.Web.Domain;

/// <summary>
/// A note in a thread, on a claim, an attribution, or a span of a source. The body is Markdown; it is rendered
/// and sanitized on display, never stored as HTML. A reply has a <see cref="ParentId"/> and the parent's target.
/// </summary>
public class Annotation : IAnchoredRecord
{
    public int Id { get; set; }

    public int? ClaimId { get; set; }
    public Claim? Claim { get; set; }
    public int? AttributionId { get; set; }
    public Attribution? Attribution { get; set; }

    /// <summary>A note on a span of a source: the source and the span.</summary>
    public int? SourceId { get; set; }
    public Source? Source { get; set; }
    public TextAnchor? Anchor { get; set; }

    /// <summary>Only a note on a span is anchored; the services that re-anchor notes select those.</summary>
    TextAnchor IAnchoredRecord.Anchor
    {
        get => Anchor ?? throw new InvalidOperationException($"Note {Id} is not on a span of a source.");
        set => Anchor = value;
    }

    /// <summary>For a note on a span: how the anchor fared at the last correction of the source's text.</summary>
    public AnchorState AnchorState { get; set; } = AnchorState.Attached;

    /// <summary>For a note on a span: the source revision whose text <see cref="Anchor"/> points into.</summary>
    public int AnchorRevision { get; set; } = 1;

    public int? ParentId { get; set; }
    public Annotation? Parent { get; set; }

    public required string Body { get; set; }
    public required string AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
    public bool IsDeleted { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}
