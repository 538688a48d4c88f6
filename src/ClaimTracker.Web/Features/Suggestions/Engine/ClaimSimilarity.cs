using ClaimTracker.Web.Features.Common.Text;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>
/// How close two statements are in content: cosine similarity of their content-word stems (<see cref="ContentWords"/>:
/// stop words removed, light suffix stripping), each stem weighted by how rare it is among the known claims (so "Ukraine" in a corpus
/// about Ukraine counts less than "Donbas").
/// </summary>
internal sealed class ClaimSimilarity
{
    private readonly Dictionary<string, double> _idf;
    private readonly double _defaultIdf;

    public ClaimSimilarity(IEnumerable<string> corpus)
    {
        var documents = corpus.Select(d => ContentWords.Stems(d).Distinct().ToList()).ToList();
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
        foreach (var stem in ContentWords.Stems(text))
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
}
