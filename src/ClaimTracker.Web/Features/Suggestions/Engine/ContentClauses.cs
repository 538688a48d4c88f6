namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>
/// Where the words that carry a claim begin and end: after a reporting verb (past "that", "whether", the listener of
/// "told"), up to the end of the clause — a dash, a semicolon, the end of the sentence, or a comma that opens an
/// adjunct (", which", ", citing", ", and that", ", a claim that" …). Quotations are never cut in the middle.
/// </summary>
internal sealed class ContentClauses(string text, IReadOnlyList<Quotation> quotations, ActorResolver actors, SentenceTokens sentenceTokens)
{
    /// <summary>Where the content of a verb starts, or null when nothing a claim could be follows it.</summary>
    public int? StartAfter(VerbMatch verb, Sentence sentence, out bool viaThat)
    {
        viaThat = false;
        var tokens = sentenceTokens.In(new TextRange(verb.Range.End, sentence.Range.End));
        if (tokens.Count == 0)
        {
            return null;
        }
        // "said that", "said on Thursday that", "questioned whether", "told reporters that".
        var reach = verb.Verb.Lemma == "tell" ? 8 : 6;
        for (var k = 0; k < tokens.Count && k < reach; k++)
        {
            var t = tokens[k];
            if (t.Is("that") && k == 0 && verb.Verb.Takes(Complement.Object) && ClauseWords(t.Range.End, sentence) <= 2)
            {
                return t.Range.Start; // "rejected that account": a demonstrative, not a complementiser
            }
            if (t.Is("that") || t.Is("whether") || (t.Is("if") && verb.Verb.Stance is Domain.Stance.Questions))
            {
                viaThat = true;
                return k + 1 < tokens.Count ? tokens[k + 1].Range.Start : null;
            }
            if ((!t.IsWord && t.Text != ",") || t.Text is "it" or "he" or "she" or "they" or "we" or "I")
            {
                // "said it would decide next week whether to open …": the "whether" belongs to the clause's own verb.
                break;
            }
            if (QuotationFinder.At(quotations, t.Range.Start) is not null || actors.MentionStartingAt(t.Range.Start) is not null
                || ReportingVerbLexicon.IsForm(t.Text))
            {
                // "said US intelligence continued to warn that …": that "that" belongs to the inner verb.
                break;
            }
        }
        var first = tokens[0];
        if (first.Text is ":" or "," && tokens.Count > 1 && IsOpeningQuote(tokens[1].Text))
        {
            return tokens[1].Range.Start;
        }
        if (IsOpeningQuote(first.Text))
        {
            return first.Range.Start;
        }
        if (!first.IsWord)
        {
            return null;
        }
        if (verb.Verb.Lemma == "tell")
        {
            // "told customers on Thursday to change their passwords": the instruction is the content.
            var to = tokens.Take(7).TakeWhile(t => t.IsWord).ToList().FindIndex(t => t.Is("to"));
            if (to > 0)
            {
                viaThat = true;
                return tokens[to].Range.Start;
            }
            // "told the council the water was safe": skip the listener.
            if (actors.MentionStartingAt(first.Range.Start) is { } listener)
            {
                var after = sentenceTokens.In(new TextRange(listener.Range.End, sentence.Range.End));
                return after.Count > 0 && after[0].IsWord ? after[0].Range.Start : null;
            }
            var skip = first.Is("the") || first.Is("a") ? 2 : 1;
            return tokens.Count > skip && tokens[skip].IsWord ? tokens[skip].Range.Start : null;
        }
        return verb.Verb.Takes(Complement.BareClause) || verb.Verb.Takes(Complement.Object) ? first.Range.Start : null;
    }

