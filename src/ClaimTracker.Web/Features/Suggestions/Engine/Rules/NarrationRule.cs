using System.Text.RegularExpressions;
using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Suggestions.Engine.Rules;

/// <summary>
/// The outlet's own assertions, when the engine is told the outlet: a sentence, or its main clause before ", while …",
/// ", but …", ", after …" or "; …", that nobody else is credited with ("Negotiations also focus on post-war security
/// guarantees …"). Not the clauses that tell of someone speaking ("declined to be interviewed", "The letter … ends:"),
/// questions, sentences about the article itself, or anything in a correction note.
/// </summary>
internal sealed partial class NarrationRule(SuggestionContext context) : SentenceRule(context)
{
    private static readonly string[] Boundaries = [", while ", ", whereas ", ", but ", "; ", ", after ", ", as ", ", when ", ", although ", ", though ", " — ", " – "];

    // Words that tell of someone speaking, writing or declining to: such a clause is about a statement, not the story.
    private static readonly HashSet<string> SpeechActs = new(StringComparer.OrdinalIgnoreCase)
    {
        "declined", "declines", "comment", "commented", "interview", "interviewed", "respond", "responded", "spoke", "speaking",
        "wrote", "letter", "statement", "asked", "anonymity", "quoted", "request", "requests", "briefing", "reporters",
    };

    public override string Name => "narration";

    public override void Apply(SentenceWork work)
    {
        if (Context.Outlet is not { } outlet || Narration(work) is not { } span)
        {
            return;
        }
        Context.Add(new Draft(outlet, Stance.Asserts, AttributionMode.Narration, span, Context.Neutral(span),
            $"the outlet's own words ({outlet.Name}): no one else is credited with them", null, work.Sentence.Paragraph, Name), work.Drafts);
    }

    private TextRange? Narration(SentenceWork work)
    {
        var sentence = work.Sentence;
        var text = sentence.Range.Of(Text);
        if (text.EndsWith(':') || text.TrimEnd('"', '”', '’', ')').EndsWith('?') || InCorrection(sentence) || AboutTheArticle().IsMatch(text))
        {
            return null;
        }
        var start = sentence.Range.Start + Dateline().Match(text).Length;
        start += LeadingConjunction().Match(Text, start, sentence.Range.End - start).Length;
        // Where someone else's words begin: a suggestion made in this sentence, a reporting verb's speaker, a quotation.
        var cut = sentence.Range.End;
        foreach (var d in work.Drafts.Where(d => d.Mode != AttributionMode.Narration))
        {
            cut = Math.Min(cut, d.Span.Start);
        }
        var byDraft = cut;
        foreach (var e in work.Events)
        {
            cut = Math.Min(cut, Math.Min(e.Anchor, e.Subject.Actors.Count > 0 ? e.Subject.Range.Start : e.Anchor));
        }
        foreach (var v in work.Verbs)
        {
            cut = Math.Min(cut, v.Range.Start);
        }
        if (QuotationFinder.OpeningIn(Quotations, sentence.Range).FirstOrDefault() is { } q)
        {
            cut = Math.Min(cut, q.Open);
        }
        var end = cut >= sentence.Range.End ? sentence.Range.End : BoundaryBefore(start, cut, afterComma: cut == byDraft);
        if (end is null)
        {
            return null;
        }
        var span = TextTrim.Trim(Text, new TextRange(start, end.Value));
        var words = Tokens.In(span).Where(t => t.IsWord).ToList();
        if (words.Count < 5 || words.Any(t => t.IsAny(SpeechActs)) || words[0].Text is "He" or "She" or "It" or "They" or "This" or "That" or "These" or "Those"
            || Clauses.OnlyAdverbials(span))
        {
            return null;
        }
        return span;
    }

    /// <summary>
    /// The last clause boundary before <paramref name="cut"/>: the main clause ends there. A suggestion that starts right
    /// after a comma (<paramref name="afterComma"/>: "…, a stance that has irritated Kyiv") ends it at the comma.
    /// </summary>
    private int? BoundaryBefore(int start, int cut, bool afterComma)
    {
        if (cut <= start)
        {
            return null;
        }
        var best = -1;
        foreach (var b in Boundaries)
        {
            var at = Text.LastIndexOf(b, cut - 1, cut - start, StringComparison.Ordinal);
            best = Math.Max(best, at);
        }
        if (best < 0 && afterComma && SentenceText.LastNonSpaceBefore(Text, cut) == ',')
        {
            // "…than some US allies, a stance that has irritated Kyiv": the reaction starts after the comma.
            best = Text.LastIndexOf(',', cut - 1, cut - start);
        }
        return best > start ? best : null;
    }

    /// <summary>A correction note ("Correction: …", "An earlier version of this article misstated …") is about the article.</summary>
    private bool InCorrection(Sentence sentence)
    {
        return CorrectionNote().Match(Text, Context.Paragraphs[sentence.Paragraph].Start).Success;
    }

    [GeneratedRegex(@"^\p{Lu}[\p{Lu}\s.'’-]+(?:,[^—–\n]{0,60})?\s+[—–-]+\s+")]
    private static partial Regex Dateline();

    [GeneratedRegex(@"\G(?:But|And|Yet|So|Still),?\s+")]
    private static partial Regex LeadingConjunction();

    [GeneratedRegex(@"\bthis (?:article|story)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AboutTheArticle();

    [GeneratedRegex(@"\G(?:Corrections?\b|Clarification\b|Editor['’]s note\b|(?:An?|The) (?:earlier|previous) version of this\b|This (?:article|story) (?:has been|was) (?:updated|corrected|amended))", RegexOptions.IgnoreCase)]
    private static partial Regex CorrectionNote();
}
