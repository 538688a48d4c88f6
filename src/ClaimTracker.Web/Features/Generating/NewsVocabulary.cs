using Bogus;
using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Generating;

/// <summary>
/// English news-like phrases for claims, source texts, notes and verdicts. Lorem ipsum would do for row counts but not
/// for search: the selectivity of a word like "ceasefire" only looks like production if the texts are made of such words.
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

    private static readonly string[] NoteOpenings =
    [
        "Checked against the transcript:", "Worth a second look:", "Context for the desk:", "Flagging for review:",
        "Source check:", "Follow-up needed:", "Compare with the earlier report:", "Translation note:",
    ];

    private static readonly string[] NoteFindings =
    [
        "the wording in the original is softer than our summary", "the date of the statement is not clear from the text",
        "a second outlet carries the same quote with different context", "the speaker later walked this back",
        "the figure quoted does not match the ministry's own release", "this repeats a claim we rated last month",
        "the interview was conducted through an interpreter", "the quote is cut before the qualifying clause",
        "officials declined to confirm on the record", "the statement was made before the talks began",
    ];

    private static readonly string[] Replies =
    [
        "Agreed, I'll update the summary.", "I called the press office; no answer yet.", "Good catch, thanks.",
        "The full transcript is now linked in the verdict.", "Not sure this changes the rating.",
        "Let's keep it open until the ministry replies.", "Fixed.", "See the **Reuters** piece from the same day.",
    ];

    public static string Claim(Faker f) =>
        $"{f.PickRandom(Subjects)} {f.PickRandom(Predicates)} {f.PickRandom(Objects)}{f.PickRandom(Complements)}";

    /// <summary>A claim whose subject is the given actor (an actor's name makes far more distinct claims than the fixed subjects).</summary>
    public static string ClaimAbout(Faker f, string subject) =>
        $"{subject} {f.PickRandom(Predicates)} {f.PickRandom(Objects)}{f.PickRandom(Complements)}";

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

    /// <summary>
    /// The sentence of an article in which <paramref name="speaker"/> takes <paramref name="stance"/> on the claim, in the
    /// way <paramref name="mode"/> says: the attribution's quote is this sentence, so it carries the claim's words and the
    /// speaker's name, as a real statement does.
    /// </summary>
    public static string Statement(Faker f, string speaker, string claimText, Stance stance, AttributionMode mode, string outlet)
    {
        var clause = Clause(claimText);
        var when = f.PickRandom(SaidWhen);
        var sentence = (stance, mode) switch
        {
            (Stance.Asserts, AttributionMode.DirectQuote) => $"\"{Capitalise(clause)},\" {speaker} said {when}",
            (Stance.Asserts, AttributionMode.Narration) => $"{Capitalise(clause)}, according to {speaker}",
            (Stance.Asserts, _) => f.Random.Bool() ? $"{speaker} told reporters {when} that {clause}" : $"According to {speaker}, {clause}",
            (Stance.Endorses, AttributionMode.DirectQuote) => $"\"We agree that {clause},\" {speaker} said",
            (Stance.Endorses, _) => $"{speaker} agreed {when} that {clause}",
            (Stance.Denies, AttributionMode.DirectQuote) => $"\"It is simply not true that {clause},\" {speaker} said {when}",
            (Stance.Denies, _) => $"{speaker} denied that {clause}",
            (Stance.Questions, AttributionMode.DirectQuote) => $"\"Where is the evidence that {clause}?\" {speaker} asked",
            (Stance.Questions, _) => $"{speaker} questioned whether {clause}",
            (Stance.Doubts, AttributionMode.DirectQuote) => $"\"I doubt that {clause},\" {speaker} said {when}",
            _ => $"{speaker} said {when} it was doubtful that {clause}",
        };
        return mode == AttributionMode.Reported ? $"{sentence}, {outlet} reported." : sentence + ".";
    }

    /// <summary>Why one claim bears on another, in an editor's words.</summary>
    public static string Rationale(Faker f, RelationType type, string otherObject) => type switch
    {
        RelationType.Contradicts => $"Both cannot hold: they make opposite statements about {otherObject}.",
        RelationType.Supports => $"If this holds, it is evidence for the other claim about {otherObject}.",
        _ => $"Narrows the other claim: it only holds {f.PickRandom(Complements.Where(c => c.Length > 0).ToArray()).TrimStart()}.",
    };

    public static string Headline(Faker f) => Capitalise(Claim(f));

    /// <summary>A note in Markdown, as editors write them: an opening, a finding, sometimes emphasis.</summary>
    public static string Note(Faker f) =>
        $"{f.PickRandom(NoteOpenings)} {f.PickRandom(NoteFindings)}." + (f.Random.Bool(0.3f) ? $" *{Capitalise(f.PickRandom(NoteFindings))}.*" : "");

    public static string Reply(Faker f) => f.PickRandom(Replies);

    public static string VerdictRationale(Faker f, string outlet) =>
        $"{Capitalise(f.PickRandom(NoteFindings))}. The claim was checked against {outlet} and official records; "
        + $"{f.PickRandom(NoteFindings)}.";

    /// <summary>A claim's text as a clause inside a sentence: "The Kremlin …" becomes "the Kremlin …", names stay as they are.</summary>
    private static string Clause(string claimText) =>
        claimText.StartsWith("The ", StringComparison.Ordinal) ? "the " + claimText[4..] : claimText;

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
