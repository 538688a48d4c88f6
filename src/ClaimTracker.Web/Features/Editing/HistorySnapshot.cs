using System.Text.Json;
using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Editing;

/// <summary>
/// One side of an <see cref="AuditEntry"/>, its <see cref="AuditEntry.Before"/> or <see cref="AuditEntry.After"/>: the
/// record's values as the history stored them (a JSON object of property names, "Anchor.Exact" for owned parts).
/// </summary>
public sealed class HistorySnapshot
{
    private const int MaxRawLength = 300;

    public static readonly HistorySnapshot None = new(new Dictionary<string, JsonElement>(), unreadable: false);

    private readonly Dictionary<string, JsonElement> values;

    private HistorySnapshot(Dictionary<string, JsonElement> values, bool unreadable)
    {
        this.values = new Dictionary<string, JsonElement>(values, StringComparer.OrdinalIgnoreCase);
        Unreadable = unreadable;
    }

    /// <summary>Set when the stored text is not a JSON object: a damaged or hand-edited row, which must not take the History down.</summary>
    public bool Unreadable { get; }

    public IEnumerable<string> Keys => values.Keys;

    public static HistorySnapshot Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return None;
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                var values = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    values[property.Name] = property.Value.Clone();
                }
                return new HistorySnapshot(values, unreadable: false);
            }
        }
        catch (JsonException)
        {
            // Written by this app, so only a damaged or hand-edited row gets here.
        }
        return new HistorySnapshot([], unreadable: true);
    }

    /// <summary>The value under <paramref name="key"/>, or null when it is absent or JSON null.</summary>
    public JsonElement? Get(string key) =>
        values.TryGetValue(key, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? value : null;

    public string? Text(string key) => Get(key) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public int? Int(string key) => Get(key) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : null;

    /// <summary>Whether the two sides hold the same value under <paramref name="key"/> (both absent counts as the same).</summary>
    public static bool Same(HistorySnapshot a, HistorySnapshot b, string key) =>
        string.Equals(a.Get(key)?.GetRawText(), b.Get(key)?.GetRawText(), StringComparison.Ordinal);

    /// <summary>The value as stored, for the editors' Details: strings as they are, everything else as JSON, cut to a readable length.</summary>
    public string? Raw(string key)
    {
        if (!values.TryGetValue(key, out var value))
        {
            return null;
        }
        var text = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => "null",
            JsonValueKind.String => value.GetString(),
            _ => value.GetRawText(),
        };
        return text is { Length: > MaxRawLength } ? text[..(MaxRawLength - 1)] + "…" : text;
    }
}
