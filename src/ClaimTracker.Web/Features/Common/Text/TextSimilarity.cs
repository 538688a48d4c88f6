namespace ClaimTracker.Web.Features.Common.Text;

/// <summary>
/// How close two statements are in content: the cosine of their stem vectors (<see cref="ContentWords.Stems"/>), from 0
/// (no content word in common) to 1 (the same content words, as often). A caller that knows a corpus weighs each stem by
/// its rarity there (the suggestion engine does); unweighted, each occurrence counts one.
/// </summary>
public static class TextSimilarity
{
    /// <summary>The unweighted similarity of two texts.</summary>
    public static double Of(string a, string b) => Cosine(Vector(a), Vector(b));

    /// <summary>Each stem of <paramref name="text"/> with the sum of its weights (one per occurrence unless <paramref name="weight"/> says otherwise).</summary>
    public static Dictionary<string, double> Vector(string text, Func<string, double>? weight = null)
    {
        var vector = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var stem in ContentWords.Stems(text))
        {
            vector[stem] = vector.GetValueOrDefault(stem) + (weight?.Invoke(stem) ?? 1);
        }
        return vector;
    }

    public static double Cosine(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var dot = a.Sum(kv => b.TryGetValue(kv.Key, out var w) ? kv.Value * w : 0);
        // One square root of the product, so that a text compared with itself comes to exactly 1.
        var norm = Math.Sqrt(a.Values.Sum(v => v * v) * b.Values.Sum(v => v * v));
        return norm == 0 ? 0 : Math.Clamp(dot / norm, 0, 1);
    }
}
