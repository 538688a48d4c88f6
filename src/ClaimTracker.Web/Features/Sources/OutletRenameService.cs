using System.Text.Json;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Sources;

/// <summary>An outlet renamed across its sources.</summary>
public sealed record OutletRenamed(string From, string To, int Sources);

/// <summary>One rename as a source's history shows it.</summary>
public sealed record OutletRenameEntry(string From, string To, string By, DateTimeOffset At);

/// <summary>
/// Repairs an outlet's name across every source that carries it: a name stored wrong ("rdic Wire") shows on every
/// breadcrumb and citation of its sources, and renaming one source at a time would split the outlet in two.
/// Each source keeps a history entry of the rename (before and after), signed by the editor.
/// </summary>
public sealed class OutletRenameService(IDbContextFactory<ClaimTrackerDbContext> dbFactory, CurrentUser currentUser, TimeProvider clock)
{
    /// <summary>The one field of the form, as error messages are keyed.</summary>
    public const string OutletField = "Outlet";

    /// <summary>As long as an outlet may be when a source is added.</summary>
    public const int MaxOutletLength = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How many sources carry <paramref name="outlet"/>, for the form to say what a rename will touch.</summary>
    public async Task<int> CountAsync(string outlet, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Sources.CountAsync(s => s.Outlet == outlet, ct);
    }

    /// <summary>
    /// Renames <paramref name="from"/> to <paramref name="to"/> on all its sources, in one save. The editor saw
    /// <paramref name="expectedSources"/> of them: if that changed (a source added or renamed since), nothing is saved and
    /// the conflict says how many there are now. None left (someone renamed it first): not found.
    /// </summary>
    public async Task<EditResult<OutletRenamed>> RenameAsync(string from, string? to, int expectedSources, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        var errors = new FieldErrors();
        var name = errors.Required(OutletField, to, MaxOutletLength, "The outlet's name");
        if (name is not null && name == from)
        {
            errors.Add(OutletField, "That is already the outlet's name.");
        }
        if (errors.Any)
        {
            return EditResult<OutletRenamed>.Invalid(errors);
        }

        await using var db = await dbFactory.OpenForAsync(author, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sources = await db.Sources.Where(s => s.Outlet == from).OrderBy(s => s.Id).ToListAsync(ct);
        if (sources.Count == 0)
        {
            return EditResult<OutletRenamed>.Missing();
        }
        if (sources.Count != expectedSources)
        {
            return EditResult<OutletRenamed>.Conflict(new OutletRenamed(from, from, sources.Count));
        }

        var at = clock.GetUtcNow();
        var before = JsonSerializer.Serialize(new { outlet = from }, Json);
        var after = JsonSerializer.Serialize(new { outlet = name }, Json);
        foreach (var source in sources)
        {
            source.RenameOutlet(name!);
            db.AuditEntries.Add(author.Entry(nameof(Source), source.Id, AuditAction.Updated, at, before, after));
        }
        var result = await db.SaveAsync(() => new OutletRenamed(from, name!, sources.Count),
            async () => new OutletRenamed(from, from, await CountAsync(from, ct)), ct);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(ct);
        }
        return result;
    }

    /// <summary>The renames of one source's outlet, newest first.</summary>
    public async Task<IReadOnlyList<OutletRenameEntry>> HistoryAsync(int sourceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Source) && e.EntityId == sourceId && e.Action == AuditAction.Updated)
            .OrderByDescending(e => e.Id)
            .Select(e => new { e.Before, e.After, e.UserName, e.At })
            .ToListAsync(ct);
        return entries
            .Select(e => new OutletRenameEntry(OutletOf(e.Before), OutletOf(e.After), e.UserName, e.At))
            .Where(e => e.From.Length > 0 && e.To.Length > 0)
            .ToList();
    }

    private static string OutletOf(string? json) =>
        json is null ? "" : JsonSerializer.Deserialize<OutletSnapshot>(json, Json)?.Outlet ?? "";

    private sealed record OutletSnapshot(string? Outlet);
}
