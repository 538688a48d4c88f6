using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Suggestions;

namespace ClaimTracker.Tests.Features.Suggestions;

/// <summary>
/// The engine on one long text made of the five test articles (the seed article and the four under Articles/), each
/// separated from the next by a blank line, with every article's actors and claims known. The engine indexes what it
/// finds by position so that long texts cost time in proportion to their length; these tests make sure that changes
/// nothing: an article reads the same inside a long text as on its own.
/// </summary>
public class SuggestionLongTextTests
{
    private const string Separator = "\n\n";

    private readonly RuleBasedAttributionSuggester _engine = new();

    [Fact]
    public void A_paragraph_of_thousands_of_one_word_quotations_costs_in_proportion_to_its_length()
    {
        // A pasted JSON file: 24,000 quotations in one sentence. Copying the sentence around each quotation took two
        // minutes for 600 KB; counted in bytes allocated rather than seconds, so a busy machine cannot fail it.
        var text = string.Concat(Enumerable.Repeat("{\"a\":", 24_000));
        var before = GC.GetAllocatedBytesForCurrentThread();

        _engine.Suggest(text, [], []);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // Quadratic copying would allocate some 2.9 GB here; linear work stays far below the bound.
        Assert.True(allocated < 500_000_000, $"allocated {allocated:N0} bytes for {text.Length:N0} characters");
    }

    [Fact]
    public void Each_article_gets_the_same_suggestions_inside_the_long_text_as_on_its_own()
    {
        var (articles, actors, claims) = Articles();
        var (text, offsets) = Join(articles);

        var expected = new List<SuggestedAttribution>();
        for (var i = 0; i < articles.Count; i++)
        {
            var own = _engine.Suggest(articles[i], actors, claims);
            Assert.NotEmpty(own);
            expected.AddRange(own.Select(s => s with { Start = s.Start + offsets[i], End = s.End + offsets[i] }));
        }
        var actual = _engine.Suggest(text, actors, claims);

        // The suggestions come sorted by position, so the per-article lists shifted by their offsets line up one to one.
        Assert.Equal(expected.Count, actual.Count);
        for (var k = 0; k < expected.Count; k++)
        {
            Assert.Equal(expected[k], actual[k]);
        }
    }

    [Fact]
    public void Every_suggestion_in_the_long_text_quotes_its_span_exactly()
    {
        var (articles, actors, claims) = Articles();
        var (text, _) = Join(articles);

        var suggestions = _engine.Suggest(text, actors, claims);

        Assert.True(suggestions.Count >= 100, $"only {suggestions.Count} suggestions in {text.Length} characters");
        Assert.All(suggestions, s => Assert.Equal(s.Quote, text[s.Start..s.End]));
    }

    private static (List<string> Texts, List<KnownActor> Actors, List<KnownClaim> Claims) Articles()
    {
        var seed = TestSeeds.Document;
        var texts = new List<string> { TestSeeds.ArticleText(seed.Sources.Single().Key) };
        var actors = seed.Actors.Select((a, i) => new KnownActor(i + 1, a.Name, a.Aliases ?? [], Enum.Parse<ActorKind>(a.Kind), a.Role, a.Country)).ToList();
        var claims = seed.Claims.Select((c, i) => new KnownClaim(i + 1, c.Text)).ToList();
        foreach (var name in new[] { "lakeside-water", "norland-inflation", "harbour-bridge", "datavault-breach" })
        {
            // The written articles number their actors and claims from 101 on, apart from the seed's and each other's.
            var (_, text, own, ownClaims, _, _) = SuggestionQualityTests.LoadArticle(name);
            texts.Add(text);
            actors.AddRange(own);
            claims.AddRange(ownClaims);
        }
        return (texts, actors, claims);
    }

    private static (string Text, List<int> Offsets) Join(List<string> articles)
    {
        var text = "";
        var offsets = new List<int>();
        foreach (var article in articles)
        {
            text += text.Length == 0 ? "" : Separator;
            offsets.Add(text.Length);
            text += article;
        }
        return (text, offsets);
    }
}
