using Bogus;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// English news-like phrases for claims and source texts. Lorem ipsum would do for row counts but not for search:
/// the selectivity of a word like "ceasefire" only looks like production if the texts are made of such words.
/// </summary>
internal static class NewsVocabulary
{
    public static readonly string[] Subjects =
    [
        "Russia", "Ukraine", "The Kremlin", "Washington", "The European Union", "NATO", "Beijing", "Kyiv", "Moscow",
        "The White House", "The United Nations", "Germany", "France", "Poland", "Turkey", "The G7", "The IMF",
        "Western intelligence agencies", "European governments", "The defence ministry", "The central bank",
        "Energy companies", "Grain exporters", "Military analysts", "Opposition lawmakers", "Regional governors",
    ];

    public static readonly string[] Predicates =
    [
        "is ready to make a deal on", "has shown little sign of abandoning", "will not accept", "is preparing",
        "has secretly agreed to", "is losing patience with", "still aims to control", "has rejected", "is close to",
        "is responsible for", "has violated", "will soon announce", "is funding", "is blocking", "has proposed",
        "is negotiating", "underestimated", "is exaggerating the scale of", "has quietly expanded", "cannot afford",
    ];

    public static readonly string[] Objects =
    [
        "a ceasefire along the current front line", "new sanctions on oil exports", "the peace talks in Geneva",
        "a prisoner exchange", "security guarantees for Kyiv", "the grain corridor", "its objectives in the east",
        "a freeze of the conflict", "reconstruction funding", "the frozen central bank assets", "air defence deliveries",
        "a referendum in the occupied regions", "the gas transit agreement", "an offensive in the spring",
        "the nuclear power plant", "a summit with European leaders", "drone strikes on energy infrastructure",
        "the mobilisation of reservists", "talks on a demilitarised zone", "the export of fertiliser",
        "tariffs on steel imports", "the election timetable", "troop withdrawals", "a humanitarian corridor",
    ];

    public static readonly string[] Complements =
    [
        "", "", "", " before the end of the year", " despite public denials", " according to officials",
        " within weeks", " under pressure from allies", " for the first time since 2022", " at any price",
        " without consulting parliament", " in exchange for sanctions relief",
    ];

    public static readonly string[] Topics =
    [
        "ukraine", "russia", "peace-talks", "ceasefire", "sanctions", "energy", "gas", "oil", "nato", "eu",
        "united-states", "china", "intelligence", "military-aid", "air-defence", "drones", "nuclear", "grain",
        "refugees", "reconstruction", "elections", "economy", "inflation", "trade", "tariffs", "diplomacy",
        "human-rights", "war-crimes", "prisoners", "mobilisation", "cyber", "disinformation", "black-sea",
        "crimea", "donbas", "poland", "germany", "france", "turkey", "un",
    ];

    public static readonly string[] Outlets =
    [
        "Reuters", "Associated Press", "AFP", "BBC News", "The Guardian", "Financial Times", "The New York Times",
        "The Washington Post", "Der Spiegel", "Le Monde", "El País", "Kyiv Independent", "Meduza", "Politico Europe",
        "Bloomberg", "Al Jazeera", "The Economist", "Deutsche Welle", "NPR", "The Wall Street Journal",
    ];

    public static readonly string[] SaidWhen =
    [
        "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "at the weekend", "last week",
        "in December", "in January", "earlier this month", "in a late-night statement",
    ];

    public static readonly string[] PersonRoles =
    [
        "President", "Prime Minister", "Foreign Minister", "Defence Minister", "Spokesperson", "Senator",
        "Member of Parliament", "Director of National Intelligence", "Ambassador", "Envoy", "General", "Analyst",
        "Governor", "Mayor", "Chief Negotiator", "Secretary-General",
    ];

    public static string Claim(Faker f) =>
        $"{f.PickRandom(Subjects)} {f.PickRandom(Predicates)} {f.PickRandom(Objects)}{f.PickRandom(Complements)}";

    /// <summary>One sentence of reporting, sometimes with a quotation in it.</summary>
    public static string Sentence(Faker f, IReadOnlyList<string> speakers)
    {
        var clause = $"{f.PickRandom(Subjects).ToLowerInvariant()} {f.PickRandom(Predicates)} {f.PickRandom(Objects)}{f.PickRandom(Complements)}";
        return f.Random.Int(0, 4) switch
        {
            0 => $"\"{Capitalise(clause)},\" {f.PickRandom(speakers)} said {f.PickRandom(SaidWhen)}.",
            1 => $"{f.PickRandom(speakers)} told reporters that {clause}.",
            2 => $"According to {f.PickRandom(speakers)}, {clause}, a claim that {f.PickRandom(speakers)} disputed.",
            3 => $"{Capitalise(clause)}, {f.PickRandom(Outlets)} reported {f.PickRandom(SaidWhen)}.",
            _ => $"{f.PickRandom(Subjects)} {f.PickRandom(Predicates)} {f.PickRandom(Objects)}, {f.Lorem.Word()} sources said.",
        };
    }

    /// <summary>An article of roughly <paramref name="targetLength"/> characters, in paragraphs.</summary>
    public static string Article(Faker f, IReadOnlyList<string> speakers, int targetLength)
    {
        var text = new System.Text.StringBuilder(targetLength + 400);
        while (text.Length < targetLength)
        {
            var sentences = f.Random.Int(2, 5);
            for (var i = 0; i < sentences; i++)
            {
                if (i > 0)
                {
                    text.Append(' ');
                }
                text.Append(Sentence(f, speakers));
            }
            text.Append("\n\n");
        }
        return text.ToString().TrimEnd();
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
