using System.Text.RegularExpressions;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>A sentence of the text and the paragraph it belongs to (paragraphs are separated by line breaks).</summary>
internal sealed record Sentence(int Index, int Paragraph, TextRange Range);

/// <summary>
/// Splits a text into paragraphs and sentences by punctuation, with the exceptions news copy needs: abbreviations
/// and initials ("Mr.", "U.S.", "J. Smith") do not end a sentence, and neither does a full stop inside a quotation
/// ("We tested every well. The water is safe," she said) — the quotation and its reporting clause stay together.
/// </summary>
internal static partial class TextSegmenter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "cmdr", "adm",
        "jr", "sr", "inc", "corp", "ltd", "co", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "approx", "dept", "est",
        "fig", "mt", "ft", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "i.e", "e.g",
    };

    public static IReadOnlyList<TextRange> Paragraphs(string text)
    {
        var paragraphs = new List<TextRange>();
        foreach (Match m in NonEmptyLine().Matches(text))
        {
            var range = TextTrim.TrimSpace(text, new TextRange(m.Index, m.Index + m.Length));
            if (range.Length > 0)
            {
                paragraphs.Add(range);
            }
        }
        return paragraphs;
    }

    public static IReadOnlyList<Sentence> Sentences(string text, IReadOnlyList<Quotation> quotations)
    {
        var sentences = new List<Sentence>();
        var paragraphs = Paragraphs(text);
        for (var p = 0; p < paragraphs.Count; p++)
        {
            var para = paragraphs[p];
            var start = para.Start;
            for (var i = para.Start; i < para.End; i++)
            {
                if (text[i] is not ('.' or '!' or '?') || InsideQuotation(text, quotations, i))
                {
                    continue;
                }
                var end = i + 1;
                // Closing quotation marks and brackets right after the stop belong to this sentence.
                while (end < para.End && text[end] is '"' or '”' or '’' or '\'' or ')' or '»')
                {
                    end++;
                }
                if (end < para.End && !char.IsWhiteSpace(text[end]))
                {
                    continue;
                }
                if (text[i] == '.' && IsAbbreviation(text, para.Start, i))
                {
                    continue;
                }
                var next = end;
                while (next < para.End && char.IsWhiteSpace(text[next]))
                {
                    next++;
                }
                if (next < para.End && char.IsLower(text[next]))
                {
                    continue;
                }
                Add(sentences, text, p, start, end);
                start = end;
                i = end - 1;
            }
            Add(sentences, text, p, start, para.End);
        }
        return sentences;
    }

    private static void Add(List<Sentence> sentences, string text, int paragraph, int start, int end)
    {
        var range = TextTrim.TrimSpace(text, new TextRange(start, end));
        if (range.Length > 0)
        {
            sentences.Add(new Sentence(sentences.Count, paragraph, range));
        }
    }

    private static bool InsideQuotation(string text, IReadOnlyList<Quotation> quotations, int position)
    {
        // Quotations never overlap, so only the one around the stop can hold it.
        if (QuotationFinder.At(quotations, position) is not { } q || position <= q.Open)
        {
            return false;
        }
        // A stop just before the closing mark ends the quoted words, and may end the sentence too.
        for (var i = position + 1; i < q.Close; i++)
        {
            if (text[i] is not ('"' or '”' or '“' or '»' or '’' or '\''))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsAbbreviation(string text, int floor, int dot)
    {
        var start = dot;
        while (start > floor && (char.IsLetter(text[start - 1]) || text[start - 1] == '.'))
        {
            start--;
        }
        var word = text[start..dot];
        if (word.Length == 0)
        {
            return false;
        }
        // A single capital letter is an initial ("J. Smith"), unless it is a whole sentence-final word like "I".
        return (word.Length == 1 && char.IsUpper(word[0]) && word != "I") || Abbreviations.Contains(word);
    }

    [GeneratedRegex(@"[^\r\n]+")]
    private static partial Regex NonEmptyLine();
}
