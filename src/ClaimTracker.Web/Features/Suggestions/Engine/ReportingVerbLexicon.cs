using System.Text.RegularExpressions;
using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>What may follow a reporting verb.</summary>
[Flags]
internal enum Complement
{
    /// <summary>A content clause: "said (that) the water is safe", or a quotation.</summary>
    Clause = 1,
    /// <summary>A noun phrase: "rejected the plan", "ruled out giving up any territory".</summary>
    Object = 2,
    /// <summary>A clause may follow without "that" ("said the water is safe"); others need "that", a colon or a quotation.</summary>
    BareClause = 4,
}

/// <summary>One reporting verb: its base form, the stance it signals and what it takes.</summary>
internal sealed record ReportingVerb(string Lemma, Stance Stance, Complement Complement)
{
    public bool Takes(Complement c) => (Complement & c) != 0;
}

/// <summary>A reporting verb found in the text.</summary>
internal sealed record VerbMatch(TextRange Range, string Surface, ReportingVerb Verb, bool IsParticiple, bool IsPastParticiple);

/// <summary>
/// The reporting verbs of English news copy, with the stance each signals. "Said" asserts; "agreed" endorses;
/// "denied", "rejected", "ruled out" deny; "questioned" questions; "doubted" and "cast doubt" doubt. Forms that are
/// also nouns ("doubts", "questions", "claims") count as verbs only when no determiner stands before them; forms are
/// matched in lower case, so "United States" is not "states".
/// </summary>
internal static class ReportingVerbLexicon
{
    private const Complement Say = Complement.Clause | Complement.BareClause;
    private const Complement ThatOnly = Complement.Clause;
    private const Complement ObjectOrClause = Complement.Clause | Complement.Object;
    private const Complement ObjectOrBareClause = Complement.Clause | Complement.Object | Complement.BareClause;

