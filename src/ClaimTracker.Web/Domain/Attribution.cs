namespace ClaimTracker.Web.Domain;

/// <summary>One appearance: an actor's position on a claim in one source, anchored to the exact span.</summary>
public class Attribution : IEditableRecord
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
