using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Sources.Anchoring;

/// <summary>Where an anchor ended up in the new text, and how it got there.</summary>
/// <param name="Anchor">The anchor in the new text; for <see cref="AnchorState.Orphaned"/>, the old anchor unchanged.</param>
/// <param name="Similarity">1 for an exact match; for a fuzzy one, 1 − edits ÷ quote length.</param>
public sealed record AnchorMatch(AnchorState State, TextAnchor Anchor, double Similarity);

/// <summary>
/// Finds anchors again in a corrected text, the way Hypothesis re-anchors annotations, trying in order:
/// <list type="number">
/// <item><b>Attached</b>: the exact quote at its old position, shifted by the edit (<see cref="TextDiff"/>), with at
/// least half of its old prefix and suffix still around it (or no occurrence with more of them).</item>
/// <item><b>Moved</b>: the exact quote elsewhere; of several occurrences, the one whose prefix and suffix match the
/// old context best, then the one nearest where the quote was expected. An occurrence with almost none of the old
/// context (under <see cref="MinContextForMove"/>) is accepted only for a quote of <see cref="DistinctiveQuoteLength"/>
/// characters or more: a short phrase found in another sentence is more likely another statement.</item>
/// <item><b>Fuzzy</b>: the closest approximate match of the quote (fewest character edits, Levenshtein; ties go to
/// the nearest) within <see cref="FuzzyWindow"/> characters of the expected position, accepted when its similarity,
/// 1 − edits ÷ quote length, is at least <see cref="FuzzyThreshold"/>: a 40-character quote may differ by 10.
/// Flagged for an editor to check.</item>
/// <item><b>Orphaned</b>: nothing good enough; the old anchor is kept as it was, pointing into the old revision.</item>
/// </list>
/// One instance per correction: the diff of the two texts is worked out once and shared by every anchor.
/// </summary>
public sealed class Reanchorer(string oldText, string newText)
{
    public const double FuzzyThreshold = 0.75;
    public const int FuzzyWindow = 2000;
    public const double MinContextForMove = 0.25;
    public const int DistinctiveQuoteLength = 20;

    /// <summary>Quotes longer than this are not searched approximately (the search costs quote length × window).</summary>
    public const int MaxFuzzyQuoteLength = 4000;

    private readonly TextDiff diff = new(oldText, newText);

    public string NewText { get; } = newText;

    /// <summary>
    /// Re-anchors <paramref name="anchor"/>. <paramref name="intoOldText"/> says whether it points into the text being
    /// replaced (false for an anchor already orphaned in an earlier revision: its position is then only a hint).
    /// </summary>
    public AnchorMatch Reanchor(TextAnchor anchor, bool intoOldText = true)
    {
        var length = anchor.Exact.Length;
        var expected = Math.Clamp(intoOldText ? diff.Map(anchor.Start) : anchor.Start, 0, NewText.Length);

        var inPlace = intoOldText && expected + length <= NewText.Length
            && string.CompareOrdinal(NewText, expected, anchor.Exact, 0, length) == 0;
        // A word-level diff can pair a repeated phrase with the wrong sentence: the place it maps to counts only if
        // most of the old context is still around it; otherwise every occurrence competes on context.
        if (inPlace && ContextScore(anchor, expected) >= 0.5)
        {
            return new AnchorMatch(AnchorState.Attached, TextAnchor.FromText(NewText, expected, expected + length), 1);
        }

        if (BestOccurrence(anchor, expected) is int found)
        {
            var state = inPlace && found == expected ? AnchorState.Attached : AnchorState.Moved;
            return new AnchorMatch(state, TextAnchor.FromText(NewText, found, found + length), 1);
        }

        if (length <= MaxFuzzyQuoteLength && ApproximateMatch(anchor.Exact, expected) is { } fuzzy
            && fuzzy.Similarity >= FuzzyThreshold && !string.IsNullOrWhiteSpace(NewText[fuzzy.Start..fuzzy.End]))
        {
            return new AnchorMatch(AnchorState.Fuzzy, TextAnchor.FromText(NewText, fuzzy.Start, fuzzy.End), fuzzy.Similarity);
        }

        return new AnchorMatch(AnchorState.Orphaned, anchor, 0);
    }

