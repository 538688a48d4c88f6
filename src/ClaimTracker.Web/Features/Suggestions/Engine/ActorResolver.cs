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
    private readonly SentenceTokens _tokens;
    private readonly Dictionary<int, ActorMention> _byEnd = [];
    private readonly Dictionary<int, ActorMention> _byStart = [];
    private readonly Dictionary<string, ActorRef> _newActors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActorRef> _newSurnames = new(StringComparer.Ordinal);
    private readonly List<(int Position, ActorRef Actor)> _speakers = [];

    // The furthest position recorded among _speakers[0..k]: a backward search for a recent speaker stops where it
    // drops below the sentences it looks at, instead of going through everyone who spoke since the text began.
    private readonly List<int> _speakersReach = [];
    private readonly Dictionary<ActorRef, Gender> _genders = [];

    // What the rules ask of the mentions again and again, worked out once from them (they never change):
    // what each role phrase resolves to, the mentions naming each actor alone, and for "he"/"she" the nearest
    // mention at or before each one that can be that person.
    private readonly Dictionary<ActorMention, ActorRef> _resolved = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ActorRef, List<ActorMention>> _naming = [];
    private readonly Dictionary<Gender, int[]> _lastFitting = [];

    public ActorResolver(string text, IReadOnlyList<KnownActor> known, IReadOnlyList<Quotation> quotations, IReadOnlyList<Sentence> sentences, SentenceTokens tokens)
    {
        _text = text;
        _tokens = tokens;
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
        // A role phrase stands for the candidate named alone most recently before it (see ResolveByScan).
        var lastNamed = new Dictionary<ActorRef, int>();
        foreach (var m in Mentions)
        {
            if (m.Candidates.Count == 1)
            {
                lastNamed[m.Candidates[0]] = m.Range.Start;
                if (!_naming.TryGetValue(m.Candidates[0], out var naming))
                {
                    _naming[m.Candidates[0]] = naming = [];
                }
                naming.Add(m);
                continue;
            }
            ActorRef? best = null;
            var bestAt = -1;
            foreach (var candidate in m.Candidates)
            {
                if (lastNamed.TryGetValue(candidate, out var at) && at > bestAt)
                {
                    (best, bestAt) = (candidate, at);
                }
            }
            _resolved[m] = best ?? m.Candidates[0];
        }
    }

    public IReadOnlyList<ActorMention> Mentions { get; }

    public ActorMention? MentionStartingAt(int position) => _byStart.GetValueOrDefault(position);

    public ActorMention? MentionEndingAt(int position) => _byEnd.GetValueOrDefault(position);

    public void RecordSpeaker(int position, ActorRef actor)
    {
        _speakers.Add((position, actor));
        _speakersReach.Add(_speakersReach.Count == 0 ? position : Math.Max(position, _speakersReach[^1]));
    }

    /// <summary>The mentions (in text order) that start inside <paramref name="range"/>.</summary>
    public IEnumerable<ActorMention> MentionsIn(TextRange range)
    {
        for (var k = FirstMentionFrom(range.Start); k < Mentions.Count && Mentions[k].Range.Start < range.End; k++)
        {
            yield return Mentions[k];
        }
    }

    /// <summary>The index of the first mention starting at or after <paramref name="position"/> (mentions are in text order).</summary>
    private int FirstMentionFrom(int position)
    {
        return InTextOrder.FirstIndex(Mentions, m => m.Range.Start >= position);
    }

    /// <summary>The index of the last mention ending at or before <paramref name="position"/>, or -1.</summary>
    private int LastMentionEndingBy(int position)
    {
        // Mentions never overlap, so their ends are in text order too.
        return InTextOrder.FirstIndex(Mentions, m => m.Range.End > position) - 1;
    }

    /// <summary>The actor a mention stands for at its place: for a role phrase, the candidate named most recently.</summary>
    public ActorRef Resolve(ActorMention mention)
    {
        if (mention.Candidates.Count == 1)
        {
            return mention.Candidates[0];
        }
        return _resolved.TryGetValue(mention, out var resolved) ? resolved : ResolveByScan(mention);
    }

    /// <summary>What <see cref="Resolve"/> works out once for every mention of the text, for a mention made elsewhere.</summary>
    private ActorRef ResolveByScan(ActorMention mention)
    {
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
                // "A spokeswoman, Ellen Marsh, said": the name between the commas is the speaker.
                if (i - open - 1 is >= 1 and <= 4 && SubjectEndingAt(tokens, i - 1, sentence) is { } named
                    && named.Range.Start >= tokens[open].Range.End)
                {
                    return named;
                }
                // "Maria Lopez, the city's water commissioner, said"; "Zelensky, for his part, has ruled out".
                skippedParenthetical = true;
                i = open - 1;
                continue;
            }
            break;
        }
        return (i < 0 ? null : SubjectEndingAt(tokens, i, sentence)) ?? LeadingSubject(tokens, sentence);
    }

    /// <summary>
    /// "The union representing the bridge's maintenance crews disagreed": an actor opening the sentence, followed by
    /// a reduced relative clause (a participle, or who/which/that) without punctuation, up to the verb.
    /// </summary>
    private Subject? LeadingSubject(List<Token> tokens, Sentence sentence)
    {
        if (tokens.Count == 0 || _byStart.GetValueOrDefault(tokens[0].Range.Start) is not { Possessive: false } m)
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
        return new Subject([Resolve(m)], m.Range, Describe(m) + ", qualified by the words after it");
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
        if (t.IsAny(WordLists.GroupNouns) && !t.IsCapitalised
            && !(i > 0 && (tokens[i - 1].Is("its") || tokens[i - 1].Is("their") || tokens[i - 1].Is("his") || tokens[i - 1].Is("her"))))
        {
            // "its members" are the organisation's, not a group of their own: left to the caller.
            return Group(tokens, i);
        }
        return null;
    }

    /// <summary>The subject that starts at <paramref name="position"/>: "said Lopez", "by Director … Tulsi Gabbard", "according to X".</summary>
    public Subject? After(int position, Sentence sentence, bool skipTitles)
    {
        var tokens = _tokens.In(new TextRange(position, sentence.Range.End));
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
        if (MentionsIn(range).FirstOrDefault(m => range.Contains(m.Range) && !m.Possessive) is { } employer)
        {
            // "researchers at Bluefin Labs" speak for Bluefin Labs.
            return new Subject([Resolve(employer)], range, $"'{range.Of(_text)}' speak for {Describe(employer)}");
        }
        var name = Capitalise(range.Of(_text));
        return new Subject([NewActor(name, isPerson: false)], range, $"unnamed sources '{range.Of(_text)}' (not a known actor)");
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
            if (_byStart.TryGetValue(tokens[k].Range.Start, out var m))
            {
                return m.Possessive ? null : new Subject([Resolve(m)], m.Range, Describe(m));
            }
            if (tokens[k].IsCapitalised && !tokens[k].Is("the"))
            {
                var j = k;
                while (j + 1 < tokens.Count && (tokens[j + 1].IsCapitalised || tokens[j + 1].Text == "&"
                       || (tokens[j + 1].Is("of") && j + 2 < tokens.Count && tokens[j + 2].IsCapitalised)))
                {
                    j++;
                }
                return NewName(tokens, j, out var named) ? named : null;
            }
        }
        return null;
    }

    public Subject? Pronoun(Token t)
    {
        var actor = ResolvePronoun(t.Range.Start, t.Is("she") ? Gender.Female : Gender.Male);
        return actor is null ? null : new Subject([actor], t.Range, $"'{t.Text}' resolved to {actor.Name}");
    }

    /// <summary>"he"/"she": the last person who spoke in this or the previous sentence, else the nearest person named before.</summary>
    public ActorRef? ResolvePronoun(int position, Gender gender)
    {
        bool Fits(ActorRef a) => a.IsPerson && GenderOf(a) is var g && (g == Gender.Unknown || g == gender);
        var sentence = SentenceAt(position);
        var floor = sentence is null ? 0 : _sentences[Math.Max(0, sentence.Index - 1)].Range.Start;
        for (var k = _speakers.Count - 1; k >= 0 && _speakersReach[k] >= floor; k--)
        {
            var (at, actor) = _speakers[k];
            if (at < position && at >= floor && Fits(actor))
            {
                return actor;
            }
        }
        var last = LastMentionEndingBy(position);
        if (last >= 0 && LastFitting(gender, Fits)[last] is var fitting and >= 0)
        {
            return Resolve(Mentions[fitting]);
        }
        for (var k = _speakers.Count - 1; k >= 0; k--)
        {
            if (_speakers[k].Position < position && Fits(_speakers[k].Actor))
            {
                return _speakers[k].Actor;
            }
        }
        return null;
    }

    /// <summary>The last sentence starting at or before <paramref name="position"/> (sentences are in text order).</summary>
    private Sentence? SentenceAt(int position)
    {
        var after = InTextOrder.FirstIndex(_sentences, s => s.Range.Start > position);
        return after > 0 ? _sentences[after - 1] : null;
    }

    /// <summary>
    /// For each mention, the index of the last mention at or before it whose actor <paramref name="fits"/> a pronoun of
    /// <paramref name="gender"/>, or -1. Mentions only name known actors, whose gender does not depend on what the rules
    /// found so far, so this holds for the whole run.
    /// </summary>
    private int[] LastFitting(Gender gender, Func<ActorRef, bool> fits)
    {
        if (!_lastFitting.TryGetValue(gender, out var last))
        {
            last = new int[Mentions.Count];
            for (var k = 0; k < Mentions.Count; k++)
            {
                last[k] = fits(Resolve(Mentions[k])) ? k : k > 0 ? last[k - 1] : -1;
            }
            _lastFitting[gender] = last;
        }
        return last;
    }

    /// <summary>A person's gender as the record or the text shows it (title or role word before a mention, first name).</summary>
    private Gender GenderOf(ActorRef actor)
    {
        if (_genders.TryGetValue(actor, out var known))
        {
            return known;
        }
        var gender = GenderHints.FromRole(actor.Known?.Role);
        if (gender == Gender.Unknown)
        {
            foreach (var m in _naming.GetValueOrDefault(actor) ?? [])
            {
                var before = ReportingVerbLexicon.WordBefore(_text, m.Range.Start, Math.Max(0, m.Range.Start - 20));
                if (before is not null && GenderHints.FromWord(before) is var g && g != Gender.Unknown && before.Length > 1 && char.IsUpper(before[0]))
                {
                    gender = g;
                    break;
                }
            }
        }
        if (gender == Gender.Unknown)
        {
            gender = GenderHints.FromFirstName(actor.Name);
        }
        _genders[actor] = gender;
        return gender;
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
                // Short asides ("for his part") may follow anything; a long appositive must follow a name.
                return comma - k <= 6 || _byEnd.ContainsKey(tokens[k - 1].Range.End) || tokens[k - 1].IsCapitalised ? k : null;
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
        while (first > 0 && (tokens[first - 1].IsWord || tokens[first - 1].Text == "&") && !_byEnd.ContainsKey(tokens[first - 1].Range.End)
               && (tokens[first - 1].IsCapitalised || IsInitial(tokens[first - 1])
                   || ((tokens[first - 1].Is("of") || tokens[first - 1].Is("for") || tokens[first - 1].Is("and") || tokens[first - 1].Text == "&")
                       && first >= 2 && tokens[first - 2].IsCapitalised)))
        {
            first--;
        }
        var words = tokens.Skip(first).Take(last - first + 1).ToList();
        var withThe = first > 0 && tokens[first - 1].Is("the");
        if (Affiliated(tokens, first) is { } person)
        {
            // "Erik Lund of the Ostby Institute …": the person, not the institution, speaks.
            words = person;
            withThe = false;
        }
        while (words.Count > 0 && (words[0].IsAny(WordLists.NameStoppers) || words[0].Is("of")))
        {
            withThe |= words[0].Is("the");
            words.RemoveAt(0);
        }
        var isOrganisation = words.Count > 0 && (words[^1].IsAny(WordLists.OrganisationHeads) || words.Any(w => w.Text == "&"));
        var titleGender = Gender.Unknown;
        if (!isOrganisation)
        {
            while (words.Count > 1 && (words[0].IsAny(WordLists.Titles) || words[0].Is("of") || GenderHints.FromWord(words[0].Text) != Gender.Unknown))
            {
                titleGender = GenderHints.FromWord(words[0].Text) is var g && g != Gender.Unknown ? g : titleGender;
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
        if (titleGender != Gender.Unknown)
        {
            _genders.TryAdd(actor, titleGender);
        }
        subject = new Subject([actor], range, $"name found in the text: '{name}' (not a known actor)");
        return true;
    }

    /// <summary>A personal name right before "of/at/from (the) …" that leads to the capitalised run starting at <paramref name="first"/>.</summary>
    private static List<Token>? Affiliated(List<Token> tokens, int first)
    {
        var k = first - 1;
        if (k >= 0 && tokens[k].Is("the"))
        {
            k--;
        }
        if (k < 1 || !(tokens[k].Is("of") || tokens[k].Is("at") || tokens[k].Is("from")))
        {
            return null;
        }
        var end = k - 1;
        var start = end;
        while (start > 0 && tokens[start - 1].IsWord && tokens[start - 1].IsCapitalised && !tokens[start - 1].IsAny(WordLists.NameStoppers))
        {
            start--;
        }
        var name = tokens.Skip(start).Take(end - start + 1).ToList();
        while (name.Count > 2 && name[0].IsAny(WordLists.Titles))
        {
            name.RemoveAt(0);
        }
        return name.Count is 2 or 3 && name.All(t => t.IsCapitalised && !t.IsAny(WordLists.OrganisationHeads)) ? name : null;
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
