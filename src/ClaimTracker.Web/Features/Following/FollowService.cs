using System.Security.Claims;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Editing;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Following;

public enum FollowKind
{
    Claim,
    Actor,
}

/// <summary>
/// One thing the reader follows, and what changed in it since they last looked: <see cref="NewChanges"/> history entries
/// (counted up to <see cref="FollowService.CountCap"/>), the newest of them in words in <see cref="Latest"/>.
/// <see cref="Gone"/> says why it is no longer in the record (deleted, or merged into another claim), else null.
/// </summary>
public sealed record FollowedItem(
    int FollowId,
    FollowKind Kind,
    int TargetId,
    string Title,
    string Href,
    string? Gone,
    DateTimeOffset FollowedAt,
    DateTimeOffset LastSeenAt,
    int NewChanges,
    IReadOnlyList<HistoryEntry> Latest);

/// <summary>Whether the reader now follows the thing, and if not, why not.</summary>
public sealed record FollowOutcome(bool IsFollowing, string? Message)
{
    public static readonly FollowOutcome Following = new(true, null);
}

/// <summary>
/// Following claims and actors, for signed-in people (every role may). What changed in a followed thing is read from the
/// history the record keeps anyway (<see cref="AuditEntry"/>): for a claim, every entry of the claim and what belongs to it;
/// for an actor, the changes to the actor and to its statements, on whatever claim. The reader's own changes are left
/// out (they know them), and the entries are worded and filtered for the reader as the claim's History is
/// (<see cref="ClaimHistoryService.DescribeAsync(IReadOnlyList{AuditEntry}, CancellationToken)"/>): no draft's values
/// for a journalist.
/// </summary>
public sealed class FollowService(IDbContextFactory<ClaimTrackerDbContext> dbFactory, CurrentUser currentUser, ClaimHistoryService history)
{
    /// <summary>How many things one person may follow: enough for every story on their desk, and a bound on the page's work.</summary>
    public const int MaxFollows = 500;

    public const int PageSize = 20;

    /// <summary>Changes are counted up to this ("99+" beyond): nobody reads a larger number, and counting stops early.</summary>
    public const int CountCap = 99;

    /// <summary>The changes shown in words per followed thing; the rest are on its page.</summary>
    public const int LatestShown = 3;

    /// <summary>Whether the reader follows it; null when nobody is signed in (there is no one to follow it).</summary>
    public async Task<bool?> IsFollowingAsync(FollowKind kind, int targetId, CancellationToken ct = default)
    {
        if (UserIdOf(await currentUser.GetPrincipalAsync()) is not { } userId)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Mine(db, userId).AnyAsync(Target(kind, targetId), ct);
    }

