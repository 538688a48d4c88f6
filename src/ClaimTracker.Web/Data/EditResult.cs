namespace ClaimTracker.Web.Data;

public enum EditOutcome
{
    /// <summary>The change is saved; <see cref="EditResult{T}.Value"/> holds what was saved, as now stored.</summary>
    Saved,
    /// <summary>Nothing was saved; <see cref="EditResult{T}.FieldErrors"/> says what to fix, field by field.</summary>
    Invalid,
    /// <summary>Someone else saved first; <see cref="EditResult{T}.Value"/> holds their version as now stored.</summary>
    Conflict,
    /// <summary>There is no such record (or it is deleted, for an edit).</summary>
    NotFound,
    /// <summary>The record's workflow does not allow this step now; <see cref="EditResult{T}.Message"/> says why.</summary>
    Refused,
}

/// <summary>
/// What a change to the record came to, for every service that makes one. Validation, conflicts, a record gone and a
/// step the workflow refuses are expected outcomes, not exceptions; refused access is an exception
/// (<see cref="Features.Accounts.AccessDeniedException"/>), so a page cannot mistake it for a validation message.
/// <see cref="Message"/> is a sentence for the whole form, where the service has one to say.
/// </summary>
public sealed record EditResult<T>(EditOutcome Outcome, T? Value, FieldErrors FieldErrors, string? Message = null)
    where T : class
{
    public bool Succeeded => Outcome == EditOutcome.Saved;
    public bool IsConflict => Outcome == EditOutcome.Conflict;

    public string? ErrorFor(string field) => FieldErrors.TryGetValue(field, out var message) ? message : null;

    public static EditResult<T> Saved(T? value, string? message = null) => new(EditOutcome.Saved, value, FieldErrors.None, message);

    /// <param name="value">What the caller may still use although nothing was saved (e.g. a title read from a file).</param>
    public static EditResult<T> Invalid(FieldErrors errors, string? message = null, T? value = null) => new(EditOutcome.Invalid, value, errors, message);

    /// <summary>One message about one field, which is also the form's message.</summary>
    public static EditResult<T> Invalid(string field, string message) => new(EditOutcome.Invalid, null, FieldErrors.Of(field, message), message);

    /// <summary><paramref name="current"/> is null when the other editor's change was to delete it for good (never by this app).</summary>
    public static EditResult<T> Conflict(T? current, string? message = null) => new(EditOutcome.Conflict, current, FieldErrors.None, message);

    public static EditResult<T> Missing(string? message = null) => new(EditOutcome.NotFound, null, FieldErrors.None, message);

    public static EditResult<T> Refused(string message) => new(EditOutcome.Refused, null, FieldErrors.None, message);
}
