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

    public SuggestionContext(string text, IReadOnlyList<KnownActor> actors, string? outlet = null)
    {
        Text = text;
        Paragraphs = TextSegmenter.Paragraphs(text);
        Quotations = QuotationFinder.Find(text);
        Sentences = TextSegmenter.Sentences(text, Quotations);
        Tokens = new SentenceTokens(text, Sentences);
        Actors = new ActorResolver(text, actors, Quotations, Sentences, Tokens);
        Clauses = new ContentClauses(text, Quotations, Actors, Tokens);
        Outlet = string.IsNullOrWhiteSpace(outlet) ? null : OutletActor(outlet.Trim(), actors);
    }

    /// <summary>The outlet that published the text, as a known actor when one has its name or alias; its narration is proposed.</summary>
    public ActorRef? Outlet { get; }

    private ActorRef OutletActor(string outlet, IReadOnlyList<KnownActor> known)
    {
        static string Plain(string s) => s.Replace('’', '\'').Trim();
        var match = known.Where(a => a.Kind == ActorKind.Outlet).Concat(known)
            .FirstOrDefault(a => a.Aliases.Append(a.Name).Any(n => string.Equals(Plain(n), Plain(outlet), StringComparison.OrdinalIgnoreCase)));
        if (match is not null && Actors.MentionsIn(new TextRange(0, Text.Length)).FirstOrDefault(m => m.Candidates.Any(c => c.Id == match.Id)) is { } mention)
        {
            return mention.Candidates.First(c => c.Id == match.Id);
        }
        return match is not null ? new ActorRef(match.Name, match, isPerson: false) : new ActorRef(outlet, null, isPerson: false);
    }

    public string Text { get; }
    public IReadOnlyList<TextRange> Paragraphs { get; }
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

    /// <summary>Words without quotation marks, leading "that" or trailing punctuation (pronouns are settled at the end, <see cref="ClaimWording"/>).</summary>
    public static string Neutral(string words) => ClaimProposer.Neutral(words);

    /// <summary>
    /// The words of a range made neutral, with names for role phrases and for an organisation's common-noun alias:
    /// "the Ukrainian leader is …" → "Volodymyr Zelensky is …", "the company's figures" → "Nordhav's figures".
    /// </summary>
    public string Neutral(TextRange range)
    {
        var sb = new System.Text.StringBuilder();
        var at = range.Start;
        foreach (var m in Actors.MentionsIn(range).Where(m => range.Contains(m.Range)))
        {
            var actor = Actors.Resolve(m);
            string? name = null;
            if (!m.Possessive && (m.Kind == MentionKind.Role || (m.Surface.StartsWith("the ", StringComparison.Ordinal) && actor.IsPerson)))
            {
                name = actor.Name;
            }
            else if (!actor.IsPerson && m.Kind == MentionKind.Alias && m.Surface.StartsWith("the ", StringComparison.Ordinal)
                     && m.Surface.Length > 5 && char.IsLower(m.Surface[4]))
            {
                name = ClaimWording.NameOf(actor);
            }
            if (name is not null)
            {
                sb.Append(Text, at, m.Range.Start - at).Append(name);
                at = m.Range.End;
            }
        }
        sb.Append(Text, at, range.End - at);
        return ClaimProposer.Neutral(sb.ToString());
    }

    /// <summary>
    /// Who says a quotation that is a paragraph of its own (a block quotation): after a paragraph ending in a colon
    /// ("The letter … ends:"), whoever was last found speaking there; after a paragraph that ends with someone's
    /// quotation, that speaker going on; else the person that paragraph opens with ("Anne Moen has trimmed fillets …").
    /// </summary>
    public (ActorRef Actor, string Cue)? BlockQuoteSpeaker(Quotation q, Sentence sentence)
    {
        // Paragraphs are trimmed, so a quotation that is the whole paragraph opens at its start and closes at its end
        // (positions compared, not text scanned: a long paragraph of many quotations stays linear).
        var paragraph = Paragraphs[sentence.Paragraph];
        if (sentence.Paragraph == 0 || q.Open != paragraph.Start || q.Close < paragraph.End)
        {
            return null;
        }
        var previous = Paragraphs[sentence.Paragraph - 1];
        if (Text[previous.End - 1] == ':')
        {
            return Actors.LastSpeakerIn(previous) is { } speaker
                ? (speaker, $"block quotation after '…{Text[Math.Max(previous.Start, previous.End - 30)..previous.End].TrimStart()}'; {speaker} spoke last there")
                : null;
        }
        if (LastDraftInParagraph(sentence.Paragraph - 1, previous.End) is { Mode: AttributionMode.DirectQuote } last && previous.End - last.Span.End <= 40)
        {
            return (last.Actor, $"block quotation continuing {last.Actor}'s quotation in the paragraph before");
        }
        if (Actors.MentionStartingAt(previous.Start) is { Possessive: false } m && Actors.Resolve(m).IsPerson)
        {
            return (Actors.Resolve(m), $"block quotation after a paragraph about {Actors.Resolve(m)}");
        }
        var named = Actors.Persons.Before(previous.Start + 1).FirstOrDefault();
        return named.Actor is not null && named.Range.Start == previous.Start
            ? (named.Actor, $"block quotation after a paragraph about {named.Actor} (not a known actor)")
            : null;
    }

    public int BoundaryBefore(int position, Sentence sentence) => SentenceText.BoundaryBefore(Text, Quotations, position, sentence);
}
