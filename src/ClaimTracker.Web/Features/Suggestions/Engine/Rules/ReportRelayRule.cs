using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine.Rules;

/// <summary>
/// Whoever speaks inside a report's content is known only through it ("a Reuters report said …", "…, the Gazette
/// reported"): their statements become Reported, and the report's own statement goes.
/// </summary>
internal sealed class ReportRelayRule(SuggestionContext context) : SentenceRule(context)
{
    public override string Name => "report relay";

    public override void Apply(SentenceWork work)
    {
        ApplyReports(work.Sentence, work.Events);
    }

    /// <summary>
    /// Whoever speaks inside a report's content is known only through it: their suggestions become Reported and the
    /// report's own suggestion goes. When nobody speaks inside but the content opens with an actor ("US officials have
    /// been pressing …, Reuters reports"), that actor's position is what is reported.
    /// </summary>
    private void ApplyReports(Sentence sentence, List<ReportingEvent> events)
    {
        foreach (var report in events.ToList())
        {
            var relay = report.Relays ?? (report.Subject.Actors.Count == 1 && IsOutlet(report.Subject.Actor) ? new ReportRef(report.Subject.Actor.Name, report.Subject.Actor) : null);
            if (relay is null)
            {
                continue;
            }
            var inner = events.Where(e => e != report && report.Content.Contains(new TextRange(e.Anchor, e.Anchor + 1))).ToList();
            foreach (var e in inner)
            {
                e.Mode = AttributionMode.Reported;
                e.Cue += $"; known through '{relay.Phrase}'";
            }
            if (inner.Count > 0)
            {
                report.Dropped = true;
                continue;
            }
            var lead = LeadingActor(report.Content, sentence);
            if (lead is not null && lead.Actor != relay.Outlet)
            {
                var end = Clauses.EndFrom(report.Content.Start, sentence, breakAtAnyComma: true);
                var span = new TextRange(report.Content.Start, Math.Min(end, report.Content.End));
                events.Add(new ReportingEvent
                {
                    Rule = Name,
                    Subject = lead,
                    Stance = Stance.Asserts,
                    Mode = AttributionMode.Reported,
                    Span = span,
                    Content = span,
                    ClaimWords = span.Of(Text),
                    Cue = $"position of {lead.Cue}, known through '{relay.Phrase}'",
                    Anchor = span.Start,
                    Relays = null,
                });
                report.Dropped = true;
            }
            else if (report.Relays is not null && relay.Outlet is null)
            {
                report.Dropped = true; // "according to a report" with nobody to attribute it to
            }
        }
    }

    private Subject? LeadingActor(TextRange content, Sentence sentence)
    {
        var tokens = Tokens.In(content);
        var k = 0;
        while (k < tokens.Count && (tokens[k].Is("but") || tokens[k].Is("and") || tokens[k].Is("still")))
        {
            k++;
        }
        if (k >= tokens.Count)
        {
            return null;
        }
        if (Actors.MentionStartingAt(tokens[k].Range.Start) is { Possessive: false } m)
        {
            return new Subject([Actors.Resolve(m)], m.Range, Describe(m));
        }
        return null;
    }

    private static string Describe(ActorMention m) => $"'{m.Surface}'";

    internal static bool IsOutlet(ActorRef actor) => actor.Known?.Kind == ActorKind.Outlet;
}
