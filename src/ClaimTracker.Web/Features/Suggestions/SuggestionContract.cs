using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions;

/// <summary>An actor the suggester can recognise in a text: by name, by alias, or by role ("the Ukrainian leader").</summary>
public sealed record KnownActor(int Id, string Name, IReadOnlyList<string> Aliases, ActorKind Kind, string? Role, string? Country);

/// <summary>A claim already tracked, which a suggestion may turn out to repeat.</summary>
public sealed record KnownClaim(int Id, string Text);

/// <summary>
/// One proposed attribution: who (<see cref="Actor"/>, and <see cref="ActorId"/> when it is a known actor), their stance,
/// how the text renders it, and the span <c>text[Start..End)</c> (UTF-16 offsets, end exclusive) that <see cref="Quote"/> copies.
/// <see cref="Claim"/> is the proposed claim in neutral words; <see cref="ClaimId"/> and <see cref="Similarity"/> (0–1) are set
/// when an existing claim says much the same. <see cref="Cue"/> explains to the reviewer why the engine proposed it
/// ("reporting verb 'said'; 'he' resolved to Volodymyr Zelensky"). <see cref="ActorRole"/> is the office or title the text
/// gives an actor no known actor stands for ("Transport Minister" for "Transport Minister Jonas Berg"), kept out of the name.
/// </summary>
public sealed record SuggestedAttribution(
    string Actor,
    int? ActorId,
    Stance Stance,
    AttributionMode Mode,
    string Quote,
    int Start,
    int End,
    string Claim,
    int? ClaimId,
    double? Similarity,
    string Cue,
    string? ActorRole = null);

/// <summary>
/// Reads a text and proposes who said what in it. Pure: no database, same input, same output. <c>outlet</c> is the
/// outlet that published the text ("Reuters"), when known: its own assertions are then proposed too (Narration).
/// </summary>
public interface IAttributionSuggester
{
    IReadOnlyList<SuggestedAttribution> Suggest(string text, IReadOnlyList<KnownActor> actors, IReadOnlyList<KnownClaim> claims, string? outlet = null);
}
