using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Positions;

/// <summary>
/// Where actors reversed (see <see cref="Reversals"/>): for and against one claim at different times, or for two claims
/// that contradict each other. The database keeps the candidates as the record changes (<see cref="PositionIndex"/>: an
/// actor's claims on which they took both sides, and pairs of contradicting claims they backed both of); only the
/// statements of those candidates are read and dated.
/// </summary>
/// <param name="cache">The reading pages' cache; left out by code that builds the service by hand.</param>
public sealed class ConsistencyService(IDbContextFactory<ClaimTrackerDbContext> dbFactory, ReadModelCache? cache = null)
{
    /// <summary>Reversals listed for one actor, the most recent first; the rest are counted.</summary>
    public const int FlagsShown = 50;

    /// <summary>For one actor: the claims examined of each kind (taken both sides on; contradicting pairs backed).</summary>
    public const int ClaimBasis = 1_000;

    /// <summary>For the ranking: the candidate positions (actor and claim, or actor and pair of claims) examined of each kind.</summary>
    public const int RankingBasis = 20_000;

    public const int DefaultPageSize = 25;

    /// <summary>The stances that back a claim (the position index stores their names: <see cref="PositionIndex.BackingStances"/>).</summary>
    public static readonly IReadOnlyList<Stance> Backing = [Stance.Asserts, Stance.Endorses];

    private readonly ReadModelCache reads = cache ?? ReadModelCache.Disabled;

    /// <summary>An actor's reversals, or null for an unknown actor.</summary>
    public Task<ActorConsistency?> ForActorAsync(int actorId, CancellationToken ct = default) =>
        reads.GetOrLoadAsync((nameof(ForActorAsync), actorId), c => LoadActorAsync(actorId, c), ct);

    /// <summary>Actors ranked by their reversals (in claims of <paramref name="topic"/>, when given), a page at a time.</summary>
    public Task<ConsistencyRanking> RankAsync(string? topic, int page, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        topic = string.IsNullOrWhiteSpace(topic) ? null : InputText.CleanLine(topic);
        return reads.GetOrLoadAsync((nameof(RankAsync), topic, page, pageSize), c => LoadRankingAsync(topic, page, pageSize, c), ct);
    }

    private async Task<ActorConsistency?> LoadActorAsync(int actorId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var name = await db.Actors.AsNoTracking().Where(a => a.Id == actorId).Select(a => a.Name).SingleOrDefaultAsync(ct);
        if (name is null)
        {
            return null;
        }
        var own = db.Attributions.AsNoTracking().Where(a => a.ActorId == actorId);
        // The candidates come from the position index (PositionIndex), kept by the statements' and relations' triggers.
        var mixed = await db.Database.SqlQueryRaw<int>(ActorMixedSql, actorId).ToListAsync(ct);
        var rivals = (await db.Database.SqlQueryRaw<RankingRivals>(ActorRivalsSql, actorId).ToListAsync(ct))
            .Select(r => new Rivals(actorId, r.FromClaimId, r.ToClaimId))
            .ToList();
        var limited = mixed.Count > ClaimBasis || rivals.Count > ClaimBasis;
        mixed = mixed.Take(ClaimBasis).ToList();
        rivals = rivals.Take(ClaimBasis).ToList();

        var claimIds = mixed.Concat(rivals.SelectMany(r => new[] { r.FromClaimId, r.ToClaimId })).Distinct().ToList();
        var statements = claimIds.Count == 0 ? [] : await own
            .Where(a => claimIds.Contains(a.ClaimId))
            .Select(a => new StatementRow(a.ActorId, a.Id, a.ClaimId, a.Stance, a.SaidWhen, a.Source.PublishedOn))
            .ToListAsync(ct);
        var mixedSet = mixed.ToHashSet();
        // Stance changes only on the claims taken both sides on; contradictions only between backed claims.
        var found = Reversals.Find(statements.Where(s => mixedSet.Contains(s.ClaimId) || Backing.Contains(s.Stance)).Select(s => s.Dated()),
                rivals.Select(r => (r.FromClaimId, r.ToClaimId)))
            .Where(r => r.Kind == ReversalKind.ContradictingClaims || mixedSet.Contains(r.Later.ClaimId))
            .ToList();
        var listed = found.AsEnumerable().Reverse().Take(FlagsShown).ToList();
        var flags = await FlagsAsync(db, listed, ct);
        return new ActorConsistency(actorId, name, flags, found.Count,
            found.Count(r => r.Kind == ReversalKind.StanceChanged), found.Count(r => r.Kind == ReversalKind.ContradictingClaims), limited);
    }

