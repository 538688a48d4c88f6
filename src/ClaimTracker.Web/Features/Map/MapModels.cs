using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;

namespace ClaimTracker.Web.Features.Map;

/// <summary>A claim or actor as the diagram library holds it: locked in the place the layout gave it, of a known size.</summary>
public sealed class MapNodeModel : NodeModel
{
    public MapNodeModel(MapNode node, MapPoint topLeft) : base(node.Key, new Point(topLeft.X, topLeft.Y))
    {
        Node = node;
        Locked = true;
        // The size is the layout's, never measured: a measure taken at one zoom and read at another (the library divides
        // the rendered size by the zoom of the moment) made nodes three times their size, and edges end beside them.
        ControlledSize = true;
        Size = new Size(MapLayout.NodeWidth, MapLayout.NodeHeight);
    }

    public MapNode Node { get; }
}

/// <summary>A relation or stance as the diagram library holds it: a straight line between the two nodes' borders.</summary>
public sealed class MapLinkModel : LinkModel
{
    public MapLinkModel(MapEdge edge, MapNodeModel from, MapNodeModel to) : base(edge.Key, from, to)
    {
        Edge = edge;
        Locked = true;
        Router = new NormalRouter();
        PathGenerator = new StraightPathGenerator();
        // Support and qualification point at the claim they bear on; contradiction is mutual and has no arrow.
        TargetMarker = edge.Directed ? LinkMarker.NewArrow(12, 10) : null;
    }

    public MapEdge Edge { get; }
}