    /// <summary>The end of the clause that starts at <paramref name="start"/>, trailing punctuation excluded.</summary>
    public int EndFrom(int start, Sentence sentence, bool breakAtAnyComma = false)
    {
        var end = sentence.Range.End;
        for (var i = start; i < sentence.Range.End; i++)
        {
            if (QuotationFinder.At(quotations, i) is { } q && q.Open == i)
            {
                i = q.Close - 1;
                continue;
            }
            var c = text[i];
            if (c is '—' or ';' or '(' or ':' || (c is '–' or '-' && i > 0 && text[i - 1] == ' ' && i + 1 < text.Length && text[i + 1] == ' '))
            {
                end = i;
                break;
            }
            if (c == ' ' && i > start && CoordinatedReportingVerb(i + 1, sentence))
            {
                // "said X and warned that Y": the second verb starts a statement of its own.
                end = i;
                break;
            }
            if (c == ',' && (breakAtAnyComma || OpensAdjunct(i + 1, sentence) || OpensQuotation(i + 1, sentence)))
            {
                if (!breakAtAnyComma && CountWords(start, i) <= 3 && AsideEnd(i + 1, sentence) is { } resume)
                {
                    // "the corrosion, while “more advanced than we would like,” posed no risk": an aside after the subject.
                    i = resume;
                    continue;
                }
                end = i;
                break;
            }
            if (c == ' ' && (StartsWithWords(i + 1, "and that") || StartsWithWords(i + 1, "but that")))
            {
                end = i;
                break;
            }
        }
        return TextTrim.Trim(text, new TextRange(start, end)).End;
    }

    private int ClauseWords(int start, Sentence sentence) => CountWords(start, EndFrom(start, sentence));

    private int CountWords(int start, int end) => sentenceTokens.In(new TextRange(start, end)).Count(t => t.IsWord);

    /// <summary>The comma that closes an aside opened at <paramref name="position"/>, when a clause goes on after it.</summary>
    private int? AsideEnd(int position, Sentence sentence)
    {
        for (var i = position; i < sentence.Range.End; i++)
        {
            if (QuotationFinder.At(quotations, i) is { } q && q.Open == i)
            {
                // A comma just inside the closing mark closes the aside too (“… we would like,” posed …).
                if (q.Close >= 2 && text[q.Close - 2] == ',' && CountWords(q.Close, sentence.Range.End) >= 2)
                {
                    return q.Close - 1;
                }
                i = q.Close - 1;
                continue;
            }
            if (text[i] is '.' or ';' or '—')
            {
                return null;
            }
            if (text[i] == ',')
            {
                return CountWords(i, sentence.Range.End) >= 2 ? i : null;
            }
        }
        return null;
    }

    private bool OpensQuotation(int position, Sentence sentence)
    {
        while (position < sentence.Range.End && text[position] == ' ')
        {
            position++;
        }
        return position < sentence.Range.End && IsOpeningQuote(text[position].ToString());
    }

    private bool OpensAdjunct(int position, Sentence sentence)
    {
        // ", a pledge the minister dismissed …", ", an assessment questioned by …": an apposition about the statement.
        var next = sentenceTokens.In(new TextRange(position, Math.Min(sentence.Range.End, position + 40))).Where(t => t.IsWord).Take(3).ToList();
        if (next.Count >= 2 && (next[0].Is("a") || next[0].Is("an")) && next.Skip(1).Any(t => t.IsAny(WordLists.BackReferenceNouns)))
        {
            return true;
        }
        foreach (var words in WordLists.ClauseBreakers)
        {
            if (StartsWithWords(position, words))
            {
                return true;
            }
        }
        // ", Reuters reports." / ", she said." — the rest of the sentence is a reporting clause.
        var rest = text[position..sentence.Range.End].Trim().TrimEnd('.', '!', '?', '"', '”');
        var restWords = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return restWords.Length is > 0 and <= 7
               && ReportingVerbLexicon.Find(text, new TextRange(position, sentence.Range.End), quotations).Count > 0;
    }

