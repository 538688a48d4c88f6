using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>A reporting event: who, by which verb, with what content (before it becomes one or more suggestions).</summary>
internal sealed class ReportingEvent
{
    public required Subject Subject { get; init; }
    public required Stance Stance { get; set; }
    public AttributionMode Mode { get; set; } = AttributionMode.Paraphrase;
    public required TextRange Span { get; set; }
    public required TextRange Content { get; set; }
    public required string ClaimWords { get; set; }
    public required string Cue { get; set; }
    public int Anchor { get; init; }

    /// <summary>A report ("a Reuters report said …"): whoever speaks inside its content is known only through it.</summary>
    public ReportRef? Relays { get; set; }

    /// <summary>The claim of an earlier suggestion this one refers back to ("agreed with Trump's assessment").</summary>
    public Draft? RefersTo { get; set; }

    /// <summary>Takes up the statement made just before it in the sentence ("a pledge the minister dismissed").</summary>
    public bool RefersBack { get; init; }

    public bool Dropped { get; set; }
}

/// <summary>A suggestion being built.</summary>
internal sealed class Draft(ActorRef actor, Stance stance, AttributionMode mode, TextRange span, string claimWords, string cue, Draft? refersTo, int paragraph)
{
    public ActorRef Actor { get; } = actor;
    public Stance Stance { get; } = stance;
    public AttributionMode Mode { get; } = mode;
    public TextRange Span { get; } = span;

    /// <summary>The words the claim is made from; both halves of a split quotation share the joined words.</summary>
    public string ClaimWords { get; set; } = claimWords;

    public string Cue { get; } = cue;
    public Draft? RefersTo { get; } = refersTo;
    public int Paragraph { get; } = paragraph;
    public ProposedClaim? Claim { get; set; }
}

/// <summary>One run of the rules over one text.</summary>
internal sealed class SuggestionAnalysis
{
    private readonly string _text;
    private readonly IReadOnlyList<Quotation> _quotations;
    private readonly IReadOnlyList<Sentence> _sentences;
    private readonly ActorResolver _actors;
    private readonly ContentClauses _clauses;
    private readonly SentenceTokens _tokens;
    private readonly ClaimProposer _claims;
    private readonly List<Draft> _drafts = [];

    // Each actor's drafts in the order made, so that "the last thing X said" does not go through everyone's.
    private readonly Dictionary<ActorRef, List<Draft>> _draftsBy = [];

    public SuggestionAnalysis(string text, IReadOnlyList<KnownActor> actors, IReadOnlyList<KnownClaim> claims)
    {
        _text = text;
        _quotations = QuotationFinder.Find(text);
        _sentences = TextSegmenter.Sentences(text, _quotations);
        _tokens = new SentenceTokens(text, _sentences);
        _actors = new ActorResolver(text, actors, _quotations, _sentences, _tokens);
        _clauses = new ContentClauses(text, _quotations, _actors, _tokens);
        _claims = new ClaimProposer(claims);
    }

    public IReadOnlyList<SuggestedAttribution> Run()
    {
        foreach (var sentence in _sentences)
        {
            AnalyseSentence(sentence);
        }
        var seen = new HashSet<(string, int, int, Stance)>();
        var result = new List<SuggestedAttribution>();
        foreach (var d in _drafts.OrderBy(d => d.Span.Start).ThenBy(d => d.Span.End).ThenBy(d => d.Actor.Name, StringComparer.Ordinal))
        {
            if (d.Span.Length == 0 || !seen.Add((d.Actor.Name, d.Span.Start, d.Span.End, d.Stance)))
            {
                continue;
            }
            var claim = ClaimOf(d);
            result.Add(new SuggestedAttribution(d.Actor.Name, d.Actor.Id, d.Stance, d.Mode, d.Span.Of(_text), d.Span.Start,
                d.Span.End, claim.Text, claim.ClaimId, claim.Similarity, d.Cue));
        }
        return result;
    }

    private ProposedClaim ClaimOf(Draft d)
    {
        if (d.Claim is not null)
        {
            return d.Claim;
        }
        d.Claim = d.RefersTo is not null ? ClaimOf(d.RefersTo) : _claims.Propose(d.ClaimWords);
        return d.Claim;
    }

    private void AnalyseSentence(Sentence sentence)
    {
        var events = new List<ReportingEvent>();
        var verbs = ReportingVerbLexicon.Find(_text, sentence.Range, _quotations);
        foreach (var verb in verbs)
        {
            if (events.Any(e => e.Anchor == verb.Range.Start))
            {
                continue;
            }
            var e = FromVerb(verb, sentence, events);
            if (e is not null)
            {
                events.AddRange(e);
            }
        }
        events.AddRange(AccordingTo(sentence, events));
        ApplyReports(sentence, events);
        DropSayingOfSaying(events);

        var sentenceDrafts = new List<Draft>();
        foreach (var e in events.Where(e => !e.Dropped).OrderBy(e => e.Span.Start))
        {
            if (e.Subject.Actors.Count == 0)
            {
                continue;
            }
            // Content that is nothing but a quotation becomes a direct quote below, not a paraphrase.
            var onlyQuote = QuotationsTouching(e.Content).FirstOrDefault(q => q.Outer.Contains(e.Content) || (e.Content.Contains(q.Words) && e.Content.Length <= q.Outer.Length + 2));
            if (onlyQuote is not null && e.Mode != AttributionMode.Reported)
            {
                continue;
            }
            foreach (var actor in e.Subject.Actors)
            {
                var words = e.ClaimWords == e.Content.Of(_text) ? Neutral(e.Content, actor, false) : Neutral(e.ClaimWords, actor, false);
                var refersTo = e.RefersBack ? sentenceDrafts.LastOrDefault(d => d.Span.End <= e.Span.Start) ?? e.RefersTo : e.RefersTo;
                var draft = new Draft(actor, e.Stance, e.Mode, e.Span, words, e.Cue, refersTo, sentence.Paragraph);
                Add(draft, sentenceDrafts);
            }
        }
        foreach (var d in Reactions(sentence).Concat(StanceNouns(sentence, events)))
        {
            Add(d, sentenceDrafts);
        }
        Passives(sentence, verbs, sentenceDrafts);
        QuotationsIn(sentence, events, sentenceDrafts);
    }

