using System.Text.RegularExpressions;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>
/// How close two statements are in content: cosine similarity of their content-word stems (stop words removed,
/// light suffix stripping), each stem weighted by how rare it is among the known claims (so "Ukraine" in a corpus
/// about Ukraine counts less than "Donbas").
/// </summary>
internal sealed partial class ClaimSimilarity
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
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

    private readonly Dictionary<string, double> _idf;
    private readonly double _defaultIdf;

    public ClaimSimilarity(IEnumerable<string> corpus)
    {
        var documents = corpus.Select(d => Stems(d).Distinct().ToList()).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var stem in documents.SelectMany(d => d))
        {
            df[stem] = df.GetValueOrDefault(stem) + 1;
        }
        var n = documents.Count;
        _idf = df.ToDictionary(kv => kv.Key, kv => Math.Log(1.0 + (n + 1.0) / (kv.Value + 0.5)));
        // A word no known claim has weighs like the rarest known word: it counts against a match, but no more.
        _defaultIdf = Math.Log(1.0 + (n + 1.0) / 1.5);
    }

    public double Similarity(string a, string b) => Cosine(Vector(a), Vector(b));

    public Dictionary<string, double> Vector(string text)
    {
        var vector = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var stem in Stems(text))
        {
            vector[stem] = vector.GetValueOrDefault(stem) + _idf.GetValueOrDefault(stem, _defaultIdf);
        }
        return vector;
    }

    public static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var dot = a.Sum(kv => b.TryGetValue(kv.Key, out var w) ? kv.Value * w : 0);
        var norm = Math.Sqrt(a.Values.Sum(v => v * v)) * Math.Sqrt(b.Values.Sum(v => v * v));
        return norm == 0 ? 0 : Math.Clamp(dot / norm, 0, 1);
    }

    public static IEnumerable<string> Stems(string text)
    {
        foreach (Match m in Word().Matches(text.ToLowerInvariant()))
        {
            var word = m.Value.Replace('’', '\'');
            if (word.EndsWith("'s", StringComparison.Ordinal))
            {
                word = word[..^2];
            }
            word = word.Trim('\'');
            if (word.Length < 2 || StopWords.Contains(word))
            {
                continue;
            }
            yield return Stem(word);
        }
    }

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
        foreach (var suffix in new[] { "ingly", "ing", "edly", "ed", "ly", "ment", "ness", "ation", "ion" })
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

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")]
    private static partial Regex Word();
}
