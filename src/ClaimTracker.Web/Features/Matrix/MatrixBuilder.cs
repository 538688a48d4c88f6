using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Matrix;

/// <summary>What <see cref="MatrixBuilder.Build"/> arranges: the chosen claims and actors and what was read about them.</summary>
/// <param name="StanceCounts">Every stance taken on each chosen claim (by any actor in scope, shown or not): the contested mark.</param>
public sealed record MatrixInput(
    IReadOnlyList<MatrixClaimCandidate> Claims,
    IReadOnlyList<MatrixActorCandidate> Actors,
    IReadOnlyList<MatrixStatement> Statements,
    IReadOnlyList<MatrixRelationInput> Relations,
    IReadOnlyList<MatrixStanceCount> StanceCounts,
    MatrixSort Sort,
    MatrixCut Cut);

/// <summary>
/// Arranges the matrix, without the database: which claims and actors make the cut, the cells, and the order that makes a
/// dispute visible.
/// <para>
/// <b>Columns</b> (sorted by sides): claims linked by a contradicts or supports relation form a group, shown side by side.
/// Within a group the claims are put on two sides from its most active claim: a claim supporting one is on its side, a claim
/// contradicting one on the other (the first relation found decides when the relations themselves disagree). The claim's own
/// side comes first, then, after a line, the other. Groups with more claims come first; claims linked to none shown come last.
/// </para>
/// <para>
/// <b>Rows</b>: each actor sits with the group they said most about, on the side their latest stance on each of its claims
/// puts them: backing a claim (asserts, agrees) counts for its side, denying it for the other side. Questioning or doubting
/// a claim puts nobody on the other side (doubting a claim is not holding its opposite, as the actor page's agreements have
/// it): actors with only those, or as much for one side as the other, sit in a third row group.
/// </para>
/// </summary>
public static class MatrixBuilder
{
    /// <summary>The columns: the claims with most statements, ties in the search's order, at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<MatrixClaimCandidate> ChooseClaims(IEnumerable<MatrixClaimCandidate> pool, int limit) =>
        pool.Where(c => c.Statements > 0).OrderByDescending(c => c.Statements).ThenBy(c => c.Rank).Take(limit).ToList();

    /// <summary>
    /// The rows: the actors with most statements on the chosen claims, at most <paramref name="limit"/>; the actor the matrix
    /// is filtered by is always among them (it is why those claims are there).
    /// </summary>
    public static IReadOnlyList<int> ChooseActors(IReadOnlyDictionary<int, int> statementsByActor, int limit, int? pinned)
    {
        var chosen = statementsByActor.OrderByDescending(a => a.Value).ThenBy(a => a.Key).Select(a => a.Key).Take(limit).ToList();
        if (pinned is int id && statementsByActor.ContainsKey(id) && !chosen.Contains(id))
        {
            chosen[^1] = id;
        }
        return chosen;
    }

    public static StanceMatrix Build(MatrixInput input)
    {
        var claimIds = input.Claims.Select(c => c.Id).ToHashSet();
        var actorIds = input.Actors.Select(a => a.Id).ToHashSet();
        var cells = input.Statements
            .Where(s => claimIds.Contains(s.ClaimId) && actorIds.Contains(s.ActorId))
            .GroupBy(s => (s.ActorId, s.ClaimId))
            .ToDictionary(g => g.Key, g => new MatrixCell(g.OrderBy(s => s.PublishedOn).ThenBy(s => s.Id).ToList()));

        var relations = input.Relations
            .Where(r => claimIds.Contains(r.FromClaimId) && claimIds.Contains(r.ToClaimId) && r.FromClaimId != r.ToClaimId)
            .Distinct()
            .ToList();
        var arranged = input.Sort == MatrixSort.Sides ? ArrangeBySides(input.Claims, relations) : ArrangeByActivity(input.Claims);

        var numbers = arranged.Order.Select((c, i) => (c.Id, Number: i + 1)).ToDictionary(x => x.Id, x => x.Number);
        var counts = input.StanceCounts.Where(c => claimIds.Contains(c.ClaimId)).ToLookup(c => c.ClaimId);
        var columns = arranged.Order.Select(c => new MatrixColumn(
            numbers[c.Id],
            c.Id,
            c.Text,
            c.Statements,
            counts[c.Id].Where(s => !s.Stance.IsChallenge()).Sum(s => s.Count),
            counts[c.Id].Where(s => s.Stance.IsChallenge()).Sum(s => s.Count),
            LinksOf(c.Id, relations, numbers),
            arranged.GroupOf[c.Id],
            arranged.OtherSideStarts.Contains(c.Id))).ToList();

        var groups = arranged.Groups.Select(g => g.Linked
            ? new MatrixColumnGroup($"Related claims C{numbers[g.Claims[0]]}–C{numbers[g.Claims[^1]]}", g.Claims.Count, true)
            : new MatrixColumnGroup(arranged.Groups.Count == 1 ? "Claims" : "Claims not related to another shown", g.Claims.Count, false)).ToList();

        var actors = input.Actors.Where(a => cells.Keys.Any(k => k.ActorId == a.Id)).ToList();
        MatrixRow RowOf(MatrixActorCandidate a) =>
            new(a.Id, a.Name, a.Statements, columns.Select(c => cells.GetValueOrDefault((a.Id, c.ClaimId))).ToList());

        var rowGroups = input.Sort == MatrixSort.Sides && arranged.Groups.Any(g => g.Linked)
            ? RowsBySides(actors, arranged, cells, numbers).Select(g => new MatrixRowGroup(g.Label, g.Actors.Select(RowOf).ToList())).ToList()
            : [new MatrixRowGroup(null, ByActivity(actors).Select(RowOf).ToList())];

        return new StanceMatrix(columns, input.Sort == MatrixSort.Sides ? groups : [], rowGroups.Where(g => g.Rows.Count > 0).ToList(), input.Cut);
    }

