namespace ClaimTracker.Web.Domain;

/// <summary>One appearance: an actor's position on a claim in one source, anchored to the exact span.</summary>
public class Attribution : IAnchoredRecord
{
    public int Id { get; set; }
    public required string Key { get; set; }

    public int ActorId { get; set; }
    public Actor Actor { get; set; } = null!;
    public int ClaimId { get; set; }
    public Claim Claim { get; set; } = null!;
    public int SourceId { get; set; }
    public Source Source { get; set; } = null!;

    public Stance Stance { get; set; }
    public AttributionMode Mode { get; set; }

    /// <summary>The span of the source text; its <see cref="TextAnchor.Exact"/> is the verbatim quote.</summary>
    public required TextAnchor Anchor { get; set; }

    /// <summary>How the anchor fared at the last correction of the source's text.</summary>
    public AnchorState AnchorState { get; set; } = AnchorState.Attached;

    /// <summary>The source revision whose text <see cref="Anchor"/> points into (older than the current one only when orphaned).</summary>
    public int AnchorRevision { get; set; } = 1;

    /// <summary>When it was said, as the text gives it ("Thursday", "in December").</summary>
    public string? SaidWhen { get; set; }

    /// <summary>Where or in what setting ("Oval Office interview with Reuters").</summary>
    public string? SaidWhere { get; set; }

    /// <summary>Who relays it when it is second-hand ("a December Reuters report").</summary>
    public string? ReportedVia { get; set; }
    public int? ReportedById { get; set; }
    public Actor? ReportedBy { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsDeleted { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }

    public string Quote => Anchor.Exact;
}
