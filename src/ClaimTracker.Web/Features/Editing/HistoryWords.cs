using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Merging;

namespace ClaimTracker.Web.Features.Editing;

public enum ChangeKind
{
    /// <summary>A value went from <see cref="FieldChange.Before"/> to <see cref="FieldChange.After"/> (or was set, on a creation).</summary>
    Changed,
    /// <summary>One item joined a list (a verdict's evidence): <see cref="FieldChange.After"/>.</summary>
    Added,
    /// <summary>One item left a list: <see cref="FieldChange.Before"/>.</summary>
    Removed,
}

/// <summary>One line of a history entry, in words: "Rating: Unsupported → Misleading", "Evidence: added …".</summary>
public sealed record FieldChange(string Field, string? Before, string? After, ChangeKind Kind = ChangeKind.Changed)
{
    public const string Empty = "(empty)";

    public string Text => Kind switch
    {
        ChangeKind.Added => $"{Field}: added {After}",
        ChangeKind.Removed => $"{Field}: removed {Before}",
        _ when Before is null => $"{Field}: {After ?? Empty}",
        _ => $"{Field}: {Before} → {After ?? Empty}",
    };
}

/// <summary>A stored value as it is, for editors who need the record's own fields (ids, offsets, versions).</summary>
public sealed record RawField(string Name, string? Before, string? After);

