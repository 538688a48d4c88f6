using ClaimTracker.Web.Features.Importing;

namespace ClaimTracker.Tests.Features.Importing;

public class SourceKeysTests
{
    [Fact]
    public void A_key_is_the_date_the_outlet_and_the_first_words_of_the_title()
    {
        Assert.Equal("2026-01-15-reuters-trump-blames-zelensky-not-putin-for-stalled-ukraine",
            SourceKeys.For(new DateOnly(2026, 1, 15), "Reuters", "Trump blames Zelensky, not Putin, for stalled Ukraine peace talks"));
    }

    [Theory]
    [InlineData("Süddeutsche Zeitung", "suddeutsche-zeitung")]
    [InlineData("Trump's  \"deal\" — now?", "trumps-deal-now")]
    [InlineData("  --BBC News--  ", "bbc-news")]
    [InlineData("Новая газета", "")]
    public void Slugs_are_lower_case_ASCII_words_joined_by_hyphens(string text, string slug)
    {
        Assert.Equal(slug, SourceKeys.Slug(text));
    }

    [Fact]
    public void A_title_without_latin_letters_still_gives_a_key_and_long_outlets_are_cut_at_a_word()
    {
        Assert.Equal("2026-01-15-novaya", SourceKeys.For(new DateOnly(2026, 1, 15), "Novaya", "Новая газета"));
        var key = SourceKeys.For(new DateOnly(2026, 1, 15), string.Join(' ', Enumerable.Repeat("International", 10)), "Title");
        Assert.True(key.Length <= SourceKeys.MaxLength, key);
        Assert.Equal("2026-01-15-international-international-title", key);
    }

    [Fact]
    public void A_taken_key_gets_the_first_free_number()
    {
        Assert.Equal("k", SourceKeys.Unique("k", ["k-2"]));
        Assert.Equal("k-2", SourceKeys.Unique("k", ["k"]));
        Assert.Equal("k-4", SourceKeys.Unique("k", ["k", "k-2", "k-3"]));
    }
}
