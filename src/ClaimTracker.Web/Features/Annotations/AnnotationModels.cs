namespace ClaimTracker.Web.Features.Annotations;

/// <summary>One note as a thread shows it, with its replies (oldest first).</summary>
public sealed record NoteView(
    int Id,
    int? ParentId,
    string Body,
    string AuthorId,
    string AuthorName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    Guid Version,
    NoteTarget Target,
    IReadOnlyList<NoteView> Replies);

/// <summary>
/// What a note is on: the claim itself, one of its attributions (who said it), or a quoted span of a source.
/// <see cref="Quote"/> is the span's text, or the attribution's verbatim words.
/// </summary>
public sealed record NoteTarget(int? ClaimId, int? AttributionId, string? AttributionActor, int? SourceId, int? SpanStart, int? SpanEnd, string? Quote);

/// <summary>An attribution a new note can be on.</summary>
public sealed record AttributionOption(int AttributionId, string ActorName, string Quote);

/// <summary>
/// A note as stored: after a save, or, in a conflict, as the other editor left it (<see cref="Body"/> is then theirs to
/// show, <see cref="Version"/> the one to save against).
/// </summary>
public sealed record StoredNote(int Id, string Body, Guid Version);

/// <summary>What the note services say to the editor; kept here so that every form says the same.</summary>
public static class NoteMessages
{
    public const string Gone = "This note no longer exists; it may have been deleted.";
    public const string Changed = "Someone changed this note after you opened it. Their version is shown; reapply your change if you still want it.";
}
