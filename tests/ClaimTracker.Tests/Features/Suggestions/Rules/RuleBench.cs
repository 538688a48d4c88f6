using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Suggestions;
using ClaimTracker.Web.Features.Suggestions.Engine;
using ClaimTracker.Web.Features.Suggestions.Engine.Rules;

namespace ClaimTracker.Tests.Features.Suggestions.Rules;

/// <summary>Runs only the rules a test names over a text, sentence by sentence, and keeps what they found.</summary>
internal sealed class RuleBench
{
    public static readonly KnownActor Lopez = new(1, "Maria Lopez", [], ActorKind.Person, "Water Commissioner", "United States");
    public static readonly KnownActor Castillo = new(2, "Henry Castillo", [], ActorKind.Person, "Mayor of Lakeside", "United States");
    public static readonly KnownActor Kremlin = new(3, "Russian government", ["the Kremlin", "Moscow"], ActorKind.Government, null, "Russia");
    public static readonly KnownActor Gazette = new(6, "Lakeside Gazette", ["the Gazette"], ActorKind.Outlet, null, null);

    private RuleBench(SuggestionContext context, List<ReportingEvent> events)
    {
        Context = context;
        Events = events;
    }

    public SuggestionContext Context { get; }

    /// <summary>Every reporting event of every sentence, dropped ones included.</summary>
    public List<ReportingEvent> Events { get; }

    public IReadOnlyList<ReportingEvent> LiveEvents => Events.Where(e => !e.Dropped).ToList();

    public IReadOnlyList<Draft> Drafts => Context.Drafts;

    public string Of(TextRange range) => range.Of(Context.Text);

    public static RuleBench Run(string text, Func<SuggestionContext, IEnumerable<ISuggestionRule>> rules)
    {
        var context = new SuggestionContext(text, [Lopez, Castillo, Kremlin, Gazette]);
        var list = rules(context).ToList();
        var events = new List<ReportingEvent>();
        foreach (var sentence in context.Sentences)
        {
            var work = new SentenceWork(sentence, ReportingVerbLexicon.Find(context.Text, sentence.Range, context.Quotations));
            foreach (var rule in list)
            {
                rule.Apply(work);
            }
            events.AddRange(work.Events);
        }
        return new RuleBench(context, events);
    }

    /// <summary>The event rules as the analysis runs them, up to and including <paramref name="last"/> of them.</summary>
    public static IEnumerable<ISuggestionRule> EventRules(SuggestionContext c, int last = 4)
    {
        ISuggestionRule[] all = [new ReportingVerbRule(c, new PassiveRule(c)), new AccordingToRule(c), new ReportRelayRule(c), new NestedSayingRule(c)];
        return all.Take(last);
    }
}
