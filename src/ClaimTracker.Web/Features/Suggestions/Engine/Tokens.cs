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
        foreach (Match m in TokenPattern().Matches(text[..range.End], range.Start))
        {
            tokens.Add(new Token(new TextRange(m.Index, m.Index + m.Length), m.Value));
        }
        return tokens;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-\.][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]")]
    private static partial Regex TokenPattern();
}
