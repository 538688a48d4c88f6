namespace ClaimTracker.Web.Features.Suggestions.Engine;

/// <summary>Searches over lists kept in text order (quotations, mentions, sentences, tokens), so lookups by position are logarithmic.</summary>
internal static class InTextOrder
{
    /// <summary>
    /// The index of the first item for which <paramref name="isPast"/> holds, or the count when none does.
    /// <paramref name="isPast"/> must be false for a prefix of the list and true for the rest (a binary search).
    /// </summary>
    public static int FirstIndex<T>(IReadOnlyList<T> items, Func<T, bool> isPast)
    {
        var (lo, hi) = (0, items.Count);
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (isPast(items[mid]))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
