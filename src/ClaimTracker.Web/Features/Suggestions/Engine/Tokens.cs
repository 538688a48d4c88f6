using System.Text.RegularExpressions;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>A word ("U.S", "he's", "four-year") or a single punctuation mark, with its place in the text.</summary>
internal readonly record struct Token(TextRange Range, string Text)
{
    public bool IsWord => char.IsLetterOrDigit(Text[0]);
    public bool IsCapitalised => char.IsUpper(Text[0]);
    public bool Is(string word) => string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);
    public bool IsAny(IReadOnlySet<string> words) => words.Contains(Text);
}

internal static partial class Tokens
{
    public static List<Token> In(string text, TextRange range)
    {
        var tokens = new List<Token>();
        // Matching over a span of the text up to the range's end, not over a copy of it: a copy of everything before
        // the range, made on each of the many calls per sentence, made long texts quadratic.
        foreach (var m in TokenPattern().EnumerateMatches(text.AsSpan(0, range.End), range.Start))
        {
            tokens.Add(new Token(new TextRange(m.Index, m.Index + m.Length), text.Substring(m.Index, m.Length)));
        }
        return tokens;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-\.][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]")]
    private static partial Regex TokenPattern();
}
