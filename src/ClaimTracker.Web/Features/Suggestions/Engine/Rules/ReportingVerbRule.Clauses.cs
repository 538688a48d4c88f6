using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine.Rules;

/// <summary>
/// The reporting verb rule's readings around the verb: a reporting clause inside or after its statement, a stance
/// verb with nothing after it, an inverted or implied speaker, negation, and what an object refers back to.
/// </summary>
internal sealed partial class ReportingVerbRule
{
    /// <summary>", President Trump says," inside a sentence, or ", Reuters reports." at its end: the rest of the sentence is the content.</summary>
    private List<ReportingEvent>? ReportingClauseAround(VerbMatch verb, Subject subject, Stance stance, string cue, Sentence sentence, List<ReportingEvent> earlier, bool inverted)
    {
        var clauseStart = DescriptionStart(Math.Min(subject.Range.Start, verb.Range.Start), sentence);
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
        // "In March, before the walkout, the union wrote to …": phrases of time and place are no statement.
        if (before.Length == 0 || Clauses.OnlyAdverbials(before))
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
                    ClaimWords = before.Of(Text) + (Clauses.StartsWithWords(after.Start, "and") || Clauses.StartsWithWords(after.Start, "but") ? ", " : " ") + after.Of(Text),
                    Cue = cue + "; reporting clause inside the sentence",
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
    /// "“…,” DataVault's chief executive, Sandra Kim, said": the description before the speaker's name belongs to the
    /// reporting clause, not to the statement. A short run of words between a comma or closing quotation mark and the comma
    /// before the name; not when it has a verb of its own.
    /// </summary>
    private int DescriptionStart(int clauseStart, Sentence sentence)
    {
        var i = clauseStart;
        while (i > sentence.Range.Start && Text[i - 1] == ' ')
        {
            i--;
        }
        if (i <= sentence.Range.Start || Text[i - 1] != ',')
        {
            return clauseStart;
        }
        var tokens = Tokens.In(new TextRange(sentence.Range.Start, i - 1));
        var k = tokens.Count;
        while (k > 0 && tokens[k - 1].IsWord && tokens.Count - k < 6)
        {
            k--;
        }
        if (k == tokens.Count || k == 0 || tokens[k - 1].Text is not ("," or "”" or "\"") || tokens.Skip(k).Any(t => t.IsAny(WordLists.FiniteVerbs)))
        {
            return clauseStart;
        }
        return tokens[k].Range.Start;
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
    private Draft? BackReference(TextRange content, Stance stance)
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
        // "backed his commissioner", "rejected the governor": taking a side on a person is taking it on what they said
        // (not "urged the company to …", which asks something of them).
        if (stance != Stance.Asserts && tokens.Count > 0 && Actors.MentionStartingAt(tokens[0].Range.Start) is { Possessive: false } person)
        {
            var actor = Actors.Resolve(person);
            return Context.LastDraftOf(actor, content.Start);
        }
        return null;
    }
}
