namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>
/// Speakers that are no plain name: unnamed sources ("two officials familiar with the talks", "a senior manager at one
/// of the terminal operators"), organisations named by a description ("the regional chamber of commerce"), agents after
/// "by", the antecedent of "which … and promised", and whom a person speaks for ("a spokesman for Nordhav").
/// </summary>
internal sealed partial class SubjectFinder
{
    /// <summary>
    /// Unnamed sources after "according to": "two officials familiar with the matter", "people briefed on the talks".
    /// The phrase up to the comma is their name, when it has a noun for a group of people in it.
    /// </summary>
    public Subject? UnnamedSources(int position, Sentence sentence)
    {
        var tokens = _tokens.In(new TextRange(position, sentence.Range.End));
        var end = tokens.FindIndex(t => !t.IsWord);
        var phrase = tokens.Take(end < 0 ? tokens.Count : end).ToList();
        if (phrase.Count is 0 or > 8 || !phrase.Take(4).Any(t => t.IsAny(WordLists.GroupNouns) || t.Is("people") || t.Is("sources")))
        {
            return null;
        }
        var range = new TextRange(phrase[0].Range.Start, phrase[^1].Range.End);
        if (_mentions.MentionsIn(range).FirstOrDefault(m => range.Contains(m.Range) && !m.Possessive) is { } employer)
        {
            // "researchers at Bluefin Labs" speak for Bluefin Labs.
            return new Subject([_mentions.Resolve(employer)], range, $"'{range.Of(_text)}' speak for {MentionIndex.Describe(employer)}");
        }
        var name = UnknownActorNamer.Capitalise(range.Of(_text));
        return new Subject([_namer.NewActor(name, isPerson: false)], range, $"unnamed sources '{range.Of(_text)}' (not a known actor)");
    }

    /// <summary>The agent after "by": a known actor, or the capitalised name a descriptive phrase leads to ("the engineering firm Halden &amp; Price").</summary>
    public Subject? Agent(int position, Sentence sentence)
    {
        if (After(position, sentence, skipTitles: true) is { } direct)
        {
            return direct;
        }
        var tokens = _tokens.In(new TextRange(position, sentence.Range.End));
        for (var k = 0; k < tokens.Count && k < 5; k++)
        {
            if (!tokens[k].IsWord)
            {
                return null;
            }
            if (_mentions.TryStartingAt(tokens[k].Range.Start, out var m))
            {
                return m.Possessive ? null : new Subject([_mentions.Resolve(m)], m.Range, MentionIndex.Describe(m));
            }
            if (tokens[k].IsCapitalised && !tokens[k].Is("the"))
            {
                var j = k;
                while (j + 1 < tokens.Count && (tokens[j + 1].IsCapitalised || tokens[j + 1].Text == "&"
                       || (tokens[j + 1].Is("of") && j + 2 < tokens.Count && tokens[j + 2].IsCapitalised)))
                {
                    j++;
                }
                return _namer.NewName(tokens, j, out var named) ? named : null;
            }
        }
        return null;
    }


    /// <summary>
    /// An unnamed source in a subject slot, ending at <paramref name="last"/>: "Two officials familiar with the talks
    /// said", "Economists at the regional development agency estimate", "… said a senior manager at one of the terminal
    /// operators had told him". The phrase is their name; one who speaks for a known actor is that actor.
    /// </summary>
    private Subject? DescribedSource(List<Token> tokens, int last, Sentence sentence)
    {
        var first = last;
        while (first > 0 && last - first < 12 && tokens[first - 1].IsWord && !ReportingVerbLexicon.IsForm(tokens[first - 1].Text)
               && !tokens[first - 1].Is("that") && QuotationFinder.At(_quotations, tokens[first - 1].Range.Start) is null)
        {
            first--;
        }
        for (var p = first; p <= last; p++)
        {
            var t = tokens[p];
            var opens = t.Is("a") || t.Is("an") || t.Is("one") || t.Is("two") || t.Is("three") || t.Is("four") || t.Is("several")
                        || t.Is("some") || t.Is("many") || char.IsDigit(t.Text[0]) || (p == 0 && t.IsAny(WordLists.GroupNouns));
            if (!opens)
            {
                continue;
            }
            var head = tokens.Skip(p).Take(Math.Min(4, last - p + 1)).FirstOrDefault(h => h.IsAny(WordLists.GroupNouns) || h.IsAny(WordLists.PersonNouns));
            if (head.Text is null)
            {
                return null;
            }
            var range = new TextRange(t.Range.Start, tokens[last].Range.End);
            var phrase = range.Of(_text);
            if (_mentions.MentionsIn(range).FirstOrDefault(m => range.Contains(m.Range) && !m.Possessive && !_mentions.Resolve(m).IsPerson) is { } employer)
            {
                // "researchers at Bluefin Labs" speak for Bluefin Labs.
                return new Subject([_mentions.Resolve(employer)], range, $"'{phrase}' speak for {MentionIndex.Describe(employer)}");
            }
            if (head.IsAny(WordLists.SpokespersonNouns) && OrganisationByHead(tokens[last], range.Start) is { } organisation)
            {
                // "a spokesman for the office": the office named last before it.
                return new Subject([organisation], range, $"'{phrase}' speaks for {organisation.Name}, the last '{tokens[last].Text}' named");
            }
            var actor = _namer.NewActor(UnknownActorNamer.Capitalise(phrase), isPerson: false);
            actor.IsPlural = head.IsAny(WordLists.GroupNouns);
            return new Subject([actor], range, $"unnamed source '{phrase}' (not a known actor)");
        }
        return null;
    }