    private static IEnumerable<MatrixActorCandidate> ByActivity(IEnumerable<MatrixActorCandidate> actors) =>
        actors.OrderByDescending(a => a.Statements).ThenBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(a => a.Id);

    private static IOrderedEnumerable<MatrixClaimCandidate> ByActivity(IEnumerable<MatrixClaimCandidate> claims) =>
        claims.OrderByDescending(c => c.Statements).ThenBy(c => c.Rank);

    private static List<MatrixLink> LinksOf(int claimId, List<MatrixRelationInput> relations, Dictionary<int, int> numbers) =>
        relations
            .Where(r => r.FromClaimId == claimId || r.ToClaimId == claimId)
            .Select(r => r.FromClaimId == claimId
                ? new MatrixLink(r.Type, true, numbers[r.ToClaimId], r.ToClaimId)
                : new MatrixLink(r.Type, false, numbers[r.FromClaimId], r.FromClaimId))
            .DistinctBy(l => (l.Words, l.OtherClaimId))
            .OrderBy(l => l.Type).ThenBy(l => l.Outgoing ? 0 : 1).ThenBy(l => l.OtherNumber)
            .ToList();

    private sealed record ClaimGroup(List<int> Claims, bool Linked, int? Root, Dictionary<int, int> Polarity);

    private sealed record Arrangement(
        List<MatrixClaimCandidate> Order,
        List<ClaimGroup> Groups,
        Dictionary<int, int> GroupOf,
        HashSet<int> OtherSideStarts);

    private static Arrangement ArrangeByActivity(IReadOnlyList<MatrixClaimCandidate> claims)
    {
        var order = ByActivity(claims).ToList();
        var group = new ClaimGroup(order.Select(c => c.Id).ToList(), false, null, []);
        return new Arrangement(order, [group], order.ToDictionary(c => c.Id, _ => 0), []);
    }

