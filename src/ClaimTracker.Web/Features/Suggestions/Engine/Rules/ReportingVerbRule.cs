using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine.Rules;

/// <summary>
/// A reporting verb with its speaker and what they said: "X said that …", "…, X said.", "said X", "X rejected the
/// claim", "X and Y argue …", a second clause of the same verb ("and that …"), a stance verb with nothing after it.
/// </summary>
internal sealed class ReportingVerbRule(SuggestionContext context, PassiveRule passives) : SentenceRule(context)
{
    public override string Name => "reporting verb";

    public override void Apply(SentenceWork work)
    {
        foreach (var verb in work.Verbs)
        {
            if (work.Events.Any(e => e.Anchor == verb.Range.Start))
            {
                continue;
            }
            var e = FromVerb(verb, work.Sentence, work.Events);
            if (e is not null)
            {
                work.Events.AddRange(e);
            }
        }
    }

    private List<ReportingEvent>? FromVerb(VerbMatch verb, Sentence sentence, List<ReportingEvent> earlier)
    {
        if (passives.IsPassive(verb, sentence))
        {
            return null; // handled by Passives, which needs the suggestions made before it
        }
        if (verb.Verb.Lemma == "tell" && ReportingVerbLexicon.WordBefore(Text, verb.Range.Start, sentence.Range.Start) is { } aux
            && aux is "been" or "was" or "were" or "being" or "is" or "are" or "be")
        {
            return null; // "residents have been told …": the subject is the listener, the speaker is not named
        }
        var inverted = InvertedSubject(verb, sentence);
        var subject = inverted ?? Actors.Before(verb.Range.Start, sentence);
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
            Actors.RecordSpeaker(subject.Range.Start, actor);
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

        var start = inverted is not null ? null : Clauses.StartAfter(verb, sentence, out viaThat);
        if (start is null || ClauseIsEmpty(start.Value, sentence) || (!viaThat && IsOnlyAdjunct(start.Value, sentence))
            || (verb.Verb.Lemma == "tell" && !viaThat && !IsOpeningQuoteAt(start.Value)))
        {
            return ReportingClauseAround(verb, subject, stance, cue, sentence, earlier, inverted is not null)
                   ?? BareStance(verb, subject, stance, cue, sentence);
        }
        var end = Clauses.EndFrom(start.Value, sentence);
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
            var phraseStart = Context.BoundaryBefore(subject.Range.Start, sentence);
            var head = Tokens.In(new TextRange(phraseStart, subject.Range.Start)).Where(t => t.IsWord).ToList();
            if (phraseStart > sentence.Range.Start && head.Count is >= 2 and <= 3 && (head[0].Is("a") || head[0].Is("an"))
                && head.Any(t => t.IsAny(WordLists.BackReferenceNouns)))
            {
                // "…, a proposal the mayor dismissed as premature": what is dismissed is the statement just made.
                span = TextTrim.Trim(Text, new TextRange(phraseStart, end));
                refersBack = true;
                cue += $"; '{Text[phraseStart..subject.Range.Start].Trim()}' refers back to the statement before it";
            }
        }
        var events = new List<ReportingEvent>
        {
            new()
            {
                Rule = Name,
                Subject = subject, Stance = stance, Span = span, Content = content, ClaimWords = content.Of(Text), Cue = cue,
                Anchor = verb.Range.Start, RefersTo = refersTo, Relays = subject.Report, RefersBack = refersBack,
            },
        };
        // "asserted that X, and that Y": a second content clause of the same verb.
        var from = end;
        while (Clauses.SiblingAfter(from, sentence) is { } sibling)
        {
            var siblingEnd = Clauses.EndFrom(sibling, sentence);
            if (siblingEnd <= sibling)
            {
                break;
            }
            var r = new TextRange(sibling, siblingEnd);
            events.Add(new ReportingEvent
            {
                Rule = Name,
                Subject = subject,
                Stance = stance,
                Span = r,
                Content = r,
                ClaimWords = r.Of(Text),
                Cue = cue + (Text[from..sibling].Contains(':') ? "; second clause after the colon" : "; second clause after 'and that'"),
                Anchor = verb.Range.Start,
                Relays = subject.Report,
            });
            from = siblingEnd;
        }
        return events;
    }

    /// <summary>"said in a statement.", "told a packed council meeting.": only an adjunct follows the verb.</summary>
    private bool IsOnlyAdjunct(int start, Sentence sentence)
    {
        var end = Clauses.EndFrom(start, sentence);
        var tokens = Tokens.In(new TextRange(start, Math.Max(start, end))).Where(t => t.IsWord).ToList();
        // "in a statement" (up to six words), or "in a video posted to the company's website" (preposition + article).
        var limit = tokens.Count > 1 && (tokens[1].Is("a") || tokens[1].Is("an") || tokens[1].Is("the")) ? 12 : 6;
        return tokens.Count > 0 && tokens.Count <= limit && tokens[0].IsAny(WordLists.Prepositions)
               && !tokens.Any(t => t.Is("that") || QuotationFinder.At(Quotations, t.Range.Start) is not null);
    }

    /// <summary>", President Trump says," inside a sentence, or ", Reuters reports." at its end: the rest of the sentence is the content.</summary>
    private List<ReportingEvent>? ReportingClauseAround(VerbMatch verb, Subject subject, Stance stance, string cue, Sentence sentence, List<ReportingEvent> earlier, bool inverted)
    {
        var clauseStart = Math.Min(subject.Range.Start, verb.Range.Start);
        var clauseEnd = Math.Max(subject.Range.End, verb.Range.End);
        var before = TextTrim.Trim(Text, new TextRange(sentence.Range.Start, clauseStart));
        if (before.Length == 0 || Text[clauseStart - 1] is not (' ' or ',') || !SentenceText.PrecededByComma(Text, clauseStart))
        {
            return null;
        }
        var afterStart = clauseEnd;
        while (afterStart < sentence.Range.End && Text[afterStart] is ' ' or ',')
        {
            afterStart++;
        }
        var after = TextTrim.Trim(Text, new TextRange(afterStart, sentence.Range.End));
        // The content before the reporting clause begins after the last earlier content in the sentence, if any.
        var floor = earlier.Where(e => e.Content.End <= before.Start + before.Length && e.Content.End > sentence.Range.Start)
            .Select(e => e.Content.End).DefaultIfEmpty(sentence.Range.Start).Max();
        before = TextTrim.Trim(Text, new TextRange(Math.Max(floor, before.Start), before.End));
        if (before.Length == 0)
        {
            return null;
        }
        if (!inverted && after.Length > 0 && !IsOpeningQuoteAt(afterStart) && Text[clauseEnd..afterStart].Contains(','))
        {
            // Mid-sentence: the whole sentence is the statement, the reporting clause cut out of the claim.
            var whole = TextTrim.Trim(Text, new TextRange(before.Start, sentence.Range.End));
            return
            [
                new()
                {
                    Rule = Name,
                    Subject = subject, Stance = stance, Span = whole, Content = whole,
                    ClaimWords = before.Of(Text) + " " + after.Of(Text), Cue = cue + "; reporting clause inside the sentence",
                    Anchor = verb.Range.Start, Relays = subject.Report,
                },
            ];
        }
        return
        [
            new()
            {
                Rule = Name,
                Subject = subject, Stance = stance, Span = before, Content = before, ClaimWords = before.Of(Text),
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
        var span = TextTrim.Trim(Text, new TextRange(Math.Min(subject.Range.Start, Context.BoundaryBefore(subject.Range.Start, sentence)), Clauses.EndFrom(verb.Range.Start, sentence)));
        var previous = Context.Drafts.LastOrDefault(d => !subject.Actors.Contains(d.Actor) && d.Span.End <= span.Start);
        if (previous is null || span.Length == 0)
        {
            return null;
        }
        return
        [
            new()
            {
                Rule = Name,
                Subject = subject, Stance = stance, Span = span, Content = span, ClaimWords = previous.ClaimWords,
                Cue = cue + $"; no object: takes a side on {previous.Actor}'s statement before it", Anchor = verb.Range.Start,
                RefersTo = previous,
            },
        ];
    }

    private bool ClauseIsEmpty(int start, Sentence sentence)
    {
        var rest = Text[start..sentence.Range.End].TrimStart();
        return rest.Length == 0 || rest[0] is '.' or ',' or ';' or '—';
    }

    private Subject? InvertedSubject(VerbMatch verb, Sentence sentence)
    {
        // "…,” said Lopez." / ", said the commissioner,"
        var i = verb.Range.Start;
        while (i > sentence.Range.Start && Text[i - 1] == ' ')
        {
            i--;
        }
        // Only verbs of saying invert ("…,” said Lopez); "…, backed his commissioner" is not an inversion.
        if (verb.IsParticiple || verb.Verb.Takes(Complement.Object) || i <= sentence.Range.Start || Text[i - 1] is not (',' or '”' or '"'))
        {
            return null;
        }
        var after = verb.Range.End;
        while (after < sentence.Range.End && Text[after] == ' ')
        {
            after++;
        }
        // A true inversion ends with the speaker: "…,” said Lopez." / "said Sofia Berg, a former deputy governor".
        var subject = Actors.After(after, sentence, skipTitles: false);
        if (subject is null)
        {
            return null;
        }
        var next = subject.Range.End;
        while (next < sentence.Range.End && Text[next] == ' ')
        {
            next++;
        }
        return next >= sentence.Range.End || Text[next] is ',' or '.' or ';' or '!' or '?' ? subject : null;
    }

    private bool PrecededByConjunction(VerbMatch verb)
    {
        var word = ReportingVerbLexicon.WordBefore(Text, verb.Range.Start, 0);
        return word is "and" or "but" || SentenceText.LastNonSpaceBefore(Text, verb.Range.Start) == ',';
    }

    private Subject? MainSubject(Sentence sentence)
    {
        var tokens = Tokens.In(sentence.Range);
        for (var k = 0; k < tokens.Count && k < 4; k++)
        {
            if (tokens[k].Text is "He" or "She" or "he" or "she")
            {
                return Actors.Pronoun(tokens[k]);
            }
            if (Actors.MentionStartingAt(tokens[k].Range.Start) is { Possessive: false } m)
            {
                return new Subject([Actors.Resolve(m)], m.Range, $"'{m.Surface}'");
            }
        }
        return null;
    }

    private string? Negated(Subject subject, VerbMatch verb)
    {
        // Only the verb group right before the verb: "declined to explain …, saying" is not a negated "saying".
        var gapStart = Math.Min(subject.Range.End, verb.Range.Start);
        var all = Tokens.In(new TextRange(gapStart, verb.Range.Start));
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
        var tokens = Tokens.In(new TextRange(subject.Range.End, verb.Range.Start));
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

    private bool IsOpeningQuoteAt(int position) => ContentClauses.IsOpeningQuote(Text[position].ToString());

    /// <summary>"with Trump's assessment": the last suggestion of that actor, whose claim this one takes up.</summary>
    private Draft? BackReference(TextRange content)
    {
        var tokens = Tokens.In(content);
        for (var k = 0; k < tokens.Count && k < 3; k++)
        {
            if (Actors.MentionStartingAt(tokens[k].Range.Start) is { Possessive: true } m)
            {
                var after = Tokens.In(new TextRange(m.Range.End, content.End)).Where(t => t.IsWord && t.Text is not ("s")).Take(2).ToList();
                if (after.Any(t => t.IsAny(WordLists.SpeechNouns) || t.IsAny(WordLists.BackReferenceNouns)))
                {
                    var actor = Actors.Resolve(m);
                    return Context.LastDraftOf(actor, content.Start);
                }
            }
        }
        // "rejected that account", "dismissed the claim": the last statement by someone else.
        if (tokens.Count >= 2 && tokens.Count <= 4 && tokens[0].Text is "that" or "this" or "the" or "these" or "those" && tokens[1].IsAny(WordLists.BackReferenceNouns))
        {
            return Context.Drafts.LastOrDefault(d => d.Span.End <= content.Start);
        }
        // "backed his commissioner", "rejected the governor": taking a side on a person is taking it on what they said.
        if (tokens.Count > 0 && Actors.MentionStartingAt(tokens[0].Range.Start) is { Possessive: false } person)
        {
            var actor = Actors.Resolve(person);
            return Context.LastDraftOf(actor, content.Start);
        }
        return null;
    }
}
