using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Merging;

namespace ClaimTracker.Web.Features.Editing;

/// <summary>
/// The vocabulary of <see cref="HistoryWords"/>: for each kind of record, its noun, the fields shown in words (and how),
/// the fields left to the Details, and how an entry's head and summary read.
/// </summary>
public static partial class HistoryWords
{
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
}
