namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>A half-open range <c>[Start, End)</c> of UTF-16 offsets into the analysed text.</summary>
internal readonly record struct TextRange(int Start, int End)
{
    public int Length => End - Start;

    public bool Contains(int position) => position >= Start && position < End;

    public bool Contains(TextRange other) => other.Start >= Start && other.End <= End;

    public bool Overlaps(TextRange other) => Start < other.End && other.Start < End;

    public string Of(string text) => text[Start..End];
}

internal static class TextTrim
{
    /// <summary>
    /// Narrows a range to the words that carry the claim: no surrounding white space, and no trailing comma,
    /// full stop, colon or semicolon (a question or exclamation mark belongs to the words and stays).
    /// </summary>
    public static TextRange Trim(string text, TextRange range)
    {
        var (start, end) = (range.Start, range.End);
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is '.' or ',' or ';' or ':' or '—' or '–'))
        {
            end--;
        }
        return new TextRange(start, end);
    }

    public static TextRange TrimSpace(string text, TextRange range)
    {
        var (start, end) = (range.Start, range.End);
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        return new TextRange(start, end);
    }
}