    private bool CoordinatedReportingVerb(int position, Sentence sentence)
    {
        if (!StartsWithWords(position, "and") && !StartsWithWords(position, "but"))
        {
            return false;
        }
        var tokens = sentenceTokens.In(new TextRange(position, sentence.Range.End));
        var first = 1;
        if (tokens.Count > 2 && actors.MentionStartingAt(tokens[1].Range.Start) is { Possessive: false } subject)
        {
            // "… and employers dismissed …": a clause with a speaker of its own.
            first = tokens.FindIndex(t => t.Range.Start >= subject.Range.End);
        }
        else if (tokens.Count > 2 && tokens[1].IsAny(WordLists.GroupNouns))
        {
            first = 2;
        }
        for (var k = first; k > 0 && k < tokens.Count && k <= first + 2; k++)
        {
            if (!tokens[k].IsWord)
            {
                return false;
            }
            if (ReportingVerbLexicon.Find(text, tokens[k].Range with { End = Math.Min(sentence.Range.End, tokens[k].Range.Start + 20) }, quotations)
                    .FirstOrDefault() is { } v && v.Range.Start == tokens[k].Range.Start)
            {
                return true;
            }
            if (!tokens[k].Text.EndsWith("ly", StringComparison.Ordinal) && !tokens[k].IsAny(WordLists.VerbGroup))
            {
                return false;
            }
        }
        return false;
    }

    public bool StartsWithWords(int position, string words)
    {
        while (position < text.Length && text[position] == ' ')
        {
            position++;
        }
        if (position + words.Length > text.Length || string.Compare(text, position, words, 0, words.Length, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return false;
        }
        var after = position + words.Length;
        return after >= text.Length || !char.IsLetterOrDigit(text[after]);
    }

    /// <summary>Where "and that" continues the content with a second clause of the same speaker, or null.</summary>
    public int? SiblingAfter(int end, Sentence sentence)
    {
        var i = end;
        while (i < sentence.Range.End && (text[i] is ',' or ' '))
        {
            i++;
        }
        if (i < sentence.Range.End && text[i] == ':' && i + 1 < sentence.Range.End)
        {
            // "said the governor had a point: the deficit has doubled": the colon's clause is the same speaker's.
            var next = i + 1;
            while (next < sentence.Range.End && text[next] == ' ')
            {
                next++;
            }
            return next < sentence.Range.End && !IsOpeningQuote(text[next].ToString()) ? next : null;
        }
        if (StartsWithWords(i, "and that") || StartsWithWords(i, "but that"))
        {
            var start = text.IndexOf("that", i, StringComparison.OrdinalIgnoreCase) + 4;
            while (start < sentence.Range.End && text[start] == ' ')
            {
                start++;
            }
            return start < sentence.Range.End ? start : null;
        }
        return null;
    }

    /// <summary>
    /// Whether the words are only phrases of time, place or circumstance ("In March, before the walkout"): each part
    /// between commas opens with a preposition or a subordinating word and has no auxiliary ("Since 2019 the
    /// municipality has given …" is a clause).
    /// </summary>
    public bool OnlyAdverbials(TextRange range)
    {
        var words = sentenceTokens.In(range);
        var segmentStart = 0;
        for (var k = 0; k <= words.Count; k++)
        {
            if (k < words.Count && words[k].Text != ",")
            {
                continue;
            }
            var segment = words.GetRange(segmentStart, k - segmentStart);
            if (segment.Count > 0 && (!(segment[0].IsAny(WordLists.Prepositions) || segment[0].IsAny(WordLists.SubordinatingWords))
                                      || segment.Any(t => t.IsAny(WordLists.FiniteVerbs))))
            {
                return false;
            }
            segmentStart = k + 1;
        }
        return words.Count > 0;
    }

    /// <summary>
    /// Whether the words have an auxiliary, a modal or a form of "be" — the mark of a clause rather than a noun phrase
    /// ("the water was safe" against "discoloured water since August"). Plain past and present forms go unnoticed.
    /// </summary>
    public bool HasFiniteVerb(TextRange range) => sentenceTokens.In(range).Any(t => t.IsAny(WordLists.FiniteVerbs) || t.Text.EndsWith("n't", StringComparison.Ordinal));

    public static bool IsOpeningQuote(string s) => s is "\"" or "“" or "„" or "«";
}
