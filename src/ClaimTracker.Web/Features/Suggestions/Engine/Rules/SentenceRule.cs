namespace ClaimTracker.Web.Features.Suggestions.Engine.Rules;

/// <summary>
/// One family of rules, applied to each sentence in turn by <see cref="SuggestionAnalysis"/>. A rule either finds
/// reporting events (a speaker, a verb, a content), changes the events found before it, or makes drafts; the order of
/// the rules is the order of the analysis.
/// </summary>
internal interface ISuggestionRule
{
    /// <summary>What the evaluation credits this rule's suggestions to.</summary>
    string Name { get; }

    void Apply(SentenceWork work);
}

/// <summary>What the rules have found in one sentence so far.</summary>
internal sealed class SentenceWork(Sentence sentence, IReadOnlyList<VerbMatch> verbs)
{
    public Sentence Sentence { get; } = sentence;

    /// <summary>The reporting verbs of the sentence, found once for every rule that looks at them.</summary>
    public IReadOnlyList<VerbMatch> Verbs { get; } = verbs;

    public List<ReportingEvent> Events { get; } = [];

    /// <summary>The drafts made in this sentence, in the order made.</summary>
    public List<Draft> Drafts { get; } = [];
}

/// <summary>A rule with the shared reading of the text at hand.</summary>
internal abstract class SentenceRule(SuggestionContext context) : ISuggestionRule
{
    public abstract string Name { get; }

    public abstract void Apply(SentenceWork work);

    protected SuggestionContext Context { get; } = context;
    protected string Text => Context.Text;
    protected IReadOnlyList<Quotation> Quotations => Context.Quotations;
    protected SentenceTokens Tokens => Context.Tokens;
    protected ActorResolver Actors => Context.Actors;
    protected ContentClauses Clauses => Context.Clauses;
}