    /// <summary>The organisation named last before <paramref name="position"/> whose name or alias ends in <paramref name="head"/> ("the office").</summary>
    private ActorRef? OrganisationByHead(Token head, int position)
    {
        if (!head.IsAny(WordLists.OrganisationHeads))
        {
            return null;
        }
        var last = _mentions.LastMentionEndingBy(position);
        for (var k = last; k >= 0 && k > last - 40; k--)
        {
            var actor = _mentions.Resolve(_mentions.Mentions[k]);
            if (!actor.IsPerson && actor.Known is { } known
                && known.Aliases.Append(known.Name).Any(n => n.EndsWith(head.Text, StringComparison.OrdinalIgnoreCase)))
            {
                return actor;
            }
        }
        return null;
    }

    /// <summary>
    /// "the coalition government, which made … and promised voters that …": the actor named before ", which" or ", who"
    /// is the subject of a verb joined to the relative clause by "and".
    /// </summary>
    public Subject? RelativeAntecedent(int position, Sentence sentence)
    {
        var tokens = _tokens.In(new TextRange(sentence.Range.Start, position));
        for (var k = tokens.Count - 1; k >= 2; k--)
        {
            if (!tokens[k].IsWord)
            {
                return null;
            }
            if ((tokens[k].Is("which") || tokens[k].Is("who")) && tokens[k - 1].Text == ","
                && _mentions.TryEndingAt(tokens[k - 1].Range.Start, out var antecedent) && !antecedent.Possessive)
            {
                var subject = SubjectEndingAt(tokens, k - 2, sentence);
                return subject is null ? null : subject with { Cue = $"'{tokens[k].Text} … and' refers to {string.Join(" and ", subject.Actors)} ({subject.Cue})" };
            }
        }
        return null;
    }

    /// <summary>
    /// An organisation no known actor stands for, named by a description after "according to": "the regional chamber
    /// of commerce", "the national statistics office" — "the", up to four words ending in an organisation's head noun,
    /// and an "of" phrase.
    /// </summary>
    public Subject? DescribedOrganisation(int position, Sentence sentence)
    {
        var tokens = _tokens.In(new TextRange(position, sentence.Range.End));
        if (tokens.Count < 2 || !tokens[0].Is("the"))
        {
            return null;
        }
        for (var k = 1; k < tokens.Count && k <= 4 && tokens[k].IsWord; k++)
        {
            if (!tokens[k].IsAny(WordLists.OrganisationHeads))
            {
                continue;
            }
            var end = k;
            if (end + 2 < tokens.Count && tokens[end + 1].Is("of") && tokens[end + 2].IsWord)
            {
                end += 2;
                while (end + 1 < tokens.Count && tokens[end + 1].IsWord && tokens[end + 1].IsCapitalised)
                {
                    end++;
                }
            }
            if (end + 1 < tokens.Count && tokens[end + 1].IsWord)
            {
                return null; // the phrase must end at a comma or the sentence's end
            }
            var range = new TextRange(tokens[0].Range.Start, tokens[end].Range.End);
            var actor = _namer.NewActor(range.Of(_text), isPerson: false);
            return new Subject([actor], range, $"organisation named by description: '{range.Of(_text)}' (not a known actor)");
        }
        return null;
    }

    /// <summary>
    /// Notes whom a person speaks for, from the description beside their name (tokens[from..to)): "a spokesman for
    /// Nordhav", "the chamber's president", "DataVault's chief executive".
    /// </summary>
    private Subject Affiliate(Subject subject, List<Token> tokens, int from, int to)
    {
        if (subject.Actors.Count != 1 || !subject.Actor.IsPerson || subject.Actor.SpeaksFor is not null || to - from is < 1 or > 8)
        {
            return subject;
        }
        var words = tokens.Skip(from).Take(to - from).ToList();
        var description = new TextRange(words[0].Range.Start, words[^1].Range.End);
        foreach (var m in _mentions.MentionsIn(description).Where(m => description.Contains(m.Range)))
        {
            var org = _mentions.Resolve(m);
            var before = words.LastOrDefault(w => w.Range.End <= m.Range.Start);
            if (org.IsPerson || !(m.Possessive || before.Is("for") || before.Is("of") || before.Is("at")))
            {
                continue;
            }
            subject.Actor.SpeaksFor = org;
            subject.Actor.IsSpokesperson = words.Any(w => w.IsAny(WordLists.SpokespersonNouns));
            return subject with { Cue = subject.Cue + $"; speaks for {org.Name}" };
        }
        return subject;
    }
}
