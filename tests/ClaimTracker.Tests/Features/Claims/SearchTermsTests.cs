using ClaimTracker.Web.Features.Claims;

namespace ClaimTracker.Tests.Features.Claims;

public class SearchTermsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t ")]
    public void Blank_input_means_no_terms_and_no_error(string? input)
    {
        var terms = SearchTerms.Parse(input);

        Assert.Empty(terms.Terms);
        Assert.Null(terms.Error);
    }

    [Fact]
    public void Words_are_split_on_any_whitespace()
    {
        Assert.Equal(["putin", "deal", "kremlin"], SearchTerms.Parse("  putin  deal\tkremlin\n").Terms);
    }

    [Fact]
    public void Control_characters_separate_words_as_white_space_does()
    {
        Assert.Equal(["putin", "deal", "kremlin"], SearchTerms.Parse("putin\u0000deal\u001bkremlin").Terms);
    }

    [Fact]
    public void A_quoted_phrase_is_one_term_and_words_around_it_are_terms_too()
    {
        var terms = SearchTerms.Parse("trump \"ready to make a deal\" putin");

        Assert.Null(terms.Error);
        Assert.Equal(["trump", "ready to make a deal", "putin"], terms.Terms);
    }

    [Fact]
    public void A_phrase_is_trimmed_and_a_word_touching_a_quote_is_separate()
    {
        Assert.Equal(["open to talks", "kremlin", "peskov"], SearchTerms.Parse("\"  open to talks \"kremlin \"peskov\"").Terms);
    }

    [Theory]
    [InlineData("\"ready to")]
    [InlineData("putin \"deal\" \"")]
    public void An_unbalanced_quote_is_an_error_message_not_an_exception(string input)
    {
        var terms = SearchTerms.Parse(input);

        Assert.Empty(terms.Terms);
        Assert.NotNull(terms.Error);
        Assert.Contains("quotation mark is not closed", terms.Error);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public void Empty_quotes_alone_are_an_error(string input)
    {
        var terms = SearchTerms.Parse(input);

        Assert.Empty(terms.Terms);
        Assert.Contains("quotes are empty", terms.Error);
    }

    [Fact]
    public void Empty_quotes_beside_a_word_are_ignored()
    {
        var terms = SearchTerms.Parse("gabbard \"\"");

        Assert.Null(terms.Error);
        Assert.Equal(["gabbard"], terms.Terms);
    }

    [Fact]
    public void Input_over_the_maximum_length_is_an_error()
    {
        var terms = SearchTerms.Parse(new string('a', SearchTerms.MaxLength + 1));

        Assert.Empty(terms.Terms);
        Assert.Contains("too long", terms.Error);
    }

    [Fact]
    public void Input_of_exactly_the_maximum_length_is_accepted()
    {
        var input = string.Join(' ', Enumerable.Repeat(new string('a', 24), 8)) + "zzzzzzz"; // 8 * 24 + 7 spaces + 1
        input = input[..SearchTerms.MaxLength];

        var terms = SearchTerms.Parse(input);

        Assert.Null(terms.Error);
        Assert.Equal(8, terms.Terms.Count);
    }

    [Fact]
    public void More_than_the_maximum_number_of_terms_is_an_error()
    {
        Assert.NotNull(SearchTerms.Parse("a b c d e f g h i").Error);
        Assert.Null(SearchTerms.Parse("a b c d e f g h").Error);
    }

    [Theory]
    [InlineData("deal", "\"deal\"*")]
    [InlineData("putin deal", "\"putin\"* \"deal\"*")]
    [InlineData("\"ready to make a deal\" trump", "\"ready to make a deal\" \"trump\"*")]
    [InlineData("AND OR NOT NEAR", "\"AND\"* \"OR\"* \"NOT\"* \"NEAR\"*")]
    [InlineData("col:umn ^start", "\"col:umn\"* \"^start\"*")]
    public void Terms_become_a_quoted_FTS5_query_so_typed_operators_stay_words(string input, string expected)
    {
        Assert.Equal(expected, SearchTerms.Parse(input).ToFtsQuery());
    }

    [Theory]
    [InlineData("%")]
    [InlineData("deal --")]
    public void A_term_without_letters_or_digits_gives_no_query_because_it_can_match_no_word(string input)
    {
        Assert.Null(SearchTerms.Parse(input).ToFtsQuery());
    }
}
