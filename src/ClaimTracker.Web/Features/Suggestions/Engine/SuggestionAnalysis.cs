using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Suggestions.Engine.Rules;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>A suggestion and the rule that made it (for the evaluation; the product shows the cue instead).</summary>
internal sealed record CreditedSuggestion(SuggestedAttribution Suggestion, string Rule);

/// <summary>
/// One run of the rules over one text: each sentence goes through every rule in order, then the drafts are sorted,
/// repeats dropped, and each gets its claim.
/// </summary>
internal sealed class SuggestionAnalysis
{
    private readonly SuggestionContext _context;
    private readonly ClaimProposer _claims;
    private readonly ClaimWording _wording;
    private readonly IReadOnlyList<ISuggestionRule> _rules;

    public SuggestionAnalysis(string text, IReadOnlyList<KnownActor> actors, IReadOnlyList<KnownClaim> claims, string? outlet = null)
    {
        _context = new SuggestionContext(text, actors, outlet);
        _claims = new ClaimProposer(claims);
        _wording = new ClaimWording(_context);
        var passives = new PassiveRule(_context);
        _rules =
        [
            // Reporting events: who, by which verb, with what content.
            new ReportingVerbRule(_context, passives),
            new AccordingToRule(_context),
            // Changes to the events found: relayed through a report, or a "said" around a more telling verb.
            new ReportRelayRule(_context),
            new NestedSayingRule(_context),
            new StatementDrafts(_context),
            // Drafts of their own, some taking up the drafts made before them in the sentence.
            new ReactionRule(_context),
            new StanceNounRule(_context),
            passives,
            new QuotationRule(_context),
            // Last: the outlet's own words are what no one else was credited with.
            new NarrationRule(_context),
        ];
    }

    /// <summary>The rules in the order they run, for tests and the evaluation.</summary>
    public IReadOnlyList<ISuggestionRule> Rules => _rules;

    public IReadOnlyList<SuggestedAttribution> Run() => RunCredited().Select(c => c.Suggestion).ToList();

    public IReadOnlyList<CreditedSuggestion> RunCredited()
    {
        foreach (var sentence in _context.Sentences)
        {
            var work = new SentenceWork(sentence, ReportingVerbLexicon.Find(_context.Text, sentence.Range, _context.Quotations));
            foreach (var rule in _rules)
            {
                rule.Apply(work);
            }
        }
        var result = new List<CreditedSuggestion>();
        foreach (var d in OnePerSpan(_context.Drafts, _context.Text))
        {
            var claim = ClaimOf(d);
            var role = d.Actor.Known is null ? d.Actor.Role : null;
            // The cue is what the review queue keeps: it says the role too.
            var cue = role is null || d.Cue.Contains($"role '{role}'", StringComparison.Ordinal) ? d.Cue : $"{d.Cue}; role '{role}'";
            result.Add(new CreditedSuggestion(new SuggestedAttribution(d.Actor.Name, d.Actor.Id, d.Stance, d.Mode, d.Span.Of(_context.Text), d.Span.Start,
                d.Span.End, claim.Text, claim.ClaimId, claim.Similarity, cue, role), d.Rule));
        }
        return result;
    }

    /// <summary>
    /// The drafts in text order, each span proposed once: where rules made drafts of the same words (quotation marks and
    /// punctuation around them aside), the best one's rule keeps its drafts (a known actor before a name found in the
    /// text, then the rule that ran first), one per actor. Several actors of one rule on one span stay ("Kyiv, European
    /// capitals and members of Congress" irritated).
    /// </summary>
    internal static IReadOnlyList<Draft> OnePerSpan(IReadOnlyList<Draft> drafts, string? text = null)
    {
        var order = drafts.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);
        var result = new List<Draft>();
        foreach (var span in drafts.Where(d => d.Span.Length > 0).GroupBy(d => text is null ? d.Span : Words(text, d.Span))
                     .OrderBy(g => g.Min(d => d.Span.Start)).ThenBy(g => g.Min(d => d.Span.End)))
        {
            var ranked = span.OrderBy(d => d.Actor.Id is null).ThenBy(d => d.Mode == AttributionMode.Narration).ThenBy(d => order[d]).ToList();
            var rule = ranked[0].Rule;
            result.AddRange(ranked.Where(d => d.Rule == rule).DistinctBy(d => d.Actor.Name).OrderBy(d => d.Actor.Name, StringComparer.Ordinal));
        }
        return result.OrderBy(d => d.Span.Start).ThenBy(d => d.Span.End).ThenBy(d => d.Actor.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>A span without the quotation marks, spaces and punctuation around its words.</summary>
    private static TextRange Words(string text, TextRange span)
    {
        var (start, end) = (span.Start, span.End);
        while (start < end && text[start] is '"' or '“' or '”' or '„' or '«' or '»' or ' ' or ',' or '.' or ';' or ':')
        {
            start++;
        }
        while (end > start && text[end - 1] is '"' or '“' or '”' or '„' or '«' or '»' or ' ' or ',' or '.' or ';' or ':')
        {
            end--;
        }
        return new TextRange(start, end);
    }

    private ProposedClaim ClaimOf(Draft d)
    {
        if (d.Claim is not null)
        {
            return d.Claim;
        }
        d.Claim = d.RefersTo is not null ? ClaimOf(d.RefersTo) : _claims.Propose(_wording.Finish(d));
        return d.Claim;
    }
}
