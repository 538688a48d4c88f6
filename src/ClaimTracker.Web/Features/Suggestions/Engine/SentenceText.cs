namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>Small questions about the characters around a position that several rules ask.</summary>
internal static class SentenceText
{
    /// <summary>
    /// Where the phrase holding <paramref name="position"/> starts: just after the nearest dash, comma, semicolon or
    /// opening parenthesis before it (quotations are stepped over), else at the start of the sentence.
    /// </summary>
    public static int BoundaryBefore(string text, IReadOnlyList<Quotation> quotations, int position, Sentence sentence)
    {
        for (var i = position - 1; i > sentence.Range.Start; i--)
        {
            if (QuotationFinder.At(quotations, i) is { } q)
            {
                i = q.Open;
                continue;
            }
            if (text[i] is '—' or ',' or ';' or '–' or '(')
            {
                return i + 1;
            }
        }
        return sentence.Range.Start;
    }

    /// <summary>Whether a comma or a closing quotation mark comes right before <paramref name="position"/> (spaces aside).</summary>
    public static bool PrecededByComma(string text, int position)
    {
        var i = position;
        while (i > 0 && text[i - 1] == ' ')
        {
            i--;
        }
        return i > 0 && (text[i - 1] is ',' or '”' or '"');
    }

    // Looks back from the position instead of copying the text before it: a copy per verb made long texts quadratic.
    public static char LastNonSpaceBefore(string text, int position)
    {
        var i = position - 1;
        while (i >= 0 && char.IsWhiteSpace(text[i]))
        {
            i--;
        }
        return i >= 0 ? text[i] : '\0';
    }

    /// <summary>At most four characters from <paramref name="from"/> to <paramref name="to"/>, all spaces or light punctuation.</summary>
    public static bool Gap(string text, int from, int to)
    {
        if (to < from || to - from > 4)
        {
            return false;
        }
        return text[from..to].All(c => c is ' ' or ',' or ';' or ':');
    }

    public static string StripConjunction(string s)
    {
        foreach (var c in new[] { "But ", "And ", "Yet ", "Still ", "So " })
        {
            if (s.StartsWith(c, StringComparison.Ordinal))
            {
                return s[c.Length..];
            }
        }
        return s;
    }

    /// <summary>"The talks …" → "the talks …" when it goes mid-sentence; names keep their capital.</summary>
    public static string LowerFirst(string s) =>
        s.Length > 1 && char.IsUpper(s[0]) && char.IsLower(s[1]) && s.Split(' ')[0] is "The" or "A" or "An" or "It" or "This" ? char.ToLowerInvariant(s[0]) + s[1..] : s;
}
