using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Features.Common;

namespace ClaimTracker.Web.Features.Editing;

public enum EditOutcome
{
    /// <summary>The change is saved; <see cref="EditResult{T}.Value"/> holds the record as now stored, with its new version.</summary>
    Saved,
    /// <summary>Nothing was saved; <see cref="EditResult{T}.FieldErrors"/> says what to fix, field by field.</summary>
    Invalid,
    /// <summary>Someone else saved first; <see cref="EditResult{T}.Value"/> holds their version as now stored.</summary>
    Conflict,
    /// <summary>There is no such record (or it is deleted, for an edit).</summary>
    NotFound,
}

/// <summary>What an edit came to. Validation and conflicts are expected outcomes, not exceptions; refused access is an exception.</summary>
public sealed record EditResult<T>(EditOutcome Outcome, T? Value, IReadOnlyDictionary<string, string> FieldErrors)
    where T : class
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public bool Succeeded => Outcome == EditOutcome.Saved;
    public bool IsConflict => Outcome == EditOutcome.Conflict;

    public string? ErrorFor(string field) => FieldErrors.TryGetValue(field, out var message) ? message : null;

    public static EditResult<T> Saved(T value) => new(EditOutcome.Saved, value, NoErrors);
    public static EditResult<T> Invalid(IReadOnlyDictionary<string, string> errors) => new(EditOutcome.Invalid, null, errors);
    public static EditResult<T> Invalid(string field, string message) => new(EditOutcome.Invalid, null, new Dictionary<string, string> { [field] = message });
    /// <summary><paramref name="current"/> is null when the other editor's change was to delete it for good (never by this app).</summary>
    public static EditResult<T> Conflict(T? current) => new(EditOutcome.Conflict, current, NoErrors);
    public static EditResult<T> Missing() => new(EditOutcome.NotFound, null, NoErrors);
}

/// <summary>
/// Collects per-field messages; field names are the draft's property names. Text is cleaned as stored text
/// (<see cref="InputText"/>) before it is measured, so the limits apply to what would be saved.
/// </summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, string> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;
    public IReadOnlyDictionary<string, string> All => errors;

    public void Add(string field, string message) => errors.TryAdd(field, message);

    /// <summary>The cleaned value, or null (with an error) when there is nothing a reader could see.</summary>
    public string? Required(string field, string? value, int maxLength, string label, bool multiline = false)
    {
        var cleaned = Clean(value, multiline);
        if (InputText.IsBlank(cleaned))
        {
            Add(field, $"{label} is required.");
            return null;
        }
        return MaxLength(field, cleaned, maxLength, label);
    }

    public string? Optional(string field, string? value, int maxLength, string label, bool multiline = false)
    {
        var cleaned = Clean(value, multiline);
        return InputText.IsBlank(cleaned) ? null : MaxLength(field, cleaned, maxLength, label);
    }

    private static string Clean(string? value, bool multiline) => multiline ? InputText.Clean(value) : InputText.CleanLine(value);

    private string MaxLength(string field, string value, int maxLength, string label)
    {
        if (value.Length > maxLength)
        {
            Add(field, $"{label} must be at most {maxLength} characters (it has {value.Length}).");
        }
        return value;
    }

    /// <summary>Cleaned, non-blank, distinct (ignoring case) entries of a list such as topics or aliases.</summary>
    public List<string> List(string field, IEnumerable<string>? values, int maxItems, int maxLength, string label)
    {
        var list = (values ?? []).Select(InputText.CleanLine).Where(v => !InputText.IsBlank(v)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (list.Count > maxItems)
        {
            Add(field, $"At most {maxItems} {(label.EndsWith('s') ? label + "es" : label + "s")}."); // aliases, topics
        }
        if (list.FirstOrDefault(v => v.Length > maxLength) is { } tooLong)
        {
            Add(field, $"Each {label} must be at most {maxLength} characters (\"{tooLong.Shortened(20)}\" is longer).");
        }
        return list;
    }

    public void Defined<TEnum>(string field, TEnum value, string label) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            Add(field, $"Choose a {label}.");
        }
    }
}
