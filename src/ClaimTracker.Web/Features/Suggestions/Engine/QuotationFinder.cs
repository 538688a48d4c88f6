namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>
/// A passage in quotation marks: <see cref="Open"/> is the offset of the opening mark, <see cref="Close"/> the offset
/// just after the closing mark (the paragraph's end when it is never closed), and <see cref="Words"/> the quoted words
/// without surrounding spaces or trailing comma/full stop — the span a direct quote is anchored to.
/// </summary>
internal sealed record Quotation(int Open, int Close, TextRange Words)
{
    public TextRange Outer => new(Open, Close);

    public int WordCount(string text) => Words.Of(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}

/// <summary>
/// Finds quotations with straight (<c>"…"</c>), curly (<c>“…”</c>, <c>„…“</c>) and angle (<c>«…»</c>) marks. Quotation
/// marks pair within a paragraph; single quotation marks are left alone because they double as apostrophes.
/// </summary>
internal static class QuotationFinder
{
    public static IReadOnlyList<Quotation> Find(string text)
    {
        var found = new List<Quotation>();
        foreach (var paragraph in TextSegmenter.Paragraphs(text))
        {
            int? open = null;
            char closer = '\0';
            for (var i = paragraph.Start; i < paragraph.End; i++)
            {
                var c = text[i];
                if (open is null)
                {
                    closer = c switch
                    {
                        '"' => '"',
                        '“' => '”',
                        '„' => '“',
                        '«' => '»',
                        _ => '\0',
                    };
                    if (closer != '\0')
                    {
                        open = i;
                    }
                }
                else if (c == closer || (closer == '“' && c == '”'))
                {
                    Add(found, text, open.Value, i + 1, i);
                    open = null;
                }
            }
            if (open is not null)
            {
                // News copy leaves a quotation open when it runs on into the next paragraph.
                Add(found, text, open.Value, paragraph.End, paragraph.End);
            }
        }
        return found;
    }

    private static void Add(List<Quotation> found, string text, int open, int close, int innerEnd)
    {
        var words = TextTrim.Trim(text, new TextRange(open + 1, innerEnd));
        if (words.Length > 0)
        {
            found.Add(new Quotation(open, close, words));
        }
    }

    /// <summary>
    /// The quotation whose marks enclose <paramref name="position"/>. <paramref name="quotations"/> must be in text
    /// order as <see cref="Find"/> returns them: they never overlap, so a binary search finds the only candidate
    /// (the rules ask this for almost every word, and a scan of all quotations made long texts quadratic).
    /// </summary>
    public static Quotation? At(IReadOnlyList<Quotation> quotations, int position)
    {
        var k = FirstClosingAfter(quotations, position);
        return k < quotations.Count && quotations[k].Open <= position ? quotations[k] : null;
    }

    /// <summary>
    /// The index of the first quotation (in text order) that closes after <paramref name="position"/>, or the count
    /// when none does: the quotations from there on are the only ones that can reach <paramref name="position"/> or beyond.
    /// </summary>
    public static int FirstClosingAfter(IReadOnlyList<Quotation> quotations, int position)
    {
        return InTextOrder.FirstIndex(quotations, q => q.Close > position);
    }

    /// <summary>The quotations (in text order) that open inside <paramref name="range"/>.</summary>
    public static IEnumerable<Quotation> OpeningIn(IReadOnlyList<Quotation> quotations, TextRange range)
    {
        for (var k = FirstClosingAfter(quotations, range.Start); k < quotations.Count && quotations[k].Open < range.End; k++)
        {
            if (range.Contains(quotations[k].Open))
            {
                yield return quotations[k];
            }
        }
    }
}
