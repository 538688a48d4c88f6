using System.Text.RegularExpressions;
using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>
/// A sentence for a claim whose words are a reporting verb's object rather than a clause, which would otherwise be a
/// fragment: "urged both sides to return to the table" → "Both sides should return to the table"; "dismissed union
/// warnings about job cuts as scaremongering" → "Union warnings about job cuts are scaremongering"; "accused the authority
/// of gambling with public safety" → "The authority is gambling with public safety"; "rejected calls for an independent
/// audit" → "There should be an independent audit"; "defended the government's decision to delay the opening" → "The
/// government should delay the opening"; "estimates the overrun at 2.3 billion crowns" → "The overrun is 2.3 billion
/// crowns"; "ruled out giving up any territory" → "Zelensky will give up any territory". Null when no sentence can be
/// made: the suggestion is then dropped rather than proposed with a fragment.
/// </summary>
internal static partial class ObjectClaims
{
    private static readonly HashSet<string> AskingVerbs = new(StringComparer.Ordinal)
    {
        "urge", "ask", "call", "press", "encourage", "advise", "implore", "tell", "warn", "push", "invite", "order",
    };

    private static readonly HashSet<string> Prepositions = new(StringComparer.Ordinal)
    {
        "about", "of", "from", "on", "in", "to", "with", "by", "at", "for", "over", "against",
    };

