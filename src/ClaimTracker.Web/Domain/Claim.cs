namespace ClaimTracker.Web.Domain;

/// <summary>A proposition in neutral words, independent of who says it or where.</summary>
public class Claim : IEditableRecord
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Text { get; set; }
    public List<string> Topics { get; set; } = [];
    public ClaimStatus Status { get; set; } = ClaimStatus.New;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsDeleted { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }

    /// <summary>Set when the claim was merged into another as a duplicate: the claim that took over what it had.
    /// A merged claim is also soft-deleted, so it leaves lists and search; its address leads to the survivor.</summary>
    public int? MergedIntoId { get; set; }

    /// <summary>The actors the claim is about (Putin in "Putin is ready to make a deal").</summary>
    public List<Actor> Subjects { get; set; } = [];

    public List<Attribution> Attributions { get; set; } = [];
    public List<ClaimRelation> RelationsFrom { get; set; } = [];
    public List<ClaimRelation> RelationsTo { get; set; } = [];
    public List<Annotation> Annotations { get; set; } = [];
    public List<Verdict> Verdicts { get; set; } = [];
}
