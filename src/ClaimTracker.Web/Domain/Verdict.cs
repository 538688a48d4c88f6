namespace ClaimTracker.Web.Domain;

public enum VerdictState
{
    Draft,
    Published,
}

/// <summary>
/// A label on the newsroom's rating scale. Stored, not hard-coded, so a newsroom can rename labels; the
/// <see cref="Value"/> is what schema.org ClaimReview's ratingValue carries (higher is more accurate).
/// </summary>
public class RatingLabel
{
    public int Id { get; set; }
    public required string Label { get; set; }
    public required string Description { get; set; }

    /// <summary>1 (worst) to 5 (best); 0 for a rating outside the scale, such as "Unverifiable".</summary>
    public int Value { get; set; }

    public int SortOrder { get; set; }
}

/// <summary>An editor's rating of a disputed claim, with rationale and evidence; drafts are seen by editors only.</summary>
public class Verdict : IEditableRecord
{
    public int Id { get; set; }
    public int ClaimId { get; set; }
    public Claim Claim { get; set; } = null!;
    public int RatingLabelId { get; set; }
    public RatingLabel RatingLabel { get; set; } = null!;
    public required string Rationale { get; set; }
    public VerdictState State { get; set; }

    /// <summary>The attributions, sources and outside links the verdict rests on.</summary>
    public List<VerdictEvidence> Evidence { get; set; } = [];

    public required string AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
    public bool IsDeleted { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}

/// <summary>One piece of evidence: an attribution in the record, a source in the record, or a link outside it.</summary>
public sealed record VerdictEvidence(int? AttributionId, int? SourceId, string? Url, string? Note);
