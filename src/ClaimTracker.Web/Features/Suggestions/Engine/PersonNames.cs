namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>A personal name no known actor has, where the text gives it in full ("Transport Minister Jonas Berg").</summary>
internal sealed record PersonName(TextRange Range, ActorRef Actor);

/// <summary>
/// The people the text names that no known actor stands for, found once before the rules run, so that a later surname
/// alone ("Berg said") and a later "he" find the person even when the first naming was no speaker's slot ("Transport
/// Minister Jonas Berg on Tuesday defended …"). A capitalised run of two or three words counts as a person only with
/// evidence: a title before it, an age or an appositive after it, a common first name, a reporting verb beside it, or
/// its last word standing alone elsewhere. The title is the actor's role, not part of the name.
/// </summary>
internal sealed class PersonNames
{
    private readonly Dictionary<string, ActorRef> _byName = new(StringComparer.Ordinal);

    // Where each surname is given with its first name, in text order: a surname alone is the person named so last before it.
    private readonly Dictionary<string, List<(int Start, ActorRef Actor)>> _fullBySurname = new(StringComparer.Ordinal);

    // Every place a person is named, in full or by surname alone, in text order (for "he"/"she" and surnames).
    private readonly List<(TextRange Range, ActorRef Actor)> _occurrences = [];

    public PersonNames(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Quotation> quotations, MentionIndex mentions, SentenceTokens tokens)
    {
        var runs = new List<(List<Token> Run, List<Token> Sentence, int At)>();
        var alone = new Dictionary<string, List<TextRange>>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            var all = tokens.In(sentence.Range);
            for (var k = 0; k < all.Count; k++)
            {
                if (!IsNameWord(all[k]) || QuotationFinder.At(quotations, all[k].Range.Start) is not null || mentions.Covering(all[k].Range.Start) is not null)
                {
                    continue;
                }
                var end = k;
                while (end + 1 < all.Count && (IsNameWord(all[end + 1]) || (all[end + 1].Is("of") && end + 2 < all.Count && IsNameWord(all[end + 2])))
                       && mentions.Covering(all[end + 1].Range.Start) is null)
                {
                    end++;
                }
                var run = all.GetRange(k, end - k + 1);
                if (run.Count == 1)
                {
                    var word = Surname(run[0].Text);
                    if (!alone.TryGetValue(word, out var list))
                    {
                        alone[word] = list = [];
                    }
                    list.Add(run[0].Range);
                }
                else
                {
                    runs.Add((run, all, k));
                }
                k = end;
            }
        }
        foreach (var (run, sentenceTokens, at) in runs)
        {
            var words = run.SkipWhile(t => t.IsAny(WordLists.NameStoppers) || UnknownActorNamer.IsMonth(t)).ToList();
            if (words.Count < 2 || words.Any(t => t.Text.Contains('&')) || words[^1].IsAny(WordLists.OrganisationHeads))
            {
                continue;
            }
            var (role, name) = PersonTitles.Split(text, words);
            if (name.Count is < 2 or > 3 || name.Any(t => t.Is("of") || t.IsAny(WordLists.Titles) || t.IsAny(WordLists.OrganisationHeads) || UnknownActorNamer.IsMonth(t)))
            {
                continue;
            }
            var surname = Surname(name[^1].Text);
            var after = at + run.Count;
            var evidence = role is not null
                || GenderHints.FromFirstName(name[0].Text) != Gender.Unknown
                || alone.ContainsKey(surname)
                || Appositive(sentenceTokens, at, after)
                || (after < sentenceTokens.Count && ReportingVerbLexicon.IsForm(sentenceTokens[after].Text))
                || (at > 0 && sentenceTokens[at - 1].Text is "said" or "says" or "told");
            if (!evidence)
            {
                continue;
            }
            var fullName = text[name[0].Range.Start..name[^1].Range.End];
            if (fullName.EndsWith("'s", StringComparison.Ordinal) || fullName.EndsWith("’s", StringComparison.Ordinal))
            {
                fullName = fullName[..^2];
            }
            if (!_byName.TryGetValue(fullName, out var actor))
            {
                _byName[fullName] = actor = new ActorRef(fullName, null, isPerson: true) { ShortName = surname, Role = role };
            }
            _occurrences.Add((new TextRange(name[0].Range.Start, name[^1].Range.End), actor));
            if (!_fullBySurname.TryGetValue(surname, out var full))
            {
                _fullBySurname[surname] = full = [];
            }
            full.Add((name[0].Range.Start, actor));
        }
        // A surname alone stands for the person last named in full before it.
        foreach (var (surname, places) in alone)
        {
            foreach (var place in places)
            {
                if (Named(surname, place.Start) is { } actor)
                {
                    _occurrences.Add((place, actor));
                }
            }
        }
        _occurrences.Sort((a, b) => a.Range.Start.CompareTo(b.Range.Start));
    }

    /// <summary>The person named in full under <paramref name="name"/>, if the text names one so.</summary>
    public ActorRef? ByName(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The person with this surname named in full last before <paramref name="position"/>.</summary>
    public ActorRef? Named(string surname, int position)
    {
        if (!_fullBySurname.TryGetValue(Surname(surname), out var full))
        {
            return null;
        }
        var k = InTextOrder.FirstIndex(full, f => f.Start >= position) - 1;
        return k >= 0 ? full[k].Actor : null;
    }

    /// <summary>The places people are named before <paramref name="position"/>, nearest first.</summary>
    public IEnumerable<(TextRange Range, ActorRef Actor)> Before(int position)
    {
        for (var k = InTextOrder.FirstIndex(_occurrences, o => o.Range.Start >= position) - 1; k >= 0; k--)
        {
            yield return _occurrences[k];
        }
    }

    private static bool IsNameWord(Token t) =>
        t.IsWord && t.IsCapitalised && t.Text.Length > 1 && char.IsLetter(t.Text[0]) && !t.Text.All(c => !char.IsLower(c) || c is '\'' or '’');

    private static string Surname(string word) =>
        word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal) ? word[..^2] : word;

    /// <summary>", 24,", ", who …", ", a spokesman …" after the name, or commas on both sides of it.</summary>
    private static bool Appositive(List<Token> tokens, int at, int after)
    {
        if (after + 1 >= tokens.Count || tokens[after].Text != ",")
        {
            return false;
        }
        var next = tokens[after + 1];
        return char.IsDigit(next.Text[0]) || next.Is("who") || next.Is("whose") || next.Is("a") || next.Is("an") || next.Is("the")
               || (at > 0 && tokens[at - 1].Text == ",");
    }
}

