using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine.Rules;

/// <summary>
/// The reporting events that survived the rules before it become drafts, one per speaker, credited to the rule that
/// found the event. Content that is nothing but a quotation is left to <see cref="QuotationRule"/>.
/// </summary>
internal sealed class StatementDrafts(SuggestionContext context) : SentenceRule(context)
{
    public override string Name => "statements";

    public override void Apply(SentenceWork work)
    {
        foreach (var e in work.Events.Where(e => !e.Dropped).OrderBy(e => e.Span.Start))
        {
            if (e.Subject.Actors.Count == 0)
            {
                continue;
            }
            // Content that is nothing but a quotation becomes a direct quote (Reported when relayed), not a paraphrase.
            var onlyQuote = Context.QuotationsTouching(e.Content).FirstOrDefault(q => q.Outer.Contains(e.Content) || (e.Content.Contains(q.Words) && e.Content.Length <= q.Outer.Length + 2));
            if (onlyQuote is not null)
            {
                continue;
            }
            foreach (var actor in e.Subject.Actors)
            {
                var words = e.ClaimWords == e.Content.Of(Text) ? Context.Neutral(e.Content) : SuggestionContext.Neutral(e.ClaimWords);
                var refersTo = e.RefersBack ? work.Drafts.LastOrDefault(d => d.Span.End <= e.Span.Start) ?? e.RefersTo : e.RefersTo;
                var draft = new Draft(actor, e.Stance, e.Mode, e.Span, words, e.Cue, refersTo, work.Sentence.Paragraph, e.Rule);
                Context.Add(draft, work.Drafts);
            }
        }
    }
}
