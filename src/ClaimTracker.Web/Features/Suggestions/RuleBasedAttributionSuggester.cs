using ClaimTracker.Web.Features.Suggestions.Engine;

namespace ClaimTracker.Web.Features.Suggestions;

/// <summary>
/// Proposes attributions with plain rules over English news copy: quotations and their reporting clauses, reporting
/// verbs with their subjects and content clauses, "according to", reports relayed by an outlet, passives ("questioned
/// by"), reactions ("a stance that irritated Kyiv") and stance nouns ("Moscow's desire to …"). Speakers are resolved to
/// known actors by name, surname, alias and role, pronouns to the person who spoke last, and unknown names are proposed
/// as they appear. Deterministic and free of I/O, so it is a singleton.
/// </summary>
public sealed class RuleBasedAttributionSuggester : IAttributionSuggester
{
    public IReadOnlyList<SuggestedAttribution> Suggest(string text, IReadOnlyList<KnownActor> actors, IReadOnlyList<KnownClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(actors);
        ArgumentNullException.ThrowIfNull(claims);
        return text.Length == 0 ? [] : new SuggestionAnalysis(text, actors, claims).Run();
    }
}
