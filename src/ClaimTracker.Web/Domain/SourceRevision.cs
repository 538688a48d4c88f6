namespace ClaimTracker.Web.Domain;

/// <summary>
/// A superseded text of a source, kept as it was: orphaned anchors still point into it, and readers can open it.
/// <see cref="RevisedAt"/>, <see cref="RevisedBy"/> and <see cref="Note"/> describe how this revision came to be
/// (all null for the original text, revision 1).
/// </summary>
public class SourceRevision
{
    public int Id { get; set; }
    public int SourceId { get; set; }
    public Source Source { get; set; } = null!;
    public int Number { get; set; }
    public required string Text { get; set; }

    /// <summary>SHA-256 of the UTF-8 text, lowercase hex.</summary>
    public required string ContentHash { get; set; }

    public DateTimeOffset? RevisedAt { get; set; }
    public string? RevisedBy { get; set; }
    public string? Note { get; set; }
}

/// <summary>How an anchor fared when its source's text was last corrected.</summary>
public enum AnchorState
{
    /// <summary>The quote is where the edit moved it (or the text around it did not change).</summary>
    Attached,
    /// <summary>The quote was found elsewhere in the text, by its context and nearness to where it was.</summary>
    Moved,
    /// <summary>Only an approximate match was found: the quote's words changed. An editor should check it.</summary>
    Fuzzy,
    /// <summary>No good match: the anchor still points into the revision it names. An editor must re-attach or remove it.</summary>
    Orphaned,
}
