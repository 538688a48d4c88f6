namespace ClaimTracker.Web.Domain;

/// <summary>
/// Where a statement sits in a source's text: the W3C Web Annotation TextPositionSelector
/// (<see cref="Start"/>, <see cref="End"/>, character offsets, end exclusive) together with the
/// TextQuoteSelector (<see cref="Exact"/> plus a little <see cref="Prefix"/> and <see cref="Suffix"/>),
/// so the span can be found again if a later revision of the text shifts the offsets.
/// </summary>
public sealed record TextAnchor(int Start, int End, string Exact, string Prefix, string Suffix)
{
    /// <summary>How much context is kept on either side of the quote.</summary>
    public const int ContextLength = 32;

    /// <summary>Builds the anchor for <c>text[start..end)</c>, taking prefix and suffix from the text itself.</summary>
    public static TextAnchor FromText(string text, int start, int end)
    {
        if (start < 0 || end > text.Length || start >= end)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Span {start}–{end} is not inside a text of {text.Length} characters.");
        }
        var prefixStart = Math.Max(0, start - ContextLength);
        var suffixEnd = Math.Min(text.Length, end + ContextLength);
        return new TextAnchor(start, end, text[start..end], text[prefixStart..start], text[end..suffixEnd]);
    }

    /// <summary>Explains why this anchor does not fit <paramref name="text"/>, or returns null when it does.</summary>
    public string? FindMismatch(string text)
    {
        if (Start < 0 || End > text.Length || Start >= End)
        {
            return $"span {Start}–{End} lies outside the text ({text.Length} characters)";
        }
        var actual = text[Start..End];
        if (!string.Equals(actual, Exact, StringComparison.Ordinal))
        {
            return $"quote \"{Exact}\" does not occur at {Start}–{End}; the text there reads \"{actual}\"";
        }
        var expected = FromText(text, Start, End);
        if (!string.Equals(Prefix, expected.Prefix, StringComparison.Ordinal))
        {
            return $"prefix \"{Prefix}\" does not precede the quote; the text before it reads \"{expected.Prefix}\"";
        }
        if (!string.Equals(Suffix, expected.Suffix, StringComparison.Ordinal))
        {
            return $"suffix \"{Suffix}\" does not follow the quote; the text after it reads \"{expected.Suffix}\"";
        }
        return null;
    }

    public bool Overlaps(TextAnchor other) => Start < other.End && other.Start < End;
}
