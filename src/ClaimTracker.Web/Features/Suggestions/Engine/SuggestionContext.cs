using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>
/// What the rules share over one text: the text read once (quotations, sentences, tokens, actor mentions, content
/// clauses) and the suggestions made so far, which later rules look back on ("the last thing X said").
/// </summary>
internal sealed class SuggestionContext
{
    private readonly List<Draft> _drafts = [];

    // Each actor's drafts in the order made, so that "the last thing X said" does not go through everyone's.
    private readonly Dictionary<ActorRef, List<Draft>> _draftsBy = [];

    public SuggestionContext(string text, IReadOnlyList<KnownActor> actors)
    {
        Text = text;
        Quotations = QuotationFinder.Find(text);
        Sentences = TextSegmenter.Sentences(text, Quotations);
        Tokens = new SentenceTokens(text, Sentences);
        Actors = new ActorResolver(text, actors, Quotations, Sentences, Tokens);
        Clauses = new ContentClauses(text, Quotations, Actors, Tokens);
    }

    public string Text { get; }
    public IReadOnlyList<Quotation> Quotations { get; }
    public IReadOnlyList<Sentence> Sentences { get; }
    public SentenceTokens Tokens { get; }
    public ActorResolver Actors { get; }
    public ContentClauses Clauses { get; }

    /// <summary>Every draft made so far, in the order made.</summary>
    public IReadOnlyList<Draft> Drafts => _drafts;

    /// <summary>
    /// The quotations (in text order) whose marks reach <paramref name="range"/> or touch it: the only ones that can
    /// contain it or lie inside it.
    /// </summary>
    public IEnumerable<Quotation> QuotationsTouching(TextRange range)
    {
        var (lo, hi) = (Math.Min(range.Start, range.End), Math.Max(range.Start, range.End));
        for (var k = QuotationFinder.FirstClosingAfter(Quotations, lo - 1); k < Quotations.Count && Quotations[k].Open <= hi; k++)
        {
            yield return Quotations[k];
        }
    }

    /// <summary>The last draft of <paramref name="actor"/> that ends by <paramref name="position"/>.</summary>
    public Draft? LastDraftOf(ActorRef actor, int position) =>
        _draftsBy.TryGetValue(actor, out var drafts) ? drafts.LastOrDefault(d => d.Span.End <= position) : null;

    /// <summary>The last draft of <paramref name="paragraph"/> that ends by <paramref name="position"/>.</summary>
    public Draft? LastDraftInParagraph(int paragraph, int position)
    {
        // Drafts are made sentence by sentence, so their paragraphs never decrease: stop at the paragraph before.
        for (var k = _drafts.Count - 1; k >= 0 && _drafts[k].Paragraph >= paragraph; k--)
        {
            if (_drafts[k].Paragraph == paragraph && _drafts[k].Span.End <= position)
            {
                return _drafts[k];
            }
        }
        return null;
    }

    /// <summary>A new draft, also known from here on as a speaker at its place (for "he"/"she").</summary>
    public void Add(Draft draft, List<Draft> sentenceDrafts)
    {
        _drafts.Add(draft);
        if (!_draftsBy.TryGetValue(draft.Actor, out var byActor))
        {
            _draftsBy[draft.Actor] = byActor = [];
        }
        byActor.Add(draft);
        sentenceDrafts.Add(draft);
        Actors.RecordSpeaker(draft.Span.Start, draft.Actor);
    }

    public string Neutral(string words, ActorRef actor, bool firstPerson) => ClaimProposer.Neutral(words, actor, firstPerson);

    /// <summary>The words of a range made neutral, role phrases and pronoun-free: "the Ukrainian leader is …" → "Volodymyr Zelensky is …".</summary>
    public string Neutral(TextRange range, ActorRef actor, bool firstPerson)
    {
        var sb = new System.Text.StringBuilder();
        var at = range.Start;
        foreach (var m in Actors.MentionsIn(range).Where(m => range.Contains(m.Range) && !m.Possessive
                     && (m.Kind == MentionKind.Role || (m.Surface.StartsWith("the ", StringComparison.Ordinal) && Actors.Resolve(m).IsPerson))))
        {
            sb.Append(Text, at, m.Range.Start - at).Append(Actors.Resolve(m).Name);
            at = m.Range.End;
        }
        sb.Append(Text, at, range.End - at);
        return ClaimProposer.Neutral(sb.ToString(), actor, firstPerson);
    }

    public int BoundaryBefore(int position, Sentence sentence) => SentenceText.BoundaryBefore(Text, Quotations, position, sentence);
}
