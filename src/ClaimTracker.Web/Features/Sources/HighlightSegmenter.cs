namespace ClaimTracker.Web.Features.Sources;

/// <summary>A span to highlight in a text; <paramref name="Id"/> is the attribution's id.</summary>
public sealed record HighlightSpan(int Id, int Start, int End);

/// <summary>A run of text covered by the same set of spans (innermost, i.e. shortest, first).</summary>
public sealed record TextSegment(int Start, int End, string Text, IReadOnlyList<HighlightSpan> Covering, IReadOnlyList<HighlightSpan> Starting);

/// <summary>
/// Cuts a text at every span boundary, so overlapping and nested spans each become a flat run of segments
/// that can be rendered as sibling <c>&lt;mark&gt;</c> elements without crossing tags.
/// </summary>
public static class HighlightSegmenter
{
    public static IReadOnlyList<TextSegment> Segment(string text, IEnumerable<HighlightSpan> spans)
    {
        var valid = spans.Where(s => s.Start >= 0 && s.End <= text.Length && s.Start < s.End).ToList();
        var cuts = valid.SelectMany(s => new[] { s.Start, s.End }).Append(0).Append(text.Length).Distinct().Order().ToList();

        var segments = new List<TextSegment>(cuts.Count);
        for (var i = 0; i < cuts.Count - 1; i++)
        {
            int start = cuts[i], end = cuts[i + 1];
            var covering = valid.Where(s => s.Start <= start && s.End >= end)
                .OrderBy(s => s.End - s.Start).ThenBy(s => s.Id).ToList();
            var starting = valid.Where(s => s.Start == start).OrderBy(s => s.Id).ToList();
            segments.Add(new TextSegment(start, end, text[start..end], covering, starting));
        }
        return segments;
    }
}
