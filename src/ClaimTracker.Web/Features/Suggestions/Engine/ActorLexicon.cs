using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>
/// Who can say something: a known actor, or a name found in the text that no known actor has (<see cref="Known"/> null).
/// </summary>
internal sealed class ActorRef(string name, KnownActor? known, bool isPerson)
{
    public string Name { get; } = name;
    public KnownActor? Known { get; } = known;
    public int? Id => Known?.Id;
    public bool IsPerson { get; } = isPerson;

    /// <summary>The shortest name a claim in neutral words uses ("Trump", "Lopez", "the Kremlin").</summary>
    public string ShortName { get; set; } = name;

    /// <summary>The office the text gives an actor no known actor stands for ("Transport Minister"), kept out of <see cref="Name"/>.</summary>
    public string? Role { get; set; }

    /// <summary>
    /// The organisation this person speaks for, as the text introduces them ("a spokesman for Nordhav", "the chamber's
    /// president"): "our" in their words is the organisation's, and a spokesperson's "we" is the organisation itself.
    /// </summary>
    public ActorRef? SpeaksFor { get; set; }

    /// <summary>Whether <see cref="SpeaksFor"/> comes from a spokesperson's title, whose "we" is the organisation.</summary>
    public bool IsSpokesperson { get; set; }

    /// <summary>A group that takes plural verbs ("Local residents are …", "Two officials … have").</summary>
    public bool IsPlural { get; set; } = !isPerson && (known?.Kind == Domain.ActorKind.OfficialsGroup || LooksPlural(name));

    /// <summary>"European governments", "Some customers": a last word in lower case ending in s ("Bluefin Labs" is one firm).</summary>
    private static bool LooksPlural(string name)
    {
        var last = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        return last.Length > 3 && char.IsLower(last[0]) && last.EndsWith('s') && !last.EndsWith("ss", StringComparison.Ordinal);
    }

    public override string ToString() => Name;
}

/// <summary>How the text names an actor at one place.</summary>
internal enum MentionKind
{
    Name,
    Alias,
    Surname,
    Role,
}

/// <summary>
/// One place where the text names an actor. A role phrase ("the president") can fit several actors:
/// <see cref="Candidates"/> holds them all and the suggester picks the one mentioned last.
/// </summary>
internal sealed record ActorMention(TextRange Range, IReadOnlyList<ActorRef> Candidates, MentionKind Kind, string Surface, bool Possessive)
{
    public ActorRef Actor => Candidates[0];
}

