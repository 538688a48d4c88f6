using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Map;

namespace ClaimTracker.Tests.Features.Map;

/// <summary>
/// ClaimMapService over the seed and over records of each test's own: hops, edge kinds and directions, what is left
/// out (deleted relations and claims, merged claims, deleted statements and actors), the actors, the caps, topics.
/// </summary>
[BothEngines]
public class ClaimMapServiceTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private readonly ClaimMapService maps = app.GetService<ClaimMapService>();

    private static string Tag() => "map" + Guid.NewGuid().ToString("N")[..8];

    private static int[] ClaimIds(ClaimGraph graph, int? hop = null) =>
        [.. graph.Nodes.Where(n => n.Kind == MapNodeKind.Claim && (hop is null || n.Hop == hop)).Select(n => n.Id).Order()];

    private static MapEdge EdgeBetween(ClaimGraph graph, int from, int to) =>
        Assert.Single(graph.Edges, e => e.From == MapNode.ClaimKey(from) && e.To == MapNode.ClaimKey(to));

    /// <summary>Claims of the test's own, with the given texts' keys, saved; returns their ids in order.</summary>
    private async Task<int[]> ClaimsAsync(string tag, int count, string? topic = null)
    {
        await using var db = app.CreateDbContext();
        var claims = Enumerable.Range(0, count)
            .Select(i => new Claim { Key = $"{tag}-{i}", Text = $"Claim {i} of {tag}.", Topics = topic is null ? [] : [topic] })
            .ToList();
        db.Claims.AddRange(claims);
        await db.SaveChangesAsync();
        return [.. claims.Select(c => c.Id)];
    }

    private async Task<int> RelateAsync(int from, int to, RelationType type, bool deleted = false)
    {
        await using var db = app.CreateDbContext();
        var relation = new ClaimRelation
        {
            Key = $"rel-{Guid.NewGuid():N}",
            FromClaimId = from,
            ToClaimId = to,
            Type = type,
            Rationale = "Test.",
            IsDeleted = deleted,
        };
        db.ClaimRelations.Add(relation);
        await db.SaveChangesAsync();
        return relation.Id;
    }

    [Fact]
    public async Task One_hop_from_a_seed_claim_has_its_related_claims_and_every_relation_among_them()
    {
        var ready = await app.ClaimId("putin-ready-for-deal");
        var objectives = await app.ClaimId("kremlin-keeps-objectives");
        var seize = await app.ClaimId("putin-aims-to-seize-ukraine");
        var distrust = await app.ClaimId("trump-trust-in-putin-objectionable");
        var openToTalks = await app.ClaimId("russia-open-to-talks");
        var framework = await app.ClaimId("putin-would-accept-framework");

        var graph = await maps.ForClaimAsync(ready, new MapOptions());

        Assert.NotNull(graph);
        Assert.Equal([ready], ClaimIds(graph, hop: 0));
        Assert.Equal(new[] { objectives, seize, distrust, openToTalks, framework }.Order(), ClaimIds(graph, hop: 1));
        Assert.Equal(ready, graph.Nodes[0].Id);
        Assert.True(graph.Nodes[0].IsCentre);
        Assert.Single(graph.Nodes, n => n.IsCentre);
        Assert.Equal("Vladimir Putin is ready to make a deal to end the war in Ukraine.", graph.Centre!.Label);
        // The five relations of the claim, and two among its neighbours (not walked along, drawn all the same).
        Assert.Equal(7, graph.Edges.Count);
        Assert.Equal(MapEdgeKind.Contradicts, EdgeBetween(graph, objectives, ready).Kind);
        Assert.Equal(MapEdgeKind.Supports, EdgeBetween(graph, openToTalks, ready).Kind);
        Assert.Equal(MapEdgeKind.Supports, EdgeBetween(graph, ready, framework).Kind);
        Assert.Equal(MapEdgeKind.Supports, EdgeBetween(graph, seize, objectives).Kind);
        Assert.Equal(MapEdgeKind.Contradicts, EdgeBetween(graph, objectives, framework).Kind);
        Assert.False(graph.HasNoRelations);
        Assert.Equal(MapLimits.None, graph.Limits);
        Assert.All(graph.Nodes, n => Assert.Equal(MapNodeKind.Claim, n.Kind));
    }

    [Fact]
    public async Task Two_hops_reach_the_claims_related_to_the_related_claims()
    {
        var ready = await app.ClaimId("putin-ready-for-deal");
        var hesitating = await app.ClaimId("zelensky-hesitating");
        var blame = await app.ClaimId("kyiv-to-blame");
        var constitution = await app.ClaimId("kyiv-cannot-cede-land");

        var one = await maps.ForClaimAsync(ready, new MapOptions(Hops: 1));
        var two = await maps.ForClaimAsync(ready, new MapOptions(Hops: 2));

        Assert.Equal(ClaimIds(one!, hop: 1), ClaimIds(two!, hop: 1));
        // The Kremlin's objectives contradict the hesitation and the blame: two relations out from "ready".
        Assert.Equal(new[] { hesitating, blame }.Order(), ClaimIds(two!, hop: 2));
        Assert.DoesNotContain(constitution, ClaimIds(two!));
        // Among the second ring too: the hesitation supports the blame.
        Assert.Equal(MapEdgeKind.Supports, EdgeBetween(two!, hesitating, blame).Kind);
        Assert.Equal(2, two!.Options.Hops);
    }

    [Fact]
    public async Task Directions_follow_the_relation_and_only_contradiction_is_mutual()
    {
        var ids = await ClaimsAsync(Tag(), 4);
        await RelateAsync(ids[1], ids[0], RelationType.Contradicts);
        await RelateAsync(ids[0], ids[2], RelationType.Supports);
        await RelateAsync(ids[3], ids[0], RelationType.Qualifies);

        var graph = await maps.ForClaimAsync(ids[0], new MapOptions());

        var contradicts = EdgeBetween(graph!, ids[1], ids[0]);
        var supports = EdgeBetween(graph!, ids[0], ids[2]);
        var qualifies = EdgeBetween(graph!, ids[3], ids[0]);
        Assert.Equal((MapEdgeKind.Contradicts, false, "contradicts"), (contradicts.Kind, contradicts.Directed, contradicts.Label));
        Assert.Equal((MapEdgeKind.Supports, true, "supports"), (supports.Kind, supports.Directed, supports.Label));
        Assert.Equal((MapEdgeKind.Qualifies, true, "qualifies"), (qualifies.Kind, qualifies.Directed, qualifies.Label));
    }

    [Fact]
    public async Task Deleted_relations_and_deleted_or_merged_claims_are_left_out()
    {
        var ids = await ClaimsAsync(Tag(), 6);
        await RelateAsync(ids[0], ids[1], RelationType.Contradicts);
        await RelateAsync(ids[0], ids[2], RelationType.Supports, deleted: true);
        await RelateAsync(ids[3], ids[0], RelationType.Qualifies);
        await RelateAsync(ids[4], ids[0], RelationType.Supports);
        // A live claim beyond the deleted one: reachable only through it.
        await RelateAsync(ids[3], ids[5], RelationType.Contradicts);
        await using (var db = app.CreateDbContext())
        {
            var deleted = await db.Claims.FindAsync(ids[3]);
            deleted!.IsDeleted = true;
            var merged = await db.Claims.FindAsync(ids[4]);
            merged!.IsDeleted = true;
            merged.MergedIntoId = ids[1];
            await db.SaveChangesAsync();
        }

        var graph = await maps.ForClaimAsync(ids[0], new MapOptions(Hops: 2));

        Assert.Equal([ids[0], ids[1]], ClaimIds(graph!));
        Assert.Single(graph!.Edges);
        Assert.Null(await maps.ForClaimAsync(ids[3], new MapOptions()));
        Assert.Null(await maps.ForClaimAsync(ids[4], new MapOptions()));
        Assert.Null(await maps.ForClaimAsync(987654, new MapOptions()));
    }

    [Fact]
    public async Task A_claim_without_relations_maps_to_itself_alone()
    {
        var lonely = await app.ClaimId("witkoff-kushner-to-moscow");

        var graph = await maps.ForClaimAsync(lonely, new MapOptions(Hops: 2));

        Assert.Equal([lonely], ClaimIds(graph!));
        Assert.Empty(graph!.Edges);
        Assert.True(graph.HasNoRelations);
    }

    [Fact]
    public async Task The_actors_are_drawn_only_when_asked_with_every_live_stance_they_took()
    {
        var tag = Tag();
        var ids = await ClaimsAsync(tag, 2);
        await RelateAsync(ids[0], ids[1], RelationType.Contradicts);
        int reverser, gone, onlyDeleted;
        await using (var db = app.CreateDbContext())
        {
            var text = $"The minister said the port would reopen, then said it would not, and others spoke ({tag}).";
            var source = new Source($"{tag}-source", "Harbour Gazette", $"Port {tag}", new DateOnly(2026, 3, 2), null, text);
            db.Sources.Add(source);
            var minister = new Actor { Key = $"{tag}-minister", Name = $"Minister {tag}" };
            var deletedActor = new Actor { Key = $"{tag}-gone", Name = $"Gone {tag}", IsDeleted = true };
            var quiet = new Actor { Key = $"{tag}-quiet", Name = $"Quiet {tag}" };
            db.Actors.AddRange(minister, deletedActor, quiet);
            await db.SaveChangesAsync();
            var n = 0;
            Attribution Statement(Actor actor, int claim, Stance stance, bool deleted = false) => new()
            {
                Key = $"{tag}-a{n++}",
                ActorId = actor.Id,
                ClaimId = claim,
                SourceId = source.Id,
                Stance = stance,
                Mode = AttributionMode.Paraphrase,
                Anchor = TextAnchor.FromText(text, 4, 12),
                IsDeleted = deleted,
            };
            db.Attributions.AddRange(
                Statement(minister, ids[0], Stance.Asserts),
                Statement(minister, ids[0], Stance.Asserts),
                Statement(minister, ids[0], Stance.Denies),
                Statement(minister, ids[1], Stance.Questions),
                Statement(deletedActor, ids[0], Stance.Asserts),
                Statement(quiet, ids[1], Stance.Endorses, deleted: true));
            await db.SaveChangesAsync();
            (reverser, gone, onlyDeleted) = (minister.Id, deletedActor.Id, quiet.Id);
        }

        var without = await maps.ForClaimAsync(ids[0], new MapOptions(Actors: false));
        var with = await maps.ForClaimAsync(ids[0], new MapOptions(Actors: true));

        Assert.DoesNotContain(without!.Nodes, n => n.Kind == MapNodeKind.Actor);
        Assert.DoesNotContain(without.Edges, e => e.Kind == MapEdgeKind.Stance);
        var actor = Assert.Single(with!.Nodes, n => n.Kind == MapNodeKind.Actor);
        Assert.Equal((reverser, $"Minister {tag}", "/actors/" + reverser), (actor.Id, actor.Label, actor.Href));
        Assert.Equal(2, actor.Hop); // one past the claims' outermost hop
        var onFirst = Assert.Single(with.Edges, e => e.Key == $"stance-{reverser}-{ids[0]}");
        Assert.Equal([Stance.Asserts, Stance.Denies], onFirst.Stances);
        Assert.Equal((MapEdgeKind.Stance, false, "asserts, denies", "mixed"), (onFirst.Kind, onFirst.Directed, onFirst.Label, onFirst.Leaning));
        Assert.Equal((MapNode.ActorKey(reverser), MapNode.ClaimKey(ids[0])), (onFirst.From, onFirst.To));
        var onSecond = Assert.Single(with.Edges, e => e.Key == $"stance-{reverser}-{ids[1]}");
        Assert.Equal(("questions", "against"), (onSecond.Label, onSecond.Leaning));
        Assert.DoesNotContain(with.Nodes, n => n.Kind == MapNodeKind.Actor && (n.Id == gone || n.Id == onlyDeleted));
        Assert.False(with.Limits.MoreActors);
    }

    [Fact]
    public async Task A_claim_with_many_speakers_shows_the_most_active_few()
    {
        var tag = Tag();
        var claim = (await ClaimsAsync(tag, 1))[0];
        var speakers = ClaimMapService.ActorsPerClaim + 2;
        await using (var db = app.CreateDbContext())
        {
            var text = $"Many people spoke about the quay ({tag}).";
            var source = new Source($"{tag}-source", "Harbour Gazette", $"Quay {tag}", new DateOnly(2026, 3, 2), null, text);
            db.Sources.Add(source);
            var actors = Enumerable.Range(0, speakers).Select(i => new Actor { Key = $"{tag}-actor{i}", Name = $"Speaker {i} {tag}" }).ToList();
            db.Actors.AddRange(actors);
            await db.SaveChangesAsync();
            // Speaker i makes i + 1 statements: the last ones are the most active.
            var n = 0;
            db.Attributions.AddRange(actors.SelectMany((a, i) => Enumerable.Range(0, i + 1).Select(_ => new Attribution
            {
                Key = $"{tag}-a{n++}",
                ActorId = a.Id,
                ClaimId = claim,
                SourceId = source.Id,
                Stance = Stance.Asserts,
                Mode = AttributionMode.Paraphrase,
                Anchor = TextAnchor.FromText(text, 0, 4),
            })));
            await db.SaveChangesAsync();
        }

        var graph = await maps.ForClaimAsync(claim, new MapOptions(Actors: true));

        var shown = graph!.Nodes.Where(n => n.Kind == MapNodeKind.Actor).Select(n => n.Label).ToList();
        Assert.Equal(Enumerable.Range(2, ClaimMapService.ActorsPerClaim).Reverse().Select(i => $"Speaker {i} {tag}"), shown);
        Assert.True(graph.Limits.MoreActors);
    }

    [Fact]
    public async Task A_map_stops_at_the_node_cap_nearest_first_and_says_there_are_more()
    {
        var ids = await ClaimsAsync(Tag(), ClaimMapService.MaxNodes + 20);
        var hub = ids[0];
        // The first ten are one relation from the hub; the rest hang off those, two relations out.
        for (var i = 1; i <= 10; i++)
        {
            await RelateAsync(ids[i], hub, RelationType.Supports);
        }
        await using (var db = app.CreateDbContext())
        {
            db.ClaimRelations.AddRange(ids.Skip(11).Select((id, i) => new ClaimRelation
            {
                Key = $"rel-{Guid.NewGuid():N}",
                FromClaimId = id,
                ToClaimId = ids[1 + i % 10],
                Type = RelationType.Contradicts,
                Rationale = "Test.",
            }));
            await db.SaveChangesAsync();
        }

        var one = await maps.ForClaimAsync(hub, new MapOptions(Hops: 1));
        var two = await maps.ForClaimAsync(hub, new MapOptions(Hops: 2));
        var withActors = await maps.ForClaimAsync(hub, new MapOptions(Hops: 2, Actors: true));

        Assert.Equal(11, one!.ClaimCount);
        Assert.False(one.Limits.MoreClaims);
        Assert.Equal(ClaimMapService.MaxNodes, two!.ClaimCount);
        Assert.True(two.Limits.MoreClaims);
        // Nearest first: every claim one relation away is in, and the centre.
        Assert.Equal(ids.Take(11).Order(), ClaimIds(two).Where(id => ids.Take(11).Contains(id)));
        Assert.Equal(10, two.Nodes.Count(n => n.Hop == 1));
        Assert.All(two.Edges, e => Assert.Contains(two.Nodes, n => n.Key == e.From));
        Assert.All(two.Edges, e => Assert.Contains(two.Nodes, n => n.Key == e.To));
        Assert.Equal(ClaimMapService.MaxClaimsWithActors, withActors!.ClaimCount);
        Assert.True(withActors.Nodes.Count <= ClaimMapService.MaxNodes);
    }

    [Fact]
    public async Task A_topic_maps_its_live_claims_and_those_related_to_them()
    {
        var tag = Tag();
        var ids = await ClaimsAsync(tag, 3, topic: tag);
        var outside = (await ClaimsAsync(tag + "-out", 1))[0];
        await RelateAsync(outside, ids[0], RelationType.Contradicts);
        await using (var db = app.CreateDbContext())
        {
            (await db.Claims.FindAsync(ids[2]))!.IsDeleted = true;
            await db.SaveChangesAsync();
        }

        var graph = await maps.ForTopicAsync($"  {tag} ", new MapOptions());

        Assert.Equal(tag, graph.Topic);
        Assert.Null(graph.CentreClaimId);
        Assert.Equal([ids[0], ids[1]], ClaimIds(graph, hop: 0));
        Assert.Equal([outside], ClaimIds(graph, hop: 1));
        Assert.DoesNotContain(graph.Nodes, n => n.IsCentre);
        Assert.Contains(tag, await maps.TopicsAsync());

        var nothing = await maps.ForTopicAsync("no such topic " + tag, new MapOptions());
        Assert.Empty(nothing.Nodes);
        Assert.Empty(nothing.Edges);
    }

    [Fact]
    public async Task A_topic_with_more_claims_than_a_map_holds_says_so()
    {
        var tag = Tag();
        await ClaimsAsync(tag, ClaimMapService.MaxNodes + 1, topic: tag);

        var graph = await maps.ForTopicAsync(tag, new MapOptions());

        Assert.Equal(ClaimMapService.MaxNodes, graph.ClaimCount);
        Assert.True(graph.Limits.MoreClaims);
        Assert.All(graph.Nodes, n => Assert.Equal(0, n.Hop));
    }
}
