using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Matrix;

/// <summary>
/// The stance matrix's reads. Every read is bounded and starts from an index:
/// <list type="number">
/// <item>the candidate claims: one page (<see cref="MatrixLimits.ClaimPool"/>) of the claims search, most disputed first, with
/// each claim's statement count (the search's own plans: its words, topic and actor filters, and the message for a search it
/// cannot read); for a source, that source's statements (its index), and the other filters tested on its claims;</item>
/// <item>the columns: the candidates with most statements (<see cref="MatrixBuilder.ChooseClaims"/>);</item>
/// <item>who spoke to those claims and how, from the index (ClaimId, ActorId, Stance, IsDeleted), at most
/// <see cref="MatrixLimits.StatementScan"/> statements: the rows are the actors with most of them;</item>
/// <item>the cells: the statements of those actors on those claims; the relations between those claims.</item>
/// </list>
/// The model is the same for every reader (no drafts, no notes), so it is kept in the reading pages' cache.
/// </summary>
public sealed class MatrixService(IDbContextFactory<ClaimTrackerDbContext> dbFactory, ClaimService claims, ReadModelCache? cache = null)
{
    private readonly ReadModelCache reads = cache ?? ReadModelCache.Disabled;

    /// <summary>Sources offered in the filter: the latest ones (the one chosen is added when older).</summary>
    public const int SourceOptions = 30;

    public Task<StanceMatrix> GetAsync(MatrixQuery query, CancellationToken ct = default)
    {
        // Cleaned as a stored topic is (as the claims search does), so a NUL typed into the address never reaches the database.
        query = query with { Topic = string.IsNullOrWhiteSpace(query.Topic) ? null : InputText.CleanLine(query.Topic) };
        var terms = SearchTerms.Parse(query.Search);
        if (terms.Error is not null)
        {
            return Task.FromResult(StanceMatrix.EmptyBecause(MatrixEmptyReason.UnreadableSearch, query.ShowAll, terms.Error));
        }
        return reads.GetOrLoadAsync((nameof(GetAsync), query), c => LoadAsync(query, terms, c), ct);
    }

    private async Task<StanceMatrix> LoadAsync(MatrixQuery query, SearchTerms terms, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);

        Pool pool;
        if (query.SourceId is int sourceId)
        {
            if (!await db.Sources.AnyAsync(s => s.Id == sourceId, ct))
            {
                return StanceMatrix.EmptyBecause(MatrixEmptyReason.UnknownSource, query.ShowAll);
            }
            if (await SourcePoolAsync(db, query, sourceId, terms, ct) is not { } inSource)
            {
                return StanceMatrix.EmptyBecause(MatrixEmptyReason.NoStatements, query.ShowAll);
            }
            pool = inSource;
        }
        else
        {
            var found = await claims.SearchAsync(new ClaimSearchQuery(query.Search, query.ActorId, Topic: query.Topic, Sort: ClaimSort.MostDisputed,
                PageSize: MatrixLimits.ClaimPool), ct);
            if (found.SearchError is not null)
            {
                return StanceMatrix.EmptyBecause(MatrixEmptyReason.UnreadableSearch, query.ShowAll, found.SearchError);
            }
            var candidates = found.Items.Select((c, i) => new MatrixClaimCandidate(c.Id, c.Text, c.AttributionCount, i)).ToList();
            // All matches are in the pool when it is not full: count those with statements. Otherwise the search's total (which
            // counts a claim nobody has spoken to yet as well, and stops at the search's count limit).
            var full = found.TotalCount > candidates.Count;
            pool = new Pool(candidates, found.TotalCount, full ? found.TotalCount : candidates.Count(c => c.Statements > 0), found.TotalIsLowerBound);
        }