    // lemma, stance, complement, forms (base, third person, past, -ing; multi-word forms allowed).
    private static readonly (string Lemma, Stance Stance, Complement Complement, string[] Forms)[] Entries =
    [
        ("say", Stance.Asserts, Say, ["say", "says", "said", "saying"]),
        ("tell", Stance.Asserts, Say, ["tell", "tells", "told", "telling"]),
        ("assert", Stance.Asserts, Say, ["assert", "asserts", "asserted", "asserting"]),
        ("argue", Stance.Asserts, Say, ["argue", "argues", "argued", "arguing"]),
        ("warn", Stance.Asserts, Say, ["warn", "warns", "warned", "warning"]),
        ("claim", Stance.Asserts, Say, ["claim", "claims", "claimed", "claiming"]),
        ("insist", Stance.Asserts, Say, ["insist", "insists", "insisted", "insisting"]),
        ("maintain", Stance.Asserts, ThatOnly, ["maintain", "maintains", "maintained", "maintaining"]),
        ("contend", Stance.Asserts, Say, ["contend", "contends", "contended", "contending"]),
        ("state", Stance.Asserts, ThatOnly, ["states", "stated", "stating"]),
        ("add", Stance.Asserts, Say, ["adds", "added", "adding"]),
        ("reply", Stance.Asserts, Say, ["replies", "replied", "replying"]),
        ("answer", Stance.Asserts, ThatOnly, ["answers", "answered"]),
        ("note", Stance.Asserts, ThatOnly, ["notes", "noted", "noting"]),
        ("explain", Stance.Asserts, ThatOnly, ["explains", "explained", "explaining"]),
        ("stress", Stance.Asserts, ThatOnly, ["stresses", "stressed", "stressing"]),
        ("announce", Stance.Asserts, ThatOnly, ["announces", "announced", "announcing"]),
        ("predict", Stance.Asserts, Say, ["predicts", "predicted", "predicting"]),
        ("suggest", Stance.Asserts, ThatOnly, ["suggests", "suggested", "suggesting"]),
        ("believe", Stance.Asserts, Say, ["believe", "believes", "believed"]),
        ("allege", Stance.Asserts, Say, ["allege", "alleges", "alleged", "alleging"]),
        ("acknowledge", Stance.Asserts, ObjectOrBareClause, ["acknowledge", "acknowledges", "acknowledged", "acknowledging"]),
        ("admit", Stance.Asserts, ObjectOrBareClause, ["admit", "admits", "admitted", "admitting"]),
        ("concede", Stance.Asserts, Say, ["concede", "concedes", "conceded", "conceding"]),
        ("confirm", Stance.Asserts, ThatOnly, ["confirms", "confirmed", "confirming"]),
        ("report", Stance.Asserts, Say, ["reports", "reported", "reporting"]),
        ("write", Stance.Asserts, ThatOnly, ["writes", "wrote", "writing"]),
        ("promise", Stance.Asserts, ThatOnly, ["promised", "promises", "promising"]),
        ("vow", Stance.Asserts, ThatOnly, ["vowed", "vows", "vowing"]),
        ("counter", Stance.Asserts, ThatOnly, ["countered", "counters", "countering"]),
        ("accuse", Stance.Asserts, Complement.Object, ["accuse", "accuses", "accused", "accusing"]),
        ("threaten", Stance.Asserts, ObjectOrClause, ["threaten", "threatens", "threatened", "threatening"]),
        ("estimate", Stance.Asserts, ObjectOrBareClause, ["estimate", "estimates", "estimated", "estimating"]),
        ("propose", Stance.Asserts, ObjectOrClause, ["propose", "proposes", "proposed", "proposing"]),
        ("recommend", Stance.Asserts, ThatOnly, ["recommend", "recommends", "recommended", "recommending"]),
        ("urge", Stance.Asserts, ObjectOrClause, ["urges", "urged", "urging"]),
        ("find", Stance.Asserts, ThatOnly, ["finds", "found"]),
        ("conclude", Stance.Asserts, ThatOnly, ["concludes", "concluded", "concluding"]),
        ("agree", Stance.Endorses, ObjectOrBareClause, ["agree with", "agrees with", "agreed with", "agreeing with", "agree", "agrees", "agreed", "agreeing"]),
        ("endorse", Stance.Endorses, ObjectOrClause, ["endorse", "endorses", "endorsed", "endorsing"]),
        ("back", Stance.Endorses, Complement.Object, ["backs", "backed", "backing"]),
        ("support", Stance.Endorses, Complement.Object, ["supports", "supported"]),
        ("welcome", Stance.Endorses, Complement.Object, ["welcomes", "welcomed", "welcoming"]),
        ("defend", Stance.Endorses, Complement.Object, ["defends", "defended", "defending"]),
        ("praise", Stance.Endorses, Complement.Object, ["praises", "praised", "praising"]),
        ("echo", Stance.Endorses, Complement.Object, ["echoes", "echoed", "echoing"]),
        ("concur", Stance.Endorses, ObjectOrClause, ["concur", "concurs", "concurred", "concurring"]),
        ("deny", Stance.Denies, ObjectOrBareClause, ["deny", "denies", "denied", "denying"]),
        ("reject", Stance.Denies, ObjectOrClause, ["reject", "rejects", "rejected", "rejecting"]),
        ("dismiss", Stance.Denies, ObjectOrClause, ["dismiss", "dismisses", "dismissed", "dismissing"]),
        ("rule out", Stance.Denies, ObjectOrClause, ["rule out", "rules out", "ruled out", "ruling out"]),
        ("refute", Stance.Denies, ObjectOrClause, ["refute", "refutes", "refuted", "refuting"]),
        ("rebut", Stance.Denies, ObjectOrClause, ["rebuts", "rebutted", "rebutting"]),
        ("dispute", Stance.Denies, ObjectOrClause, ["disputes", "disputed", "disputing"]),
        ("disagree", Stance.Denies, ObjectOrClause, ["disagree with", "disagrees with", "disagreed with", "disagree", "disagrees", "disagreed"]),
        ("contradict", Stance.Denies, Complement.Object, ["contradicts", "contradicted", "contradicting"]),
        ("criticise", Stance.Denies, Complement.Object, ["criticise", "criticises", "criticised", "criticising", "criticize", "criticizes", "criticized", "criticizing"]),
        ("condemn", Stance.Denies, Complement.Object, ["condemns", "condemned", "condemning"]),
        ("brush aside", Stance.Denies, Complement.Object, ["brushed aside", "brushes aside", "brushing aside"]),
        ("question", Stance.Questions, ObjectOrClause, ["question", "questions", "questioned", "questioning"]),
        ("challenge", Stance.Questions, ObjectOrClause, ["challenge", "challenges", "challenged", "challenging"]),
        ("query", Stance.Questions, ObjectOrClause, ["queried", "queries", "querying"]),
        ("wonder", Stance.Questions, ThatOnly, ["wondered", "wonders", "wondering"]),
        ("doubt", Stance.Doubts, ObjectOrBareClause, ["doubt", "doubts", "doubted", "doubting"]),
        ("cast doubt", Stance.Doubts, ObjectOrClause, ["cast doubt on", "casts doubt on", "casting doubt on", "cast doubt over", "casts doubt over", "casting doubt over"]),
        ("express doubt", Stance.Doubts, ObjectOrClause, ["expressed doubt about", "expressed doubts about", "expressed doubt over", "expressed doubts over", "voiced doubt about", "voiced doubts about", "expressed doubt", "expressed doubts", "voiced doubts", "voiced doubt"]),
        ("be sceptical", Stance.Doubts, ObjectOrClause, ["sceptical about", "sceptical of", "sceptical", "skeptical about", "skeptical of", "skeptical"]),
    ];