    /// <summary>
    /// Starts following a claim or actor in the record, as of now: what changed before is not news. Following it again
    /// changes nothing. Throws <see cref="AccessDeniedException"/> for anonymous callers.
    /// </summary>
    public async Task<FollowOutcome> FollowAsync(FollowKind kind, int targetId, CancellationToken ct = default)
    {
        var userId = await RequireUserIdAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var exists = kind == FollowKind.Claim
            ? await db.Claims.AnyAsync(c => c.Id == targetId, ct)
            : await db.Actors.AnyAsync(a => a.Id == targetId, ct);
        if (!exists)
        {
            return new FollowOutcome(false, $"There is no {(kind == FollowKind.Claim ? "claim" : "actor")} {targetId} to follow: it may have been deleted.");
        }
        if (await Mine(db, userId).AnyAsync(Target(kind, targetId), ct))
        {
            return FollowOutcome.Following;
        }
        if (await Mine(db, userId).CountAsync(ct) >= MaxFollows)
        {
            return new FollowOutcome(false, $"You follow {MaxFollows} things, the most one person may. Unfollow some on the Following page first.");
        }
        var now = DateTimeOffset.UtcNow;
        db.Follows.Add(new Follow
        {
            UserId = userId,
            ClaimId = kind == FollowKind.Claim ? targetId : null,
            ActorId = kind == FollowKind.Actor ? targetId : null,
            FollowedAt = now,
            LastSeenAt = now,
            SeenThroughEntryId = await NewestEntryIdAsync(db, ct),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            // The same person following from two tabs at once: the other tab's follow stands, which is what both asked for.
        }
        return FollowOutcome.Following;
    }

    /// <summary>Stops following it; not following it already is no error.</summary>
    public async Task UnfollowAsync(FollowKind kind, int targetId, CancellationToken ct = default)
    {
        var userId = await RequireUserIdAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await Mine(db, userId).Where(Target(kind, targetId)).ExecuteDeleteAsync(ct);
    }

    /// <summary>Marks one followed thing's changes as seen, up to the newest change there is now.</summary>
    public Task MarkSeenAsync(int followId, CancellationToken ct = default) => MarkSeenUpToNowAsync(followId, ct);

    /// <summary>Marks the changes of everything the reader follows as seen.</summary>
    public Task MarkAllSeenAsync(CancellationToken ct = default) => MarkSeenUpToNowAsync(followId: null, ct);

    /// <summary>Marks one follow (or, with no id, all the reader's) as seen up to the newest history entry there is.</summary>
    private async Task MarkSeenUpToNowAsync(int? followId, CancellationToken ct)
    {
        var userId = await RequireUserIdAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var newest = await NewestEntryIdAsync(db, ct);
        var now = DateTimeOffset.UtcNow;
        await Mine(db, userId).Where(f => followId == null || f.Id == followId)
            .ExecuteUpdateAsync(set => set.SetProperty(f => f.SeenThroughEntryId, newest).SetProperty(f => f.LastSeenAt, now), ct);
    }

    /// <summary>
    /// A page of what the reader follows: the things with the most recent unseen change first, then the rest in the order
    /// they were followed, newest first. Throws <see cref="AccessDeniedException"/> for anonymous callers.
    /// </summary>
    public async Task<PagedResult<FollowedItem>> GetPageAsync(int skip, CancellationToken ct = default)
    {
        var userId = await RequireUserIdAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var follows = Mine(db, userId);
        var total = await follows.CountAsync(ct);
        // Each follow's newest unseen change is one indexed lookup (a claim's entries by claim, an actor's by its
        // statements), and one person follows at most MaxFollows things, so ordering them all by it stays cheap.
        var page = await follows
            .Select(f => new
            {
                Follow = f,
                // Written out rather than through UnseenOf: a correlated subquery per kind, so each finds its entries by its index.
                Newest = f.ClaimId != null
                    ? db.AuditEntries
                        .Where(e => e.ClaimId == f.ClaimId && e.Id > f.SeenThroughEntryId && (e.UserId == null || e.UserId != userId))
                        .Max(e => (long?)e.Id)
                    : db.AuditEntries
                        .Where(e => ((e.EntityType == nameof(Actor) && e.EntityId == f.ActorId)
                                || (e.EntityType == nameof(Attribution)
                                    && db.Attributions.IgnoreQueryFilters().Where(a => a.ActorId == f.ActorId).Select(a => a.Id).Contains(e.EntityId)))
                            && e.Id > f.SeenThroughEntryId && (e.UserId == null || e.UserId != userId))
                        .Max(e => (long?)e.Id),
            })
            .OrderByDescending(f => f.Newest ?? 0).ThenByDescending(f => f.Follow.Id)
            .Skip(Math.Max(0, skip)).Take(PageSize)
            .ToListAsync(ct);

        var claimIds = page.Where(p => p.Follow.ClaimId != null).Select(p => p.Follow.ClaimId!.Value).ToList();
        var actorIds = page.Where(p => p.Follow.ActorId != null).Select(p => p.Follow.ActorId!.Value).ToList();
        var claims = await db.Claims.IgnoreQueryFilters().AsNoTracking().Where(c => claimIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Text, c.IsDeleted, c.MergedIntoId }).ToDictionaryAsync(c => c.Id, ct);
        var actors = await db.Actors.IgnoreQueryFilters().AsNoTracking().Where(a => actorIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Name, a.IsDeleted }).ToDictionaryAsync(a => a.Id, ct);

