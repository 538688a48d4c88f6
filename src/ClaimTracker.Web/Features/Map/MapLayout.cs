namespace ClaimTracker.Web.Features.Map;

/// <summary>A node's top-left corner on the map, in map pixels.</summary>
public readonly record struct MapPoint(double X, double Y);

/// <summary>Where each node of a map goes (by node key), and the size of the whole drawing.</summary>
public sealed record MapPlacement(IReadOnlyDictionary<string, MapPoint> TopLeft, double Width, double Height)
{
    public MapPoint CentreOf(string key)
    {
        var p = TopLeft[key];
        return new MapPoint(p.X + MapLayout.NodeWidth / 2, p.Y + MapLayout.NodeHeight / 2);
    }
}

/// <summary>
/// The map's layout: concentric rings by hop distance, computed here, the same every time for the same graph.
/// <para>
/// The map is a grid of cells, each a node's size plus a margin, so no two nodes can overlap. A ring is the square of cells
/// at one distance from the middle cell (8 cells at distance 1, 16 at 2, and so on), which on screen, the cells being wider
/// than tall, is a wide rectangle, as a screen is. The claim mapped sits in the middle; each hop starts on a ring of its
/// own outside the last hop's, taking as many rings as it needs; the actors come last. Around its rings a node is placed
/// near the direction of the nodes it is joined to, so that related claims sit side by side and edges stay short.
/// </para>
/// </summary>
public static class MapLayout
{
    public const double NodeWidth = 176;
    public const double NodeHeight = 64;

    // Room between nodes for an edge's label ("contradicts" is about 70 map pixels wide) between two side by side.
    public const double GapX = 84;
    public const double GapY = 44;
    public const double CellWidth = NodeWidth + GapX;
    public const double CellHeight = NodeHeight + GapY;

    /// <summary>The margin around the drawing, in map pixels.</summary>
    public const double Margin = 24;

    public static MapPlacement Arrange(ClaimGraph graph)
    {
        var cells = new Dictionary<string, (int X, int Y)>();
        var neighbours = graph.Nodes.ToDictionary(n => n.Key, _ => new List<string>());
        foreach (var edge in graph.Edges)
        {
            if (neighbours.TryGetValue(edge.From, out var from) && neighbours.TryGetValue(edge.To, out var to))
            {
                from.Add(edge.To);
                to.Add(edge.From);
            }
        }

        // Levels in order: the hops, then the actors (whose hop is one past the last claim's).
        var levels = graph.Nodes.Select((node, index) => (node, index))
            .GroupBy(n => (n.node.Kind, n.node.Hop))
            .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Hop)
            .Select(g => g.ToList());
        var nextRing = 0;
        foreach (var level in levels)
        {
            // The rings this level takes: enough cells for all its nodes, from the first ring outside the last level.
            var firstRing = nextRing;
            var lastRing = firstRing;
            var capacity = RingSize(firstRing);
            while (capacity < level.Count)
            {
                lastRing++;
                capacity += RingSize(lastRing);
            }
            nextRing = lastRing + 1;

            var slots = ChooseSlots(firstRing, lastRing, level.Count);
            // Each node's wished direction: the mean direction of the nodes it is joined to that are already placed; a node
            // with none (the first level, or a claim whose only relations are within its own level) keeps its place in
            // the order reached, spread around the circle.
            var wished = level.Select((n, i) =>
            {
                // The middle cell has no direction to offer: the rings around it spread out from it whichever way.
                var placed = neighbours[n.node.Key].Where(k => cells.TryGetValue(k, out var c) && c != (0, 0)).Select(k => Angle(cells[k])).ToList();
                var angle = placed.Count > 0 ? MeanAngle(placed) : 2 * Math.PI * i / level.Count;
                return (n.node.Key, Angle: angle, Order: n.index);
            }).OrderBy(w => w.Angle).ThenBy(w => w.Order).ToList();

            // Matching in angular order keeps neighbours' order around the ring; the rotation is the one that puts nodes
            // nearest to where they wish to be.
            var bestShift = 0;
            var bestCost = double.MaxValue;
            for (var shift = 0; shift < slots.Count; shift++)
            {
                var cost = 0.0;
                for (var i = 0; i < wished.Count; i++)
                {
                    cost += AngularDistance(wished[i].Angle, Angle(slots[(i + shift) % slots.Count]));
                }
                if (cost < bestCost - 1e-9)
                {
                    bestCost = cost;
                    bestShift = shift;
                }
            }
            for (var i = 0; i < wished.Count; i++)
            {
                cells[wished[i].Key] = slots[(i + bestShift) % slots.Count];
            }
        }

