using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Map;

/// <summary>One line of a node's entry in the list: a relation or stance in words, and the nodes it leads to.</summary>
public sealed record MapListLine(string Words, IReadOnlyList<MapNode> Others);

/// <summary>A node in the list, with its relations in words.</summary>
public sealed record MapListEntry(MapNode Node, IReadOnlyList<MapListLine> Lines);

/// <summary>A group of the list: the claims at one hop, or the actors.</summary>
public sealed record MapListGroup(string Heading, IReadOnlyList<MapListEntry> Entries);

/// <summary>
/// The map in words, for screen readers and anyone who prefers a list: every node, in the map's order, grouped by hop,
/// each with its relations seen from its side ("contradicts: …", "supported by: …", "asserted by: …").
/// </summary>
public static class MapDescription
{
    public static IReadOnlyList<MapListGroup> Describe(ClaimGraph graph)
    {
        var nodes = graph.Nodes.ToDictionary(n => n.Key);
        var order = graph.Nodes.Select((n, i) => (n.Key, i)).ToDictionary(x => x.Key, x => x.i);
        var lines = graph.Nodes.ToDictionary(n => n.Key, _ => new List<(int Rank, string Words, MapNode Other)>());
        foreach (var edge in graph.Edges)
        {
            if (!nodes.TryGetValue(edge.From, out var from) || !nodes.TryGetValue(edge.To, out var to))
            {
                continue;
            }
            switch (edge.Kind)
            {
                case MapEdgeKind.Contradicts:
                    lines[from.Key].Add((0, "contradicts", to));
                    lines[to.Key].Add((0, "contradicts", from));
                    break;
                case MapEdgeKind.Supports:
                    lines[from.Key].Add((1, "supports", to));
                    lines[to.Key].Add((2, "supported by", from));
                    break;
                case MapEdgeKind.Qualifies:
                    lines[from.Key].Add((3, "qualifies", to));
                    lines[to.Key].Add((4, "qualified by", from));
                    break;
                case MapEdgeKind.Stance:
                    foreach (var stance in edge.Stances)
                    {
                        lines[from.Key].Add((10 + (int)stance, Active(stance), to));
                        lines[to.Key].Add((10 + (int)stance, Passive(stance), from));
                    }
                    break;
            }
        }

        MapListEntry Entry(MapNode node) => new(node, lines[node.Key]
            .GroupBy(l => (l.Rank, l.Words))
            .OrderBy(g => g.Key.Rank)
            .Select(g => new MapListLine(g.Key.Words, g.Select(l => l.Other).Distinct().OrderBy(o => order[o.Key]).ToList()))
            .ToList());

        return graph.Nodes
            .GroupBy(n => (n.Kind, n.Hop))
            .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Hop)
            .Select(g => new MapListGroup(Heading(graph, g.Key.Kind, g.Key.Hop, g.Count()), g.Select(Entry).ToList()))
            .ToList();
    }

    private static string Heading(ClaimGraph graph, MapNodeKind kind, int hop, int count) => (kind, hop) switch
    {
        (MapNodeKind.Actor, _) => $"Who holds these claims ({count})",
        (_, 0) when graph.Topic is not null => $"Claims on the topic “{graph.Topic}” ({count})",
        (_, 0) => "This claim",
        (_, 1) => $"One relation away ({count})",
        _ => $"{hop} relations away ({count})",
    };

    /// <summary>What an actor does to a claim: "asserts", "agrees with", "denies"…</summary>
    public static string Active(Stance stance) => stance switch
    {
        Stance.Asserts => "asserts",
        Stance.Endorses => "agrees with",
        Stance.Denies => "denies",
        Stance.Questions => "questions",
        Stance.Doubts => "doubts",
        _ => stance.ToString().ToLowerInvariant(),
    };

    /// <summary>What a claim has from an actor: "asserted by", "endorsed by", "denied by"…</summary>
    public static string Passive(Stance stance) => stance switch
    {
        Stance.Asserts => "asserted by",
        Stance.Endorses => "endorsed by",
        Stance.Denies => "denied by",
        Stance.Questions => "questioned by",
        Stance.Doubts => "doubted by",
        _ => stance.ToString().ToLowerInvariant() + " by",
    };
}