    private int? BestOccurrence(TextAnchor anchor, int expected)
    {
        int? best = null;
        var bestScore = double.MinValue;
        for (var at = NewText.IndexOf(anchor.Exact, StringComparison.Ordinal); at >= 0;
             at = at + 1 < NewText.Length ? NewText.IndexOf(anchor.Exact, at + 1, StringComparison.Ordinal) : -1)
        {
            var context = ContextScore(anchor, at);
            if (context < MinContextForMove && anchor.Exact.Length < DistinctiveQuoteLength)
            {
                continue;
            }
            // Context decides; distance (as a share of the text) breaks near-ties and prefers the nearer of equals.
            var score = context - 0.25 * Math.Abs(at - expected) / Math.Max(1, NewText.Length);
            if (score > bestScore)
            {
                bestScore = score;
                best = at;
            }
        }
        return best;
    }

    /// <summary>Share (0–1) of the old prefix and suffix that still surround an occurrence at <paramref name="at"/>.</summary>
    private double ContextScore(TextAnchor anchor, int at)
    {
        var total = anchor.Prefix.Length + anchor.Suffix.Length;
        if (total == 0)
        {
            return 1;
        }
        var prefix = 0;
        while (prefix < anchor.Prefix.Length && at - 1 - prefix >= 0
               && NewText[at - 1 - prefix] == anchor.Prefix[anchor.Prefix.Length - 1 - prefix])
        {
            prefix++;
        }
        var end = at + anchor.Exact.Length;
        var suffix = 0;
        while (suffix < anchor.Suffix.Length && end + suffix < NewText.Length && NewText[end + suffix] == anchor.Suffix[suffix])
        {
            suffix++;
        }
        return (double)(prefix + suffix) / total;
    }

    private readonly record struct Approximate(int Start, int End, double Similarity);

    /// <summary>
    /// The substring of the window around <paramref name="expected"/> with the smallest edit distance to
    /// <paramref name="quote"/> (Sellers' algorithm: Levenshtein with a free start and end in the text).
    /// </summary>
    private Approximate? ApproximateMatch(string quote, int expected)
    {
        var m = quote.Length;
        var from = Math.Max(0, expected - FuzzyWindow - m);
        var to = Math.Min(NewText.Length, expected + m + FuzzyWindow + m);
        if (to - from <= 0 || m == 0)
        {
            return null;
        }
        // Column j of the window: cost[i] = fewest edits turning quote[..i] into a text substring ending at j; start[i] where it starts.
        var cost = new int[m + 1];
        var start = new int[m + 1];
        var prevCost = new int[m + 1];
        var prevStart = new int[m + 1];
        for (var i = 0; i <= m; i++)
        {
            prevCost[i] = i;
            prevStart[i] = from;
        }
        Approximate? best = null;
        var bestErrors = int.MaxValue;
        var bestDistance = int.MaxValue;
        for (var j = from; j < to; j++)
        {
            cost[0] = 0;
            start[0] = j + 1;
            var c = NewText[j];
            for (var i = 1; i <= m; i++)
            {
                // Substitute or match (diagonal), delete from the quote (up), insert text (left).
                var diagonal = prevCost[i - 1] + (quote[i - 1] == c ? 0 : 1);
                var up = cost[i - 1] + 1;
                var left = prevCost[i] + 1;
                if (diagonal <= up && diagonal <= left)
                {
                    cost[i] = diagonal;
                    start[i] = i == 1 ? j : prevStart[i - 1];
                }
                else if (left <= up)
                {
                    cost[i] = left;
                    start[i] = prevStart[i];
                }
                else
                {
                    cost[i] = up;
                    start[i] = start[i - 1];
                }
            }
            var errors = cost[m];
            var matchStart = start[m];
            var distance = Math.Abs(matchStart - expected);
            if (matchStart <= j && (errors < bestErrors || (errors == bestErrors && distance < bestDistance)))
            {
                bestErrors = errors;
                bestDistance = distance;
                best = new Approximate(matchStart, j + 1, 1 - (double)errors / m);
            }
            (cost, prevCost) = (prevCost, cost);
            (start, prevStart) = (prevStart, start);
        }
        return best;
    }
}
