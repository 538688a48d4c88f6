using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Sources;

namespace ClaimTracker.Tests.Features.Sources;

public class HighlightSegmenterTests
{
    private const string Text = "0123456789abcdefghijklmnopqrst"; // 30 characters

    private static readonly HighlightSpan Outer = new(1, 0, 20);
    private static readonly HighlightSpan Inner = new(2, 5, 10);

    [Fact]
    public void Without_spans_the_whole_text_is_one_plain_segment()
    {
        var segments = HighlightSegmenter.Segment(Text, []);

        var only = Assert.Single(segments);
        Assert.Equal((0, 30, Text), (only.Start, only.End, only.Text));
        Assert.Empty(only.Covering);
        Assert.Empty(only.Starting);
    }

    [Fact]
    public void An_empty_text_has_no_segments()
    {
        Assert.Empty(HighlightSegmenter.Segment("", [new HighlightSpan(1, 0, 0)]));
    }

    [Fact]
    public void A_nested_span_splits_its_outer_span_in_three()
    {
        var segments = HighlightSegmenter.Segment(Text, [Outer, Inner]);

        AssertSegments(segments,
            (0, 5, "01234", [Outer]),
            (5, 10, "56789", [Inner, Outer]),
            (10, 20, "abcdefghij", [Outer]),
            (20, 30, "klmnopqrst", []));
        AssertInvariants(Text, [Outer, Inner], segments);
    }

    [Fact]
    public void Crossing_spans_share_only_their_overlap()
    {
        var a = new HighlightSpan(7, 2, 8);
        var b = new HighlightSpan(3, 5, 12);

        var segments = HighlightSegmenter.Segment(Text, [b, a]);

        AssertSegments(segments,
            (0, 2, "01", []),
            (2, 5, "234", [a]),
            (5, 8, "567", [a, b]), // a is the shorter, so it is innermost
            (8, 12, "89ab", [b]),
            (12, 30, "cdefghijklmnopqrst", []));
        Assert.Equal([a], segments[1].Starting);
        Assert.Equal([b], segments[2].Starting);
        Assert.Empty(segments[3].Starting);
        AssertInvariants(Text, [a, b], segments);
    }

    [Fact]
    public void Identical_spans_cover_the_same_segment_ordered_by_id()
    {
        var first = new HighlightSpan(4, 3, 9);
        var second = new HighlightSpan(9, 3, 9);

        var segments = HighlightSegmenter.Segment(Text, [second, first]);

        AssertSegments(segments,
            (0, 3, "012", []),
            (3, 9, "345678", [first, second]),
            (9, 30, "9abcdefghijklmnopqrst", []));
        Assert.Equal([first, second], segments[1].Starting);
        AssertInvariants(Text, [first, second], segments);
    }

    [Fact]
    public void Spans_at_the_very_start_and_end_leave_no_empty_segments()
    {
        var whole = new HighlightSpan(1, 0, 30);
        var head = new HighlightSpan(2, 0, 4);
        var tail = new HighlightSpan(3, 26, 30);

        var segments = HighlightSegmenter.Segment(Text, [whole, head, tail]);

        AssertSegments(segments,
            (0, 4, "0123", [head, whole]),
            (4, 26, "456789abcdefghijklmnop", [whole]),
            (26, 30, "qrst", [tail, whole]));
        Assert.Equal([whole, head], segments[0].Starting);
        AssertInvariants(Text, [whole, head, tail], segments);
    }

    [Fact]
    public void Adjacent_spans_touch_without_overlapping()
    {
        var left = new HighlightSpan(1, 0, 10);
        var right = new HighlightSpan(2, 10, 20);

        var segments = HighlightSegmenter.Segment(Text, [left, right]);

        AssertSegments(segments,
            (0, 10, "0123456789", [left]),
            (10, 20, "abcdefghij", [right]),
            (20, 30, "klmnopqrst", []));
    }

    [Fact]
    public void Spans_outside_the_text_or_empty_are_ignored()
    {
        var valid = new HighlightSpan(1, 10, 15);
        HighlightSpan[] invalid = [new(2, -1, 4), new(3, 25, 31), new(4, 7, 7), new(5, 9, 8)];

        var segments = HighlightSegmenter.Segment(Text, [.. invalid, valid]);

        AssertSegments(segments,
            (0, 10, "0123456789", []),
            (10, 15, "abcde", [valid]),
            (15, 30, "fghijklmnopqrst", []));
    }

    [Fact]
    public void The_real_article_with_every_seeded_attribution_segments_consistently()
    {
        var text = TestSeeds.ArticleText("reuters-ukraine-peace-talks");
        var spans = TestSeeds.Document.Attributions.Select((a, i) => new HighlightSpan(i + 1, a.Start, a.End)).ToList();

        var segments = HighlightSegmenter.Segment(text, spans);

        AssertInvariants(text, spans, segments);
        // The Kremlin's three endorsements share one span: all must mark the same run.
        var kremlin = spans.Where(s => s.Start == 1784 && s.End == 1838).ToList();
        Assert.Equal(3, kremlin.Count);
        Assert.Contains(segments, s => s.Covering.SequenceEqual(kremlin) && s.Text == "The Kremlin agreed with Trump's assessment on Thursday");
    }

    private static void AssertSegments(IReadOnlyList<TextSegment> actual, params (int Start, int End, string Text, HighlightSpan[] Covering)[] expected)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal((expected[i].Start, expected[i].End, expected[i].Text), (actual[i].Start, actual[i].End, actual[i].Text));
            Assert.Equal(expected[i].Covering, actual[i].Covering);
        }
    }

    /// <summary>
    /// Checks the segments against a character-by-character oracle: they tile the text in order, every character of a
    /// segment is covered by exactly the segment's spans, neighbours differ (so no needless cuts), and each span is
    /// listed as starting in exactly the segment where it starts.
    /// </summary>
    private static void AssertInvariants(string text, IReadOnlyList<HighlightSpan> spans, IReadOnlyList<TextSegment> segments)
    {
        Assert.Equal(text, string.Concat(segments.Select(s => s.Text)));
        var position = 0;
        HashSet<HighlightSpan>? previous = null;
        foreach (var segment in segments)
        {
            Assert.Equal(position, segment.Start);
            Assert.True(segment.End > segment.Start, $"empty segment at {segment.Start}");
            Assert.Equal(text[segment.Start..segment.End], segment.Text);
            var covering = segment.Covering.ToHashSet();
            Assert.Equal(segment.Covering.Count, covering.Count);
            for (var p = segment.Start; p < segment.End; p++)
            {
                var expected = spans.Where(s => s.Start <= p && p < s.End).ToHashSet();
                Assert.True(expected.SetEquals(covering), $"character {p} is covered by [{string.Join(",", expected.Select(s => s.Id))}] but its segment says [{string.Join(",", covering.Select(s => s.Id))}]");
            }
            Assert.Equal(segment.Covering.OrderBy(s => s.End - s.Start).ThenBy(s => s.Id), segment.Covering);
            Assert.Equal(spans.Where(s => s.Start == segment.Start).OrderBy(s => s.Id), segment.Starting);
            Assert.False(previous is not null && previous.SetEquals(covering), $"segments meeting at {segment.Start} have the same spans");
            previous = covering;
            position = segment.End;
        }
        Assert.Equal(text.Length, position);
    }
}
