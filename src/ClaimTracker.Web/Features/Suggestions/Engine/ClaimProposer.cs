using System.Text.RegularExpressions;

namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>The claim a suggestion proposes: an existing one when it says much the same, else the words made neutral.</summary>
internal sealed record ProposedClaim(string Text, int? ClaimId, double? Similarity);

/// <summary>
/// Words into a claim: no quotation marks, the speaker's name for "I"/"we" in a quotation and for a leading "he"/"she"
/// in reported speech, first letter capitalised, trailing punctuation trimmed. Then the known claim most similar to it
/// is proposed instead when the similarity reaches <see cref="Threshold"/>.
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

    // The known claims (by index into _known) that have each stem: only a claim sharing a stem with the words can score
    // above zero, so each proposal compares with those instead of with every claim the newsroom tracks.
    private readonly Dictionary<string, List<int>> _claimsWith = new(StringComparer.Ordinal);

    public ClaimProposer(IReadOnlyList<KnownClaim> claims)
    {
        _similarity = new ClaimSimilarity(claims.Select(c => c.Text));
        _known = claims.Select(c => (c, _similarity.Vector(c.Text))).ToList();
        for (var k = 0; k < _known.Count; k++)
        {
            foreach (var stem in _known[k].Vector.Keys)
            {
                if (!_claimsWith.TryGetValue(stem, out var list))
                {
                    _claimsWith[stem] = list = [];
                }
                list.Add(k);
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
        // A claim that shares no stem scores 0 and never beats "no claim" (see below), so it is left out; the rest are
        // compared in the order of the list, as the tie rule needs.
        var candidates = new SortedSet<int>();
        foreach (var stem in vector.Keys)
        {
            if (_claimsWith.TryGetValue(stem, out var list))
            {
                candidates.UnionWith(list);
            }
        }
        KnownClaim? best = null;
        var bestScore = 0.0;
        foreach (var k in candidates)
        {
            var (claim, known) = _known[k];
            var score = ClaimSimilarity.Cosine(vector, known);
            // Ties go to the lower id, so the same text always gets the same proposal.
            if (score > bestScore + 1e-9 || (Math.Abs(score - bestScore) <= 1e-9 && best is not null && claim.Id < best.Id))
            {
                (best, bestScore) = (claim, score);
            }
        }
        return best is not null && bestScore >= Threshold
            ? new ProposedClaim(best.Text, best.Id, Math.Round(bestScore, 3))
            : new ProposedClaim(neutralText, null, null);
    }

    /// <summary>Reported words made neutral: "he would meet Zelensky" said by Trump → "Trump would meet Zelensky".</summary>
    public static string Neutral(string words, ActorRef speaker, bool firstPerson)
    {
        var s = QuoteMarks().Replace(words, "");
        s = Spaces().Replace(s, " ").Trim();
        s = s.TrimEnd('.', ',', ';', ':', ' ', '—', '–');
        if (firstPerson)
        {
            // Only the opening "I"/"We" and possessives: "the increases we see" stays as it is.
            s = LeadingIAm().Replace(s, speaker.ShortName + " is ", 1);
            s = FirstPersonSubject().Replace(s, speaker.ShortName, 1);
            s = FirstPersonPossessive().Replace(s, speaker.ShortName + "'s");
        }
        else
        {
            s = LeadingPronoun().Replace(s, speaker.ShortName, 1);
        }
        s = LeadingThat().Replace(s, "");
        return ActorResolver.Capitalise(s);
    }

    [GeneratedRegex("[\"“”„«»]")]
    private static partial Regex QuoteMarks();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?:[Hh]e|[Ss]he)\b")]
    private static partial Regex LeadingPronoun();

    [GeneratedRegex(@"^(?:I|We)\b(?!['’])")]
    private static partial Regex FirstPersonSubject();

    [GeneratedRegex(@"^I['’]m\s+")]
    private static partial Regex LeadingIAm();

    [GeneratedRegex(@"\b(?:[Mm]y|[Oo]ur)\b(?!\s+own\b)")]
    private static partial Regex FirstPersonPossessive();

    [GeneratedRegex(@"^(?:that|whether|if)\s+")]
    private static partial Regex LeadingThat();
}
