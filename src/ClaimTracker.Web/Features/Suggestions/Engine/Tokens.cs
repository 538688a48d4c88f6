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

/// <summary>
/// The tokens of ranges inside one sentence, cut from the sentence's own tokens rather than matched anew: the rules
/// tokenise the rest of the sentence, or its start, many times over for each verb and mention.
/// </summary>
internal sealed class SentenceTokens(string text, IReadOnlyList<Sentence> sentences)
{
    private Sentence? _sentence;
    private List<Token> _tokens = [];

    /// <summary>The same tokens as <see cref="Tokens.In"/> gives for <paramref name="range"/>.</summary>
    public List<Token> In(TextRange range)
    {
        var sentence = SentenceHolding(range);
        if (sentence is null)
        {
            return Tokens.In(text, range);
        }
        if (!ReferenceEquals(sentence, _sentence))
        {
            (_sentence, _tokens) = (sentence, Tokens.In(text, sentence.Range));
        }
        // Only white space lies between a sentence's tokens, and no token starts in white space, so matching from a
        // token's start or from white space finds the sentence's tokens one by one. A range that starts or ends inside
        // a token would cut that token differently, so it is matched anew.
        var first = FirstStartingFrom(range.Start);
        var end = FirstStartingFrom(range.End);
        if ((first > 0 && _tokens[first - 1].Range.End > range.Start) || (end > first && _tokens[end - 1].Range.End > range.End))
        {
            return Tokens.In(text, range);
        }
        return _tokens.GetRange(first, Math.Max(0, end - first));
    }

    private int FirstStartingFrom(int position)
    {
        return InTextOrder.FirstIndex(_tokens, t => t.Range.Start >= position);
    }

    /// <summary>The sentence that holds the whole of <paramref name="range"/>, if one does.</summary>
    private Sentence? SentenceHolding(TextRange range)
    {
        if (range.Start > range.End)
        {
            return null; // left to Tokens.In, which rejects it
        }
        var after = InTextOrder.FirstIndex(sentences, s => s.Range.Start > range.Start);
        return after > 0 && sentences[after - 1].Range.End >= range.End ? sentences[after - 1] : null;
    }
}
