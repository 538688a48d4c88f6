namespace ClaimTracker.Web.Features.Sources.Anchoring;

/// <summary>
/// Maps character positions of an old text to a new one, from a word-level diff of the two (Myers' O(ND)
/// algorithm over tokens: runs of letters and digits, runs of white space, single other characters).
/// Words rather than characters keep the edit distance D, and so time and memory, small for the typical
/// correction (a sentence added, a word changed); a rewrite larger than <see cref="MaxEdits"/> token edits
/// falls back to the common start and end of the two texts (everything between maps to where that middle ends).
/// </summary>
public sealed class TextDiff
{
    /// <summary>Bound on the tokens inserted plus deleted that the diff works out (its memory grows with the square).</summary>
    public const int MaxEdits = 2000;

    private readonly int[] oldTokenStarts;
    private readonly int[] newPositionOfOldToken;
    private readonly bool[] oldTokenKept;

    public TextDiff(string oldText, string newText)
    {
        var oldTokens = Tokenize(oldText);
        var newTokens = Tokenize(newText);
        oldTokenStarts = oldTokens.Select(t => t.Start).ToArray();
        newPositionOfOldToken = new int[oldTokens.Count];
        oldTokenKept = new bool[oldTokens.Count];

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int Id(string s) => ids.TryGetValue(s, out var id) ? id : ids[s] = ids.Count;
        var a = oldTokens.Select(t => Id(oldText.Substring(t.Start, t.Length))).ToArray();
        var b = newTokens.Select(t => Id(newText.Substring(t.Start, t.Length))).ToArray();

        var pairs = MatchingTokens(a, b);
        // Walk both token lists: a kept old token lands on its partner; a deleted one on the point where it was cut out.
        int j = 0, p = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (p < pairs.Count && pairs[p].Old == i)
            {
                j = pairs[p].New;
                oldTokenKept[i] = true;
                newPositionOfOldToken[i] = newTokens[j].Start;
                j++;
                p++;
            }
            else
            {
                // Deleted: the next new token after the last kept one (inserted text before it is skipped over).
                var next = p < pairs.Count ? pairs[p].New : b.Length;
                newPositionOfOldToken[i] = next < newTokens.Count ? newTokens[next].Start : newText.Length;
            }
        }
    }

    /// <summary>Where a position of the old text is in the new one; inside deleted text, where that text was.</summary>
    public int Map(int oldPosition)
    {
        if (oldTokenStarts.Length == 0)
        {
            return 0;
        }
        var index = Array.BinarySearch(oldTokenStarts, oldPosition);
        if (index < 0)
        {
            index = ~index - 1;
        }
        index = Math.Clamp(index, 0, oldTokenStarts.Length - 1);
        return oldTokenKept[index]
            ? newPositionOfOldToken[index] + (oldPosition - oldTokenStarts[index])
            : newPositionOfOldToken[index];
    }

    private readonly record struct Token(int Start, int Length);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var kind = KindOf(text[i]);
            i++;
            if (kind != 2)
            {
                while (i < text.Length && KindOf(text[i]) == kind)
                {
                    i++;
                }
            }
            tokens.Add(new Token(start, i - start));
        }
        return tokens;
    }

    private static int KindOf(char c) => char.IsLetterOrDigit(c) ? 0 : char.IsWhiteSpace(c) ? 1 : 2;

    /// <summary>Pairs (old index, new index) of tokens the two sequences keep in common, in order.</summary>
    private static List<(int Old, int New)> MatchingTokens(int[] a, int[] b)
    {
        // Common start and end first: cheap, and most corrections leave most of the text alone.
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[a.Length - 1 - tail] == b[b.Length - 1 - tail])
        {
            tail++;
        }
        var pairs = new List<(int, int)>(Math.Min(a.Length, b.Length));
        for (var i = 0; i < head; i++)
        {
            pairs.Add((i, i));
        }
        var middle = Myers(a.AsSpan(head, a.Length - head - tail), b.AsSpan(head, b.Length - head - tail));
        if (middle is not null)
        {
            pairs.AddRange(middle.Select(m => (m.Old + head, m.New + head)));
        }
        for (var t = tail; t > 0; t--)
        {
            pairs.Add((a.Length - t, b.Length - t));
        }
        return pairs;
    }

    /// <summary>Myers' greedy shortest edit script; null when it needs more than <see cref="MaxEdits"/> edits.</summary>
    private static List<(int Old, int New)>? Myers(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int n = a.Length, m = b.Length;
        if (n == 0 || m == 0)
        {
            return [];
        }
        var max = Math.Min(n + m, MaxEdits);
        var offset = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        var found = false;
        for (var d = 0; d <= max && !found; d++)
        {
            // The state before step d, for k in [-d-1, d+1]: what the backtrack reads.
            trace.Add(v.AsSpan(offset - d - 1, 2 * d + 3).ToArray());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = true;
                    break;
                }
            }
        }
        if (!found)
        {
            return null;
        }

        var pairs = new List<(int, int)>();
        int cx = n, cy = m;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var state = trace[d];
            int At(int k) => state[k + d + 1];
            var k0 = cx - cy;
            var prevK = k0 == -d || (k0 != d && At(k0 - 1) < At(k0 + 1)) ? k0 + 1 : k0 - 1;
            var prevX = d == 0 ? 0 : At(prevK);
            var prevY = d == 0 ? 0 : prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                cx--;
                cy--;
                pairs.Add((cx, cy));
            }
            cx = prevX;
            cy = prevY;
        }
        pairs.Reverse();
        return pairs;
    }
}
