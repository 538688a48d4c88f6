using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Recovery;

/// <summary>
/// A deleted claim, with how much went with it: the statements and relations deleted in the same save, which
/// restoring the claim brings back (see <see cref="Editing.RecordEditService.RestoreClaimAsync"/>).
/// </summary>
public sealed record DeletedClaimRow(int Id, string Text, IReadOnlyList<string> Topics, DateTimeOffset? DeletedAt, string? DeletedBy,
    int Statements, int Relations);

/// <summary>
/// The claims editors have deleted. A deleted claim's own page is not found, so this list is where it can be found and
/// restored after the Undo of the moment has gone. Claims merged into another are not listed: they are reached through
/// the survivor, whose History undoes the merge.
/// </summary>
public sealed class DeletedClaimsService(IDbContextFactory<ClaimTrackerDbContext> dbFactory, CurrentUser currentUser)
{
    public const int MaxPageSize = 100;

    /// <summary>One page, most recently deleted first; <paramref name="search"/> matches words of the claim's text.</summary>
    public async Task<PagedResult<DeletedClaimRow>> ListAsync(string? search, int page, int pageSize, CancellationToken ct = default)
    {
        await currentUser.RequireAsync(Permission.Restore);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(0, page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claims = db.Claims.IgnoreQueryFilters().AsNoTracking().Where(c => c.IsDeleted && c.MergedIntoId == null);
        // Cleaned as claim text is when saved: a NUL or half a surrogate pair matches no claim, and PostgreSQL would refuse the query.
        search = InputText.CleanLine(search);
        if (search.Length > 0)
        {
            var pattern = "%" + EscapeLike(search) + "%";
            // Case-insensitive on both engines: SQLite's LIKE ignores case (of ASCII letters), PostgreSQL's needs ILIKE.
            claims = db.Database.IsNpgsql()
                ? claims.Where(c => EF.Functions.ILike(c.Text, pattern, "\\"))
                : claims.Where(c => EF.Functions.Like(c.Text, pattern, "\\"));
        }
        var total = await claims.CountAsync(ct);
        var rows = await claims
            // The deletion's history entry orders them: ids grow with time and, unlike timestamps, never tie.
            .OrderByDescending(c => db.AuditEntries
                .Where(e => e.EntityType == nameof(Claim) && e.EntityId == c.Id && e.Action == AuditAction.Deleted)
                .Max(e => (long?)e.Id))
            .ThenByDescending(c => c.Id)
            .Skip(page * pageSize).Take(pageSize)
            .Select(c => new DeletedClaimRow(c.Id, c.Text, c.Topics, c.DeletedAt, c.DeletedBy,
                db.Attributions.IgnoreQueryFilters().Count(a => a.ClaimId == c.Id && a.IsDeleted && a.DeletedAt == c.DeletedAt),
                db.ClaimRelations.IgnoreQueryFilters().Count(r => (r.FromClaimId == c.Id || r.ToClaimId == c.Id) && r.IsDeleted && r.DeletedAt == c.DeletedAt)))
            .ToListAsync(ct);
        return new PagedResult<DeletedClaimRow>(rows, total);
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