    private async Task<ConsistencyRanking> LoadRankingAsync(string? topic, int page, int pageSize, CancellationToken ct)
    {
        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Clamp(page, 0, 100_000);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var topics = await db.Database.SqlQueryRaw<string>(ClaimTopicIndex.DistinctTopicsSql).ToListAsync(ct);

        // Raw SQL, written once for both engines, so that the order of the joins is the one that scales: from the position
        // index's rows (PositionIndex) to their statements through the index that starts with the claim (CROSS JOIN keeps
        // that order on SQLite; PostgreSQL plans it as the inner join it is). Before the index, the pairs were grouped
        // from every statement on each request (1.1 s at a million statements).
        object[] parameters = topic is null ? [] : [topic];
        var mixedStatements = (await db.Database.SqlQueryRaw<RankingStatement>(MixedStatementsSql(topic is not null), parameters)
                .ToListAsync(ct))
            .Select(r => r.Row())
            .ToList();
        var rivals = (await db.Database.SqlQueryRaw<RankingRivals>(RivalsSql(topic is not null), parameters).ToListAsync(ct))
            .Select(r => new Rivals(r.ActorId, r.FromClaimId, r.ToClaimId))
            .ToList();
        var limited = mixedStatements.Count > RankingBasis || rivals.Count > RankingBasis;
        mixedStatements = mixedStatements.Take(RankingBasis).ToList();
        rivals = rivals.Take(RankingBasis).ToList();

        // The backing statements at both ends of those rivals, read from the same rows of the index (a list of their
        // actors and claims as parameters made SQLite probe every actor with every claim: 150 ms at a million statements).
        var backingStatements = rivals.Count == 0 ? [] : (await db.Database.SqlQueryRaw<RankingStatement>(RivalStatementsSql(topic is not null), parameters)
                .ToListAsync(ct))
            .Select(r => r.Row());

        var rivalsByActor = rivals.ToLookup(r => r.ActorId);
        var byActor = mixedStatements.Concat(backingStatements).DistinctBy(s => s.Id).ToLookup(s => s.ActorId);
        var mixedClaims = mixedStatements.Select(s => (s.ActorId, s.ClaimId)).ToHashSet();
        var ranked = byActor
            .Select(g => (ActorId: g.Key, Found: Reversals.Find(g.Select(s => s.Dated()), rivalsByActor[g.Key].Select(r => (r.FromClaimId, r.ToClaimId)))
                .Where(r => r.Kind == ReversalKind.ContradictingClaims || mixedClaims.Contains((g.Key, r.Later.ClaimId)))
                .ToList()))
            .Where(a => a.Found.Count > 0)
            .ToList();

        var names = await NamesAsync(db, ranked.Select(a => a.ActorId).ToList(), ct);
        var ordered = ranked
            .Where(a => names.ContainsKey(a.ActorId))
            .OrderByDescending(a => a.Found.Count).ThenBy(a => names[a.ActorId], StringComparer.CurrentCultureIgnoreCase).ThenBy(a => a.ActorId)
            .ToList();
        var pageRows = ordered.Skip(page * pageSize).Take(pageSize).ToList();
        var latest = await FlagsAsync(db, pageRows.Select(a => a.Found[^1]).ToList(), ct);
        var rows = pageRows.Select(a => new ConsistencyRow(a.ActorId, names[a.ActorId],
                a.Found.Count(r => r.Kind == ReversalKind.StanceChanged), a.Found.Count(r => r.Kind == ReversalKind.ContradictingClaims),
                latest.FirstOrDefault(f => f.Later.Statement.Id == a.Found[^1].Later.AttributionId && f.Earlier.Statement.Id == a.Found[^1].Earlier.AttributionId)))
            .ToList();
        return new ConsistencyRanking(rows, ordered.Count, ordered.Sum(a => a.Found.Count), page, pageSize, topic, topics, limited);
    }

