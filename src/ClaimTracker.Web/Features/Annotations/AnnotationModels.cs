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

public enum NoteOutcome
{
    Saved,
    /// <summary>The input breaks a rule; <see cref="NoteResult.Message"/> says which.</summary>
    Invalid,
    /// <summary>Someone saved the note since it was loaded; the result carries their version.</summary>
    Conflict,
    NotFound,
}

/// <summary>
/// The outcome of a change. Refusals for lack of permission are not results but <see cref="Accounts.AccessDeniedException"/>,
/// the same as every other service, so a page cannot mistake them for a validation message.
/// </summary>
public sealed record NoteResult(NoteOutcome Outcome, int? Id = null, string? Message = null, string? CurrentBody = null, Guid? CurrentVersion = null)
{
    public bool Succeeded => Outcome == NoteOutcome.Saved;

    public static NoteResult Saved(int id) => new(NoteOutcome.Saved, id);
    public static NoteResult Invalid(string message) => new(NoteOutcome.Invalid, Message: message);
    public static NoteResult NotFound(string message = "This note no longer exists; it may have been deleted.") => new(NoteOutcome.NotFound, Message: message);

    public static NoteResult Conflict(string currentBody, Guid currentVersion) => new(NoteOutcome.Conflict,
        Message: "Someone changed this note after you opened it. Their version is shown; reapply your change if you still want it.",
        CurrentBody: currentBody, CurrentVersion: currentVersion);
}
