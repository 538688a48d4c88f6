using System.Text.RegularExpressions;

namespace ClaimTracker.Web.Features.Common.Text;

/// <summary>
/// The words of a text that carry its content: lower case, without the stop words, and as stems for comparing
/// ("hesitating" and "hesitates" meet "hesitate"). The app's one stop-word list and stemmer: the merge-candidate search
/// and the suggestion engine's claim matching both use it.
/// </summary>
public static partial class ContentWords
{
    /// <summary>Words too common to tell two statements apart.</summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for", "from", "by", "with", "about",
        "as", "into", "over", "after", "before", "than", "that", "this", "these", "those", "it", "its", "is", "are", "was",
        "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "shall", "should",
        "can", "could", "may", "might", "must", "he", "she", "they", "them", "his", "her", "their", "we", "our", "us",
        "i", "me", "my", "you", "your", "who", "whom", "which", "what", "when", "where", "why", "how", "there", "here",
        "so", "such", "not", "no", "nor", "very", "too", "also", "just", "only", "any", "all", "some", "more", "most",
        "other", "own", "same", "up", "out", "off", "again", "then", "once", "both", "each", "few", "s", "said", "says",
        "say", "one", "while", "whether", "because", "until", "against", "between", "through", "during", "under",
    };

    /// <summary>The content words of <paramref name="text"/>, in order: lower case, a possessive's "'s" dropped, stop words and single letters left out.</summary>
    public static IEnumerable<string> Words(string text)
    {
        foreach (Match m in Word().Matches(text.ToLowerInvariant()))
        {
            var word = m.Value.Replace('’', '\'');
            if (word.EndsWith("'s", StringComparison.Ordinal))
            {
                word = word[..^2];
            }
            word = word.Trim('\'');
            if (word.Length >= 2 && !StopWords.Contains(word))
            {
                yield return word;
            }
        }
    }

    /// <summary>The stems of the content words of <paramref name="text"/>, in order.</summary>
    public static IEnumerable<string> Stems(string text) => Words(text).Select(Stem);

    /// <summary>Inflectional suffix stripping, enough that "hesitating" and "hesitates" meet "hesitate".</summary>
    public static string Stem(string word)
    {
        var w = word;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4)
        {
            w = w[..^3] + "y";
        }
        else if (w.EndsWith("sses", StringComparison.Ordinal))
        {
            w = w[..^2];
        }
        else if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && w.Length > 3)
        {
            w = w[..^1];
        }
        foreach (var suffix in Suffixes)
        {
            if (w.EndsWith(suffix, StringComparison.Ordinal) && w.Length - suffix.Length >= 3)
            {
                w = w[..^suffix.Length];
                break;
            }
        }
        // A final double consonant is single on both sides ("fuelling", "fueled", "fuel"; "calls", "call").
        if (w.Length > 3 && w[^1] == w[^2] && !"aeiou".Contains(w[^1]))
        {
            w = w[..^1];
        }
        if (w.EndsWith('e') && w.Length > 3)
        {
            w = w[..^1];
        }
        if (w.EndsWith('y') && w.Length > 3)
        {
            w = w[..^1] + "i";
        }
        return w;
    }

    private static readonly string[] Suffixes = ["ingly", "ing", "edly", "ed", "ly", "ment", "ness", "ation", "ion"];

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")]
    private static partial Regex Word();
}
