using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Map;

/// <summary>
/// Reads claim maps. A map is grown hop by hop from its starting claims: each hop is one query for the live claims
/// related to the last hop's claims (through the relation indexes from either end), read only as far as the cap needs;
/// then one query for the relations among the claims found, one for their texts and, when asked, one for who holds
/// them. Nothing is read by scanning a table: every query starts from at most <see cref="MaxNodes"/> claim ids.
/// Only live records count: deleted or merged claims, deleted relations, statements and actors are left out.
/// </summary>
public sealed class ClaimMapService(IDbContextFactory<ClaimTrackerDbContext> dbFactory)
{
    /// <summary>The most nodes a map draws, claims and actors together: past this a map stops being readable.</summary>
    public const int MaxNodes = 200;

    /// <summary>The most claims when actors are drawn too, so that the claims' actors have room.</summary>
    public const int MaxClaimsWithActors = 150;

    /// <summary>The actors drawn beside each claim, most statements first.</summary>
    public const int ActorsPerClaim = 5;

    /// <summary>The most relations drawn among the claims of one map.</summary>
    public const int MaxEdges = 1000;

    /// <summary>The map around one claim, or null when there is no live claim with this id.</summary>
    public async Task<ClaimGraph?> ForClaimAsync(int claimId, MapOptions options, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct); // one connection for the map's queries, not one each
        if (!await db.Claims.AnyAsync(c => c.Id == claimId, ct))
        {
            return null;
        }
        return await GrowAsync(db, [claimId], moreSeeds: false, claimId, topic: null, options, ct);
    }

    /// <summary>
    /// The map of a topic: its live claims (the first <see cref="MaxNodes"/> by id, from the topic index) and the claims
    /// related to them. A topic no live claim has gives a map with no nodes.
    /// </summary>
    public async Task<ClaimGraph> ForTopicAsync(string topic, MapOptions options, CancellationToken ct = default)
    {
        // Cleaned as a topic is when it is saved, so that what the address holds is compared with what the record can hold.
        topic = InputText.CleanLine(topic);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var cap = ClaimCap(options);
        var seeds = await db.ClaimsWithTopic(topic)
            .Join(db.Claims, t => t.ClaimId, c => c.Id, (t, c) => c.Id)
            .OrderBy(id => id)
            .Take(cap + 1)
            .ToListAsync(ct);
        var more = seeds.Count > cap;
        return await GrowAsync(db, more ? seeds[..cap] : seeds, more, centre: null, topic, options, ct);
    }

    /// <summary>The topics in use, in order (one index seek per topic).</summary>
    public async Task<IReadOnlyList<string>> TopicsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.SqlQueryRaw<string>(ClaimTopicIndex.DistinctTopicsSql).ToListAsync(ct);
    }

    private static int ClaimCap(MapOptions options) => options.Actors ? MaxClaimsWithActors : MaxNodes;

    private static async Task<ClaimGraph> GrowAsync(ClaimTrackerDbContext db, IReadOnlyList<int> seeds, bool moreSeeds, int? centre, string? topic,
        MapOptions options, CancellationToken ct)
    {
        var cap = ClaimCap(options);
        var hopOf = seeds.ToDictionary(id => id, _ => 0);
        var order = seeds.ToList();
        var moreClaims = moreSeeds;
        var frontier = seeds.ToList();
        for (var hop = 1; hop <= options.Hops && frontier.Count > 0 && !moreClaims; hop++)
        {
            var room = cap - order.Count;
            var found = await NeighboursAsync(db, frontier, order, room + 1, ct);
            if (found.Count > room)
            {
                moreClaims = true;
                found = found[..room];
            }
            foreach (var id in found)
            {
                hopOf[id] = hop;
                order.Add(id);
            }
            frontier = found;
        }

        var texts = await db.Claims.AsNoTracking()
            .Where(c => order.Contains(c.Id))
            .Select(c => new { c.Id, c.Text })
            .ToDictionaryAsync(c => c.Id, c => c.Text, ct);
        var nodes = order.Where(texts.ContainsKey)
            .Select(id => new MapNode(MapNode.ClaimKey(id), MapNodeKind.Claim, id, texts[id], hopOf[id], id == centre))
            .ToList();

        // Every relation among the claims found, not only those the search walked along: two claims of the outer ring
        // that contradict each other are joined too. Both ends are live, since every claim found is.
        var relations = await db.ClaimRelations.AsNoTracking()
            .Where(r => order.Contains(r.FromClaimId) && order.Contains(r.ToClaimId))
            .OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.FromClaimId, r.ToClaimId, r.Type })
            .Take(MaxEdges + 1)
            .ToListAsync(ct);
        var edges = relations.Take(MaxEdges).Select(r => MapEdge.Relation(r.Id, r.FromClaimId, r.ToClaimId, r.Type)).ToList();

        var moreActors = false;
        if (options.Actors)
        {
            var maxHop = nodes.Count == 0 ? 0 : nodes.Max(n => n.Hop);
            (var actors, var stances, moreActors) = await ActorsAsync(db, order, MaxNodes - nodes.Count, maxHop + 1, ct);
            nodes.AddRange(actors);
            edges.AddRange(stances);
        }
        return new ClaimGraph(centre, topic, options, nodes, edges, new MapLimits(moreClaims, moreActors, relations.Count > MaxEdges));
    }

    /// <summary>
    /// The live claims one relation away from <paramref name="frontier"/> (either end of the relation) that are not in
    /// <paramref name="known"/>, in id order, at most <paramref name="limit"/>. Two index ranges per frontier claim:
    /// (FromClaimId, …) and (ToClaimId, …).
    /// </summary>
    private static async Task<List<int>> NeighboursAsync(ClaimTrackerDbContext db, List<int> frontier, List<int> known, int limit, CancellationToken ct)
    {
        var onward = db.ClaimRelations
            .Where(r => frontier.Contains(r.FromClaimId))
            .Join(db.Claims, r => r.ToClaimId, c => c.Id, (r, c) => c.Id);
        var back = db.ClaimRelations
            .Where(r => frontier.Contains(r.ToClaimId))
            .Join(db.Claims, r => r.FromClaimId, c => c.Id, (r, c) => c.Id);
        return await onward.Union(back)
            .Where(id => !known.Contains(id))
            .OrderBy(id => id)
            .Take(limit)
            .ToListAsync(ct);
    }

    /// <summary>
    /// Who holds the claims of the map: for each claim, in the map's order, its <see cref="ActorsPerClaim"/> live actors
    /// with the most live statements on it, while <paramref name="room"/> lasts; then an edge from each actor drawn to
    /// every claim of the map it took a stance on, with all its stances there. Reads the (ClaimId, ActorId, Stance, IsDeleted)
    /// index of the map's claims, grouped, so a claim quoted a thousand times gives one row per actor and stance.
    /// </summary>
    private static async Task<(List<MapNode> Actors, List<MapEdge> Edges, bool More)> ActorsAsync(ClaimTrackerDbContext db, List<int> claims, int room, int hop,
        CancellationToken ct)
    {
        var held = await db.Attributions.AsNoTracking()
            .Where(a => claims.Contains(a.ClaimId))
            .Join(db.Actors, a => a.ActorId, actor => actor.Id, (a, actor) => a)
            .GroupBy(a => new { a.ClaimId, a.ActorId, a.Stance })
            .Select(g => new { g.Key.ClaimId, g.Key.ActorId, g.Key.Stance, Statements = g.Count() })
            .ToListAsync(ct);
        var byClaim = held.ToLookup(h => h.ClaimId);
        var chosen = new List<int>();
        var more = false;
        foreach (var claim in claims)
        {
            var ranked = byClaim[claim]
                .GroupBy(h => h.ActorId)
                .Select(g => (ActorId: g.Key, Statements: g.Sum(h => h.Statements)))
                .OrderByDescending(a => a.Statements).ThenBy(a => a.ActorId)
                .Select(a => a.ActorId)
                .ToList();
            more |= ranked.Count > ActorsPerClaim;
            foreach (var actor in ranked.Take(ActorsPerClaim).Where(a => !chosen.Contains(a)))
            {
                if (chosen.Count == room)
                {
                    more = true;
                    break;
                }
                chosen.Add(actor);
            }
        }
        var names = await db.Actors.AsNoTracking()
            .Where(a => chosen.Contains(a.Id))
            .Select(a => new { a.Id, a.Name })
            .ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var nodes = chosen.Select(id => new MapNode(MapNode.ActorKey(id), MapNodeKind.Actor, id, names[id], hop, false)).ToList();
        var shown = chosen.ToHashSet();
        var claimOrder = claims.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var edges = held.Where(h => shown.Contains(h.ActorId))
            .GroupBy(h => (h.ActorId, h.ClaimId))
            .OrderBy(g => chosen.IndexOf(g.Key.ActorId)).ThenBy(g => claimOrder[g.Key.ClaimId])
            .Select(g => MapEdge.Holding(g.Key.ActorId, g.Key.ClaimId, g.Select(h => h.Stance).Order().ToList()))
            .ToList();
        return (nodes, edges, more);
    }
}
