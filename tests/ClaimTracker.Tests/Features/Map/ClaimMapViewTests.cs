using Blazor.Diagrams.Core.Geometry;
using Bunit;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Map;

namespace ClaimTracker.Tests.Features.Map;

/// <summary>
/// The map's components rendered with bUnit: the drawing (through the diagram library, its script answered here) with
/// the centre, the edges' kinds, words and arrowheads; the controls in the address; the empty and capped notes; the list.
/// </summary>
public class ClaimMapViewTests : ComponentTest
{
    public ClaimMapViewTests()
    {
        JSInterop.SetupModule("./Features/Map/MapCanvas.razor.js");
        // The library's script measures the canvas: a wide screen's map.
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 1100, 640));
    }

    private static MapNode Claim(int id, int hop, bool centre = false) => new(MapNode.ClaimKey(id), MapNodeKind.Claim, id, $"Claim {id}", hop, centre);

    private static ClaimGraph Graph(MapLimits? limits = null, bool actors = false) => new(1, null, new MapOptions(1, actors),
        [Claim(1, 0, centre: true), Claim(2, 1), Claim(3, 1), .. actors ? [new MapNode(MapNode.ActorKey(7), MapNodeKind.Actor, 7, "Actor 7", 2, false)] : Array.Empty<MapNode>()],
        [
            MapEdge.Relation(10, 2, 1, RelationType.Contradicts),
            MapEdge.Relation(11, 1, 3, RelationType.Qualifies),
            .. actors ? [MapEdge.Holding(7, 1, [Stance.Doubts])] : Array.Empty<MapEdge>(),
        ],
        limits ?? MapLimits.None);

    private IRenderedComponent<ClaimMapView> Render(ClaimGraph graph) =>
        Render<ClaimMapView>(p => p.Add(v => v.Graph, graph).Add(v => v.LinkTo, o => $"/claims/1/map?hops={o.Hops}" + (o.Actors ? "&actors=true" : "")));

    [Fact]
    public void The_drawing_has_each_node_as_a_link_and_each_edge_in_its_kind_with_its_words()
    {
        var view = Render(Graph(actors: true));

        view.WaitForAssertion(() => Assert.Equal(4, view.FindAll("a.map-node").Count));
        var centre = view.Find("a.map-node-centre");
        Assert.Equal(("/claims/1", "-1"), (centre.GetAttribute("href"), centre.GetAttribute("tabindex")));
        Assert.Equal("/actors/7", view.Find("a.map-node-actor").GetAttribute("href"));
        var contradicts = view.Find("g.map-edge-contradicts");
        Assert.Equal("contradicts", contradicts.QuerySelector("text.map-edge-label")!.TextContent);
        Assert.Null(contradicts.QuerySelector("path.map-edge-arrow"));
        var qualifies = view.Find("g.map-edge-qualifies");
        Assert.Equal(("claim-1", "claim-3"), (qualifies.GetAttribute("data-from"), qualifies.GetAttribute("data-to")));
        Assert.NotNull(qualifies.QuerySelector("path.map-edge-arrow"));
        var stance = view.Find("g.map-edge-stance");
        Assert.Contains("map-edge-against", stance.ClassName);
        Assert.Equal("doubts", stance.QuerySelector("text.map-edge-label")!.TextContent);
        // Shown whole, never larger than life: three nodes fit a wide screen at 1:1.
        Assert.Equal("1", view.Find("[data-testid=map-canvas]").GetAttribute("data-zoom"));
        Assert.Equal("true", view.Find("[data-testid=map-canvas]").GetAttribute("aria-hidden"));
    }

    [Fact]
    public void The_controls_are_links_to_the_map_with_other_settings()
    {
        var view = Render(Graph());

        Assert.Equal("/claims/1/map?hops=2", view.Find("[data-testid=map-hops-2]").GetAttribute("href"));
        Assert.Equal("true", view.Find("[data-testid=map-hops-1]").GetAttribute("aria-current"));
        Assert.Equal("/claims/1/map?hops=1&actors=true", view.Find("[data-testid=map-actors]").GetAttribute("href"));
        Assert.Contains("3 claims, 2 relations.", System.Text.RegularExpressions.Regex.Replace(view.Find("[data-testid=map-summary]").TextContent, @"\s+", " "));
        Assert.Empty(view.FindAll("[data-testid=map-empty]"));
        Assert.Empty(view.FindAll("[data-testid=map-limits]"));
    }

    [Fact]
    public void A_map_without_relations_says_so_and_a_capped_one_says_what_it_left_out()
    {
        var alone = Render(new ClaimGraph(1, null, new MapOptions(), [Claim(1, 0, centre: true)], [], MapLimits.None));
        Assert.Contains("No relations to other claims are recorded for this claim", alone.Find("[data-testid=map-empty]").TextContent);
        Assert.Contains("No relations on this map.", alone.Find("[data-testid=map-list]").TextContent);

        var capped = Render(Graph(new MapLimits(MoreClaims: true, MoreActors: true, MoreEdges: false)));
        var note = capped.Find("[data-testid=map-limits]").TextContent;
        Assert.Contains($"a map holds at most {ClaimMapService.MaxNodes} nodes", note);
        Assert.Contains($"Only the {ClaimMapService.ActorsPerClaim} actors with most statements", note);
        Assert.DoesNotContain("relations among these claims", note);
    }

    [Fact]
    public void The_list_names_every_node_with_its_relations_as_links()
    {
        var view = Render(Graph());

        var entries = view.FindAll("li.map-list-entry");
        Assert.Equal(3, entries.Count);
        Assert.Equal("contradicts: Claim 2", entries[0].QuerySelector("li[data-words=contradicts]")!.TextContent.Trim());
        Assert.Equal("/claims/3", entries[0].QuerySelector("li[data-words=qualifies] a")!.GetAttribute("href"));
        Assert.Equal("qualified by: Claim 1", entries[2].QuerySelector("li[data-words='qualified by']")!.TextContent.Trim());
        Assert.Contains("(the claim mapped)", entries[0].TextContent);
    }
}
