using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Map;

namespace ClaimTracker.Tests.Features.Map;

/// <summary>The map's model without a database: edges' words and directions, the list in words, the address, the layout.</summary>
public class ClaimGraphModelTests
{
    private static MapNode Claim(int id, int hop, bool centre = false) => new(MapNode.ClaimKey(id), MapNodeKind.Claim, id, $"Claim {id}", hop, centre);

    private static MapNode Actor(int id, int hop) => new(MapNode.ActorKey(id), MapNodeKind.Actor, id, $"Actor {id}", hop, false);

    /// <summary>A claim with <paramref name="first"/> claims one relation out and <paramref name="second"/> two out, each
    /// hanging off one of the first ring, plus <paramref name="actors"/> actors each holding one claim.</summary>
    private static ClaimGraph Star(int first, int second, int actors = 0)
    {
        var nodes = new List<MapNode> { Claim(0, 0, centre: true) };
        var edges = new List<MapEdge>();
        var relation = 0;
        for (var i = 1; i <= first; i++)
        {
            nodes.Add(Claim(i, 1));
            edges.Add(MapEdge.Relation(relation++, i, 0, (RelationType)(i % 3)));
        }
        for (var i = 0; i < second; i++)
        {
            var id = first + 1 + i;
            nodes.Add(Claim(id, 2));
            edges.Add(MapEdge.Relation(relation++, id, 1 + i % first, RelationType.Contradicts));
        }
        for (var i = 0; i < actors; i++)
        {
            nodes.Add(Actor(i, 3));
            edges.Add(MapEdge.Holding(i, i % (first + second + 1), [Stance.Asserts]));
        }
        return new ClaimGraph(0, null, new MapOptions(second > 0 ? 2 : 1, actors > 0), nodes, edges, MapLimits.None);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("", 1)]
    [InlineData("1", 1)]
    [InlineData("2", 2)]
    [InlineData("3", 1)]
    [InlineData("0", 1)]
    [InlineData("-1", 1)]
    [InlineData("two", 1)]
    public void Hops_in_the_address_are_one_or_two(string? text, int expected) => Assert.Equal(expected, MapOptions.HopsFrom(text));

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("yes please", false)]
    public void Actors_in_the_address_are_on_only_when_said_so(string? text, bool expected) => Assert.Equal(expected, MapOptions.ActorsFrom(text));

    [Fact]
    public void Relations_keep_their_direction_and_stances_their_leaning()
    {
        var supports = MapEdge.Relation(1, 5, 7, RelationType.Supports);
        Assert.Equal(("claim-5", "claim-7", true), (supports.From, supports.To, supports.Directed));
        Assert.False(MapEdge.Relation(2, 5, 7, RelationType.Contradicts).Directed);
        Assert.True(MapEdge.Relation(3, 5, 7, RelationType.Qualifies).Directed);
        Assert.Equal("agrees", MapEdge.Holding(1, 2, [Stance.Endorses]).Label);
        Assert.Equal("for", MapEdge.Holding(1, 2, [Stance.Asserts, Stance.Endorses]).Leaning);
        Assert.Equal("against", MapEdge.Holding(1, 2, [Stance.Denies, Stance.Doubts]).Leaning);
        Assert.Equal("mixed", MapEdge.Holding(1, 2, [Stance.Asserts, Stance.Doubts]).Leaning);
    }

    [Fact]
    public void The_list_says_each_relation_from_both_sides()
    {
        var graph = new ClaimGraph(1, null, new MapOptions(1, true),
            [Claim(1, 0, centre: true), Claim(2, 1), Claim(3, 1), Claim(4, 1), Actor(9, 2)],
            [
                MapEdge.Relation(10, 2, 1, RelationType.Contradicts),
                MapEdge.Relation(11, 3, 1, RelationType.Supports),
                MapEdge.Relation(12, 1, 4, RelationType.Qualifies),
                MapEdge.Holding(9, 1, [Stance.Asserts, Stance.Denies]),
            ],
            MapLimits.None);

        var groups = MapDescription.Describe(graph);

        Assert.Equal(["This claim", "One relation away (3)", "Who holds these claims (1)"], groups.Select(g => g.Heading));
        string Lines(int group, int entry) => string.Join(" | ", groups[group].Entries[entry].Lines.Select(l => $"{l.Words}: {string.Join(", ", l.Others.Select(o => o.Label))}"));
        Assert.Equal("contradicts: Claim 2 | supported by: Claim 3 | qualifies: Claim 4 | asserted by: Actor 9 | denied by: Actor 9", Lines(0, 0));
        Assert.Equal("contradicts: Claim 1", Lines(1, 0));
        Assert.Equal("supports: Claim 1", Lines(1, 1));
        Assert.Equal("qualified by: Claim 1", Lines(1, 2));
        Assert.Equal("asserts: Claim 1 | denies: Claim 1", Lines(2, 0));
    }

    [Fact]
    public void A_topic_list_is_headed_by_the_topic()
    {
        var graph = new ClaimGraph(null, "peace talks", new MapOptions(), [Claim(1, 0), Claim(2, 0), Claim(3, 2)], [], MapLimits.None);

        Assert.Equal(["Claims on the topic “peace talks” (2)", "2 relations away (1)"], MapDescription.Describe(graph).Select(g => g.Heading));
        Assert.Empty(MapDescription.Describe(graph)[0].Entries[0].Lines);
    }

    public static TheoryData<int, int, int> Sizes => new()
    {
        { 0, 0, 0 },
        { 1, 0, 0 },
        { 5, 0, 0 },
        { 8, 0, 0 },
        { 9, 0, 0 },
        { 199, 0, 0 },
        { 20, 179, 0 },
        { 10, 90, 50 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_layout_keeps_every_node_apart_and_the_centre_in_the_middle(int first, int second, int actors)
    {
        var graph = Star(first, second, actors);

        var placement = MapLayout.Arrange(graph);

        Assert.Equal(graph.Nodes.Count, placement.TopLeft.Count);
        var boxes = placement.TopLeft.Values.ToList();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var apart = Math.Abs(boxes[i].X - boxes[j].X) >= MapLayout.NodeWidth + MapLayout.GapX - 0.001
                    || Math.Abs(boxes[i].Y - boxes[j].Y) >= MapLayout.NodeHeight + MapLayout.GapY - 0.001;
                Assert.True(apart, $"Nodes at {boxes[i]} and {boxes[j]} are closer than a node and its margin.");
            }
        }
        Assert.All(boxes, b => Assert.True(b.X >= MapLayout.Margin && b.Y >= MapLayout.Margin
            && b.X + MapLayout.NodeWidth <= placement.Width - MapLayout.Margin + 0.001 && b.Y + MapLayout.NodeHeight <= placement.Height - MapLayout.Margin + 0.001,
            $"{b} is outside the drawing of {placement.Width}×{placement.Height}."));
        var centre = placement.CentreOf(MapNode.ClaimKey(0));
        Assert.Equal(placement.Width / 2, centre.X, 3);
        Assert.Equal(placement.Height / 2, centre.Y, 3);
    }

    [Fact]
    public void Each_hop_lies_on_rings_outside_the_last_and_the_actors_outside_all()
    {
        var graph = Star(20, 60, 30);
        var placement = MapLayout.Arrange(graph);
        var middle = placement.CentreOf(MapNode.ClaimKey(0));
        // The ring of a node: its distance from the middle in cells, the larger of across and down.
        int Ring(MapNode n)
        {
            var c = placement.CentreOf(n.Key);
            return (int)Math.Round(Math.Max(Math.Abs(c.X - middle.X) / MapLayout.CellWidth, Math.Abs(c.Y - middle.Y) / MapLayout.CellHeight));
        }
        var rings = graph.Nodes.GroupBy(n => (n.Kind, n.Hop)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Hop)
            .Select(g => (Min: g.Min(Ring), Max: g.Max(Ring))).ToList();

        for (var i = 1; i < rings.Count; i++)
        {
            Assert.True(rings[i].Min > rings[i - 1].Max, $"Level {i} starts on ring {rings[i].Min}, inside level {i - 1}'s ring {rings[i - 1].Max}.");
        }
    }

    [Fact]
    public void The_layout_is_the_same_every_time_and_puts_a_claim_beside_what_it_hangs_off()
    {
        var graph = Star(8, 16);

        var first = MapLayout.Arrange(graph);
        var again = MapLayout.Arrange(graph with { Nodes = [.. graph.Nodes], Edges = [.. graph.Edges] });

        Assert.Equal(first.TopLeft.OrderBy(p => p.Key), again.TopLeft.OrderBy(p => p.Key));
        // Each of the second ring is nearer to the claim it hangs off than to the one opposite it on the first ring.
        foreach (var edge in graph.Edges.Where(e => int.Parse(e.From[6..]) > 8))
        {
            var parent = int.Parse(edge.To[6..]);
            var opposite = (parent + 3) % 8 + 1;
            double Distance(string a, string b)
            {
                var (p, q) = (first.CentreOf(a), first.CentreOf(b));
                return Math.Sqrt(Math.Pow((p.X - q.X) / MapLayout.CellWidth, 2) + Math.Pow((p.Y - q.Y) / MapLayout.CellHeight, 2));
            }
            Assert.True(Distance(edge.From, edge.To) < Distance(edge.From, MapNode.ClaimKey(opposite)),
                $"{edge.From} is farther from {edge.To}, which it relates to, than from {MapNode.ClaimKey(opposite)}.");
        }
    }

    [Fact]
    public void An_edge_that_would_pass_behind_another_node_bends_around_it()
    {
        // Three claims in a row: the outer two contradict each other, across the middle one.
        var graph = new ClaimGraph(1, null, new MapOptions(), [Claim(1, 0, centre: true), Claim(2, 1), Claim(3, 1)],
            [MapEdge.Relation(1, 2, 3, RelationType.Contradicts), MapEdge.Relation(2, 1, 2, RelationType.Supports)], MapLimits.None);
        var placement = new MapPlacement(new Dictionary<string, MapPoint>
        {
            ["claim-2"] = new(0, 100),
            ["claim-1"] = new(MapLayout.CellWidth, 100),
            ["claim-3"] = new(2 * MapLayout.CellWidth, 100),
        }, 3 * MapLayout.CellWidth, 300);

        var detours = MapLayout.Detours(graph, placement);

        var via = Assert.Single(detours).Value;
        Assert.Equal("relation-1", detours.Keys.Single());
        var middle = placement.TopLeft["claim-1"];
        bool Behind(MapPoint a, MapPoint b) => MapLayout.SegmentMeetsBox(a, b, middle.X, middle.Y, middle.X + MapLayout.NodeWidth, middle.Y + MapLayout.NodeHeight);
        Assert.True(Behind(placement.CentreOf("claim-2"), placement.CentreOf("claim-3")));
        Assert.False(Behind(placement.CentreOf("claim-2"), via));
        Assert.False(Behind(via, placement.CentreOf("claim-3")));
    }

    [Fact]
    public void Bends_never_make_an_edge_cross_more_nodes_at_200_nodes()
    {
        var graph = Star(20, 179);
        var placement = MapLayout.Arrange(graph);

        var detours = MapLayout.Detours(graph, placement);

        int Crossed(MapPoint a, MapPoint b, MapEdge e) => placement.TopLeft.Count(p => p.Key != e.From && p.Key != e.To
            && MapLayout.SegmentMeetsBox(a, b, p.Value.X, p.Value.Y, p.Value.X + MapLayout.NodeWidth, p.Value.Y + MapLayout.NodeHeight));
        var straight = graph.Edges.Sum(e => Crossed(placement.CentreOf(e.From), placement.CentreOf(e.To), e));
        var bent = graph.Edges.Sum(e => detours.TryGetValue(e.Key, out var via)
            ? Crossed(placement.CentreOf(e.From), via, e) + Crossed(via, placement.CentreOf(e.To), e)
            : Crossed(placement.CentreOf(e.From), placement.CentreOf(e.To), e));
        Assert.True(bent < straight, $"Straight, edges pass behind {straight} nodes; bent, {bent}.");
    }
}
