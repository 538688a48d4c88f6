namespace ClaimTracker.Web.Domain;

/// <summary>
/// A claim's bearing on another: <see cref="FromClaim"/> contradicts, supports or qualifies <see cref="ToClaim"/>.
/// Contradiction is symmetric in meaning; support and qualification are directed.
/// </summary>
public class ClaimRelation : IEditableRecord
{
    public int Id { get; set; }
    public required string Key { get; set; }

    public int FromClaimId { get; set; }
    public Claim FromClaim { get; set; } = null!;
    public int ToClaimId { get; set; }
    public Claim ToClaim { get; set; } = null!;

    public RelationType Type { get; set; }
    public required string Rationale { get; set; }

    /// <summary>The source whose words establish the relation, when a text does; null when it is an editor's inference.</summary>
    public int? EvidenceSourceId { get; set; }
    public Source? EvidenceSource { get; set; }
    public TextAnchor? Evidence { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsDeleted { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }

    public bool IsStatedInSource => Evidence is not null;
}