/// <summary>Where a title ends and a name begins: "Transport Minister Jonas Berg" → role "Transport Minister", name "Jonas Berg".</summary>
internal static class PersonTitles
{
    /// <summary>
    /// The role (or null) and the name words of a capitalised run. Forms of address ("Dr.", "Ms.") are dropped; the
    /// last title head ("Minister", "Director of National Intelligence") ends the role.
    /// </summary>
    public static (string? Role, List<Token> Name) Split(string text, List<Token> words)
    {
        var rest = words.SkipWhile(t => t.IsAny(WordLists.Honorifics)).ToList();
        var head = -1;
        for (var j = 0; j < rest.Count - 1; j++)
        {
            if (rest[j].IsAny(WordLists.TitleHeads))
            {
                head = j;
            }
        }
        if (head < 0)
        {
            return (null, rest);
        }
        var nameStart = head + 1;
        if (rest[nameStart].Is("of") || rest[nameStart].Is("for"))
        {
            // "Director of National Intelligence Tulsi Gabbard": the name is the last two words (three with an initial).
            nameStart = rest.Count >= 3 && UnknownActorNamer.IsInitial(rest[^2]) ? rest.Count - 3 : rest.Count - 2;
            if (nameStart <= head + 1)
            {
                return (null, rest);
            }
        }
        var role = text[rest[0].Range.Start..rest[nameStart - 1].Range.End];
        return (role, rest.GetRange(nameStart, rest.Count - nameStart));
    }
}
