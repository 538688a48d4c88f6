using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Positions;

/// <summary>
/// Who took which position when: a claim's statements across sources, or an actor's over time, a page at a time. A page
/// is found in publication order (the source's date, then the statement's id), so however many statements a claim or an
/// actor has, one page reads <see cref="MaxPageSize"/> at most; within the page each statement is dated by
/// <see cref="SaidWhenDates"/> and the days are put in order.
/// </summary>
/// <param name="cache">The reading pages' cache; left out by code that builds the service by hand.</param>
public sealed class TimelineService(IDbContextFactory<ClaimTrackerDbContext> dbFactory, ReadModelCache? cache = null)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    /// <summary>Deeper than any real timeline; keeps a hand-edited address from asking the database to skip past an int.</summary>
    public const int MaxPageIndex = 100_000;

    private readonly ReadModelCache reads = cache ?? ReadModelCache.Disabled;

    /// <summary>A claim's timeline, or null for an unknown (or deleted) claim.</summary>
    public Task<Timeline?> ForClaimAsync(int claimId, TimelineOrder order, int page, int pageSize = DefaultPageSize, CancellationToken ct = default) =>
        reads.GetOrLoadAsync((nameof(ForClaimAsync), claimId, order, page, pageSize), c => LoadAsync(claimId, forClaim: true, order, page, pageSize, c), ct);

    /// <summary>An actor's timeline, or null for an unknown (or deleted) actor.</summary>
    public Task<Timeline?> ForActorAsync(int actorId, TimelineOrder order, int page, int pageSize = DefaultPageSize, CancellationToken ct = default) =>
        reads.GetOrLoadAsync((nameof(ForActorAsync), actorId, order, page, pageSize), c => LoadAsync(actorId, forClaim: false, order, page, pageSize, c), ct);

    private async Task<Timeline?> LoadAsync(int id, bool forClaim, TimelineOrder order, int page, int pageSize, CancellationToken ct)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Clamp(page, 0, MaxPageIndex);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var subject = forClaim
            ? await db.Claims.AsNoTracking().Where(c => c.Id == id).Select(c => c.Text).SingleOrDefaultAsync(ct)
            : await db.Actors.AsNoTracking().Where(a => a.Id == id).Select(a => a.Name).SingleOrDefaultAsync(ct);
        if (subject is null)
        {
            return null;
        }

        // Counted from the indexes that start with the claim or the actor; the page's rows found through the same index.
        var statements = forClaim ? db.Attributions.AsNoTracking().Where(a => a.ClaimId == id) : db.Attributions.AsNoTracking().Where(a => a.ActorId == id);
        var total = await statements.CountAsync(ct);
        var actors = forClaim ? await statements.Select(a => a.ActorId).Distinct().CountAsync(ct) : 0;
        var ordered = order == TimelineOrder.NewestFirst
            ? statements.OrderByDescending(a => a.Source.PublishedOn).ThenByDescending(a => a.Id)
            : statements.OrderBy(a => a.Source.PublishedOn).ThenBy(a => a.Id);
        var rows = await ordered.Skip(page * pageSize).Take(pageSize).Select(AttributionProjection.ToView).ToListAsync(ct);
        var claimIds = rows.Select(r => r.ClaimId).Distinct().ToList();
        var texts = claimIds.Count == 0 ? [] : await db.Claims.AsNoTracking()
            .Where(c => claimIds.Contains(c.Id)).Select(c => new { c.Id, c.Text }).ToDictionaryAsync(c => c.Id, c => c.Text, ct);

        var dated = rows.Where(r => texts.ContainsKey(r.ClaimId)).Select(r => Dated(r, texts[r.ClaimId]));
        return new Timeline(id, subject, Days(dated, order), total, actors, page, pageSize, order);
    }

    public static DatedStatement Dated(AttributionView statement, string claimText) =>
        new(statement, claimText, SaidWhenDates.Resolve(statement.SaidWhen, statement.PublishedOn));

    /// <summary>Statements grouped by date (a day, or a month when only the month is known), in the order asked for.</summary>
    public static IReadOnlyList<TimelineDay> Days(IEnumerable<DatedStatement> statements, TimelineOrder order)
    {
        var byDate = Comparer<StatementDate>.Create(StatementDate.Compare);
        var days = statements
            .GroupBy(s => (s.When.Date, s.When.Precision))
            .Select(g => new TimelineDay(
                g.First().When with { Basis = g.All(s => s.When.Basis == DateBasis.Published) ? DateBasis.Published : DateBasis.Said },
                // Within a day, in the order of the text: publication, then place in the source.
                g.OrderBy(s => s.Statement.PublishedOn).ThenBy(s => s.Statement.SourceId).ThenBy(s => s.Statement.Start).ThenBy(s => s.Statement.Id).ToList()))
            .OrderBy(d => d.Date, byDate);
        return (order == TimelineOrder.NewestFirst ? days.Reverse() : days).ToList();
    }
}