    private static readonly Dictionary<string, string> Bases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["being"] = "be",
        ["having"] = "have",
        ["changing"] = "change",
        ["charging"] = "charge",
        ["bringing"] = "bring",
        ["eating"] = "eat",
        ["meeting"] = "meet",
        ["seeing"] = "see",
        ["dying"] = "die",
        ["lying"] = "lie",
        ["focusing"] = "focus",
        ["opening"] = "open",
        ["offering"] = "offer",
        ["entering"] = "enter",
        ["paying"] = "pay",
        ["staying"] = "stay",
    };

    /// <summary>The claim and its stance for an object <paramref name="words"/> (neutral, with the text's own first letter), or null.</summary>
    public static (string Words, Stance Stance)? Rewrite(string lemma, Stance stance, string words, string subject)
    {
        var s = words.Trim();
        Match m;
        if (AskingVerbs.Contains(lemma) && (m = ToInfinitive().Match(s)).Success)
        {
            return ($"{m.Groups["x"].Value} should {m.Groups["v"].Value}", stance);
        }
        if (lemma is "dismiss" or "reject" or "brush aside" or "describe" && (m = As().Match(s)).Success)
        {
            return ($"{m.Groups["x"].Value} {Be(m.Groups["x"].Value)} {m.Groups["y"].Value}", Stance.Asserts);
        }
        if (lemma == "accuse" && (m = OfGerund().Match(s)).Success)
        {
            return ($"{m.Groups["x"].Value} {Be(m.Groups["x"].Value)} {m.Groups["v"].Value}", stance);
        }
        if ((m = CallsFor().Match(s)).Success)
        {
            return ($"There should be {m.Groups["x"].Value}", stance);
        }
        if ((m = DecisionTo().Match(s)).Success)
        {
            return ($"{m.Groups["poss"].Value} should {m.Groups["v"].Value}", stance);
        }
        if (lemma == "estimate" && (m = At().Match(s)).Success)
        {
            return ($"{m.Groups["x"].Value} {Be(m.Groups["x"].Value)} {m.Groups["y"].Value}", stance);
        }
        if ((m = LeadingTo().Match(s)).Success)
        {
            // "threatened to strike", "proposed to cut": what the speaker would do.
            var modal = lemma is "threaten" ? "could" : lemma is "propose" ? "should" : "will";
            return ($"{subject} {modal} {m.Groups["v"].Value}", stance);
        }
        if ((m = Gerund().Match(s)).Success)
        {
            return ($"{subject} will {BaseOf(m.Groups["g"].Value)}{m.Groups["rest"].Value}", stance);
        }
        if (lemma is "threaten" or "propose" or "recommend")
        {
            return ($"There {(lemma == "threaten" ? "could" : "should")} be {s}", stance);
        }
        if (stance is Stance.Doubts or Stance.Questions)
        {
            // "cast doubt on the sampling method": the doubt is whether it can be trusted.
            return ($"{s} can be trusted", stance);
        }
        return null;
    }

    /// <summary>"a claim by the Greens that the ministry had been warned": the claim is what follows "that".</summary>
    public static string? ThatClause(string words) => NounThat().Match(words) is { Success: true } m ? m.Groups["y"].Value : null;

    /// <summary>"is" or "are" for a noun phrase: its head is the last word before a preposition ("warnings about job cuts").</summary>
    private static string Be(string np)
    {
        var words = np.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var head = words.TakeWhile(w => !Prepositions.Contains(w)).LastOrDefault() ?? "";
        return head.Length > 3 && head.EndsWith('s') && !head.EndsWith("ss", StringComparison.Ordinal) && !head.EndsWith("'s", StringComparison.Ordinal)
               && !head.EndsWith("’s", StringComparison.Ordinal) ? "are" : "is";
    }

    /// <summary>"giving" → "give", "cutting" → "cut", "raising" → "raise", "negotiating" → "negotiate".</summary>
    internal static string BaseOf(string gerund)
    {
        if (Bases.TryGetValue(gerund, out var known))
        {
            return known;
        }
        var stem = gerund[..^3];
        if (stem.Length > 2 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'e' or 'o'))
        {
            return stem[..^1]; // cutting, stopping
        }
        var e = stem.EndsWith('v') || stem.EndsWith('c') || stem.EndsWith('z') || stem.EndsWith("at", StringComparison.Ordinal)
                || (stem.Length > 2 && stem[^1] == 's' && "aeio".Contains(stem[^2]))
                || (stem.Length > 2 && stem[^1] == 'r' && "aiou".Contains(stem[^2]) && !"aeiou".Contains(stem[^3]))
                || (stem.Length > 2 && stem[^1] is 'k' or 'm' or 'p' or 't' or 'd' && "aiou".Contains(stem[^2]) && !"aeiou".Contains(stem[^3]) && stem.Length <= 4);
        return e ? stem + "e" : stem;
    }

    [GeneratedRegex(@"^(?<x>(?:[\w’'-]+ ){0,7}?[\w’'-]+) to (?<v>\w.*)$")]
    private static partial Regex ToInfinitive();

    [GeneratedRegex(@"^(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat) (?:\w+ )?(?:claims?|suggestions?|allegations?|reports?|assertions?|accusations?|warnings?|charges?)\b[^,;]*? that (?<y>\w.*)$")]
    private static partial Regex NounThat();

    [GeneratedRegex(@"^(?<x>.+?) as (?<y>.+)$")]
    private static partial Regex As();

    [GeneratedRegex(@"^(?<x>.+?) of (?<v>\w+ing\b.*)$")]
    private static partial Regex OfGerund();

    [GeneratedRegex(@"^(?:[Cc]alls?|[Dd]emands?|[Aa]ppeals?|[Pp]leas?|[Rr]equests?)\b.*? for (?<x>.+)$")]
    private static partial Regex CallsFor();

    [GeneratedRegex(@"^(?<poss>.+?)['’]s? (?:decision|plan|bid|move|proposal|push|attempt|choice|intention) to (?<v>.+)$")]
    private static partial Regex DecisionTo();

    [GeneratedRegex(@"^(?<x>.+?) at (?<y>.+)$")]
    private static partial Regex At();

    [GeneratedRegex(@"^[Tt]o (?<v>\w.*)$")]
    private static partial Regex LeadingTo();

    [GeneratedRegex(@"^(?!(?:[Nn]othing|[Ss]omething|[Aa]nything|[Ee]verything|[Mm]orning|[Ee]vening|[Bb]uilding|[Ff]unding|[Ff]inding|[Hh]ousing|[Ss]pending|[Tt]raining|[Ff]ishing|[Ss]hipping|[Ss]pring|[Ss]tring|[Kk]ing|[Tt]hing)\b)(?<g>[A-Za-z]{2,}ing)\b(?<rest>.*)$")]
    private static partial Regex Gerund();
}