        if (pool.Total == 0)
        {
            return StanceMatrix.EmptyBecause(MatrixEmptyReason.NoClaims, query.ShowAll);
        }
        var chosenClaims = MatrixBuilder.ChooseClaims(pool.Candidates, query.ShowAll ? MatrixLimits.MaxClaims : MatrixLimits.Claims);
        if (chosenClaims.Count == 0)
        {
            return StanceMatrix.EmptyBecause(MatrixEmptyReason.NoStatements, query.ShowAll, claimsMatched: pool.Total);
        }
        var claimIds = chosenClaims.Select(c => c.Id).ToList();

        // Who spoke to the chosen claims, and how: the index (ClaimId, ActorId, Stance, IsDeleted) holds all of it.
        var spoken = await InScope(db, query.SourceId)
            .Where(a => EF.Parameter(claimIds).Contains(a.ClaimId))
            .Select(a => new { a.ClaimId, a.ActorId, a.Stance })
            .Take(MatrixLimits.StatementScan + 1)
            .ToListAsync(ct);
        var statementsCut = spoken.Count > MatrixLimits.StatementScan;
        if (statementsCut)
        {
            spoken.RemoveAt(spoken.Count - 1);
        }
        var byActor = spoken.GroupBy(s => s.ActorId).ToDictionary(g => g.Key, g => g.Count());
        var stanceCounts = spoken.GroupBy(s => (s.ClaimId, s.Stance)).Select(g => new MatrixStanceCount(g.Key.ClaimId, g.Key.Stance, g.Count())).ToList();
        var actorIds = MatrixBuilder.ChooseActors(byActor, query.ShowAll ? MatrixLimits.MaxActors : MatrixLimits.Actors, query.ActorId).ToList();

        // Names of live actors only: an actor deleted since leaves the matrix (it can have no live statements in any case).
        var actors = (await db.Actors.AsNoTracking()
                .Where(a => EF.Parameter(actorIds).Contains(a.Id))
                .Select(a => new { a.Id, a.Name })
                .ToListAsync(ct))
            .Select(a => new MatrixActorCandidate(a.Id, a.Name, byActor[a.Id]))
            .ToList();
        var liveActorIds = actors.Select(a => a.Id).ToList();

        var statements = await InScope(db, query.SourceId)
            .Where(a => EF.Parameter(claimIds).Contains(a.ClaimId) && EF.Parameter(liveActorIds).Contains(a.ActorId))
            .OrderBy(a => a.Id)
            .Take(MatrixLimits.CellStatements)
            .Select(a => new MatrixStatement(a.Id, a.ActorId, a.ClaimId, a.SourceId, a.Stance, a.SaidWhen, a.Source.PublishedOn))
            .ToListAsync(ct);

        // Both ends among the chosen claims; each end looked up in the (FromClaimId, ToClaimId, Type) or (ToClaimId, Type) index.
        var relations = await db.ClaimRelations.AsNoTracking()
            .Where(r => EF.Parameter(claimIds).Contains(r.FromClaimId) && EF.Parameter(claimIds).Contains(r.ToClaimId))
            .Select(r => new MatrixRelationInput(r.FromClaimId, r.ToClaimId, r.Type))
            .ToListAsync(ct);

