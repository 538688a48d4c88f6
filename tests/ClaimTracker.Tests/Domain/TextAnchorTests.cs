using ClaimTracker.Web.Domain;

namespace ClaimTracker.Tests.Domain;

public class TextAnchorTests
{
    // 88 characters, every run easy to read off by eye.
    private const string Text = "abcdefghijklmnopqrstuvwxyz" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "0123456789" + "abcdefghijklmnopqrstuvwxyz";

    [Fact]
    public void FromText_takes_the_span_and_32_characters_either_side()
    {
        var anchor = TextAnchor.FromText(Text, 40, 45);

        Assert.Equal(new TextAnchor(40, 45, "OPQRS", "ijklmnopqrstuvwxyzABCDEFGHIJKLMN", "TUVWXYZ0123456789abcdefghijklmno"), anchor);
    }

    [Fact]
    public void FromText_clips_the_prefix_at_the_start_of_the_text()
    {
        var anchor = TextAnchor.FromText(Text, 3, 6);

        Assert.Equal(new TextAnchor(3, 6, "def", "abc", "ghijklmnopqrstuvwxyzABCDEFGHIJKL"), anchor);
    }

    [Fact]
    public void FromText_clips_the_suffix_at_the_end_of_the_text()
    {
        var anchor = TextAnchor.FromText(Text, 84, 88);

        Assert.Equal(new TextAnchor(84, 88, "wxyz", "0123456789abcdefghijklmnopqrstuv", ""), anchor);
    }

    [Fact]
    public void FromText_of_the_whole_text_has_no_context()
    {
        var anchor = TextAnchor.FromText("short", 0, 5);

        Assert.Equal(new TextAnchor(0, 5, "short", "", ""), anchor);
    }

    [Theory]
    [InlineData(-1, 3)]
    [InlineData(0, 89)]
    [InlineData(10, 10)]
    [InlineData(12, 10)]
    public void FromText_rejects_a_span_that_is_not_inside_the_text(int start, int end)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TextAnchor.FromText(Text, start, end));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 88)]
    [InlineData(40, 45)]
    [InlineData(87, 88)]
    public void An_anchor_built_from_a_text_fits_that_text(int start, int end)
    {
        Assert.Null(TextAnchor.FromText(Text, start, end).FindMismatch(Text));
    }

    [Fact]
    public void FindMismatch_reports_a_quote_that_is_not_at_its_offsets_and_what_is_there()
    {
        var anchor = TextAnchor.FromText(Text, 40, 45) with { Start = 41, End = 46 };

        var mismatch = anchor.FindMismatch(Text);

        Assert.Equal("quote \"OPQRS\" does not occur at 41–46; the text there reads \"PQRST\"", mismatch);
    }

    [Fact]
    public void FindMismatch_is_case_sensitive()
    {
        var anchor = TextAnchor.FromText(Text, 40, 45) with { Exact = "opqrs" };

        Assert.Contains("does not occur", anchor.FindMismatch(Text));
    }

    [Fact]
    public void FindMismatch_reports_a_wrong_prefix()
    {
        var anchor = TextAnchor.FromText(Text, 40, 45) with { Prefix = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" };

        var mismatch = anchor.FindMismatch(Text);

        Assert.NotNull(mismatch);
        Assert.StartsWith("prefix \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" does not precede the quote", mismatch);
        Assert.Contains("ijklmnopqrstuvwxyzABCDEFGHIJKLMN", mismatch);
    }

    [Fact]
    public void FindMismatch_reports_a_suffix_that_is_shorter_than_the_text_allows()
    {
        var anchor = TextAnchor.FromText(Text, 40, 45) with { Suffix = "TUVWXYZ" };

        var mismatch = anchor.FindMismatch(Text);

        Assert.NotNull(mismatch);
        Assert.StartsWith("suffix \"TUVWXYZ\" does not follow the quote", mismatch);
    }

    [Theory]
    [InlineData(-1, 4)]
    [InlineData(80, 89)]
    [InlineData(5, 5)]
    [InlineData(6, 5)]
    public void FindMismatch_reports_a_span_outside_the_text(int start, int end)
    {
        var anchor = new TextAnchor(start, end, "x", "", "");

        Assert.Equal($"span {start}–{end} lies outside the text (88 characters)", anchor.FindMismatch(Text));
    }

    [Fact]
    public void An_anchor_does_not_fit_a_shorter_revision_of_its_text()
    {
        var anchor = TextAnchor.FromText(Text, 84, 88);

        Assert.Contains("outside the text", anchor.FindMismatch(Text[..86]));
    }

    [Theory]
    [InlineData(0, 5, 5, 10, false)]
    [InlineData(0, 6, 5, 10, true)]
    [InlineData(2, 8, 3, 4, true)]
    [InlineData(3, 4, 3, 4, true)]
    public void Overlaps_is_true_only_when_the_spans_share_a_character(int s1, int e1, int s2, int e2, bool expected)
    {
        var a = TextAnchor.FromText(Text, s1, e1);
        var b = TextAnchor.FromText(Text, s2, e2);

        Assert.Equal(expected, a.Overlaps(b));
        Assert.Equal(expected, b.Overlaps(a));
    }
}