    private static Arrangement ArrangeBySides(IReadOnlyList<MatrixClaimCandidate> claims, List<MatrixRelationInput> relations)
    {
        var byId = claims.ToDictionary(c => c.Id);
        // Support keeps two claims on one side, contradiction puts them on opposite sides; qualifying is too weak a link for either.
        var edges = relations
            .Where(r => r.Type is RelationType.Contradicts or RelationType.Supports)
            .SelectMany(r => new[] { (From: r.FromClaimId, To: r.ToClaimId, r.Type), (From: r.ToClaimId, To: r.FromClaimId, r.Type) })
            .ToLookup(e => e.From);

        var placed = new HashSet<int>();
        var linked = new List<ClaimGroup>();
        foreach (var start in ByActivity(claims))
        {
            if (placed.Contains(start.Id) || !edges[start.Id].Any())
            {
                continue;
            }
            // The first claim reached is the group's most active (claims are visited in that order): its side is "+1".
            var polarity = new Dictionary<int, int> { [start.Id] = 1 };
            var queue = new Queue<int>([start.Id]);
            placed.Add(start.Id);
            while (queue.TryDequeue(out var id))
            {
                foreach (var edge in edges[id].OrderByDescending(e => byId[e.To].Statements).ThenBy(e => byId[e.To].Rank))
                {
                    if (placed.Add(edge.To))
                    {
                        polarity[edge.To] = edge.Type == RelationType.Contradicts ? -polarity[id] : polarity[id];
                        queue.Enqueue(edge.To);
                    }
                }
            }
            var members = ByActivity(polarity.Keys.Select(k => byId[k])).ToList();
            var ordered = members.Where(c => polarity[c.Id] > 0).Concat(members.Where(c => polarity[c.Id] < 0)).Select(c => c.Id).ToList();
            linked.Add(new ClaimGroup(ordered, true, start.Id, polarity));
        }

        var groups = linked
            .OrderByDescending(g => g.Claims.Count)
            .ThenByDescending(g => g.Claims.Sum(id => byId[id].Statements))
            .ThenBy(g => g.Claims.Min(id => byId[id].Rank))
            .ToList();
        var unlinked = ByActivity(claims.Where(c => !placed.Contains(c.Id))).Select(c => c.Id).ToList();
        if (unlinked.Count > 0)
        {
            groups.Add(new ClaimGroup(unlinked, false, null, []));
        }

        var order = groups.SelectMany(g => g.Claims).Select(id => byId[id]).ToList();
        var groupOf = groups.SelectMany((g, i) => g.Claims.Select(id => (id, i))).ToDictionary(x => x.id, x => x.i);
        var otherSide = groups.Where(g => g.Linked)
            .SelectMany(g => g.Claims.Where(id => g.Polarity[id] < 0).Take(1))
            .ToHashSet();
        return new Arrangement(order, groups, groupOf, otherSide);
    }

    private enum Side
    {
        With,
        Against,
        Neither,
    }

    private static List<(string Label, List<MatrixActorCandidate> Actors)> RowsBySides(
        List<MatrixActorCandidate> actors, Arrangement arranged, Dictionary<(int ActorId, int ClaimId), MatrixCell> cells, Dictionary<int, int> numbers)
    {
        var placedActors = new List<(MatrixActorCandidate Actor, int Group, Side Side)>();
        var others = new List<MatrixActorCandidate>();
        foreach (var actor in actors)
        {
            var mine = cells.Where(c => c.Key.ActorId == actor.Id).ToList();
            // The linked group the actor said most about (the earlier group on a tie).
            var home = arranged.Groups
                .Select((g, i) => (Group: g, Index: i, Said: mine.Where(c => arranged.GroupOf[c.Key.ClaimId] == i).Sum(c => c.Value.Statements.Count)))
                .Where(g => g.Group.Linked && g.Said > 0)
                .OrderByDescending(g => g.Said).ThenBy(g => g.Index)
                .FirstOrDefault();
            if (home.Group is null)
            {
                others.Add(actor);
                continue;
            }
            var lean = mine.Where(c => arranged.GroupOf[c.Key.ClaimId] == home.Index)
                .Sum(c => home.Group.Polarity[c.Key.ClaimId] * Lean(c.Value.Latest.Stance));
            placedActors.Add((actor, home.Index, lean > 0 ? Side.With : lean < 0 ? Side.Against : Side.Neither));
        }

        var result = new List<(string, List<MatrixActorCandidate>)>();
        for (var i = 0; i < arranged.Groups.Count; i++)
        {
            var group = arranged.Groups[i];
            if (!group.Linked)
            {
                continue;
            }
            var root = $"C{numbers[group.Root!.Value]}";
            var range = $"C{numbers[group.Claims[0]]}–C{numbers[group.Claims[^1]]}";
            foreach (var side in Enum.GetValues<Side>())
            {
                var members = ByActivity(placedActors.Where(p => p.Group == i && p.Side == side).Select(p => p.Actor)).ToList();
                var label = side switch
                {
                    Side.With => $"With {root}: back it, or a claim on its side",
                    Side.Against => $"Against {root}: deny it, or back a claim that contradicts it",
                    _ => $"Question or doubt claims {range}, or take both sides",
                };
                result.Add((label, members));
            }
        }
        result.Add(("Only on claims not related to another shown", ByActivity(others).ToList()));
        return result;
    }

    /// <summary>How a stance places its actor relative to the claim: with it, against it, or neither (questions, doubts).</summary>
    private static int Lean(Stance stance) => stance switch
    {
        Stance.Asserts or Stance.Endorses => 1,
        Stance.Denies => -1,
        _ => 0,
    };
}