        if (cells.Count == 0)
        {
            return new MapPlacement(new Dictionary<string, MapPoint>(), 2 * Margin, 2 * Margin);
        }
        // Bounds symmetric about the middle cell, so that the claim mapped is in the middle of the drawing (and of the
        // screen when the whole map is shown) even when the outer ring is only partly filled.
        var acrossX = cells.Values.Max(c => Math.Abs(c.X));
        var acrossY = cells.Values.Max(c => Math.Abs(c.Y));
        var topLeft = cells.ToDictionary(c => c.Key, c => new MapPoint(
            Margin + (c.Value.X + acrossX) * CellWidth,
            Margin + (c.Value.Y + acrossY) * CellHeight));
        return new MapPlacement(topLeft,
            2 * Margin + 2 * acrossX * CellWidth + NodeWidth,
            2 * Margin + 2 * acrossY * CellHeight + NodeHeight);
    }

    /// <summary>How far, in map pixels, a bent edge's middle may move aside per try, and how many tries each way.</summary>
    private const double DetourStep = 40;
    private const int DetourTries = 6;

    /// <summary>
    /// Where an edge that would pass behind a node it does not join bends instead: a point it runs through, aside of its
    /// middle, so that no line seems to end at a claim it has nothing to do with. Only edges that cross another node get
    /// one; the bend is the first, nearest the straight line, that crosses no node (or the fewest, where nodes are dense).
    /// </summary>
    public static IReadOnlyDictionary<string, MapPoint> Detours(ClaimGraph graph, MapPlacement placement)
    {
        var boxes = placement.TopLeft.Select(p => (p.Key, Left: p.Value.X - 4, Top: p.Value.Y - 4, Right: p.Value.X + NodeWidth + 4, Bottom: p.Value.Y + NodeHeight + 4)).ToList();
        int Crossed(MapPoint a, MapPoint b, string from, string to) =>
            boxes.Count(r => r.Key != from && r.Key != to && SegmentMeetsBox(a, b, r.Left, r.Top, r.Right, r.Bottom));

        var detours = new Dictionary<string, MapPoint>();
        foreach (var edge in graph.Edges)
        {
            if (!placement.TopLeft.ContainsKey(edge.From) || !placement.TopLeft.ContainsKey(edge.To))
            {
                continue;
            }
            var (a, b) = (placement.CentreOf(edge.From), placement.CentreOf(edge.To));
            var fewest = Crossed(a, b, edge.From, edge.To);
            if (fewest == 0)
            {
                continue;
            }
            var length = Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
            var (normalX, normalY) = (-(b.Y - a.Y) / length, (b.X - a.X) / length);
            var middle = new MapPoint((a.X + b.X) / 2, (a.Y + b.Y) / 2);
            for (var k = 1; k <= DetourTries && fewest > 0; k++)
            {
                foreach (var side in new[] { 1, -1 })
                {
                    var via = new MapPoint(middle.X + side * k * DetourStep * normalX, middle.Y + side * k * DetourStep * normalY);
                    var crossed = Crossed(a, via, edge.From, edge.To) + Crossed(via, b, edge.From, edge.To);
                    if (crossed < fewest)
                    {
                        fewest = crossed;
                        detours[edge.Key] = via;
                        if (crossed == 0)
                        {
                            break;
                        }
                    }
                }
            }
        }
        return detours;
    }

    /// <summary>Whether the segment from <paramref name="a"/> to <paramref name="b"/> meets the box (Liang–Barsky clipping).</summary>
    internal static bool SegmentMeetsBox(MapPoint a, MapPoint b, double left, double top, double right, double bottom)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y, enter = 0, leave = 1;
        foreach (var (p, q) in new[] { (-dx, a.X - left), (dx, right - a.X), (-dy, a.Y - top), (dy, bottom - a.Y) })
        {
            if (p == 0)
            {
                if (q < 0)
                {
                    return false;
                }
                continue;
            }
            var t = q / p;
            if (p < 0)
            {
                enter = Math.Max(enter, t);
            }
            else
            {
                leave = Math.Min(leave, t);
            }
            if (enter > leave)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Cells at distance <paramref name="ring"/> from the middle: 1, then 8, 16, 24…</summary>
    internal static int RingSize(int ring) => ring == 0 ? 1 : 8 * ring;

    /// <summary>The cells of one ring, clockwise from the top.</summary>
    internal static List<(int X, int Y)> Ring(int ring)
    {
        if (ring == 0)
        {
            return [(0, 0)];
        }
        var cells = new List<(int X, int Y)>();
        for (var x = -ring; x <= ring; x++)
        {
            for (var y = -ring; y <= ring; y++)
            {
                if (Math.Max(Math.Abs(x), Math.Abs(y)) == ring)
                {
                    cells.Add((x, y));
                }
            }
        }
        return cells.OrderBy(Angle).ToList();
    }

    /// <summary>
    /// The cells for <paramref name="count"/> nodes on rings <paramref name="first"/> to <paramref name="last"/>: every
    /// cell of the inner rings, and on the outermost as many as are left, spread evenly around it; in angular order.
    /// </summary>
    private static List<(int X, int Y)> ChooseSlots(int first, int last, int count)
    {
        var slots = new List<(int X, int Y)>();
        for (var ring = first; ring < last; ring++)
        {
            slots.AddRange(Ring(ring));
        }
        var outer = Ring(last);
        var left = count - slots.Count;
        for (var i = 0; i < left; i++)
        {
            slots.Add(outer[i * outer.Count / left]);
        }
        return slots.OrderBy(Angle).ThenBy(c => Math.Max(Math.Abs(c.X), Math.Abs(c.Y))).ToList();
    }

    /// <summary>The direction of a cell from the middle, clockwise from the top, in [0, 2π); the middle itself is 0.</summary>
    internal static double Angle((int X, int Y) cell)
    {
        if (cell == (0, 0))
        {
            return 0;
        }
        var angle = Math.Atan2(cell.X, -cell.Y);
        return angle < 0 ? angle + 2 * Math.PI : angle;
    }

    private static double MeanAngle(List<double> angles)
    {
        var angle = Math.Atan2(angles.Sum(Math.Sin), angles.Sum(Math.Cos));
        return angle < 0 ? angle + 2 * Math.PI : angle;
    }

    private static double AngularDistance(double a, double b)
    {
        var d = Math.Abs(a - b) % (2 * Math.PI);
        return Math.Min(d, 2 * Math.PI - d);
    }
}