    /// <summary>
    /// The quotations (in text order) whose marks reach <paramref name="range"/> or touch it: the only ones that can
    /// contain it or lie inside it.
    /// </summary>
    private IEnumerable<Quotation> QuotationsTouching(TextRange range)
    {
        var (lo, hi) = (Math.Min(range.Start, range.End), Math.Max(range.Start, range.End));
        for (var k = QuotationFinder.FirstClosingAfter(_quotations, lo - 1); k < _quotations.Count && _quotations[k].Open <= hi; k++)
        {
            yield return _quotations[k];
        }
    }

    /// <summary>The last draft of <paramref name="actor"/> that ends by <paramref name="position"/>.</summary>
    private Draft? LastDraftOf(ActorRef actor, int position) =>
        _draftsBy.TryGetValue(actor, out var drafts) ? drafts.LastOrDefault(d => d.Span.End <= position) : null;

    /// <summary>The last draft of <paramref name="paragraph"/> that ends by <paramref name="position"/>.</summary>
    private Draft? LastDraftInParagraph(int paragraph, int position)
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

    private void Add(Draft draft, List<Draft> sentenceDrafts)
    {
        _drafts.Add(draft);
        if (!_draftsBy.TryGetValue(draft.Actor, out var byActor))
        {
            _draftsBy[draft.Actor] = byActor = [];
        }
        byActor.Add(draft);
        sentenceDrafts.Add(draft);
        _actors.RecordSpeaker(draft.Span.Start, draft.Actor);
    }

    private string Neutral(string words, ActorRef actor, bool firstPerson) => ClaimProposer.Neutral(words, actor, firstPerson);

    /// <summary>The words of a range made neutral, role phrases and pronoun-free: "the Ukrainian leader is …" → "Volodymyr Zelensky is …".</summary>
    private string Neutral(TextRange range, ActorRef actor, bool firstPerson)
    {
        var sb = new System.Text.StringBuilder();
        var at = range.Start;
        foreach (var m in _actors.MentionsIn(range).Where(m => range.Contains(m.Range) && !m.Possessive
                     && (m.Kind == MentionKind.Role || (m.Surface.StartsWith("the ", StringComparison.Ordinal) && _actors.Resolve(m).IsPerson))))
        {
            sb.Append(_text, at, m.Range.Start - at).Append(_actors.Resolve(m).Name);
            at = m.Range.End;
        }
        sb.Append(_text, at, range.End - at);
        return ClaimProposer.Neutral(sb.ToString(), actor, firstPerson);
    }

    // ---- reporting verbs -------------------------------------------------------------------------------------------

