using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine.Rules;

/// <summary>
/// A reporting verb inside what someone else is said to have said. "said she doubted X": the inner verb says more than
/// "said", so the outer statement goes. "X said Y had told him that …": X only passes on what Y said, so X's statement
/// goes and Y's is known through X (Reported). "X said Y had proposed …": both stay, Y's known through X.
/// </summary>
internal sealed class NestedSayingRule(SuggestionContext context) : SentenceRule(context)
{
    public override string Name => "nested saying";

    public override void Apply(SentenceWork work)
    {
        DropSayingOfSaying(work.Events);
    }

    private void DropSayingOfSaying(List<ReportingEvent> events)
    {
        foreach (var outer in events.Where(e => e.Stance == Stance.Asserts && e.Relays is null && !e.Dropped))
        {
            var head = Tokens.In(outer.Content).Take(4).ToList();
            if (head.Count == 0)
            {
                continue;
            }
            var inner = events.FirstOrDefault(e => e != outer && !e.Dropped && e.Anchor > outer.Content.Start && e.Anchor <= head[^1].Range.End
                                                   && e.Subject.Actors.SequenceEqual(outer.Subject.Actors));
            if (inner is not null)
            {
                outer.Dropped = true;
                continue;
            }
            foreach (var relayed in events.Where(e => e != outer && !e.Dropped && e.Subject.Actors.Count > 0 && outer.Content.Contains(e.Subject.Range)
                                                      && !e.Subject.Actors.Intersect(outer.Subject.Actors).Any()))
            {
                relayed.Mode = AttributionMode.Reported;
                relayed.Cue += $"; known through {string.Join(" and ", outer.Subject.Actors)}";
                if (PassesOn(outer, relayed))
                {
                    outer.Dropped = true;
                }
            }
        }
    }

    /// <summary>"Lindqvist said Prime Minister Anna Strand had told him that …": the whole content is what Y told X.</summary>
    private bool PassesOn(ReportingEvent outer, ReportingEvent inner)
    {
        if (inner.Lemma != "tell")
        {
            return false;
        }
        var lead = Tokens.In(new TextRange(outer.Content.Start, inner.Subject.Range.Start));
        if (lead.Count > 3 || lead.Any(t => !t.IsWord || !(t.IsCapitalised || t.Is("that"))))
        {
            return false;
        }
        var listener = Tokens.In(new TextRange(inner.Anchor, Math.Min(outer.Content.End, inner.Content.Start))).Skip(1).FirstOrDefault();
        return listener.Text is "him" or "her" or "them" or "me" or "us";
    }
}