        var maxClaims = query.ShowAll ? MatrixLimits.MaxClaims : MatrixLimits.Claims;
        var maxActors = query.ShowAll ? MatrixLimits.MaxActors : MatrixLimits.Actors;
        var cut = new MatrixCut(
            chosenClaims.Count,
            pool.Matched,
            pool.MatchedIsLowerBound,
            actors.Count,
            byActor.Count,
            query.ShowAll,
            query.ShowAll && (pool.Matched > maxClaims || byActor.Count > maxActors),
            statementsCut);
        return MatrixBuilder.Build(new MatrixInput(chosenClaims, actors, statements, relations, stanceCounts, query.Sort, cut));
    }

    /// <summary>The statements the matrix counts: all live ones, or one source's.</summary>
    private static IQueryable<Attribution> InScope(ClaimTrackerDbContext db, int? sourceId) =>
        sourceId is int id ? db.Attributions.AsNoTracking().Where(a => a.SourceId == id) : db.Attributions.AsNoTracking();

    /// <param name="Total">Claims matching the filters, with statements or not.</param>
    /// <param name="Matched">Those with statements (or, when the pool is full, the search's total).</param>
    private sealed record Pool(IReadOnlyList<MatrixClaimCandidate> Candidates, int Total, int Matched, bool MatchedIsLowerBound);

    /// <summary>
    /// The claims of one source's statements (an article holds hundreds at most, read from the source's index, and bounded all
    /// the same), each tested against the other filters: the search's full-text matches, the topic index, the actor's
    /// statements in that source. Their statement counts are the source's. Null when the source has no statements.
    /// </summary>
    private static async Task<Pool?> SourcePoolAsync(ClaimTrackerDbContext db, MatrixQuery query, int sourceId, SearchTerms terms, CancellationToken ct)
    {
        var inSource = await db.Attributions.AsNoTracking()
            .Where(a => a.SourceId == sourceId)
            .Select(a => a.ClaimId)
            .Take(MatrixLimits.StatementScan)
            .ToListAsync(ct);
        var counts = inSource.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var ids = counts.Keys.ToList();
        if (ids.Count == 0)
        {
            return null;
        }

        var matching = db.Claims.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.Id));
        if (terms.Terms.Count > 0)
        {
            var ftsQuery = db.SearchQueryFor(terms);
            if (ftsQuery is null)
            {
                return new Pool([], 0, 0, false);
            }
            matching = matching.Where(c => db.MatchClaims(ftsQuery).Select(m => m.ClaimId).Contains(c.Id));
        }
        if (query.Topic is { } topic)
        {
            matching = matching.Where(c => db.ClaimsWithTopic(topic).Any(t => t.ClaimId == c.Id));
        }
        if (query.ActorId is int actorId)
        {
            matching = matching.Where(c => c.Attributions.Any(a => a.ActorId == actorId && a.SourceId == sourceId));
        }
        var found = await matching
            .OrderByDescending(c => EF.Property<int>(c, DisputeCountTriggers.ConflictCount))
            .ThenByDescending(c => EF.Property<int>(c, DisputeCountTriggers.SupportCount))
            .ThenBy(c => c.Id)
            .Take(MatrixLimits.ClaimPool)
            .Select(c => new { c.Id, c.Text })
            .ToListAsync(ct);
        var candidates = found.Select((c, i) => new MatrixClaimCandidate(c.Id, c.Text, counts[c.Id], i)).ToList();
        return new Pool(candidates, candidates.Count, candidates.Count, false);
    }

    /// <summary>
    /// The filters' choices: the claims browser's topics (cached there) and the latest sources. Actors are found by typing
    /// (<c>ActorFilter</c>), not listed.
    /// </summary>
    public async Task<MatrixFilterOptions> GetFilterOptionsAsync(int? chosenSource, CancellationToken ct = default)
    {
        var options = await claims.GetFilterOptionsAsync(ct);
        var sources = await reads.GetOrLoadAsync((nameof(GetFilterOptionsAsync), chosenSource), c => LoadSourcesAsync(chosenSource, c), ct);
        return new MatrixFilterOptions(options.Topics, sources);
    }

    private async Task<IReadOnlyList<MatrixSourceOption>> LoadSourcesAsync(int? chosen, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The PublishedOn index read backwards, the latest first.
        var latest = await db.Sources.AsNoTracking()
            .OrderByDescending(s => s.PublishedOn).ThenByDescending(s => s.Id)
            .Take(SourceOptions)
            .Select(s => new MatrixSourceOption(s.Id, s.Title, s.Outlet, s.PublishedOn))
            .ToListAsync(ct);
        if (chosen is int id && latest.All(s => s.Id != id))
        {
            latest.AddRange(await db.Sources.AsNoTracking().Where(s => s.Id == id)
                .Select(s => new MatrixSourceOption(s.Id, s.Title, s.Outlet, s.PublishedOn)).ToListAsync(ct));
        }
        return latest;
    }
}