    private List<ReportingEvent>? FromVerb(VerbMatch verb, Sentence sentence, List<ReportingEvent> earlier)
    {
        if (IsPassive(verb, sentence))
        {
            return null; // handled by Passives, which needs the suggestions made before it
        }
        if (verb.Verb.Lemma == "tell" && ReportingVerbLexicon.WordBefore(_text, verb.Range.Start, sentence.Range.Start) is { } aux
            && aux is "been" or "was" or "were" or "being" or "is" or "are" or "be")
        {
            return null; // "residents have been told …": the subject is the listener, the speaker is not named
        }
        var inverted = InvertedSubject(verb, sentence);
        var subject = inverted ?? _actors.Before(verb.Range.Start, sentence);
        var how = inverted is not null ? "inverted" : "before";
        if (subject is null && (verb.IsParticiple || PrecededByConjunction(verb)))
        {
            // "…, saying only that", "citing X and insisting Y": the speaker of the main clause.
            subject = earlier.LastOrDefault(e => e.Subject.Actors.Count > 0)?.Subject ?? MainSubject(sentence);
            how = "main";
        }
        if (subject is null)
        {
            return null;
        }
        foreach (var actor in subject.Actors)
        {
            // Known as a speaker from here on, so that "said she doubted" finds her within the same sentence.
            _actors.RecordSpeaker(subject.Range.Start, actor);
        }
        var viaThat = false;
        var stance = verb.Verb.Stance;
        var negated = Negated(subject, verb);
        if (negated is not null)
        {
            if (stance is Stance.Asserts)
            {
                return null; // "declined to say", "did not say": nothing was claimed
            }
            stance = stance is Stance.Endorses ? Stance.Denies : Stance.Asserts;
        }
        var cue = $"reporting verb '{verb.Surface}'" + (negated is null ? "" : $" negated by '{negated}'")
                  + $"; speaker {Speaker(subject)}" + (how == "main" ? " (subject of the main clause)" : "");

        var start = inverted is not null ? null : _clauses.StartAfter(verb, sentence, out viaThat);
        if (start is null || ClauseIsEmpty(start.Value, sentence) || (!viaThat && IsOnlyAdjunct(start.Value, sentence))
            || (verb.Verb.Lemma == "tell" && !viaThat && !IsOpeningQuoteAt(start.Value)))
        {
            return ReportingClauseAround(verb, subject, stance, cue, sentence, earlier, inverted is not null)
                   ?? BareStance(verb, subject, stance, cue, sentence);
        }
        var end = _clauses.EndFrom(start.Value, sentence);
        if (end <= start.Value)
        {
            return null;
        }
        var content = new TextRange(start.Value, end);
        var isObject = !viaThat && verb.Verb.Takes(Complement.Object) && !IsOpeningQuoteAt(start.Value);
        var span = content;
        Draft? refersTo = null;
        var refersBack = false;
        if (isObject)
        {
            // "has repeatedly ruled out giving up any territory": the verb phrase carries a denial.
            span = new TextRange(VerbGroupStart(subject, verb), end);
            refersTo = BackReference(content);
            var phraseStart = BoundaryBefore(subject.Range.Start, sentence);
            var head = _tokens.In(new TextRange(phraseStart, subject.Range.Start)).Where(t => t.IsWord).ToList();
            if (phraseStart > sentence.Range.Start && head.Count is >= 2 and <= 3 && (head[0].Is("a") || head[0].Is("an"))
                && head.Any(t => t.IsAny(WordLists.BackReferenceNouns)))
            {
                // "…, a proposal the mayor dismissed as premature": what is dismissed is the statement just made.
                span = TextTrim.Trim(_text, new TextRange(phraseStart, end));
                refersBack = true;
                cue += $"; '{_text[phraseStart..subject.Range.Start].Trim()}' refers back to the statement before it";
            }
        }
        var events = new List<ReportingEvent>
        {
            new()
            {
                Subject = subject, Stance = stance, Span = span, Content = content, ClaimWords = content.Of(_text), Cue = cue,
                Anchor = verb.Range.Start, RefersTo = refersTo, Relays = subject.Report, RefersBack = refersBack,
            },
        };
        // "asserted that X, and that Y": a second content clause of the same verb.
        var from = end;
        while (_clauses.SiblingAfter(from, sentence) is { } sibling)
        {
            var siblingEnd = _clauses.EndFrom(sibling, sentence);
            if (siblingEnd <= sibling)
            {
                break;
            }
            var r = new TextRange(sibling, siblingEnd);
            events.Add(new ReportingEvent
            {
                Subject = subject,
                Stance = stance,
                Span = r,
                Content = r,
                ClaimWords = r.Of(_text),
                Cue = cue + (_text[from..sibling].Contains(':') ? "; second clause after the colon" : "; second clause after 'and that'"),
                Anchor = verb.Range.Start,
                Relays = subject.Report,
            });
            from = siblingEnd;
        }
        return events;
    }

    /// <summary>", President Trump says," inside a sentence, or ", Reuters reports." at its end: the rest of the sentence is the content.</summary>
    /// <summary>"said in a statement.", "told a packed council meeting.": only an adjunct follows the verb.</summary>
    private bool IsOnlyAdjunct(int start, Sentence sentence)
    {
        var end = _clauses.EndFrom(start, sentence);
        var tokens = _tokens.In(new TextRange(start, Math.Max(start, end))).Where(t => t.IsWord).ToList();
        // "in a statement" (up to six words), or "in a video posted to the company's website" (preposition + article).
        var limit = tokens.Count > 1 && (tokens[1].Is("a") || tokens[1].Is("an") || tokens[1].Is("the")) ? 12 : 6;
        return tokens.Count > 0 && tokens.Count <= limit && tokens[0].IsAny(WordLists.Prepositions)
               && !tokens.Any(t => t.Is("that") || QuotationFinder.At(_quotations, t.Range.Start) is not null);
    }

    private List<ReportingEvent>? ReportingClauseAround(VerbMatch verb, Subject subject, Stance stance, string cue, Sentence sentence, List<ReportingEvent> earlier, bool inverted)
    {
        var clauseStart = Math.Min(subject.Range.Start, verb.Range.Start);
        var clauseEnd = Math.Max(subject.Range.End, verb.Range.End);
        var before = TextTrim.Trim(_text, new TextRange(sentence.Range.Start, clauseStart));
        if (before.Length == 0 || _text[clauseStart - 1] is not (' ' or ',') || !PrecededByComma(clauseStart))
        {
            return null;
        }
        var afterStart = clauseEnd;
        while (afterStart < sentence.Range.End && _text[afterStart] is ' ' or ',')
        {
            afterStart++;
        }
        var after = TextTrim.Trim(_text, new TextRange(afterStart, sentence.Range.End));
        // The content before the reporting clause begins after the last earlier content in the sentence, if any.
        var floor = earlier.Where(e => e.Content.End <= before.Start + before.Length && e.Content.End > sentence.Range.Start)
            .Select(e => e.Content.End).DefaultIfEmpty(sentence.Range.Start).Max();
        before = TextTrim.Trim(_text, new TextRange(Math.Max(floor, before.Start), before.End));
        if (before.Length == 0)
        {
            return null;
        }
        if (!inverted && after.Length > 0 && !IsOpeningQuoteAt(afterStart) && _text[clauseEnd..afterStart].Contains(','))
        {
            // Mid-sentence: the whole sentence is the statement, the reporting clause cut out of the claim.
            var whole = TextTrim.Trim(_text, new TextRange(before.Start, sentence.Range.End));
            return
            [
                new()
                {
                    Subject = subject, Stance = stance, Span = whole, Content = whole,
                    ClaimWords = before.Of(_text) + " " + after.Of(_text), Cue = cue + "; reporting clause inside the sentence",
                    Anchor = verb.Range.Start, Relays = subject.Report,
                },
            ];
        }
        return
        [
            new()
            {
                Subject = subject, Stance = stance, Span = before, Content = before, ClaimWords = before.Of(_text),
                Cue = cue + "; reporting clause after the statement", Anchor = verb.Range.Start, Relays = subject.Report,
            },
        ];
    }