    private static readonly Dictionary<string, ReportingVerb> ByForm = Build();

    private static readonly Regex FormPattern = new(
        @"(?<![\p{L}\p{N}'’\-])(?:" + string.Join("|", ByForm.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + @")(?![\p{L}\p{N}\-])",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    // A word before a form that makes it a noun ("the questions", "no doubt", "his claims").
    private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those", "this", "that", "some",
        "many", "no", "any", "little", "much", "of", "such", "new", "growing", "serious", "fresh", "widespread", "own",
    };

    private static Dictionary<string, ReportingVerb> Build()
    {
        var forms = new Dictionary<string, ReportingVerb>(StringComparer.OrdinalIgnoreCase);
        foreach (var (lemma, stance, complement, list) in Entries)
        {
            var verb = new ReportingVerb(lemma, stance, complement);
            foreach (var form in list)
            {
                forms.TryAdd(form, verb);
            }
        }
        return forms;
    }

    /// <summary>Reporting verbs in <paramref name="range"/> outside quotations.</summary>
    public static IReadOnlyList<VerbMatch> Find(string text, TextRange range, IReadOnlyList<Quotation> quotations)
    {
        var found = new List<VerbMatch>();
        // A span up to the range's end rather than a copy of it (see Tokens.In); the look-behind still sees the text before the range.
        foreach (var m in FormPattern.EnumerateMatches(text.AsSpan(0, range.End), range.Start))
        {
            if (QuotationFinder.At(quotations, m.Index) is not null)
            {
                continue;
            }
            var value = text.Substring(m.Index, m.Length);
            var verb = ByForm[value];
            var previous = WordBefore(text, m.Index, range.Start);
            if (previous is not null && Determiners.Contains(previous) && !verb.Lemma.StartsWith("be ", StringComparison.Ordinal))
            {
                continue;
            }
            var first = value.Split(' ')[0];
            found.Add(new VerbMatch(
                new TextRange(m.Index, m.Index + m.Length),
                value,
                verb,
                IsParticiple: first.EndsWith("ing", StringComparison.OrdinalIgnoreCase) && verb.Lemma != "be sceptical",
                IsPastParticiple: first.EndsWith("ed", StringComparison.OrdinalIgnoreCase) || first is "told" or "said" or "wrote" or "cast"));
        }
        return found;
    }

    public static bool IsForm(string word) => ByForm.ContainsKey(word);

    internal static string? WordBefore(string text, int position, int floor)
    {
        var end = position;
        while (end > floor && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        var start = end;
        while (start > floor && (char.IsLetter(text[start - 1]) || text[start - 1] is '\'' or '’'))
        {
            start--;
        }
        return start < end ? text[start..end] : null;
    }
}
