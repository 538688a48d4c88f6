using ClaimTracker.Web.Features.Common;

namespace ClaimTracker.Tests.Features.Common;

/// <summary>The stored-text policy, case by case (the fuzz tests check its invariants over random input).</summary>
public class InputTextTests
{
    [Theory]
    [InlineData("a\r\nb\rc\u2028d\u2029e", "a\nb\nc\nd\ne")]
    [InlineData("bell\u0007 nul\0 esc\u001b[31m del\u007f c1\u0085\u009b", "bell nul esc[31m del c1")]
    [InlineData("\uFEFFbom \uFEFFinside", "bom inside")]
    [InlineData("reserved \uFFFE \uFFFF \uFDD0", "reserved \uFFFD \uFFFD \uFFFD")]
    [InlineData("tab\tkept", "tab\tkept")]
    [InlineData("  trimmed  \n", "trimmed")]
    public void Clean_drops_controls_and_mends_broken_characters(string input, string expected) =>
        Assert.Equal(expected, InputText.Clean(input));

    [Fact]
    public void Clean_replaces_a_lone_surrogate_and_keeps_a_pair()
    {
        // Not as InlineData: an attribute's strings are stored as UTF-8, which cannot hold half a character.
        Assert.Equal("half \uFFFD and \uFFFD and a whole 😀", InputText.Clean("half \uD800 and \uDC00 and a whole 😀"));
        Assert.Equal("\uFFFD\uFFFD", InputText.Clean("\uDC00\uD800"));
    }

    [Theory]
    [InlineData("one\nline\tonly\r\nhere", "one line only here")]
    [InlineData("  Donald\u00a0Trump  ", "Donald\u00a0Trump")]
    public void CleanLine_makes_one_line(string input, string expected) => Assert.Equal(expected, InputText.CleanLine(input));

    [Theory]
    // An override left open would reverse whatever the page prints after the value: closed at the end.
    [InlineData("Peskov \u202Eyas", "Peskov \u202Eyas\u202C")]
    [InlineData("\u2067עברית", "\u2067עברית\u2069")]
    // Closed at a line break too, innermost first.
    [InlineData("\u202B\u2066a\nb", "\u202B\u2066a\u2069\u202C\nb")]
    // A closer with nothing to close is dropped; a PDI also closes the embeddings opened inside its isolate.
    [InlineData("a\u202C\u2069b", "ab")]
    [InlineData("\u2066\u202Ea\u2069b", "\u2066\u202Ea\u202C\u2069b")]
    // A PDF cannot close past an open isolate.
    [InlineData("\u202E\u2066a\u202Cb", "\u202E\u2066ab\u2069\u202C")]
    // Balanced text is left as it is, and so are direction marks and zero-width joiners.
    [InlineData("\u202Ba\u202C \u200F\u200E \u200D\u200C\u200B", "\u202Ba\u202C \u200F\u200E \u200D\u200C\u200B")]
    public void Direction_overrides_are_kept_but_closed_where_they_opened(string input, string expected) =>
        Assert.Equal(expected, InputText.Clean(input));

    [Fact]
    public void Markdown_keeps_its_leading_spaces_when_asked()
    {
        Assert.Equal("    code\n", InputText.Clean("    code\r\n", trim: false));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData(" \t\n", true)]
    [InlineData("\u200B\u200D\u2060\u202E\u00AD", true)]
    [InlineData("\u0007", true)]
    [InlineData("\u200Ba", false)]
    [InlineData("😀", false)]
    public void Blank_means_nothing_a_reader_could_see(string? value, bool blank) => Assert.Equal(blank, InputText.IsBlank(value));
}