    /// <summary>
    /// "The union … disagreed." / "The Kremlin objected.": a stance verb with nothing after it takes a side on what was
    /// said last by someone else; the sentence is the span.
    /// </summary>
    private List<ReportingEvent>? BareStance(VerbMatch verb, Subject subject, Stance stance, string cue, Sentence sentence)
    {
        if (stance == Stance.Asserts || subject.Range.Start > verb.Range.Start)
        {
            return null;
        }
        var span = TextTrim.Trim(_text, new TextRange(Math.Min(subject.Range.Start, BoundaryBefore(subject.Range.Start, sentence)), _clauses.EndFrom(verb.Range.Start, sentence)));
        var previous = _drafts.LastOrDefault(d => !subject.Actors.Contains(d.Actor) && d.Span.End <= span.Start);
        if (previous is null || span.Length == 0)
        {
            return null;
        }
        return
        [
            new()
            {
                Subject = subject, Stance = stance, Span = span, Content = span, ClaimWords = previous.ClaimWords,
                Cue = cue + $"; no object: takes a side on {previous.Actor}'s statement before it", Anchor = verb.Range.Start,
                RefersTo = previous,
            },
        ];
    }

    private bool PrecededByComma(int position)
    {
        var i = position;
        while (i > 0 && _text[i - 1] == ' ')
        {
            i--;
        }
        return i > 0 && (_text[i - 1] is ',' or '”' or '"');
    }

    private bool ClauseIsEmpty(int start, Sentence sentence)
    {
        var rest = _text[start..sentence.Range.End].TrimStart();
        return rest.Length == 0 || rest[0] is '.' or ',' or ';' or '—';
    }

    private Subject? InvertedSubject(VerbMatch verb, Sentence sentence)
    {
        // "…,” said Lopez." / ", said the commissioner,"
        var i = verb.Range.Start;
        while (i > sentence.Range.Start && _text[i - 1] == ' ')
        {
            i--;
        }
        // Only verbs of saying invert ("…,” said Lopez); "…, backed his commissioner" is not an inversion.
        if (verb.IsParticiple || verb.Verb.Takes(Complement.Object) || i <= sentence.Range.Start || _text[i - 1] is not (',' or '”' or '"'))
        {
            return null;
        }
        var after = verb.Range.End;
        while (after < sentence.Range.End && _text[after] == ' ')
        {
            after++;
        }
        // A true inversion ends with the speaker: "…,” said Lopez." / "said Sofia Berg, a former deputy governor".
        var subject = _actors.After(after, sentence, skipTitles: false);
        if (subject is null)
        {
            return null;
        }
        var next = subject.Range.End;
        while (next < sentence.Range.End && _text[next] == ' ')
        {
            next++;
        }
        return next >= sentence.Range.End || _text[next] is ',' or '.' or ';' or '!' or '?' ? subject : null;
    }

    private bool PrecededByConjunction(VerbMatch verb)
    {
        var word = ReportingVerbLexicon.WordBefore(_text, verb.Range.Start, 0);
        return word is "and" or "but" || LastNonSpaceBefore(verb.Range.Start) == ',';
    }

    // Looks back from the position instead of copying the text before it: a copy per verb made long texts quadratic.
    private char LastNonSpaceBefore(int position)
    {
        var i = position - 1;
        while (i >= 0 && char.IsWhiteSpace(_text[i]))
        {
            i--;
        }
        return i >= 0 ? _text[i] : '\0';
    }

    private Subject? MainSubject(Sentence sentence)
    {
        var tokens = _tokens.In(sentence.Range);
        for (var k = 0; k < tokens.Count && k < 4; k++)
        {
            if (tokens[k].Text is "He" or "She" or "he" or "she")
            {
                return _actors.Pronoun(tokens[k]);
            }
            if (_actors.MentionStartingAt(tokens[k].Range.Start) is { Possessive: false } m)
            {
                return new Subject([_actors.Resolve(m)], m.Range, $"'{m.Surface}'");
            }
        }
        return null;
    }

    private string? Negated(Subject subject, VerbMatch verb)
    {
        // Only the verb group right before the verb: "declined to explain …, saying" is not a negated "saying".
        var gapStart = Math.Min(subject.Range.End, verb.Range.Start);
        var all = _tokens.In(new TextRange(gapStart, verb.Range.Start));
        var first = all.Count;
        while (first > 0 && all[first - 1].IsWord && (all[first - 1].IsAny(WordLists.VerbGroup) || all[first - 1].Text.EndsWith("n't", StringComparison.Ordinal)
               || all[first - 1].Is("declined") || all[first - 1].Is("refused") || all[first - 1].Is("declines") || all[first - 1].Is("refuses")
               || all[first - 1].Text.EndsWith("ly", StringComparison.Ordinal)))
        {
            first--;
        }
        foreach (var t in all.Skip(first))
        {
            if (t.IsAny(WordLists.Negations) || t.Text.EndsWith("n't", StringComparison.Ordinal) || t.Text.EndsWith("n’t", StringComparison.Ordinal))
            {
                return t.Text;
            }
            if (t.Is("declined") || t.Is("refused") || t.Is("refuses") || t.Is("declines"))
            {
                return t.Text;
            }
        }
        return null;
    }

