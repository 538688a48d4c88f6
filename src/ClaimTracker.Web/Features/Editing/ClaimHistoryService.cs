using System.Text.Json;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Editing;

/// <summary>One field that a change touched, as text for people: "Text: old → new".</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>
/// One history entry of a claim (a change to the claim or to something of it), with only what changed.
/// <paramref name="Withheld"/> is set when the reader may not see the values (a verdict draft, a note's words, see
/// <see cref="HistoryReader"/>): it says what happened instead, and <paramref name="Summary"/> and <paramref name="Changes"/> are empty.
/// </summary>
public sealed record HistoryEntry(
    long Id,
    DateTimeOffset At,
    string UserName,
    AuditAction Action,
    string EntityType,
    int EntityId,
    string? Summary,
    IReadOnlyList<FieldChange> Changes,
    string? Withheld = null);

/// <summary>
/// Reads a claim's history. Editors' names are in it, so it is for signed-in newsroom members only; each entry is
/// filtered for the reader's permissions here (<see cref="HistoryReader"/>), never in the markup.
/// </summary>
public sealed class ClaimHistoryService(IDbContextFactory<ClaimTrackerDbContext> dbFactory, CurrentUser currentUser)
{
    public const int MaxPageSize = 50;

    public async Task<bool> CanReadAsync() => (await currentUser.GetPrincipalAsync()).Identity?.IsAuthenticated == true;

    /// <summary>Newest first. Throws <see cref="AccessDeniedException"/> for anonymous callers.</summary>
    public async Task<PagedResult<HistoryEntry>> GetAsync(int claimId, int skip, int take, CancellationToken ct = default)
    {
        var user = await currentUser.GetPrincipalAsync();
        if (user.Identity?.IsAuthenticated != true)
        {
            throw new AccessDeniedException(Permission.Comment, signedIn: false);
        }
        var reader = HistoryReader.Of(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.ClaimId == claimId);
        var total = await entries.CountAsync(ct);
        var page = await entries
            .OrderByDescending(e => e.Id) // ids grow with time and, unlike At, never tie
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, MaxPageSize))
            .ToListAsync(ct);
        IReadOnlySet<int> deletedNotes = new HashSet<int>();
        if (reader.NeedsDeletedNotes && page.Where(e => e.EntityType == nameof(Annotation)).Select(e => e.EntityId).Distinct().ToList() is { Count: > 0 } noteIds)
        {
            deletedNotes = (await db.Annotations.IgnoreQueryFilters().AsNoTracking()
                .Where(n => noteIds.Contains(n.Id) && n.IsDeleted).Select(n => n.Id).ToListAsync(ct)).ToHashSet();
        }
        return new PagedResult<HistoryEntry>(page.Select(e => reader.Show(e, deletedNotes)).ToList(), total);
    }

    /// <summary>The entry in full, as an editor reads it; readers get it through <see cref="HistoryReader.Show"/>.</summary>
    public static HistoryEntry ToEntry(AuditEntry e) => new(
        e.Id, e.At, e.UserName, e.Action, e.EntityType, e.EntityId,
        HistoryDiff.Summary(e.After ?? e.Before),
        HistoryDiff.Changes(e.Action, e.Before, e.After, e.EntityType));
}

/// <summary>Turns the before/after JSON of an <see cref="AuditEntry"/> into the fields a reader cares about.</summary>
public static class HistoryDiff
{
    private const int MaxValueLength = 300;
    private const string Unreadable = "unreadable";

    /// <summary>Bookkeeping that every change touches; showing it would bury the real change.</summary>
    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "key", "version", "isDeleted", "deletedAt", "deletedBy", "createdAt", "anchor.prefix", "anchor.suffix",
    };

    /// <summary>The history stores enums as numbers; readers want their names.</summary>
    private static readonly Dictionary<(string Entity, string Field), Type> Enums = new()
    {
        [(nameof(Claim), "Status")] = typeof(ClaimStatus),
        [(nameof(ClaimRelation), "Type")] = typeof(RelationType),
        [(nameof(Attribution), "Stance")] = typeof(Stance),
        [(nameof(Attribution), "Mode")] = typeof(AttributionMode),
        [(nameof(Actor), "Kind")] = typeof(ActorKind),
        [(nameof(Verdict), "State")] = typeof(VerdictState),
        [(nameof(Attribution), nameof(Attribution.AnchorState))] = typeof(AnchorState),
        [(nameof(Annotation), nameof(Annotation.AnchorState))] = typeof(AnchorState),
    };

    public static IReadOnlyList<FieldChange> Changes(AuditAction action, string? before, string? after, string? entityType = null)
    {
        if (action is not (AuditAction.Created or AuditAction.Updated))
        {
            return []; // the action says it all (a delete, a restore, a merge's sentence); the values did not change
        }
        var old = Parse(before);
        var now = Parse(after);
        return old.Keys.Union(now.Keys)
            .Where(k => !Hidden.Contains(k))
            .Select(k => (Key: k, Before: old.GetValueOrDefault(k), After: now.GetValueOrDefault(k)))
            .Where(x => x.Before != x.After && !(action == AuditAction.Created && x.After is null))
            .Select(x => Enums.TryGetValue((entityType ?? "", x.Key), out var type)
                ? new FieldChange(Label(x.Key), EnumName(type, x.Before), EnumName(type, x.After))
                : new FieldChange(Label(x.Key), x.Before, x.After))
            .ToList();
    }

    private static string? EnumName(Type type, string? value) =>
        int.TryParse(value, out var number) ? Enum.GetName(type, number) ?? value : value;

    /// <summary>What the record is, for a reader: a claim's text, a relation's rationale, an attribution's quote, an actor's name.</summary>
    public static string? Summary(string? json)
    {
        var values = Parse(json);
        foreach (var key in new[] { "text", "anchor.exact", "rationale", "name", "body", "summary" })
        {
            if (values.GetValueOrDefault(key) is { } value)
            {
                return value;
            }
        }
        return null;
    }

    private static Dictionary<string, string?> Parse(string? json)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(json))
        {
            return values;
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    values[property.Name] = Display(property.Value);
                }
                return values;
            }
        }
        catch (JsonException)
        {
            // Written by this app, so only a damaged or hand-edited row gets here; it must not take the History down.
        }
        values[Unreadable] = "(these values cannot be read)";
        return values;
    }

    private static string? Display(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
            _ => value.GetRawText(),
        };
        return text is { Length: > MaxValueLength } ? text[..(MaxValueLength - 1)] + "…" : text;
    }

    /// <summary>"fromClaimId" → "From claim id", "anchor.start" → "Anchor start".</summary>
    private static string Label(string key)
    {
        var words = new System.Text.StringBuilder();
        foreach (var c in key.Replace('.', ' '))
        {
            if (char.IsUpper(c) && words.Length > 0 && words[^1] != ' ')
            {
                words.Append(' ');
            }
            words.Append(words.Length == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }
        return words.ToString();
    }
}
