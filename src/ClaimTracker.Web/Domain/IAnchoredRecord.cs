namespace ClaimTracker.Web.Domain;

/// <summary>
/// A record anchored in a source's text (an <see cref="Attribution"/>, or an <see cref="Annotation"/> on a span): what a
/// correction of the text re-anchors and what an editor repairs when a correction lost its words.
/// </summary>
public interface IAnchoredRecord : IEditableRecord
{
    /// <summary>The span, in the text of revision <see cref="AnchorRevision"/>.</summary>
    TextAnchor Anchor { get; set; }

    /// <summary>How the anchor fared at the last correction of the source's text.</summary>
    AnchorState AnchorState { get; set; }

    /// <summary>The source revision whose text <see cref="Anchor"/> points into (older than the current one only when orphaned).</summary>
    int AnchorRevision { get; set; }
}