    private int VerbGroupStart(Subject subject, VerbMatch verb)
    {
        if (subject.Range.End > verb.Range.Start)
        {
            return verb.Range.Start;
        }
        var tokens = _tokens.In(new TextRange(subject.Range.End, verb.Range.Start));
        // After a parenthetical (", for his part,") the verb group starts past its closing comma.
        var lastComma = tokens.FindLastIndex(t => t.Text == ",");
        var rest = tokens.Skip(lastComma + 1).Where(t => t.IsWord).ToList();
        // Only auxiliaries and adverbs belong to the verb group; anything else means the subject was further away.
        if (rest.Any(t => !t.IsAny(WordLists.VerbGroup) && !t.Text.EndsWith("ly", StringComparison.Ordinal)))
        {
            return verb.Range.Start;
        }
        return rest.Count > 0 ? rest[0].Range.Start : verb.Range.Start;
    }

    private static string Speaker(Subject s) => s.Cue;

    private bool IsOpeningQuoteAt(int position) => ContentClauses.IsOpeningQuote(_text[position].ToString());

    /// <summary>"with Trump's assessment": the last suggestion of that actor, whose claim this one takes up.</summary>
    private Draft? BackReference(TextRange content)
    {
        var tokens = _tokens.In(content);
        for (var k = 0; k < tokens.Count && k < 3; k++)
        {
            if (_actors.MentionStartingAt(tokens[k].Range.Start) is { Possessive: true } m)
            {
                var after = _tokens.In(new TextRange(m.Range.End, content.End)).Where(t => t.IsWord && t.Text is not ("s")).Take(2).ToList();
                if (after.Any(t => t.IsAny(WordLists.SpeechNouns) || t.IsAny(WordLists.BackReferenceNouns)))
                {
                    var actor = _actors.Resolve(m);
                    return LastDraftOf(actor, content.Start);
                }
            }
        }
        // "rejected that account", "dismissed the claim": the last statement by someone else.
        if (tokens.Count >= 2 && tokens.Count <= 4 && tokens[0].Text is "that" or "this" or "the" or "these" or "those" && tokens[1].IsAny(WordLists.BackReferenceNouns))
        {
            return _drafts.LastOrDefault(d => d.Span.End <= content.Start);
        }
        // "backed his commissioner", "rejected the governor": taking a side on a person is taking it on what they said.
        if (tokens.Count > 0 && _actors.MentionStartingAt(tokens[0].Range.Start) is { Possessive: false } person)
        {
            var actor = _actors.Resolve(person);
            return LastDraftOf(actor, content.Start);
        }
        return null;
    }