    private const string InTopic = "IN (SELECT t.\"ClaimId\" FROM \"ClaimTopics\" AS t WHERE t.\"Topic\" = {0})";

    /// <summary>The statements of every (actor, claim) pair with statements on both sides, optionally in the claims of topic {0}.</summary>
    private static string MixedStatementsSql(bool inTopic) => $"""
        SELECT a."ActorId", a."Id", a."ClaimId", a."Stance", a."SaidWhen", s."PublishedOn"
        FROM "MixedPositions" AS p CROSS JOIN "Attributions" AS a CROSS JOIN "Sources" AS s
        WHERE a."ClaimId" = p."ClaimId" AND a."ActorId" = p."ActorId" AND NOT a."IsDeleted" AND s."Id" = a."SourceId"{(inTopic ? $" AND p.\"ClaimId\" {InTopic}" : "")}
        ORDER BY a."ActorId", a."ClaimId", a."Id"
        LIMIT {RankingBasis + 1}
        """;

    /// <summary>(actor, pair of contradicting claims) where the actor backed both; optionally with either claim in topic {0}.</summary>
    private static string RivalsSql(bool inTopic) => BackedRivalsSql(inTopic, RankingBasis + 1);

    /// <summary>The rows of the index's backed contradictions, in one order, up to <paramref name="limit"/>; optionally with either claim in topic {0}.</summary>
    private static string BackedRivalsSql(bool inTopic, int limit) => $"""
        SELECT b."ActorId", b."FromClaimId", b."ToClaimId" FROM "BackedRivals" AS b
        {(inTopic ? $"WHERE b.\"FromClaimId\" {InTopic} OR b.\"ToClaimId\" {InTopic}" : "")}
        ORDER BY b."ActorId", b."FromClaimId", b."ToClaimId"
        LIMIT {limit}
        """;

    /// <summary>
    /// The backing statements of each actor on both claims of the rivals <see cref="RivalsSql"/> reads (the same rows, in
    /// the same order, without the one beyond the basis that only says the list was cut), optionally with either claim in topic {0}.
    /// </summary>
    private static string RivalStatementsSql(bool inTopic) => $"""
        WITH rivals AS ({BackedRivalsSql(inTopic, RankingBasis)}),
        ends AS (SELECT "ActorId", "FromClaimId" AS "ClaimId" FROM rivals UNION SELECT "ActorId", "ToClaimId" FROM rivals)
        SELECT a."ActorId", a."Id", a."ClaimId", a."Stance", a."SaidWhen", s."PublishedOn"
        FROM ends AS e CROSS JOIN "Attributions" AS a CROSS JOIN "Sources" AS s
        WHERE a."ClaimId" = e."ClaimId" AND a."ActorId" = e."ActorId" AND a."Stance" IN ({PositionIndex.BackingStancesSql}) AND NOT a."IsDeleted"
          AND s."Id" = a."SourceId"
        """;

    /// <summary>The claims on which actor {0} took both sides.</summary>
    private static readonly string ActorMixedSql = $$"""
        SELECT p."ClaimId" AS "Value" FROM "MixedPositions" AS p WHERE p."ActorId" = {0} ORDER BY p."ClaimId" LIMIT {{ClaimBasis + 1}}
        """;

