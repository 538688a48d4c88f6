using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>
/// Finds the subject slot of a reporting verb and what it names: the words before the verb ("Lopez, the city's
/// commissioner, said"; "X and Y said"; "which argue"), after it ("said Lopez"), after "by" or "according to", a group
/// ("local residents") or a report ("a Reuters report").
/// </summary>
internal sealed partial class SubjectFinder(string text, IReadOnlyList<Quotation> quotations, SentenceTokens tokens, MentionIndex mentions,
    PronounResolver pronouns, UnknownActorNamer namer)
{
    private readonly string _text = text;
    private readonly IReadOnlyList<Quotation> _quotations = quotations;
    private readonly SentenceTokens _tokens = tokens;
    private readonly MentionIndex _mentions = mentions;
    private readonly PronounResolver _pronouns = pronouns;
    private readonly UnknownActorNamer _namer = namer;

    /// <summary>The subject that ends just before <paramref name="position"/> (a reporting verb), within the sentence.</summary>
    public Subject? Before(int position, Sentence sentence)
    {
        var tokens = _tokens.In(new TextRange(sentence.Range.Start, position));
        var i = tokens.Count - 1;
        var skippedParenthetical = false;
        while (i >= 0)
        {
            var t = tokens[i];
            if (QuotationFinder.At(_quotations, t.Range.Start) is not null)
            {
                return null;
            }
            if (_mentions.HasEndingAt(t.Range.End) || PronounResolver.IsPronoun(t))
            {
                break;
            }
            if (t.IsWord && (t.IsAny(WordLists.VerbGroup) || (t.Text.EndsWith("ly", StringComparison.Ordinal) && !t.IsCapitalised)))
            {
                i--;
                continue;
            }
            if (t.Text == "," && !skippedParenthetical && ParentheticalStart(tokens, i) is { } open)
            {
                // "A spokeswoman, Ellen Marsh, said": the name between the commas is the speaker (not in "Lars Vik, a
                // spokesman for Nordhav, said" or "Emil Haug, 24, said", where the words between describe the name before).
                if (i - open - 1 is >= 1 and <= 4 && !Describes(tokens[open + 1]) && SubjectEndingAt(tokens, i - 1, sentence) is { } named
                    && named.Range.Start >= tokens[open].Range.End)
                {
                    var description = open;
                    while (description > 0 && tokens[description - 1].IsWord && !ReportingVerbLexicon.IsForm(tokens[description - 1].Text)
                           && !tokens[description - 1].Is("that"))
                    {
                        description--;
                    }
                    return Affiliate(named, tokens, description, open);
                }
                // "Maria Lopez, the city's water commissioner, said"; "Zelensky, for his part, has ruled out".
                skippedParenthetical = true;
                if (open >= 1 && SubjectEndingAt(tokens, open - 1, sentence) is { } described)
                {
                    return Affiliate(described, tokens, open + 1, i);
                }
                i = open - 1;
                continue;
            }
            break;
        }
        return (i < 0 ? null : SubjectEndingAt(tokens, i, sentence)) ?? LeadingSubject(tokens, sentence) ?? (i < 0 ? null : DescribedSource(tokens, i, sentence));
    }

    /// <summary>Words that open a description of the name before them, not a name: "a spokesman", "24", "who".</summary>
    private static bool Describes(Token t) =>
        t.Is("a") || t.Is("an") || t.Is("the") || t.Is("who") || t.Is("whose") || char.IsDigit(t.Text[0]);

    /// <summary>
    /// "The union representing the bridge's maintenance crews disagreed": an actor opening the sentence, followed by
    /// a reduced relative clause (a participle, or who/which/that) without punctuation, up to the verb.
    /// </summary>
    private Subject? LeadingSubject(List<Token> tokens, Sentence sentence)
    {
        if (tokens.Count == 0 || _mentions.MentionStartingAt(tokens[0].Range.Start) is not { Possessive: false } m)
        {
            return null;
        }
        var gap = tokens.Where(t => t.Range.Start >= m.Range.End).ToList();
        if (gap.Count is < 2 or > 9 || gap.Any(t => !t.IsWord && t.Text is not ("'" or "’"))
            || !(gap[0].Text.EndsWith("ing", StringComparison.Ordinal) || gap[0].Text.EndsWith("ed", StringComparison.Ordinal)
                 || gap[0].Is("who") || gap[0].Is("which") || gap[0].Is("that") || gap[0].Is("based")))
        {
            return null;
        }
        return new Subject([_mentions.Resolve(m)], m.Range, MentionIndex.Describe(m) + ", qualified by the words after it");
    }

    private Subject? SubjectEndingAt(List<Token> tokens, int i, Sentence sentence)
    {
        var t = tokens[i];
        if (_mentions.TryEndingAt(t.Range.End, out var mention))
        {
            if (mention.Possessive)
            {
                return null;
            }
            var actors = new List<ActorRef> { _mentions.Resolve(mention) };
            var range = mention.Range;
            var cue = MentionIndex.Describe(mention);
            // "X and Y said", "X, Y and Z argue".
            foreach (var other in CoordinatedBefore(mention.Range.Start, sentence))
            {
                actors.Insert(0, _mentions.Resolve(other));
                range = new TextRange(other.Range.Start, range.End);
                cue = MentionIndex.Describe(other) + "; " + cue;
            }
            return new Subject(actors, range, cue);
        }
        if (PronounResolver.IsPronoun(t))
        {
            return _pronouns.Pronoun(t);
        }
        if (t.Is("which") || t.Is("who"))
        {
            // ", which argue that": the actors named just before the comma.
            if (i >= 1 && tokens[i - 1].Text == "," && _mentions.TryEndingAt(tokens[i - 1].Range.Start, out var antecedent) && !antecedent.Possessive)
            {
                var subject = SubjectEndingAt(tokens, i - 2, sentence);
                return subject is null ? null : subject with { Cue = $"'{t.Text}' refers to {string.Join(" and ", subject.Actors)} ({subject.Cue})" };
            }
            return null;
        }
        if (t.IsAny(WordLists.ReportNouns))
        {
            return Report(tokens, i);
        }
        if (t.IsCapitalised && _namer.NewName(tokens, i, out var newSubject))
        {
            return newSubject;
        }
        if (t.IsAny(WordLists.GroupNouns) && !t.IsCapitalised
            && !(i > 0 && (tokens[i - 1].Is("its") || tokens[i - 1].Is("their") || tokens[i - 1].Is("his") || tokens[i - 1].Is("her"))))
        {
            // "its members" are the organisation's, not a group of their own: left to the caller.
            return _namer.Group(tokens, i);
        }
        return null;
    }

    /// <summary>The subject that starts at <paramref name="position"/>: "said Lopez", "by Director … Tulsi Gabbard", "according to X".</summary>
    public Subject? After(int position, Sentence sentence, bool skipTitles)
    {
        var tokens = _tokens.In(new TextRange(position, sentence.Range.End));
        var i = 0;
        while (i < tokens.Count && skipTitles && tokens[i].IsWord && !_mentions.HasStartingAt(tokens[i].Range.Start)
               && (tokens[i].IsCapitalised || tokens[i].Is("of") || tokens[i].Is("the")) && i < 6)
        {
            i++;
        }
        if (i >= tokens.Count || (i > 0 && !_mentions.HasStartingAt(tokens[i].Range.Start)))
        {
            i = 0;
        }
        if (i >= tokens.Count)
        {
            return null;
        }
        var t = tokens[i];
        if (QuotationFinder.At(_quotations, t.Range.Start) is not null)
        {
            return null;
        }
        if (_mentions.TryStartingAt(t.Range.Start, out var mention))
        {
            return mention.Possessive ? null : new Subject([_mentions.Resolve(mention)], mention.Range, MentionIndex.Describe(mention));
        }
        if (PronounResolver.IsPronoun(t))
        {
            return _pronouns.Pronoun(t);
        }
        // A capitalised sequence read forwards, then named like one read backwards.
        var j = i;
        while (j + 1 < tokens.Count && tokens[j + 1].IsWord && (tokens[j + 1].IsCapitalised || UnknownActorNamer.IsInitial(tokens[j + 1])))
        {
            j++;
        }
        if (t.IsCapitalised && _namer.NewName(tokens, j, out var subject))
        {
            return subject;
        }
        if ((t.Is("the") || t.Is("a")) && i + 1 < tokens.Count)
        {
            // "said the city's engineer" — a role phrase no known actor has: not an actor we can name.
            return null;
        }
        return null;
    }

    private IEnumerable<ActorMention> CoordinatedBefore(int start, Sentence sentence)
    {
        var at = start;
        while (true)
        {
            var before = _text[sentence.Range.Start..at];
            var trimmed = before.TrimEnd();
            // "X and Y", "X, Y and Z": the join nearest the subject must be "and"; commas only before it.
            string[] joins = at == start ? [", and", ",and", " and"] : [", and", ",and", " and", ","];
            var join = joins.FirstOrDefault(j => trimmed.EndsWith(j, StringComparison.Ordinal));
            if (join is null)
            {
                yield break;
            }
            var end = sentence.Range.Start + trimmed.Length - join.Length;
            while (end > sentence.Range.Start && char.IsWhiteSpace(_text[end - 1]))
            {
                end--;
            }
            if (!_mentions.TryEndingAt(end, out var other) || other.Possessive)
            {
                yield break;
            }
            yield return other;
            at = other.Range.Start;
        }
    }

    /// <summary>
    /// The opening comma of an appositive that ends at <paramref name="comma"/>: words only, at most 30 of them
    /// ("Dr. Samuel Okafor, a toxicologist at Riverside University who reviewed the city's figures …, said").
    /// </summary>
    private int? ParentheticalStart(List<Token> tokens, int comma)
    {
        for (var k = comma - 1; k > 0 && k >= comma - 30; k--)
        {
            if (tokens[k].Text == ",")
            {
                if (k >= 3 && char.IsDigit(tokens[k - 1].Text[0]) && tokens[k - 2].Text == ",")
                {
                    // "Emil Haug, 24, who joined the plant two years ago, said": the age is part of the aside.
                    k -= 2;
                }
                // Short asides ("for his part") may follow anything; a long appositive must follow a name.
                return comma - k <= 6 || _mentions.HasEndingAt(tokens[k - 1].Range.End) || tokens[k - 1].IsCapitalised ? k : null;
            }
            if (QuotationFinder.At(_quotations, tokens[k].Range.Start) is not null
                || (!tokens[k].IsWord && tokens[k].Text is not ("'" or "’" or "-" or ".")))
            {
                return null;
            }
        }
        return null;
    }

    private Subject? Report(List<Token> tokens, int i)
    {
        var start = i;
        ActorRef? outlet = null;
        while (start > 0 && tokens[start - 1].IsWord && start > i - 5)
        {
            start--;
            if (_mentions.TryEndingAt(tokens[start].Range.End, out var m))
            {
                outlet = _mentions.Resolve(m);
            }
            if (tokens[start].Is("a") || tokens[start].Is("an") || tokens[start].Is("the"))
            {
                break;
            }
        }
        if (outlet is null && start < i)
        {
            // "a Gazette report": a capitalised word before the noun names the outlet.
            var named = tokens.Skip(start).Take(i - start).Where(t => t.IsCapitalised && !t.IsAny(WordLists.NameStoppers)
                && !UnknownActorNamer.IsMonth(t)).Select(t => t.Text).ToList();
            if (named.Count > 0)
            {
                outlet = _namer.NewActor(string.Join(' ', named), isPerson: false);
            }
        }
        var range = new TextRange(tokens[start].Range.Start, tokens[i].Range.End);
        var phrase = range.Of(_text);
        var subject = new Subject(outlet is null ? [] : [outlet], range, $"reported by '{phrase}'", new ReportRef(phrase, outlet));
        return subject;
    }
}