    /// <summary>"said she doubted X": the inner verb says more than "said", so the outer statement goes.</summary>
    private void DropSayingOfSaying(List<ReportingEvent> events)
    {
        foreach (var outer in events.Where(e => e.Stance == Stance.Asserts && e.Relays is null))
        {
            var head = _tokens.In(outer.Content).Take(4).ToList();
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

    // ---- according to ----------------------------------------------------------------------------------------------

    private IEnumerable<ReportingEvent> AccordingTo(Sentence sentence, List<ReportingEvent> events)
    {
        const string Phrase = "ccording to ";
        var at = sentence.Range.Start;
        // Only as far as a phrase can start inside the sentence: searching on to the end of the text for each sentence
        // made long texts quadratic.
        var searchEnd = Math.Min(_text.Length, sentence.Range.End + Phrase.Length - 1);
        while (at <= searchEnd && (at = _text.IndexOf(Phrase, at, searchEnd - at, StringComparison.Ordinal)) >= 0 && at < sentence.Range.End)
        {
            var phraseStart = at - 1;
            at += 12;
            if (phraseStart < sentence.Range.Start || _text[phraseStart] is not ('a' or 'A') || QuotationFinder.At(_quotations, phraseStart) is not null)
            {
                continue;
            }
            var who = AccordingToSource(at, sentence);
            if (who is null)
            {
                continue;
            }
            TextRange content;
            var fromStart = _text[sentence.Range.Start..phraseStart].Trim().Length == 0;
            if (fromStart)
            {
                var comma = _text.IndexOf(',', who.Range.End);
                if (comma < 0 || comma >= sentence.Range.End)
                {
                    continue;
                }
                if (_clauses.StartsWithWords(comma + 1, "which") || _clauses.StartsWithWords(comma + 1, "who"))
                {
                    // "According to the report, which was prepared by Halden & Price and …, 14 cables …":
                    // the content starts after the relative clause, and its author is the one who says it.
                    var closing = _text.IndexOf(',', comma + 1);
                    if (closing < 0 || closing >= sentence.Range.End)
                    {
                        continue;
                    }
                    var by = _text.IndexOf(" by ", comma, closing - comma, StringComparison.Ordinal);
                    if (by >= 0 && who.Report is not null && _actors.Agent(by + 4, sentence) is { } author)
                    {
                        who = author with { Cue = $"{author.Cue}, author of '{who.Report.Phrase}'" };
                    }
                    comma = closing;
                }
                var s = comma + 1;
                content = new TextRange(s, _clauses.EndFrom(s, sentence));
            }
            else
            {
                var before = _text[sentence.Range.Start..phraseStart].TrimEnd();
                if (!before.EndsWith(','))
                {
                    continue;
                }
                var floor = events.Where(e => e.Content.End <= phraseStart).Select(e => e.Content.End).DefaultIfEmpty(sentence.Range.Start).Max();
                content = TextTrim.Trim(_text, new TextRange(floor, sentence.Range.Start + before.Length));
            }
            content = TextTrim.Trim(_text, content);
            if (content.Length == 0)
            {
                continue;
            }
            yield return new ReportingEvent
            {
                Subject = who,
                Stance = Stance.Asserts,
                Span = content,
                Content = content,
                ClaimWords = content.Of(_text),
                Cue = $"'according to' {who.Cue}",
                Anchor = phraseStart,
                Relays = who.Report,
                Mode = AttributionMode.Paraphrase,
            };
        }
    }

    private Subject? AccordingToSource(int position, Sentence sentence)
    {
        var tokens = _tokens.In(new TextRange(position, sentence.Range.End));
        for (var k = 0; k < tokens.Count && k < 5; k++)
        {
            if (!tokens[k].IsWord)
            {
                break;
            }
            if (tokens[k].IsAny(WordLists.ReportNouns))
            {
                var range = new TextRange(tokens[0].Range.Start, tokens[k].Range.End);
                var end = k;
                ActorRef? outlet = null;
                // "a report by the Gazette", "a report in The Herald"
                if (k + 2 < tokens.Count && (tokens[k + 1].Is("by") || tokens[k + 1].Is("in") || tokens[k + 1].Is("from")))
                {
                    var by = _actors.After(tokens[k + 2].Range.Start, sentence, skipTitles: true);
                    if (by is not null)
                    {
                        outlet = by.Actor;
                        range = new TextRange(range.Start, by.Range.End);
                    }
                }
                foreach (var m in _actors.MentionsIn(range).Where(m => range.Contains(m.Range)))
                {
                    outlet ??= _actors.Resolve(m);
                }
                _ = end;
                var phrase = range.Of(_text);
                return new Subject(outlet is null ? [] : [outlet], range, $"'{phrase}'", new ReportRef(phrase, outlet));
            }
        }
        return _actors.After(position, sentence, skipTitles: true) ?? _actors.UnnamedSources(position, sentence);
    }

    // ---- reports ---------------------------------------------------------------------------------------------------

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
                var end = _clauses.EndFrom(report.Content.Start, sentence, breakAtAnyComma: true);
                var span = new TextRange(report.Content.Start, Math.Min(end, report.Content.End));
                events.Add(new ReportingEvent
                {
                    Subject = lead,
                    Stance = Stance.Asserts,
                    Mode = AttributionMode.Reported,
                    Span = span,
                    Content = span,
                    ClaimWords = span.Of(_text),
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
        var tokens = _tokens.In(content);
        var k = 0;
        while (k < tokens.Count && (tokens[k].Is("but") || tokens[k].Is("and") || tokens[k].Is("still")))
        {
            k++;
        }
        if (k >= tokens.Count)
        {
            return null;
        }
        if (_actors.MentionStartingAt(tokens[k].Range.Start) is { Possessive: false } m)
        {
            return new Subject([_actors.Resolve(m)], m.Range, Describe(m));
        }
        return null;
    }

    private static string Describe(ActorMention m) => $"'{m.Surface}'";

    private static bool IsOutlet(ActorRef actor) => actor.Known?.Kind == ActorKind.Outlet;

    // ---- passives, reactions, stance nouns --------------------------------------------------------------------------

    private bool IsPassive(VerbMatch verb, Sentence sentence) => PassiveAgentAt(verb, sentence) is not null;

    private int? PassiveAgentAt(VerbMatch verb, Sentence sentence)
    {
        if (!verb.IsPastParticiple || !verb.Verb.Takes(Complement.Object) && verb.Verb.Lemma is not ("question" or "doubt"))
        {
            return null;
        }
        var before = _tokens.In(new TextRange(sentence.Range.Start, verb.Range.Start));
        var k = before.Count - 1;
        while (k >= 0 && before[k].IsWord && before[k].Text.EndsWith("ly", StringComparison.Ordinal))
        {
            k--;
        }
        if (k >= 0 && (_actors.MentionEndingAt(before[k].Range.End) is not null || before[k].Text is "he" or "she" or "He" or "She"))
        {
            return null; // "Trump questioned …" is active
        }
        var after = _tokens.In(new TextRange(verb.Range.End, sentence.Range.End));
        for (var i = 0; i < after.Count && i < 7; i++)
        {
            if (!after[i].IsWord)
            {
                return null;
            }
            if (after[i].Is("that"))
            {
                return null;
            }
            if (after[i].Is("by") && i + 1 < after.Count)
            {
                return after[i + 1].Range.Start;
            }
        }
        return null;
    }

    private void Passives(Sentence sentence, IReadOnlyList<VerbMatch> verbs, List<Draft> sentenceDrafts)
    {
        foreach (var verb in verbs)
        {
            if (PassiveAgentAt(verb, sentence) is not { } agentAt || _actors.After(agentAt, sentence, skipTitles: true) is not { } agent)
            {
                continue;
            }
            var phraseStart = BoundaryBefore(verb.Range.Start, sentence);
            var span = TextTrim.Trim(_text, new TextRange(phraseStart, agent.Range.End));
            var head = _tokens.In(new TextRange(phraseStart, verb.Range.Start)).Take(3).ToList();
            var refers = head.Any(t => t.IsAny(WordLists.BackReferenceNouns))
                ? sentenceDrafts.LastOrDefault(d => d.Span.End <= phraseStart)
                : null;
            var words = refers is null ? _text[phraseStart..verb.Range.Start] : "";
            foreach (var actor in agent.Actors)
            {
                Add(new Draft(actor, verb.Verb.Stance, AttributionMode.Paraphrase, span, Neutral(words, actor, false),
                    $"passive '{verb.Surface} … by'; speaker {agent.Cue}" + (refers is null ? "" : $"; refers back to {refers.Actor}'s statement"),
                    refers, sentence.Paragraph), sentenceDrafts);
            }
        }
    }

    private int BoundaryBefore(int position, Sentence sentence)
    {
        for (var i = position - 1; i > sentence.Range.Start; i--)
        {
            if (QuotationFinder.At(_quotations, i) is { } q)
            {
                i = q.Open;
                continue;
            }
            if (_text[i] is '—' or ',' or ';' or '–' or '(')
            {
                return i + 1;
            }
        }
        return sentence.Range.Start;
    }

    private IEnumerable<Draft> Reactions(Sentence sentence)
    {
        foreach (var t in _tokens.In(sentence.Range))
        {
            if (!t.IsAny(WordLists.ReactionVerbs) || QuotationFinder.At(_quotations, t.Range.Start) is not null)
            {
                continue;
            }
            var objects = MentionList(t.Range.End, sentence);
            if (objects.Count == 0)
            {
                continue;
            }
            var phraseStart = BoundaryBefore(t.Range.Start, sentence);
            var end = _clauses.EndFrom(objects[^1].Range.End, sentence);
            var span = TextTrim.Trim(_text, new TextRange(phraseStart, Math.Max(end, objects[^1].Range.End)));
            var head = _tokens.In(new TextRange(phraseStart, t.Range.Start)).Take(3).ToList();
            string words;
            if (head.Any(h => h.IsAny(WordLists.BackReferenceNouns)) && phraseStart > sentence.Range.Start)
            {
                var previous = TextTrim.Trim(_text, new TextRange(BoundaryBefore(phraseStart - 1, sentence), phraseStart - 1));
                var clause = StripConjunction(previous.Of(_text));
                words = "It is objectionable that " + LowerFirst(clause);
            }
            else
            {
                var subjectEnd = t.Range.Start;
                var subject = _tokens.In(new TextRange(phraseStart, subjectEnd)).Where(x => x.IsWord && !x.IsAny(WordLists.VerbGroup)).ToList();
                words = subject.Count == 0 ? "" : _text[subject[0].Range.Start..subject[^1].Range.End] + " is objectionable";
            }
            foreach (var m in objects)
            {
                var actor = _actors.Resolve(m);
                yield return new Draft(actor, Stance.Asserts, AttributionMode.Paraphrase, span, words,
                    $"'{t.Text}' {m.Surface}: they object to it", null, sentence.Paragraph);
            }
        }
    }

    private List<ActorMention> MentionList(int position, Sentence sentence)
    {
        var list = new List<ActorMention>();
        var at = position;
        while (true)
        {
            while (at < sentence.Range.End && _text[at] is ' ' or ',')
            {
                at++;
            }
            if (_clauses.StartsWithWords(at, "and"))
            {
                at += 3;
                continue;
            }
            if (_actors.MentionStartingAt(at) is not { } m)
            {
                return list;
            }
            list.Add(m);
            at = m.Range.End;
        }
    }

    private IEnumerable<Draft> StanceNouns(Sentence sentence, List<ReportingEvent> events)
    {
        foreach (var m in _actors.MentionsIn(sentence.Range).Where(m => m.Possessive && sentence.Range.Contains(m.Range.Start)))
        {
            var after = _tokens.In(new TextRange(m.Range.End, sentence.Range.End)).Where(t => t.IsWord && t.Text != "s").Take(2).ToList();
            if (after.Count < 2 || !after[0].IsAny(WordLists.StanceNouns) || after[1].Text is not ("to" or "that" or "for"))
            {
                continue;
            }
            var end = _clauses.EndFrom(after[0].Range.End, sentence);
            var span = new TextRange(m.Range.Start, end);
            var stance = after[0].IsAny(WordLists.DenialNouns) ? Stance.Denies : after[0].IsAny(WordLists.DoubtNouns) ? Stance.Doubts : Stance.Asserts;
            var relay = events.FirstOrDefault(e => (e.Relays is not null || (e.Subject.Actors.Count == 1 && IsOutlet(e.Subject.Actor))) && e.Content.Contains(span));
            var actor = _actors.Resolve(m);
            yield return new Draft(actor, stance, relay is null ? AttributionMode.Paraphrase : AttributionMode.Reported, span,
                span.Of(_text), $"stance noun '{after[0].Text}' of {m.Surface}" + (relay is null ? "" : $"; known through '{relay.Subject.Cue}'"),
                null, sentence.Paragraph);
        }
    }

    // ---- quotations ------------------------------------------------------------------------------------------------

    private void QuotationsIn(Sentence sentence, List<ReportingEvent> events, List<Draft> sentenceDrafts)
    {
        foreach (var q in QuotationFinder.OpeningIn(_quotations, sentence.Range))
        {
            var words = q.Words.Of(_text);
            var live = events.Where(e => e.Subject.Actors.Count > 0 && !e.Dropped).ToList();
            IReadOnlyList<ActorRef>? speakers = null;
            string cue = "";
            ReportingEvent? container = live.FirstOrDefault(e => e.Content.Start <= q.Open && e.Content.End >= q.Words.End);
            var relayed = false;
            Draft? firstHalf = null;
            if (container is not null)
            {
                speakers = container.Subject.Actors;
                relayed = container.Mode == AttributionMode.Reported;
                cue = $"quotation inside the statement; {container.Cue}";
            }
            else if (live.FirstOrDefault(e => Gap(q.Close, Math.Min(e.Subject.Range.Start, e.Anchor))
                                              || (e.Anchor > q.Close && IsReportingClauseOnly(q.Close, e.Anchor + 1) && e.Content.End <= q.Close + 1)) is { } follower)
            {
                speakers = follower.Subject.Actors;
                cue = $"quotation followed by its reporting clause; {follower.Cue}";
            }
            else if (ReportingClauseBefore(q, live) is { } leader)
            {
                speakers = leader.Subject.Actors;
                cue = $"quotation after its reporting clause; {leader.Cue}";
            }
            else if (SpeechNounBefore(q, sentence) is { } owner)
            {
                speakers = [_actors.Resolve(owner.Mention)];
                cue = $"quotation after '{owner.Phrase}'";
            }
            else if ((q.WordCount(_text) >= 4 || IsWholeSentence(q, sentence)) && LastDraftInParagraph(sentence.Paragraph, q.Open) is { } last
                     && !live.Any())
            {
                speakers = [last.Actor];
                cue = $"quotation continuing {last.Actor}'s statement in the same paragraph";
            }
            if (speakers is null)
            {
                continue;
            }
            // “A,” he said, “B.”: the first half ended just before the reporting clause that opens this one.
            firstHalf = sentenceDrafts.LastOrDefault(d => d.Mode == AttributionMode.DirectQuote && speakers.Contains(d.Actor) && d.Span.End < q.Open
                && QuotationFinder.At(_quotations, d.Span.Start) is { } previous && IsReportingClauseOnly(previous.Close, q.Open));
            if (firstHalf is not null)
            {
                cue = "second part of a quotation split around its reporting clause; " + cue;
            }
            var claimWords = container is not null && container.Content.Length > q.Outer.Length + 3
                ? (container.Content, false)
                : (q.Words, true);
            _ = words;
            foreach (var actor in speakers)
            {
                var draft = new Draft(actor, container?.Stance ?? Stance.Asserts, relayed ? AttributionMode.Reported : AttributionMode.DirectQuote, q.Words,
                    Neutral(claimWords.Item1, actor, claimWords.Item2), cue, null, sentence.Paragraph);
                if (firstHalf is not null && firstHalf.Actor == actor)
                {
                    // One statement in two halves: both propose the claim of the whole.
                    var whole = Neutral(new TextRange(firstHalf.Span.Start, firstHalf.Span.End), actor, true) + " " + LowerFirst(Neutral(q.Words, actor, true));
                    firstHalf.ClaimWords = whole;
                    draft.ClaimWords = whole;
                }
                Add(draft, sentenceDrafts);
            }
            _ = words;
        }
    }

    /// <summary>A quotation that is a sentence of its own (“Speculation helps nobody.”) is someone's words, not a scare quote.</summary>
    /// <remarks>
    /// Spans, not substrings: a substring copied the sentence around every quotation, so a paragraph of thousands of
    /// one-word quotations (a pasted JSON file) took minutes.
    /// </remarks>
    private bool IsWholeSentence(Quotation q, Sentence sentence) =>
        _text.AsSpan()[sentence.Range.Start..q.Open].IsWhiteSpace() && _text.AsSpan()[q.Close..sentence.Range.End].IsWhiteSpace();

    private bool IsReportingClauseOnly(int from, int to)
    {
        var between = _text[from..to];
        var words = between.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        return words.Length is > 0 and <= 10 && !between.Any(c => c is '.' or ';' or '!' or '?' or '"' or '“' or '”')
               && ReportingVerbLexicon.Find(_text, new TextRange(from, to), _quotations).Count > 0;
    }

    private bool Gap(int from, int to)
    {
        if (to < from || to - from > 4)
        {
            return false;
        }
        return _text[from..to].All(c => c is ' ' or ',' or ';' or ':');
    }

    private ReportingEvent? ReportingClauseBefore(Quotation q, List<ReportingEvent> live)
    {
        foreach (var e in live)
        {
            var clauseEnd = Math.Max(e.Subject.Range.End, e.Anchor);
            var verbEnd = _text.IndexOfAny([' ', ',', ':', '.'], clauseEnd);
            if (verbEnd < 0 || verbEnd > q.Open)
            {
                continue;
            }
            if (Gap(verbEnd, q.Open))
            {
                return e;
            }
            // "Dahl said in a televised interview, “and it is not …”": a short adjunct between clause and quotation.
            var between = _text[verbEnd..q.Open].Trim();
            if (between.EndsWith(',') && between.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 6
                && !between.TrimEnd(',').Any(c => c is ',' or '.' or '"' or '“' or '”' or ';'))
            {
                return e;
            }
        }
        return null;
    }

    private (ActorMention Mention, string Phrase)? SpeechNounBefore(Quotation q, Sentence sentence)
    {
        foreach (var m in _actors.MentionsIn(new TextRange(sentence.Range.Start, q.Open)).Where(m => m.Possessive && m.Range.Start >= sentence.Range.Start && m.Range.End < q.Open))
        {
            var between = _tokens.In(new TextRange(m.Range.End, q.Open)).Where(t => t.IsWord && t.Text != "s").ToList();
            if (between.Count is > 0 and <= 4 && between.Take(3).Any(t => t.IsAny(WordLists.SpeechNouns)))
            {
                return (m, _text[m.Range.Start..q.Open].Trim());
            }
        }
        return null;
    }

    private static string StripConjunction(string s)
    {
        foreach (var c in new[] { "But ", "And ", "Yet ", "Still ", "So " })
        {
            if (s.StartsWith(c, StringComparison.Ordinal))
            {
                return s[c.Length..];
            }
        }
        return s;
    }

    private static string LowerFirst(string s) =>
        s.Length > 1 && char.IsUpper(s[0]) && char.IsLower(s[1]) && s.Split(' ')[0] is "The" or "A" or "An" or "It" or "This" ? char.ToLowerInvariant(s[0]) + s[1..] : s;
}