    /// <summary>The pairs of contradicting claims actor {0} backed both of.</summary>
    private static readonly string ActorRivalsSql = $$"""
        SELECT b."ActorId", b."FromClaimId", b."ToClaimId" FROM "BackedRivals" AS b
        WHERE b."ActorId" = {0} ORDER BY b."FromClaimId", b."ToClaimId" LIMIT {{ClaimBasis + 1}}
        """;

    private static async Task<Dictionary<int, string>> NamesAsync(ClaimTrackerDbContext db, List<int> actorIds, CancellationToken ct) =>
        actorIds.Count == 0 ? [] : await db.Actors.AsNoTracking()
            .Where(a => actorIds.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, ct);

    /// <summary>The listed reversals with their statements in full: quotes, sources and claim texts.</summary>
    private static async Task<List<ReversalFlag>> FlagsAsync(ClaimTrackerDbContext db, List<Reversal> reversals, CancellationToken ct)
    {
        var ids = reversals.SelectMany(r => new[] { r.Earlier.AttributionId, r.Later.AttributionId }).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var views = await db.Attributions.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(AttributionProjection.ToView).ToDictionaryAsync(v => v.Id, ct);
        var claimIds = views.Values.Select(v => v.ClaimId).Distinct().ToList();
        var texts = await db.Claims.AsNoTracking().Where(c => claimIds.Contains(c.Id)).Select(c => new { c.Id, c.Text }).ToDictionaryAsync(c => c.Id, c => c.Text, ct);
        var rivalClaims = reversals.Where(r => r.Kind == ReversalKind.ContradictingClaims).SelectMany(r => new[] { r.Earlier.ClaimId, r.Later.ClaimId }).Distinct().ToList();
        var rationales = rivalClaims.Count == 0 ? [] : await db.ClaimRelations.AsNoTracking()
            .Where(r => r.Type == RelationType.Contradicts && rivalClaims.Contains(r.FromClaimId) && rivalClaims.Contains(r.ToClaimId))
            .Select(r => new { r.FromClaimId, r.ToClaimId, r.Rationale })
            .ToListAsync(ct);
        string? RationaleOf(int a, int b) => rationales.FirstOrDefault(r => (r.FromClaimId == a && r.ToClaimId == b) || (r.FromClaimId == b && r.ToClaimId == a))?.Rationale;
        return reversals
            .Where(r => views.ContainsKey(r.Earlier.AttributionId) && views.ContainsKey(r.Later.AttributionId)
                && texts.ContainsKey(r.Earlier.ClaimId) && texts.ContainsKey(r.Later.ClaimId))
            .Select(r => new ReversalFlag(r.Kind,
                new DatedStatement(views[r.Earlier.AttributionId], texts[r.Earlier.ClaimId], r.Earlier.When),
                new DatedStatement(views[r.Later.AttributionId], texts[r.Later.ClaimId], r.Later.When),
                r.Kind == ReversalKind.ContradictingClaims ? RationaleOf(r.Earlier.ClaimId, r.Later.ClaimId) : null))
            .ToList();
    }

    private sealed record Rivals(int ActorId, int FromClaimId, int ToClaimId);

    /// <summary>A row of <see cref="MixedStatementsSql"/>; the stance as stored (its name).</summary>
    private sealed class RankingStatement
    {
        public int ActorId { get; init; }
        public int Id { get; init; }
        public int ClaimId { get; init; }
        public string Stance { get; init; } = "";
        public string? SaidWhen { get; init; }
        public DateOnly PublishedOn { get; init; }

        public StatementRow Row() => new(ActorId, Id, ClaimId, Enum.Parse<Stance>(Stance), SaidWhen, PublishedOn);
    }

    private sealed class RankingRivals
    {
        public int ActorId { get; init; }
        public int FromClaimId { get; init; }
        public int ToClaimId { get; init; }
    }

    private sealed record StatementRow(int ActorId, int Id, int ClaimId, Stance Stance, string? SaidWhen, DateOnly PublishedOn)
    {
        public DatedStance Dated() => new(Id, ClaimId, Stance, SaidWhenDates.Resolve(SaidWhen, PublishedOn));
    }
}
