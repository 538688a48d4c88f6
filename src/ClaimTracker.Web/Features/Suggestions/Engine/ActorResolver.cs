using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>What a subject slot turned out to hold: one or more actors (coordinated: "X and Y said"), or a report.</summary>
internal sealed record Subject(IReadOnlyList<ActorRef> Actors, TextRange Range, string Cue, ReportRef? Report = null)
{
    public ActorRef Actor => Actors[0];
}

/// <summary>A report through which something is known ("a December Reuters report"), and its outlet when named.</summary>
internal sealed record ReportRef(string Phrase, ActorRef? Outlet);

/// <summary>
/// Resolves who a subject slot names: a known actor by name, alias, surname or role phrase (the role's candidate
/// mentioned last wins), "he"/"she" (the last person who spoke in this or the previous sentence, else the nearest person
/// named before), "which"/"who" (the actors named just before the comma), a name no known actor has ("Maria Lopez",
/// "the Finance Ministry"), a group ("local residents") or a report ("a Reuters report").
/// </summary>
internal sealed class ActorResolver
{
    private readonly string _text;
    private readonly IReadOnlyList<Quotation> _quotations;
    private readonly IReadOnlyList<Sentence> _sentences;
    private readonly Dictionary<int, ActorMention> _byEnd = [];
    private readonly Dictionary<int, ActorMention> _byStart = [];
    private readonly Dictionary<string, ActorRef> _newActors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActorRef> _newSurnames = new(StringComparer.Ordinal);
    private readonly List<(int Position, ActorRef Actor)> _speakers = [];

    public ActorResolver(string text, IReadOnlyList<KnownActor> known, IReadOnlyList<Quotation> quotations, IReadOnlyList<Sentence> sentences)
    {
        _text = text;
        _quotations = quotations;
        _sentences = sentences;
        var actors = known.Select(a => new ActorRef(a.Name, a, a.Kind == ActorKind.Person)
        {
            ShortName = ShortNameOf(a),
        }).ToList();
        Mentions = ActorMentionFinder.Find(text, actors, quotations);
        foreach (var m in Mentions)
        {
            _byEnd[m.Range.End] = m;
            _byStart[m.Range.Start] = m;
        }
    }

    public IReadOnlyList<ActorMention> Mentions { get; }

    public ActorMention? MentionStartingAt(int position) => _byStart.GetValueOrDefault(position);

    public ActorMention? MentionEndingAt(int position) => _byEnd.GetValueOrDefault(position);

    public void RecordSpeaker(int position, ActorRef actor) => _speakers.Add((position, actor));

    /// <summary>The actor a mention stands for at its place: for a role phrase, the candidate named most recently.</summary>
    public ActorRef Resolve(ActorMention mention)
    {
        if (mention.Candidates.Count == 1)
        {
            return mention.Candidates[0];
        }
        ActorRef? best = null;
        var bestAt = -1;
        foreach (var m in Mentions)
        {
            if (m.Range.Start >= mention.Range.Start)
            {
                break;
            }
            if (m.Candidates.Count == 1 && mention.Candidates.Contains(m.Candidates[0]) && m.Range.Start > bestAt)
            {
                (best, bestAt) = (m.Candidates[0], m.Range.Start);
            }
        }
        return best ?? mention.Candidates[0];
    }

