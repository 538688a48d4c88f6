using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Map;

public enum MapNodeKind
{
    Claim,
    Actor,
}

/// <summary>What an edge of the map stands for: one of the three claim relations, or an actor's stance on a claim.</summary>
public enum MapEdgeKind
{
    Contradicts,
    Supports,
    Qualifies,
    Stance,
}

/// <summary>
/// A claim or an actor on the map. <paramref name="Hop"/> is the number of relations between a claim and the map's
/// starting claims (0 for the claim mapped, or for a topic's own claims); an actor is one step beyond the claims it holds.
/// </summary>
public sealed record MapNode(string Key, MapNodeKind Kind, int Id, string Label, int Hop, bool IsCentre)
{
    public static string ClaimKey(int id) => $"claim-{id}";

    public static string ActorKey(int id) => $"actor-{id}";

    public string Href => Kind == MapNodeKind.Claim ? $"/claims/{Id}" : $"/actors/{Id}";
}

/// <summary>
/// An edge from <paramref name="From"/> to <paramref name="To"/> (node keys). For a relation, From is the claim that
/// contradicts, supports or qualifies To; for a stance, From is the actor and To the claim, and
/// <paramref name="Stances"/> lists every stance the actor took on it (an actor who asserted a claim and later denied it
/// has both), in the order of <see cref="Stance"/>.
/// </summary>
public sealed record MapEdge(string Key, string From, string To, MapEdgeKind Kind, IReadOnlyList<Stance> Stances)
{
    /// <summary>Support and qualification point from one claim to the other; contradiction is mutual; a stance is the actor's.</summary>
    public bool Directed => Kind is MapEdgeKind.Supports or MapEdgeKind.Qualifies;

    /// <summary>The words drawn on the edge: the relation, or the actor's stances ("asserts, denies").</summary>
    public string Label => Kind switch
    {
        MapEdgeKind.Contradicts => "contradicts",
        MapEdgeKind.Supports => "supports",
        MapEdgeKind.Qualifies => "qualifies",
        _ => string.Join(", ", Stances.Select(s => s.Verb())),
    };

    /// <summary>For a stance edge: every stance is for the claim, every one against it, or some of each.</summary>
    public string Leaning => Kind != MapEdgeKind.Stance ? ""
        : Stances.All(s => !s.IsChallenge()) ? "for"
        : Stances.All(s => s.IsChallenge()) ? "against"
        : "mixed";

    public static MapEdge Relation(int relationId, int fromClaim, int toClaim, RelationType type) =>
        new($"relation-{relationId}", MapNode.ClaimKey(fromClaim), MapNode.ClaimKey(toClaim), type switch
        {
            RelationType.Contradicts => MapEdgeKind.Contradicts,
            RelationType.Supports => MapEdgeKind.Supports,
            _ => MapEdgeKind.Qualifies,
        }, []);

    public static MapEdge Holding(int actorId, int claimId, IReadOnlyList<Stance> stances) =>
        new($"stance-{actorId}-{claimId}", MapNode.ActorKey(actorId), MapNode.ClaimKey(claimId), MapEdgeKind.Stance, stances);
}

/// <summary>What the map was asked for: how many relations out, and whether the actors are drawn.</summary>
public sealed record MapOptions(int Hops = 1, bool Actors = false)
{
    public const int MaxHops = 2;

    /// <summary>The hops asked for in the address, held to 1 or 2 (anything else, or nothing, is the default of 1).</summary>
    public static int HopsFrom(string? text) => int.TryParse(text, out var hops) && hops is >= 1 and <= MaxHops ? hops : 1;

    /// <summary>"actors=true" or "actors=1" in the address shows the actors; anything else does not.</summary>
    public static bool ActorsFrom(string? text) => text is not null && (text == "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// What the map had to leave out to stay readable: claims beyond the node cap, actors beyond the few most active per
/// claim, relations beyond the edge cap. Each is only "there are more", found by reading one row past the cap.
/// </summary>
public sealed record MapLimits(bool MoreClaims, bool MoreActors, bool MoreEdges)
{
    public static readonly MapLimits None = new(false, false, false);

    public bool Any => MoreClaims || MoreActors || MoreEdges;
}

/// <summary>
/// A claim map: claims related to one claim (or holding one topic), one or two relations out, optionally with the
/// actors who hold them. Nodes are in the order they were reached: starting claims, then hop by hop, then actors.
/// </summary>
public sealed record ClaimGraph(
    int? CentreClaimId,
    string? Topic,
    MapOptions Options,
    IReadOnlyList<MapNode> Nodes,
    IReadOnlyList<MapEdge> Edges,
    MapLimits Limits)
{
    /// <summary>Only the starting claim or claims, with no relation among them or out of them.</summary>
    public bool HasNoRelations => !Edges.Any(e => e.Kind != MapEdgeKind.Stance);

    public int ClaimCount => Nodes.Count(n => n.Kind == MapNodeKind.Claim);

    public int ActorCount => Nodes.Count(n => n.Kind == MapNodeKind.Actor);

    public MapNode? Centre => CentreClaimId is int id ? Nodes.FirstOrDefault(n => n.Kind == MapNodeKind.Claim && n.Id == id) : null;
}
