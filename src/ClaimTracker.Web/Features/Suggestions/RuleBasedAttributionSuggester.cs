using ClaimTracker.Web.Features.Suggestions.Engine;

namespace ClaimTracker.Web.Features.Suggestions;

/// <summary>
/// Proposes attributions with plain rules over English news copy: quotations and their reporting clauses, reporting
/// verbs with their subjects and content clauses, "according to", reports relayed by an outlet, passives ("questioned
/// by"), reactions ("a stance that irritated Kyiv"), stance nouns ("Moscow's desire to …") and, when told the outlet,
/// its own narration. Speakers are resolved to known actors by name, surname, alias and role, pronouns to the person who
/// spoke last, and unknown names are proposed as they appear (a title becomes the role). Deterministic and free of
/// I/O, so it is a singleton.
/// </summary>
public sealed class RuleBasedAttributionSuggester : IAttributionSuggester
{
    public IReadOnlyList<SuggestedAttribution> Suggest(string text, IReadOnlyList<KnownActor> actors, IReadOnlyList<KnownClaim> claims, string? outlet = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(actors);
        ArgumentNullException.ThrowIfNull(claims);
        return text.Length == 0 ? [] : new SuggestionAnalysis(text, actors, claims, outlet).Run();
    }
}
