using System.Text.RegularExpressions;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>The claim a suggestion proposes: an existing one when it says much the same, else the words made neutral.</summary>
internal sealed record ProposedClaim(string Text, int? ClaimId, double? Similarity);

/// <summary>
/// Words into a claim: no quotation marks, first letter capitalised, trailing punctuation trimmed (the speaker's
/// pronouns are settled by <see cref="ClaimWording"/>). Then the known claim most similar to it is proposed instead when
/// the similarity reaches <see cref="Threshold"/>.
/// </summary>
internal sealed partial class ClaimProposer
{
    /// <summary>
    /// IDF-weighted cosine at or above which an existing claim is proposed. On the seed article the right claim of a
    /// statement scores 0.30–0.75 while the best wrong claim stays below 0.25 (see the quality test's claim report),
    /// so 0.3 keeps the wrong ones out and most right ones in.
    /// </summary>
    public const double Threshold = 0.3;

    private readonly ClaimSimilarity _similarity;
    private readonly List<(KnownClaim Claim, Dictionary<string, double> Vector)> _known;

    // Each known claim's vector length, computed as ClaimSimilarity.Cosine computes it.
    private readonly double[] _lengths;

    // The known claims (by index into _known) that have each stem, with the stem's weight in them: a proposal sums the
    // dot products over the stems the words share with each claim, instead of comparing the words with every claim the
    // newsroom tracks.
    private readonly Dictionary<string, List<(int Claim, double Weight)>> _claimsWith = new(StringComparer.Ordinal);

    // Scratch space for one proposal's dot products (a ClaimProposer serves one analysis, on one thread).
    private readonly double[] _dots;
    private readonly List<int> _touched = [];

    public ClaimProposer(IReadOnlyList<KnownClaim> claims)
    {
        _similarity = new ClaimSimilarity(claims.Select(c => c.Text));
        _known = claims.Select(c => (c, _similarity.Vector(c.Text))).ToList();
        _lengths = _known.Select(k => Math.Sqrt(k.Vector.Values.Sum(v => v * v))).ToArray();
        _dots = new double[_known.Count];
        for (var k = 0; k < _known.Count; k++)
        {
            foreach (var (stem, weight) in _known[k].Vector)
            {
                if (!_claimsWith.TryGetValue(stem, out var list))
                {
                    _claimsWith[stem] = list = [];
                }
                list.Add((k, weight));
            }
        }
    }

    public double SimilarityTo(string text, KnownClaim claim) => _similarity.Similarity(text, claim.Text);

    public ProposedClaim Propose(string neutralText)
    {
        var vector = _similarity.Vector(neutralText);
        if (vector.Count < 2)
        {
            // One word ("Zelensky.") matches any claim that names it: too little to recognise a claim by.
            return new ProposedClaim(neutralText, null, null);
        }
        // The same sums as ClaimSimilarity.Cosine, term by term in the same order, so the scores are the same to the
        // last bit; a claim that shares no stem scores 0, which never beats "no claim" (see below), so it is left out.
        foreach (var (stem, weight) in vector)
        {
            if (_claimsWith.TryGetValue(stem, out var list))
            {
                foreach (var (k, w) in list)
                {
                    if (_dots[k] == 0)
                    {
                        _touched.Add(k);
                    }
                    _dots[k] += weight * w;
                }
            }
        }
        var length = Math.Sqrt(vector.Values.Sum(v => v * v));
        // Compared in the order of the list, as the tie rule needs.
        _touched.Sort();
        KnownClaim? best = null;
        var bestScore = 0.0;
        foreach (var k in _touched)
        {
            var claim = _known[k].Claim;
            var norm = length * _lengths[k];
            var score = norm == 0 ? 0 : Math.Clamp(_dots[k] / norm, 0, 1);
            _dots[k] = 0;
            // Ties go to the lower id, so the same text always gets the same proposal.
            if (score > bestScore + 1e-9 || (Math.Abs(score - bestScore) <= 1e-9 && best is not null && claim.Id < best.Id))
            {
                (best, bestScore) = (claim, score);
            }
        }
        _touched.Clear();
        return best is not null && bestScore >= Threshold
            ? new ProposedClaim(best.Text, best.Id, Math.Round(bestScore, 3))
            : new ProposedClaim(neutralText, null, null);
    }

    /// <summary>Words as a claim: no quotation marks, single spaces, no trailing punctuation or leading "that", first letter capitalised.</summary>
    public static string Neutral(string words)
    {
        var s = QuoteMarks().Replace(words, "");
        s = Spaces().Replace(s, " ").Trim();
        s = s.TrimEnd('.', ',', ';', ':', ' ', '—', '–');
        s = LeadingThat().Replace(s, "");
        return UnknownActorNamer.Capitalise(s);
    }

    [GeneratedRegex("[\"“”„«»]")]
    private static partial Regex QuoteMarks();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();





    [GeneratedRegex(@"^(?:that|whether|if)\s+")]
    private static partial Regex LeadingThat();
}
