using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine.Rules;

/// <summary>"said she doubted X": the inner verb says more than "said", so the outer statement goes.</summary>
internal sealed class NestedSayingRule(SuggestionContext context) : SentenceRule(context)
{
    public override string Name => "nested saying";

    public override void Apply(SentenceWork work)
    {
        DropSayingOfSaying(work.Events);
    }

    /// <summary>"said she doubted X": the inner verb says more than "said", so the outer statement goes.</summary>
    private void DropSayingOfSaying(List<ReportingEvent> events)
    {
        foreach (var outer in events.Where(e => e.Stance == Stance.Asserts && e.Relays is null))
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
            }
        }
    }
}