/// <summary>What one history entry says: "edited a statement", whose ("Donald Trump's statement “…”"), and what changed.</summary>
public sealed record HistoryWording(string What, string? Summary, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// Turns an <see cref="AuditEntry"/> (the record's values before and after, as stored) into words, the way the pages
/// name things: actors, claims, quotes and sources by name (through <see cref="HistoryNames"/>), stances, modes and states
/// by the app's own labels (<see cref="Labels"/>). Each kind of record lists the fields a reader cares about; everything
/// else (ids, keys, versions, offsets, timestamps kept as fields) is bookkeeping, shown only in the editors' Details.
/// A field missing from both lists stays out of the words too, and a test checks that every stored field is in one of them.
/// </summary>
public static partial class HistoryWords
{
    private const int MaxTextLength = 300;
    private const int MaxQuoteLength = 200;
    private const string PlaceInText = "Place in the text";

    private delegate string? Shows(JsonElement value, HistoryNames names);

    /// <summary>A field shown in words. <paramref name="OnCreate"/>: listed when the record is created (false when the summary says it already).</summary>
    private sealed record Field(string Key, string Label, Shows Show, HistoryRef? Ref = null, bool OnCreate = true);

    private sealed record Side(AuditEntry Entry, HistorySnapshot Before, HistorySnapshot After)
    {
        /// <summary>The record as it is after the change, or as it was when it was deleted.</summary>
        public HistorySnapshot Current => After.Keys.Any() ? After : Before;
    }

    private sealed record Kind(
        string Noun,
        Field[] Fields,
        string[] Hidden,
        Func<Side, HistoryNames, string?> Summary,
        string[]? Anchor = null,
        string Created = "created",
        Func<Side, string?>? What = null,
        bool HasEvidence = false);

    /// <summary>The kinds of record the history words for; any other is "a record", with its values in the Details only.</summary>
    public static IReadOnlyCollection<string> EntityTypes => Kinds.Keys;

    /// <summary>The stored fields of <paramref name="entityType"/> that the words show, and those they leave to the Details.</summary>
    public static (IReadOnlySet<string> Shown, IReadOnlySet<string> Hidden) FieldsOf(string entityType)
    {
        var kind = Kinds.GetValueOrDefault(entityType) ?? Unknown;
        var shown = kind.Fields.Select(f => f.Key).Concat(kind.HasEvidence ? [EvidenceKey] : []);
        var hidden = kind.Hidden.Concat(kind.Anchor ?? []);
        return (shown.ToHashSet(StringComparer.OrdinalIgnoreCase), hidden.ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The ids that <see cref="Describe"/> will need names for.</summary>
    public static void Collect(AuditEntry entry, HistorySnapshot before, HistorySnapshot after, HistoryReferences references)
    {
        var kind = Kinds.GetValueOrDefault(entry.EntityType) ?? Unknown;
        foreach (var field in kind.Fields.Where(f => f.Ref is not null))
        {
            references.Add(field.Ref!.Value, before.Int(field.Key));
            references.Add(field.Ref!.Value, after.Int(field.Key));
        }
        if (kind.HasEvidence)
        {
            foreach (var item in EvidenceItems(before).Concat(EvidenceItems(after)))
            {
                references.Add(HistoryRef.Statement, item.AttributionId);
                references.Add(HistoryRef.Source, item.SourceId);
            }
        }
    }

    /// <summary>What happened, as the head of the entry says it: "recorded a statement", "published the verdict".</summary>
    public static string WhatOf(AuditEntry entry, HistorySnapshot before, HistorySnapshot after)
    {
        var kind = Kinds.GetValueOrDefault(entry.EntityType) ?? Unknown;
        if (kind.What?.Invoke(new Side(entry, before, after)) is { } what)
        {
            return what;
        }
        var verb = entry.Action switch
        {
            AuditAction.Created => kind.Created,
            AuditAction.Updated => "edited",
            AuditAction.Deleted => "deleted",
            AuditAction.Restored => "restored",
            _ => "changed",
        };
        return $"{verb} {kind.Noun}";
    }

    public static HistoryWording Describe(AuditEntry entry, HistoryNames names) =>
        Describe(entry, HistorySnapshot.Parse(entry.Before), HistorySnapshot.Parse(entry.After), names);

    public static HistoryWording Describe(AuditEntry entry, HistorySnapshot before, HistorySnapshot after, HistoryNames names)
    {
        var kind = Kinds.GetValueOrDefault(entry.EntityType) ?? Unknown;
        var side = new Side(entry, before, after);
        return new HistoryWording(WhatOf(entry, before, after), kind.Summary(side, names), Changes(kind, side, names));
    }

    private static List<FieldChange> Changes(Kind kind, Side side, HistoryNames names)
    {
        var changes = new List<FieldChange>();
        var (action, before, after) = (side.Entry.Action, side.Before, side.After);
        if (before.Unreadable || after.Unreadable)
        {
            changes.Add(new FieldChange("Values", null, "these values cannot be read"));
        }
        if (action is not (AuditAction.Created or AuditAction.Updated))
        {
            return changes; // the action and the summary say it all (a delete, a restore, a merge's sentence)
        }
        foreach (var field in kind.Fields)
        {
            if (action == AuditAction.Created)
            {
                if (field.OnCreate && Show(field, after, names) is { } value)
                {
                    changes.Add(new FieldChange(field.Label, null, value));
                }
            }
            else if (!HistorySnapshot.Same(before, after, field.Key))
            {
                changes.Add(new FieldChange(field.Label, Show(field, before, names), Show(field, after, names)));
            }
        }
        if (kind.HasEvidence)
        {
            changes.AddRange(EvidenceChanges(before, after, names));
        }
        if (action == AuditAction.Updated && kind.Anchor is { } anchor && anchor.Any(k => !HistorySnapshot.Same(before, after, k))
            && kind.Fields.Where(f => f.Key.EndsWith(".Exact", StringComparison.Ordinal)).All(f => HistorySnapshot.Same(before, after, f.Key)))
        {
            // The quote stayed, its offsets moved (a correction of the source's text): one line instead of the numbers.
            changes.Add(new FieldChange(PlaceInText, null, HistorySnapshot.Same(before, after, "AnchorRevision") || after.Int("AnchorRevision") is not int revision
                ? "adjusted"
                : $"found again in revision {revision} of the source's text"));
        }
        return changes;
    }

    private static string? Show(Field field, HistorySnapshot snapshot, HistoryNames names) =>
        snapshot.Get(field.Key) is { } value ? field.Show(value, names) : null;

    private sealed record EvidenceItem(int? AttributionId, int? SourceId, string? Url, string? Note)
    {
        public string Name(HistoryNames names)
        {
            var name = AttributionId is int a ? names.Name(HistoryRef.Statement, a)
                : SourceId is int s ? names.Name(HistoryRef.Source, s)
                : Url ?? "a link";
            return string.IsNullOrWhiteSpace(Note) ? name : $"{name} ({HistoryNames.Shorten(Note, MaxQuoteLength)})";
        }
    }

    private static List<EvidenceItem> EvidenceItems(HistorySnapshot snapshot)
    {
        var items = new List<EvidenceItem>();
        if (snapshot.Get(EvidenceKey) is not { ValueKind: JsonValueKind.Array } list)
        {
            return items;
        }
        foreach (var item in list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
        {
            var fields = item.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase);
            int? Int(string key) => fields.TryGetValue(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;
            string? Str(string key) => fields.TryGetValue(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            items.Add(new EvidenceItem(Int("attributionId"), Int("sourceId"), Str("url"), Str("note")));
        }
        return items;
    }

    /// <summary>One line per piece of evidence added or removed; a list of ids side by side would say nothing.</summary>
    private static IEnumerable<FieldChange> EvidenceChanges(HistorySnapshot before, HistorySnapshot after, HistoryNames names)
    {
        var old = EvidenceItems(before);
        var now = EvidenceItems(after);
        foreach (var removed in old.Where(o => !now.Contains(o)))
        {
            yield return new FieldChange(EvidenceKey, removed.Name(names), null, ChangeKind.Removed);
        }
        foreach (var added in now.Where(n => !old.Contains(n)))
        {
            yield return new FieldChange(EvidenceKey, null, added.Name(names), ChangeKind.Added);
        }
    }

    /// <summary>The entry's stored values as they are, for the editors' Details: for an edit only what changed, the record's id always.</summary>
    public static IReadOnlyList<RawField> Raw(AuditEntry entry, HistorySnapshot before, HistorySnapshot after)
    {
        var raw = new List<RawField>
        {
            new("Record", null, $"{entry.EntityType} {entry.EntityId}"),
            new("History entry", null, entry.Id.ToString(CultureInfo.InvariantCulture)),
        };
        if (entry.UserId is not null)
        {
            raw.Add(new RawField("UserId", null, entry.UserId));
        }
        if (entry.AccountId is not null)
        {
            raw.Add(new RawField("AccountId", null, entry.AccountId));
        }
        var onlyChanged = entry.Action is AuditAction.Updated or AuditAction.Restored;
        foreach (var key in before.Keys.Union(after.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
        {
            if (!onlyChanged || !HistorySnapshot.Same(before, after, key))
            {
                raw.Add(new RawField(key, before.Raw(key), after.Raw(key)));
            }
        }
        if (before.Unreadable || after.Unreadable)
        {
            raw.Add(new RawField("Stored values", Cut(entry.Before), Cut(entry.After)));
        }
        return raw;
    }

    private static string? Cut(string? text) => text is { Length: > MaxTextLength } ? text[..(MaxTextLength - 1)] + "…" : text;
}