        var items = new List<FollowedItem>(page.Count);
        foreach (var row in page)
        {
            var f = row.Follow;
            var unseen = UnseenOf(db, f, userId);
            var count = row.Newest is null ? 0 : await unseen.Take(CountCap + 1).CountAsync(ct);
            var latest = row.Newest is null ? [] : await unseen.OrderByDescending(e => e.Id).Take(LatestShown).AsNoTracking().ToListAsync(ct);
            var words = latest.Count == 0 ? [] : await history.DescribeAsync(latest, ct);
            if (f.ClaimId is int claimId)
            {
                var claim = claims.GetValueOrDefault(claimId);
                var gone = claim switch
                {
                    null or { IsDeleted: true, MergedIntoId: null } => "This claim was deleted.",
                    { MergedIntoId: int survivor } => $"This claim was merged into claim {survivor}; its page leads there.",
                    _ => null,
                };
                items.Add(new FollowedItem(f.Id, FollowKind.Claim, claimId, claim?.Text ?? $"Claim {claimId}", $"/claims/{claimId}",
                    gone, f.FollowedAt, f.LastSeenAt, count, words));
            }
            else
            {
                var actorId = f.ActorId!.Value;
                var actor = actors.GetValueOrDefault(actorId);
                items.Add(new FollowedItem(f.Id, FollowKind.Actor, actorId, actor?.Name ?? $"Actor {actorId}", $"/actors/{actorId}",
                    actor is null or { IsDeleted: true } ? "This actor was deleted." : null, f.FollowedAt, f.LastSeenAt, count, words));
            }
        }
        return new PagedResult<FollowedItem>(items, total);
    }

    /// <summary>
    /// The history entries of a followed thing after the reader last looked, not their own. A claim's are found by claim
    /// (index on ClaimId, At); an actor's are the entries of the actor itself and of its statements, deleted ones included
    /// (a removed statement is news), found by entity (index on EntityType, EntityId) from the actor's statements (index on ActorId).
    /// </summary>
    private static IQueryable<AuditEntry> UnseenOf(ClaimTrackerDbContext db, Follow f, string userId)
    {
        var entries = db.AuditEntries.Where(e => e.Id > f.SeenThroughEntryId && (e.UserId == null || e.UserId != userId));
        if (f.ClaimId is int claimId)
        {
            return entries.Where(e => e.ClaimId == claimId);
        }
        var actorId = f.ActorId!.Value;
        var statements = db.Attributions.IgnoreQueryFilters().Where(a => a.ActorId == actorId).Select(a => a.Id);
        return entries.Where(e => (e.EntityType == nameof(Actor) && e.EntityId == actorId)
            || (e.EntityType == nameof(Attribution) && statements.Contains(e.EntityId)));
    }

    private static IQueryable<Follow> Mine(ClaimTrackerDbContext db, string userId) => db.Follows.Where(f => f.UserId == userId);

    private static System.Linq.Expressions.Expression<Func<Follow, bool>> Target(FollowKind kind, int targetId) =>
        kind == FollowKind.Claim ? f => f.ClaimId == targetId : f => f.ActorId == targetId;

    private static async Task<long> NewestEntryIdAsync(ClaimTrackerDbContext db, CancellationToken ct) =>
        await db.AuditEntries.MaxAsync(e => (long?)e.Id, ct) ?? 0;

    private async Task<string> RequireUserIdAsync() =>
        UserIdOf(await currentUser.GetPrincipalAsync()) ?? throw new AccessDeniedException(Permission.Comment, signedIn: false);

    private static string? UserIdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}
