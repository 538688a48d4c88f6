using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>
/// Names the actors no known actor stands for, as the text calls them ("Maria Lopez", "the Finance Ministry", "Local
/// residents"), once each: a later surname alone ("Lopez") finds the person named in full before it. A title before a
/// name is the actor's role, not part of the name ("Transport Minister Jonas Berg" is Jonas Berg, Transport Minister).
/// </summary>
internal sealed class UnknownActorNamer(string text, MentionIndex mentions, PronounResolver pronouns, PersonNames persons)
{
    private readonly string _text = text;
    private readonly MentionIndex _mentions = mentions;
    private readonly PronounResolver _pronouns = pronouns;
    private readonly PersonNames _persons = persons;
    private readonly Dictionary<string, ActorRef> _newActors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActorRef> _newSurnames = new(StringComparer.Ordinal);

    public Subject Group(List<Token> tokens, int i)
    {
        var start = i;
        while (start > 0 && start > i - 3 && tokens[start - 1].IsWord
               && (tokens[start - 1].IsAny(WordLists.GroupModifiers) || (tokens[start - 1].IsCapitalised && !tokens[start - 1].IsAny(WordLists.NameStoppers))))
        {
            start--;
        }
        var range = new TextRange(tokens[start].Range.Start, tokens[i].Range.End);
        var name = Capitalise(range.Of(_text));
        var group = NewActor(name, isPerson: false);
        group.IsPlural = true;
        if (start > 0 && tokens[start - 1].Is("the") && group.ShortName == name)
        {
            // "the workers say …": a claim calls them so too.
            group.ShortName = "the " + char.ToLowerInvariant(name[0]) + name[1..];
        }
        return new Subject([group], range, $"group named in the text: '{range.Of(_text)}' (not a known actor)");
    }

    public bool NewName(List<Token> tokens, int last, out Subject? subject)
    {
        subject = null;
        var first = last;
        while (first > 0 && (tokens[first - 1].IsWord || tokens[first - 1].Text == "&") && !_mentions.HasEndingAt(tokens[first - 1].Range.End)
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
        string? role = null;
        if (!isOrganisation)
        {
            var all = words;
            (role, words) = PersonTitles.Split(_text, words);
            titleGender = all.Take(all.Count - words.Count).Select(w => GenderHints.FromWord(w.Text)).FirstOrDefault(g => g != Gender.Unknown);
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
            if (_persons.Named(name, range.Start) is { } named)
            {
                subject = new Subject([named], range, $"'{name}' refers to {named.Name} named earlier (not a known actor)");
                return true;
            }
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
            _pronouns.NoteGender(actor, titleGender);
        }
        actor.Role ??= role;
        if (isOrganisation && withThe && tokens.FindIndex(t => t.Range.Start == range.Start) is var at and > 0 && tokens[at - 1].Is("the"))
        {
            // "the Labour Ministry": the article belongs to the name, so that ", the Labour Ministry said" reads as a reporting clause.
            range = new TextRange(tokens[at - 1].Range.Start, range.End);
        }
        subject = new Subject([actor], range, $"name found in the text: '{name}' (not a known actor)"
            + (role is null ? "" : $", role '{role}'"));
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

    public ActorRef NewActor(string name, bool isPerson)
    {
        if (_newActors.TryGetValue(name, out var existing))
        {
            return existing;
        }
        if (isPerson && _persons.ByName(name) is { } named)
        {
            _newActors[name] = named;
            return named;
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

    public static bool IsInitial(Token t) => t.Text.Length == 1 && char.IsUpper(t.Text[0]);

    public static bool IsMonth(Token t) => t.Text is "January" or "February" or "March" or "April" or "June" or "July"
        or "August" or "September" or "October" or "November" or "December" or "Monday" or "Tuesday" or "Wednesday"
        or "Thursday" or "Friday" or "Saturday" or "Sunday";

    internal static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
