using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Editing;

/// <summary>
/// One history entry of a claim (a change to the claim or to something of it), in words: <paramref name="What"/> happened
/// ("edited a statement"), to what (<paramref name="Summary"/>, "Donald Trump's statement “…”"), and one line per change
/// (<paramref name="Changes"/>). <paramref name="Withheld"/> is set when the reader may not see the values (a verdict draft,
/// a note's words, see <see cref="HistoryReader"/>): it says what happened instead, and the summary and changes are empty.
/// <paramref name="Details"/> holds the stored fields as they are (ids, offsets, versions), for editors only; null for anyone else.
/// </summary>
public sealed record HistoryEntry(
    long Id,
    DateTimeOffset At,
    string UserName,
    AuditAction Action,
    string EntityType,
    int EntityId,
    string What,
    string? Summary,
    IReadOnlyList<FieldChange> Changes,
    string? Withheld = null,
    IReadOnlyList<RawField>? Details = null);

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
        var reader = await ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.ClaimId == claimId);
        var total = await entries.CountAsync(ct);
        var page = await entries
            .OrderByDescending(e => e.Id) // ids grow with time and, unlike At, never tie
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, MaxPageSize))
            .ToListAsync(ct);
        return new PagedResult<HistoryEntry>(await DescribeAsync(db, reader, page, ct), total);
    }

    /// <summary>
    /// Any history entries (of claims, actors, sources, suggestions or accounts), in words for the signed-in reader and
    /// filtered for them as <see cref="GetAsync"/> filters a claim's. Throws <see cref="AccessDeniedException"/> for anonymous callers.
    /// </summary>
    public async Task<IReadOnlyList<HistoryEntry>> DescribeAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct = default)
    {
        var reader = await ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await DescribeAsync(db, reader, entries, ct);
    }

    private async Task<HistoryReader> ReaderAsync()
    {
        var user = await currentUser.GetPrincipalAsync();
        if (user.Identity?.IsAuthenticated != true)
        {
            throw new AccessDeniedException(Permission.Comment, signedIn: false);
        }
        return HistoryReader.Of(user);
    }

    /// <summary>
    /// The names the entries point at are read for the whole page at once: one query per kind of thing (actors, claims,
    /// sources, statements, ratings, notes) that occurs on it, however many entries there are. Entries the reader may not
    /// see in full are not even looked into.
    /// </summary>
    internal static async Task<IReadOnlyList<HistoryEntry>> DescribeAsync(ClaimTrackerDbContext db, HistoryReader reader, IReadOnlyList<AuditEntry> page, CancellationToken ct)
    {
        IReadOnlySet<int> deletedNotes = new HashSet<int>();
        if (reader.NeedsDeletedNotes && page.Where(e => e.EntityType == nameof(Annotation)).Select(e => e.EntityId).Distinct().ToList() is { Count: > 0 } noteIds)
        {
            deletedNotes = (await db.Annotations.IgnoreQueryFilters().AsNoTracking()
                .Where(n => noteIds.Contains(n.Id) && n.IsDeleted).Select(n => n.Id).ToListAsync(ct)).ToHashSet();
        }
        var parsed = page.Select(e => (Entry: e, Before: HistorySnapshot.Parse(e.Before), After: HistorySnapshot.Parse(e.After))).ToList();
        var references = new HistoryReferences();
        foreach (var (entry, before, after) in parsed.Where(p => !reader.Withholds(p.Entry)))
        {
            HistoryWords.Collect(entry, before, after, references);
        }
        var names = await HistoryNames.LoadAsync(db, references, ct);
        return parsed.Select(p => reader.Show(p.Entry, p.Before, p.After, names, deletedNotes)).ToList();
    }

    /// <summary>The entry in full, as an editor reads it (<paramref name="withDetails"/>: with the stored fields); readers get it through <see cref="HistoryReader.Show"/>.</summary>
    public static HistoryEntry ToEntry(AuditEntry e, HistoryNames names, bool withDetails = false) =>
        ToEntry(e, HistorySnapshot.Parse(e.Before), HistorySnapshot.Parse(e.After), names, withDetails);

    public static HistoryEntry ToEntry(AuditEntry e, HistorySnapshot before, HistorySnapshot after, HistoryNames names, bool withDetails)
    {
        var words = HistoryWords.Describe(e, before, after, names);
        return new HistoryEntry(e.Id, e.At, e.UserName, e.Action, e.EntityType, e.EntityId, words.What, words.Summary, words.Changes,
            Details: withDetails ? HistoryWords.Raw(e, before, after) : null);
    }
}
