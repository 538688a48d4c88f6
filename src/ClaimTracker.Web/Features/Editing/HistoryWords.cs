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

    private const string EvidenceKey = nameof(Verdict.Evidence);

    private static readonly string[] Deletion = ["Version", "IsDeleted", "DeletedAt", "DeletedBy"];

    private static readonly Dictionary<string, Kind> Kinds = new(StringComparer.Ordinal)
    {
        [nameof(Claim)] = new(
            "the claim",
            [
                Text("Text", "Text"),
                List("Topics", "Topics"),
                Enum<ClaimStatus>("Status", "Status", s => s.Label()),
                Ref("MergedIntoId", "Merged into", HistoryRef.Claim),
            ],
            ["Id", "Key", "CreatedAt", .. Deletion],
            // The page's own claim: the markup leaves it out, the heading says it.
            (side, _) => side.Current.Text("Text") is { } text ? HistoryNames.Shorten(text, MaxTextLength) : null),

        [nameof(Attribution)] = new(
            "a statement",
            [
                Ref("ActorId", "Actor", HistoryRef.Actor, onCreate: false),
                Ref("ClaimId", "Claim", HistoryRef.Claim, onCreate: false),
                Ref("SourceId", "Source", HistoryRef.Source),
                Enum<Stance>("Stance", "Stance", s => s.Verb()),
                Enum<AttributionMode>("Mode", "Mode", m => m.Label()),
                Quote("Anchor.Exact", "Quote", onCreate: false),
                Enum<AnchorState>("AnchorState", "Anchoring", s => s.Label(), onCreate: false),
                Text("SaidWhen", "Said when"),
                Text("SaidWhere", "Said where"),
                Text("ReportedVia", "Reported via"),
                Ref("ReportedById", "Reported by", HistoryRef.Actor),
            ],
            ["Id", "Key", .. Deletion],
            (side, names) => StatementOf(side.Current, names),
            Anchor: ["Anchor.Start", "Anchor.End", "Anchor.Prefix", "Anchor.Suffix", "AnchorRevision"],
            Created: "recorded"),

        [nameof(ClaimRelation)] = new(
            "a relation",
            [
                Enum<RelationType>("Type", "Relation", t => t.Label(), onCreate: false),
                Ref("FromClaimId", "Claim", HistoryRef.Claim, onCreate: false),
                Ref("ToClaimId", "Related claim", HistoryRef.Claim, onCreate: false),
                Text("Rationale", "Rationale"),
                Ref("EvidenceSourceId", "Evidence source", HistoryRef.Source),
                Quote("Evidence.Exact", "Evidence quote"),
            ],
            ["Id", "Key", .. Deletion],
            (side, names) => RelationOf(side.Current, names),
            Anchor: ["Evidence.Start", "Evidence.End", "Evidence.Prefix", "Evidence.Suffix"]),

        [nameof(Annotation)] = new(
            "a note",
            [
                Text("Body", "Text", onCreate: false),
                Ref("ClaimId", "On claim", HistoryRef.Claim, onCreate: false),
                Ref("AttributionId", "On statement", HistoryRef.Statement),
                Ref("SourceId", "On source", HistoryRef.Source),
                Quote("Anchor.Exact", "On the words"),
                Enum<AnchorState>("AnchorState", "Anchoring", s => s.Label(), onCreate: false),
                Ref("ParentId", "Reply to", HistoryRef.Note),
                Text("AuthorName", "Author", onCreate: false),
            ],
            ["Id", "AuthorId", "CreatedAt", "EditedAt", .. Deletion],
            (side, _) => side.Current.Text("Body") is { } body ? $"“{HistoryNames.Shorten(body, MaxTextLength)}”" : null,
            Anchor: ["Anchor.Start", "Anchor.End", "Anchor.Prefix", "Anchor.Suffix", "AnchorRevision"],
            What: side => side.Entry.Action == AuditAction.Created
                ? side.After.Int("ParentId") is null ? "added a note" : "replied to a note"
                : null),

        [nameof(Verdict)] = new(
            "the verdict",
            [
                Ref("RatingLabelId", "Rating", HistoryRef.Rating),
                Text("Rationale", "Rationale"),
                Enum<VerdictState>("State", "State", s => s.Label()),
                Ref("ClaimId", "Claim", HistoryRef.Claim, onCreate: false),
                Text("AuthorName", "Author", onCreate: false),
            ],
            ["Id", "AuthorId", "CreatedAt", "UpdatedAt", "PublishedAt", .. Deletion],
            // Created and edited verdicts list their rating below; a retired one says which it was here.
            (side, names) => side.Entry.Action is AuditAction.Deleted or AuditAction.Restored && side.Current.Int("RatingLabelId") is int rating
                ? $"Rating: {names.Name(HistoryRef.Rating, rating)}"
                : null,
            What: VerdictWhat,
            HasEvidence: true),

        [nameof(Actor)] = new(
            "an actor",
            [
                Text("Name", "Name", onCreate: false),
                Enum<ActorKind>("Kind", "Kind", k => k.Label()),
                Text("Role", "Role"),
                Text("Country", "Country"),
                List("Aliases", "Also called"),
            ],
            ["Id", "Key", .. Deletion],
            (side, _) => side.Current.Text("Name"),
            Created: "added"),

        [nameof(AttributionSuggestion)] = new(
            "a suggestion",
            [
                Text("ActorName", "Actor as found", onCreate: false),
                Ref("ActorId", "Actor", HistoryRef.Actor),
                Enum<Stance>("Stance", "Stance", s => s.Verb()),
                Enum<AttributionMode>("Mode", "Mode", m => m.Label()),
                Text("ClaimText", "Proposed claim", onCreate: false),
                Ref("ClaimId", "Similar claim", HistoryRef.Claim),
                Quote("Anchor.Exact", "Quote"),
                Ref("SourceId", "Source", HistoryRef.Source),
                Text("Cue", "Why proposed"),
                Enum<SuggestionStatus>("Status", "Status", s => s.Label(), onCreate: false),
                Text("DecidedBy", "Decided by"),
                Ref("AttributionId", "Became", HistoryRef.Statement),
            ],
            ["Id", "Similarity", "DecidedAt", .. Deletion],
            (side, _) => SuggestionOf(side.Current),
            Anchor: ["Anchor.Start", "Anchor.End", "Anchor.Prefix", "Anchor.Suffix"],
            What: SuggestionWhat),

        // Written once, by the import (sources are immutable; corrections show on the statements they re-anchor).
        [nameof(Source)] = new(
            "a source",
            [
                Text("Outlet", "Outlet", onCreate: false),
                Text("Title", "Title", onCreate: false),
                new("PublishedOn", "Published", (v, _) => v.ValueKind == JsonValueKind.String && DateOnly.TryParse(v.GetString(), CultureInfo.InvariantCulture, out var date) ? date.Display() : null),
                Text("Url", "Address"),
                Count("Characters", "Length", " characters"),
                Count("Suggestions", "Suggestions", ""),
            ],
            ["Id", "Key", "ContentHash"],
            (side, _) => side.Current.Text("Outlet") is { } outlet ? $"{outlet}: {side.Current.Text("Title")}" : side.Current.Text("Title"),
            Created: "imported"),

        [ClaimMergeService.HistoryEntityType] = new(
            "two claims",
            [],
            ["summary", "SurvivorId", "MergedId"],
            (side, _) => MergeSentence(side.Current.Text("summary")),
            What: side => side.Entry.Action == AuditAction.MergeUndone ? "undid a merge" : "merged two claims"),

        [AccountHistory.EntityType] = new(
            "an account",
            [],
            ["Name", "Email", "Role"],
            (side, _) => AccountHistory.Describe(side.Entry).Text,
            What: side => side.Entry.Action switch
            {
                AuditAction.RoleGranted => "gave a role",
                AuditAction.RoleRemoved => "removed a role",
                AuditAction.Deactivated => "deactivated an account",
                AuditAction.Reactivated => "reactivated an account",
                AuditAction.Unlocked => "unlocked an account",
                _ => null,
            }),
    };

    private static readonly Kind Unknown = new("a record", [], [], (_, _) => null);

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

    private static string? StatementOf(HistorySnapshot s, HistoryNames names) =>
        s.Int("ActorId") is int actor ? HistoryNames.Statement(names.Name(HistoryRef.Actor, actor), s.Text("Anchor.Exact")) : null;

    private static string? RelationOf(HistorySnapshot s, HistoryNames names)
    {
        if (s.Int("FromClaimId") is not int from || s.Int("ToClaimId") is not int to)
        {
            return null;
        }
        var type = s.Int("Type") is int t && System.Enum.IsDefined((RelationType)t) ? ((RelationType)t).Label() : "relates to";
        return $"{names.Name(HistoryRef.Claim, from)} {type} {names.Name(HistoryRef.Claim, to)}";
    }

    private static string? SuggestionOf(HistorySnapshot s)
    {
        if (s.Text("ActorName") is not { } actor)
        {
            return null;
        }
        var verb = s.Int("Stance") is int stance && System.Enum.IsDefined((Stance)stance) ? ((Stance)stance).Verb() : "says";
        return s.Text("ClaimText") is { } claim ? $"{actor} {verb} {HistoryNames.Quoted(claim)}" : actor;
    }

    private static string? VerdictWhat(Side side)
    {
        VerdictState? State(HistorySnapshot s) => s.Int("State") is int n ? (VerdictState)n : null;
        return (side.Entry.Action, State(side.Before), State(side.After)) switch
        {
            (AuditAction.Created, _, VerdictState.Published) => "published the verdict",
            (AuditAction.Created, _, _) => "drafted the verdict",
            (AuditAction.Updated, VerdictState.Draft, VerdictState.Published) => "published the verdict",
            (AuditAction.Updated, VerdictState.Published, VerdictState.Draft) => "reopened the verdict",
            (AuditAction.Deleted, _, _) => "retired the verdict",
            _ => null,
        };
    }

    private static string? SuggestionWhat(Side side)
    {
        if (side.Entry.Action == AuditAction.Deleted)
        {
            return "withdrew a suggestion";
        }
        if (side.Entry.Action != AuditAction.Updated || HistorySnapshot.Same(side.Before, side.After, "Status"))
        {
            return null;
        }
        return side.After.Int("Status") switch
        {
            (int)SuggestionStatus.Accepted => "accepted a suggestion",
            (int)SuggestionStatus.Rejected => "rejected a suggestion",
            (int)SuggestionStatus.Pending => "reopened a suggestion",
            _ => null,
        };
    }

    [GeneratedRegex(@" \(claim \d+\)")]
    private static partial Regex ClaimNumber();

    /// <summary>The merge's own sentence; older entries named the claims by number too, which the texts beside them make redundant.</summary>
    private static string? MergeSentence(string? sentence) => sentence is null ? null : ClaimNumber().Replace(sentence, "");

    private static Field Text(string key, string label, bool onCreate = true) =>
        new(key, label, (v, _) => v.ValueKind == JsonValueKind.String
            ? v.GetString() is { Length: > 0 } text ? HistoryNames.Shorten(text, MaxTextLength) : null
            : v.ToString(), OnCreate: onCreate);

    private static Field Quote(string key, string label, bool onCreate = true) =>
        new(key, label, (v, _) => v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } text
            ? $"“{HistoryNames.Shorten(text, MaxQuoteLength)}”"
            : null, OnCreate: onCreate);

    private static Field List(string key, string label) =>
        new(key, label, (v, _) => v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0
            ? string.Join(", ", v.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() : i.ToString()))
            : null);

    private static Field Enum<T>(string key, string label, Func<T, string> words, bool onCreate = true) where T : struct, System.Enum =>
        new(key, label, (v, _) => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && System.Enum.IsDefined(typeof(T), n)
            ? words((T)System.Enum.ToObject(typeof(T), n))
            : "an unknown value", OnCreate: onCreate);

    private static Field Ref(string key, string label, HistoryRef kind, bool onCreate = true) =>
        new(key, label, (v, names) => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var id) ? names.Name(kind, id) : null, kind, onCreate);

    /// <summary>A number as people write it ("12,345"), followed by <paramref name="unit"/>.</summary>
    private static Field Count(string key, string label, string unit) =>
        new(key, label, (v, _) => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n)
            ? n.ToString("N0", CultureInfo.InvariantCulture) + unit
            : null);

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