/// <summary>
/// Turns the known actors into the phrases that name them: full name, aliases, surname, the name without a bracketed
/// gloss ("Russian government (the Kremlin)"), and role phrases made from role and country ("the Ukrainian leader",
/// "the Russian president", "the spokesman"). Capitals of known countries name their governments ("Moscow").
/// </summary>
internal static class ActorLexicon
{
    private static readonly Dictionary<string, string[]> Demonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["United States"] = ["US", "U.S.", "American"],
        ["USA"] = ["US", "U.S.", "American"],
        ["United Kingdom"] = ["British", "UK", "U.K."],
        ["Britain"] = ["British"],
        ["Russia"] = ["Russian"],
        ["Ukraine"] = ["Ukrainian"],
        ["China"] = ["Chinese"],
        ["France"] = ["French"],
        ["Germany"] = ["German"],
        ["Japan"] = ["Japanese"],
        ["Israel"] = ["Israeli"],
        ["Iran"] = ["Iranian"],
        ["Iraq"] = ["Iraqi"],
        ["Europe"] = ["European"],
        ["European Union"] = ["European", "EU"],
        ["Poland"] = ["Polish"],
        ["Spain"] = ["Spanish"],
        ["Turkey"] = ["Turkish"],
        ["Netherlands"] = ["Dutch"],
        ["Switzerland"] = ["Swiss"],
        ["Sweden"] = ["Swedish"],
        ["Denmark"] = ["Danish"],
        ["Finland"] = ["Finnish"],
        ["Norway"] = ["Norwegian"],
        ["Greece"] = ["Greek"],
        ["Portugal"] = ["Portuguese"],
        ["Saudi Arabia"] = ["Saudi"],
        ["Pakistan"] = ["Pakistani"],
        ["Bangladesh"] = ["Bangladeshi"],
        ["Vietnam"] = ["Vietnamese"],
        ["Lebanon"] = ["Lebanese"],
        ["Belarus"] = ["Belarusian"],
        ["Philippines"] = ["Philippine", "Filipino"],
        ["New Zealand"] = ["New Zealand"],
        ["Canada"] = ["Canadian"],
        ["Mexico"] = ["Mexican"],
    };

    private static readonly Dictionary<string, string> Capitals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["United States"] = "Washington",
        ["Russia"] = "Moscow",
        ["Ukraine"] = "Kyiv",
        ["China"] = "Beijing",
        ["United Kingdom"] = "London",
        ["France"] = "Paris",
        ["Germany"] = "Berlin",
        ["Japan"] = "Tokyo",
        ["Iran"] = "Tehran",
        ["Israel"] = "Jerusalem",
        ["Poland"] = "Warsaw",
        ["Turkey"] = "Ankara",
        ["India"] = "New Delhi",
        ["Canada"] = "Ottawa",
        ["Mexico"] = "Mexico City",
        ["Belarus"] = "Minsk",
    };

    // Role heads that news copy also renders as "leader".
    private static readonly HashSet<string> LeaderHeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "president", "prime minister", "premier", "chancellor", "king", "queen", "leader", "head of state", "mayor", "governor",
    };

    private static readonly Dictionary<string, string[]> HeadSynonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["spokesperson"] = ["spokesman", "spokeswoman", "spokesperson"],
        ["spokesman"] = ["spokesman", "spokesperson"],
        ["spokeswoman"] = ["spokeswoman", "spokesperson"],
        ["adviser"] = ["adviser", "advisor"],
        ["advisor"] = ["adviser", "advisor"],
        ["chairman"] = ["chairman", "chair"],
        ["chairwoman"] = ["chairwoman", "chair"],
    };

    private static readonly string[] TwoWordHeads = ["prime minister", "head of state", "foreign minister", "finance minister", "chief executive", "attorney general", "secretary general"];

    /// <summary>Every phrase that names a known actor, and how.</summary>
    public static IEnumerable<(string Phrase, ActorRef Actor, MentionKind Kind)> Phrases(IEnumerable<ActorRef> actors)
    {
        foreach (var actor in actors)
        {
            var known = actor.Known!;
            var name = known.Name.Trim();
            yield return (name, actor, MentionKind.Name);
            var bracket = name.IndexOf('(');
            if (bracket > 0 && name.EndsWith(')'))
            {
                yield return (name[..bracket].Trim(), actor, MentionKind.Name);
                yield return (name[(bracket + 1)..^1].Trim(), actor, MentionKind.Alias);
            }
            foreach (var alias in known.Aliases.Where(a => !string.IsNullOrWhiteSpace(a)))
            {
                yield return (alias.Trim(), actor, MentionKind.Alias);
            }
            if (known.Kind == ActorKind.Person && SurnameOf(name) is { } surname)
            {
                yield return (surname, actor, MentionKind.Surname);
            }
            foreach (var role in RolePhrases(known))
            {
                yield return (role, actor, MentionKind.Role);
            }
        }
    }

    /// <summary>The last word of a personal name of two words or more.</summary>
    public static string? SurnameOf(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 2 && words[^1].Length > 1 && char.IsUpper(words[^1][0]) ? words[^1] : null;
    }

    private static IEnumerable<string> RolePhrases(KnownActor actor)
    {
        var demonyms = actor.Country is { } country && Demonyms.TryGetValue(country.Trim(), out var d)
            ? d
            : actor.Country is { Length: > 0 } c2 && c2.EndsWith('a') ? [c2 + "n"] : [];
        if (actor.Kind is ActorKind.Government)
        {
            foreach (var demonym in demonyms)
            {
                yield return $"the {demonym} government";
            }
            if (actor.Country is { } country2 && Capitals.TryGetValue(country2.Trim(), out var capital))
            {
                yield return capital;
            }
            yield break;
        }
        if (actor.Kind is not ActorKind.Person || string.IsNullOrWhiteSpace(actor.Role))
        {
            yield break;
        }
        var role = actor.Role.Trim();
        yield return "the " + LowerFirst(role);
        foreach (var head in Heads(role))
        {
            var synonyms = HeadSynonyms.TryGetValue(head, out var s) ? s : [head];
            foreach (var h in synonyms)
            {
                yield return "the " + h;
                // "backed his commissioner": a possessive pronoun before the role names the holder as well.
                yield return "his " + h;
                yield return "her " + h;
                yield return "their " + h;
                foreach (var demonym in demonyms)
                {
                    yield return $"the {demonym} {h}";
                }
            }
            if (LeaderHeads.Contains(head))
            {
                foreach (var demonym in demonyms)
                {
                    yield return $"the {demonym} leader";
                }
            }
        }
    }

    /// <summary>The head noun of a role: "President of Ukraine" → president; "Kremlin spokesperson" → spokesperson.</summary>
    internal static IEnumerable<string> Heads(string role)
    {
        var lower = role.ToLowerInvariant();
        var cut = lower.IndexOfAny([',', '(']);
        if (cut > 0)
        {
            lower = lower[..cut];
        }
        foreach (var sep in new[] { " of ", " to ", " for ", " at ", " in " })
        {
            var at = lower.IndexOf(sep, StringComparison.Ordinal);
            if (at > 0)
            {
                lower = lower[..at];
            }
        }
        lower = lower.Trim();
        foreach (var two in TwoWordHeads)
        {
            if (lower.EndsWith(two, StringComparison.Ordinal))
            {
                yield return two;
                yield return two.Split(' ')[1];
                yield break;
            }
        }
        var words = lower.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0)
        {
            yield return words[^1];
        }
    }

    private static string LowerFirst(string s) =>
        s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;
}
