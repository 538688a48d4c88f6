using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine.Rules;

/// <summary>
/// "Moscow's desire to …", "the union's refusal to …": a possessive actor before a stance noun; "a claim by the Green
/// Party that …", "warnings from the regulator that …": the actor after "by" or "from" holds what follows "that".
/// </summary>
internal sealed class StanceNounRule(SuggestionContext context) : SentenceRule(context)
{
    public override string Name => "stance noun";

    public override void Apply(SentenceWork work)
    {
        foreach (var d in StanceNouns(work.Sentence, work.Events).Concat(ClaimsBy(work.Sentence)).ToList())
        {
            Context.Add(d, work.Drafts);
        }
    }

    private IEnumerable<Draft> StanceNouns(Sentence sentence, List<ReportingEvent> events)
    {
        foreach (var m in Actors.MentionsIn(sentence.Range).Where(m => m.Possessive && sentence.Range.Contains(m.Range.Start)))
        {
            var after = Tokens.In(new TextRange(m.Range.End, sentence.Range.End)).Where(t => t.IsWord && t.Text != "s").Take(2).ToList();
            if (after.Count < 2 || !after[0].IsAny(WordLists.StanceNouns) || after[1].Text is not ("to" or "that" or "for"))
            {
                continue;
            }
            var end = Clauses.EndFrom(after[0].Range.End, sentence);
            var span = new TextRange(m.Range.Start, end);
            var stance = after[0].IsAny(WordLists.DenialNouns) ? Stance.Denies : after[0].IsAny(WordLists.DoubtNouns) ? Stance.Doubts : Stance.Asserts;
            var relay = events.FirstOrDefault(e => (e.Relays is not null || (e.Subject.Actors.Count == 1 && ReportRelayRule.IsOutlet(e.Subject.Actor))) && e.Content.Contains(span));
            var actor = Actors.Resolve(m);
            yield return new Draft(actor, stance, relay is null ? AttributionMode.Paraphrase : AttributionMode.Reported, span,
                span.Of(Text), $"stance noun '{after[0].Text}' of {m.Surface}" + (relay is null ? "" : $"; known through '{relay.Subject.Cue}'"),
                null, sentence.Paragraph, Name);
        }
    }

    private IEnumerable<Draft> ClaimsBy(Sentence sentence)
    {
        var tokens = Tokens.In(sentence.Range);
        for (var k = 0; k + 3 < tokens.Count; k++)
        {
            if (!(tokens[k].IsAny(WordLists.StanceNouns) || tokens[k].IsAny(WordLists.BackReferenceNouns)) || !(tokens[k + 1].Is("by") || tokens[k + 1].Is("from"))
                || QuotationFinder.At(Quotations, tokens[k].Range.Start) is not null
                || Actors.MentionStartingAt(tokens[k + 2].Range.Start) is not { Possessive: false } m)
            {
                continue;
            }
            var rest = Tokens.In(new TextRange(m.Range.End, sentence.Range.End));
            if (rest.Count < 2 || !rest[0].Is("that"))
            {
                continue;
            }
            var span = new TextRange(rest[1].Range.Start, Clauses.EndFrom(rest[1].Range.Start, sentence));
            if (span.Length == 0)
            {
                continue;
            }
            yield return new Draft(Actors.Resolve(m), Stance.Asserts, AttributionMode.Paraphrase, span, span.Of(Text),
                $"'{tokens[k].Text} {tokens[k + 1].Text} {m.Surface} that': {MentionIndex.Describe(m)}", null, sentence.Paragraph, Name);
        }
    }
}
