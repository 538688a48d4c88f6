using System.Collections;
using System.Diagnostics.CodeAnalysis;
using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Features.Common;

namespace ClaimTracker.Web.Data;

/// <summary>
/// Per-field messages: the one way every service says what to fix. Field names are the draft's property names ("" for
/// the form as a whole). Text is cleaned as stored text (<see cref="InputText"/>) before it is measured, so the limits
/// apply to what would be saved. The first message for a field is the one kept.
/// </summary>
public sealed class FieldErrors : IReadOnlyDictionary<string, string>
{
    /// <summary>No errors; never added to.</summary>
    public static readonly FieldErrors None = new(readOnly: true);

    private readonly Dictionary<string, string> errors = new(StringComparer.Ordinal);
    private readonly bool readOnly;

    public FieldErrors()
    {
    }

    private FieldErrors(bool readOnly) => this.readOnly = readOnly;

    public static FieldErrors Of(string field, string message)
    {
        var one = new FieldErrors();
        one.Add(field, message);
        return one;
    }

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (readOnly)
        {
            throw new InvalidOperationException("FieldErrors.None holds no errors; make a new FieldErrors.");
        }
        errors.TryAdd(field, message);
    }

    /// <summary>Adds every message of <paramref name="other"/>, its field names renamed by <paramref name="field"/>.</summary>
    public void AddAll(FieldErrors other, Func<string, string>? field = null)
    {
        foreach (var (name, message) in other)
        {
            Add(field is null ? name : field(name), message);
        }
    }

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

    // ---------------------------------------------------------------- read as a dictionary (pages look messages up by field)

    public string this[string key] => errors[key];
    public IEnumerable<string> Keys => errors.Keys;
    public IEnumerable<string> Values => errors.Values;
    public int Count => errors.Count;
    public bool ContainsKey(string key) => errors.ContainsKey(key);
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => errors.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => errors.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
