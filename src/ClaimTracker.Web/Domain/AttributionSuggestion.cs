namespace ClaimTracker.Web.Domain;

public enum SuggestionStatus
{
    /// <summary>Waiting in the review queue.</summary>
    Pending,
    /// <summary>An editor accepted it (perhaps after editing); <see cref="AttributionSuggestion.AttributionId"/> is what it became.</summary>
    Accepted,
    /// <summary>An editor rejected it; kept so a re-run of the engine does not propose it again and the decision is on record.</summary>
    Rejected,
}

/// <summary>
/// An attribution the suggestion engine proposed for a source, waiting for an editor. Nothing in it is part of the
/// record until an editor accepts it; accepting creates the attribution (and, where needed, the actor and the claim)
/// through the same services and history as a manual edit. It is an <see cref="IEditableRecord"/> so two editors
/// deciding the same suggestion at once cannot both win, and every decision is in the history.
/// </summary>
public class AttributionSuggestion : IEditableRecord
{
    public int Id { get; set; }

    public int SourceId { get; set; }
    public Source Source { get; set; } = null!;

    /// <summary>The proposed span; its <see cref="TextAnchor.Exact"/> is the quote.</summary>
    public required TextAnchor Anchor { get; set; }

    /// <summary>The actor as the engine resolved it (a known actor's name, or a name found in the text).</summary>
    public required string ActorName { get; set; }
    public int? ActorId { get; set; }
    public Actor? Actor { get; set; }

    public Stance Stance { get; set; }
    public AttributionMode Mode { get; set; }

    /// <summary>The proposed claim in neutral words.</summary>
    public required string ClaimText { get; set; }

    /// <summary>An existing claim that says much the same, and how similar (0–1).</summary>
    public int? ClaimId { get; set; }
    public Claim? Claim { get; set; }
    public double? Similarity { get; set; }

    /// <summary>Why the engine proposed it, for the reviewer ("reporting verb 'said'; 'he' → Volodymyr Zelensky").</summary>
    public required string Cue { get; set; }

    public SuggestionStatus Status { get; set; } = SuggestionStatus.Pending;
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The attribution an accepted suggestion became.</summary>
    public int? AttributionId { get; set; }
    public Attribution? Attribution { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
    public bool IsDeleted { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}
