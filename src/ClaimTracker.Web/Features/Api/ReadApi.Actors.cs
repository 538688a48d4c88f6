using System.ComponentModel;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Api;

public static partial class ReadApi
{
    /// <summary>
    /// An actor and a page of their statements in id order. The page is found per stance in the index (ActorId, Stance, Id):
    /// the next <c>limit</c> ids of each stance after the cursor, merged, so a head of state with tens of thousands of
    /// statements costs five short index ranges a page, never a sort of them all.
    /// </summary>
    internal static async Task<Results<Ok<ApiActorDetail>, ProblemHttpResult>> GetActor(
        [Description("The actor's id.")] string id,
        [Description("Statements per page, 1 to 500; 100 by default.")] string? limit,
        [Description("statements.next of the previous page, unchanged.")] string? after,
        IDbContextFactory<ClaimTrackerDbContext> dbFactory, CancellationToken ct)
    {
        if (!int.TryParse(id, out var actorId))
        {
            return BadRequest($"An actor id is a whole number; got \"{Echo(id)}\".");
        }
        var take = DefaultLimit;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, out take) || take < 1 || take > MaxLimit))
        {
            return BadRequest($"limit must be a whole number from 1 to {MaxLimit}; got \"{Echo(limit)}\".");
        }
        var afterId = 0;
        if (!string.IsNullOrEmpty(after) && !StatementCursor.TryDecode(after, out afterId))
        {
            return BadRequest("after is not a cursor this API issued: pass the \"statements.next\" value of the previous page unchanged.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var actor = await db.Actors.AsNoTracking().Where(a => a.Id == actorId)
            .Select(a => new { a.Id, a.Name, a.Kind, a.Role, a.Country, a.Aliases })
            .SingleOrDefaultAsync(ct);
        if (actor is null)
        {
            return NotFound($"There is no actor {actorId}.");
        }
        // Statements of live claims only, as everywhere: a deleted (or merged-away) claim's statements left the record with it.
        var live = db.Attributions.AsNoTracking().Where(a => a.ActorId == actorId && !a.Claim.IsDeleted);
        var count = await live.CountAsync(ct);
        var ids = new List<int>();
        foreach (var stance in Enum.GetValues<Stance>())
        {
            ids.AddRange(await live.Where(a => a.Stance == stance && a.Id > afterId).OrderBy(a => a.Id).Select(a => a.Id).Take(take + 1).ToListAsync(ct));
        }
        ids = ids.Order().Take(take + 1).ToList();
        var hasMore = ids.Count > take;
        ids = ids.Take(take).ToList();

        var rows = ids.Count == 0 ? [] : await db.Attributions.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.ClaimId, ClaimText = a.Claim.Text, a.Stance, a.Mode, a.Anchor, a.SourceId, a.SaidWhen, a.SaidWhere, a.ReportedVia, a.AnchorState, a.AnchorRevision })
            .ToListAsync(ct);
        // Published verdicts only, whoever asks.
        var ratings = await PublishedRatings.OfClaimsAsync(db, rows.Select(r => r.ClaimId).ToList(), ct);
        var statements = rows.Select(a => new ApiStatement(a.Id, a.ClaimId, a.ClaimText, Wire(a.Stance), Wire(a.Mode), a.Anchor.Exact, a.SourceId,
                a.Anchor.Start, a.Anchor.End, a.SaidWhen, a.SaidWhere, a.ReportedVia, Wire(a.AnchorState), a.AnchorRevision,
                ratings.TryGetValue(a.ClaimId, out var r) ? new ApiVerdict(r.Label, r.Value, r.PublishedAt) : null))
            .ToList();
        return TypedResults.Ok(new ApiActorDetail(actor.Id, actor.Name, Wire(actor.Kind), actor.Role, actor.Country, actor.Aliases, count,
            new ApiPage<ApiStatement>(statements, hasMore ? StatementCursor.Encode(ids[^1]) : null)));
    }
}