    /// <summary>The subject that ends just before <paramref name="position"/> (a reporting verb), within the sentence.</summary>
    public Subject? Before(int position, Sentence sentence)
    {
        var tokens = Tokens.In(_text, new TextRange(sentence.Range.Start, position));
        var i = tokens.Count - 1;
        var skippedParenthetical = false;
        while (i >= 0)
        {
            var t = tokens[i];
            if (QuotationFinder.At(_quotations, t.Range.Start) is not null)
            {
                return null;
            }
            if (_byEnd.ContainsKey(t.Range.End) || IsPronoun(t))
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
                // "Maria Lopez, the city's water commissioner, said"; "Zelensky, for his part, has ruled out".
                skippedParenthetical = true;
                i = open - 1;
                continue;
            }
            break;
        }
        return i < 0 ? null : SubjectEndingAt(tokens, i, sentence);
    }

    private Subject? SubjectEndingAt(List<Token> tokens, int i, Sentence sentence)
    {
        var t = tokens[i];
        if (_byEnd.TryGetValue(t.Range.End, out var mention))
        {
            if (mention.Possessive)
            {
                return null;
            }
            var actors = new List<ActorRef> { Resolve(mention) };
            var range = mention.Range;
            var cue = Describe(mention);
            // "X and Y said", "X, Y and Z argue".
            foreach (var other in CoordinatedBefore(mention.Range.Start, sentence))
            {
                actors.Insert(0, Resolve(other));
                range = new TextRange(other.Range.Start, range.End);
                cue = Describe(other) + "; " + cue;
            }
            return new Subject(actors, range, cue);
        }
        if (IsPronoun(t))
        {
            return Pronoun(t);
        }
        if (t.Is("which") || t.Is("who"))
        {
            // ", which argue that": the actors named just before the comma.
            if (i >= 1 && tokens[i - 1].Text == "," && _byEnd.TryGetValue(tokens[i - 1].Range.Start, out var antecedent) && !antecedent.Possessive)
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
        if (t.IsCapitalised && NewName(tokens, i, out var newSubject))
        {
            return newSubject;
        }
        if (t.IsAny(WordLists.GroupNouns) && !t.IsCapitalised)
        {
            return Group(tokens, i);
        }
        return null;
    }

    /// <summary>The subject that starts at <paramref name="position"/>: "said Lopez", "by Director … Tulsi Gabbard", "according to X".</summary>
    public Subject? After(int position, Sentence sentence, bool skipTitles)
    {
        var tokens = Tokens.In(_text, new TextRange(position, sentence.Range.End));
        var i = 0;
        while (i < tokens.Count && skipTitles && tokens[i].IsWord && !_byStart.ContainsKey(tokens[i].Range.Start)
               && (tokens[i].IsCapitalised || tokens[i].Is("of") || tokens[i].Is("the")) && i < 6)
        {
            i++;
        }
        if (i >= tokens.Count || (i > 0 && !_byStart.ContainsKey(tokens[i].Range.Start)))
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
        if (_byStart.TryGetValue(t.Range.Start, out var mention))
        {
            return mention.Possessive ? null : new Subject([Resolve(mention)], mention.Range, Describe(mention));
        }
        if (IsPronoun(t))
        {
            return Pronoun(t);
        }
        // A capitalised sequence read forwards, then named like one read backwards.
        var j = i;
        while (j + 1 < tokens.Count && tokens[j + 1].IsWord && (tokens[j + 1].IsCapitalised || IsInitial(tokens[j + 1])))
        {
            j++;
        }
        if (t.IsCapitalised && NewName(tokens, j, out var subject))
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

    public Subject? Pronoun(Token t)
    {
        var actor = ResolvePronoun(t.Range.Start);
        return actor is null ? null : new Subject([actor], t.Range, $"'{t.Text}' resolved to {actor.Name}");
    }

    /// <summary>"he"/"she": the last person who spoke in this or the previous sentence, else the nearest person named before.</summary>
    public ActorRef? ResolvePronoun(int position)
    {
        var sentence = _sentences.LastOrDefault(s => s.Range.Start <= position);
        var floor = sentence is null ? 0 : _sentences[Math.Max(0, sentence.Index - 1)].Range.Start;
        for (var k = _speakers.Count - 1; k >= 0; k--)
        {
            var (at, actor) = _speakers[k];
            if (at < position && at >= floor && actor.IsPerson)
            {
                return actor;
            }
        }
        for (var k = Mentions.Count - 1; k >= 0; k--)
        {
            var m = Mentions[k];
            if (m.Range.End <= position && Resolve(m) is { IsPerson: true } person)
            {
                return person;
            }
        }
        for (var k = _speakers.Count - 1; k >= 0; k--)
        {
            if (_speakers[k].Position < position && _speakers[k].Actor.IsPerson)
            {
                return _speakers[k].Actor;
            }
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
            if (!_byEnd.TryGetValue(end, out var other) || other.Possessive)
            {
                yield break;
            }
            yield return other;
            at = other.Range.Start;
        }
    }

    private static int? ParentheticalStart(List<Token> tokens, int comma)
    {
        for (var k = comma - 1; k > 0 && k >= comma - 10; k--)
        {
            if (tokens[k].Text == ",")
            {
                return k;
            }
            if (!tokens[k].IsWord && tokens[k].Text is not ("'" or "’" or "-"))
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
            if (_byEnd.TryGetValue(tokens[start].Range.End, out var m))
            {
                outlet = Resolve(m);
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
                && !IsMonth(t)).Select(t => t.Text).ToList();
            if (named.Count > 0)
            {
                outlet = NewActor(string.Join(' ', named), isPerson: false);
            }
        }
        var range = new TextRange(tokens[start].Range.Start, tokens[i].Range.End);
        var phrase = range.Of(_text);
        var subject = new Subject(outlet is null ? [] : [outlet], range, $"reported by '{phrase}'", new ReportRef(phrase, outlet));
        return subject;
    }

    private Subject Group(List<Token> tokens, int i)
    {
        var start = i;
        while (start > 0 && start > i - 3 && tokens[start - 1].IsWord
               && (tokens[start - 1].IsAny(WordLists.GroupModifiers) || (tokens[start - 1].IsCapitalised && !tokens[start - 1].IsAny(WordLists.NameStoppers))))
        {
            start--;
        }
        var range = new TextRange(tokens[start].Range.Start, tokens[i].Range.End);
        var name = Capitalise(range.Of(_text));
        return new Subject([NewActor(name, isPerson: false)], range, $"group named in the text: '{range.Of(_text)}' (not a known actor)");
    }

    private bool NewName(List<Token> tokens, int last, out Subject? subject)
    {
        subject = null;
        var first = last;
        while (first > 0 && tokens[first - 1].IsWord && !_byEnd.ContainsKey(tokens[first - 1].Range.End)
               && (tokens[first - 1].IsCapitalised || IsInitial(tokens[first - 1])
                   || (tokens[first - 1].Is("of") && first >= 2 && tokens[first - 2].IsCapitalised)))
        {
            first--;
        }
        var words = tokens.Skip(first).Take(last - first + 1).ToList();
        var withThe = first > 0 && tokens[first - 1].Is("the");
        while (words.Count > 0 && (words[0].IsAny(WordLists.NameStoppers) || words[0].Is("of")))
        {
            withThe |= words[0].Is("the");
            words.RemoveAt(0);
        }
        var isOrganisation = words.Count > 0 && words[^1].IsAny(WordLists.OrganisationHeads);
        if (!isOrganisation)
        {
            while (words.Count > 1 && (words[0].IsAny(WordLists.Titles) || words[0].Is("of")))
            {
                words.RemoveAt(0);
            }
        }
        if (words.Count == 0 || words.Any(w => IsMonth(w)))
        {
            return false;
        }
        var range = new TextRange(words[0].Range.Start, words[^1].Range.End);
        var name = range.Of(_text);
        if (words.Count == 1 && !isOrganisation)
        {
            if (_newSurnames.TryGetValue(name, out var known))
            {
                subject = new Subject([known], range, $"'{name}' refers to {known.Name} named earlier (not a known actor)");
                return true;
            }
            return false;
        }
        if (words.Count > 5)
        {
            return false;
        }
        var display = isOrganisation && withThe ? "the " + name : name;
        var actor = NewActor(display, isPerson: !isOrganisation);
        subject = new Subject([actor], range, $"name found in the text: '{name}' (not a known actor)");
        return true;
    }

    private ActorRef NewActor(string name, bool isPerson)
    {
        if (_newActors.TryGetValue(name, out var existing))
        {
            return existing;
        }
        var actor = new ActorRef(name, null, isPerson);
        if (isPerson && ActorLexicon.SurnameOf(name) is { } surname)
        {
            actor.ShortName = surname;
            _newSurnames.TryAdd(surname, actor);
        }
        _newActors[name] = actor;
        return actor;
    }

    private static string Describe(ActorMention m) => m.Kind switch
    {
        MentionKind.Name => $"named '{m.Surface}'",
        MentionKind.Alias => $"alias '{m.Surface}'",
        MentionKind.Surname => $"surname '{m.Surface}'",
        _ => $"role phrase '{m.Surface}'",
    };

    private static bool IsPronoun(Token t) => t.Text is "he" or "He" or "she" or "She";

    private static bool IsInitial(Token t) => t.Text.Length == 1 && char.IsUpper(t.Text[0]);

    private static bool IsMonth(Token t) => t.Text is "January" or "February" or "March" or "April" or "June" or "July"
        or "August" or "September" or "October" or "November" or "December" or "Monday" or "Tuesday" or "Wednesday"
        or "Thursday" or "Friday" or "Saturday" or "Sunday";

    internal static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string ShortNameOf(KnownActor a)
    {
        if (a.Kind == ActorKind.Person && ActorLexicon.SurnameOf(a.Name) is { } surname)
        {
            return surname;
        }
        var shortest = a.Aliases.Where(x => x.Length > 2 && char.IsUpper(x[0])).OrderBy(x => x.Length).FirstOrDefault();
        return a.Kind == ActorKind.Person ? a.Name : shortest ?? a.Name;
    }
}
