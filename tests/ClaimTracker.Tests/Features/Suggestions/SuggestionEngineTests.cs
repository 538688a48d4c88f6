using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Suggestions;

namespace ClaimTracker.Tests.Features.Suggestions;

/// <summary>The engine's rules one at a time, on sentences made for each.</summary>
public class SuggestionEngineTests
{
    private static readonly KnownActor Lopez = new(1, "Maria Lopez", [], ActorKind.Person, "Water Commissioner", "United States");
    private static readonly KnownActor Castillo = new(2, "Henry Castillo", [], ActorKind.Person, "Mayor of Lakeside", "United States");
    private static readonly KnownActor Kremlin = new(3, "Russian government", ["the Kremlin", "Moscow"], ActorKind.Government, null, "Russia");
    private static readonly KnownActor Putin = new(4, "Vladimir Putin", ["Putin"], ActorKind.Person, "President of Russia", "Russia");
    private static readonly KnownActor Zelensky = new(5, "Volodymyr Zelensky", ["Zelensky"], ActorKind.Person, "President of Ukraine", "Ukraine");
    private static readonly KnownActor Gazette = new(6, "Lakeside Gazette", ["the Gazette"], ActorKind.Outlet, null, null);

    private static readonly KnownActor[] Actors = [Lopez, Castillo, Kremlin, Putin, Zelensky, Gazette];

    private readonly RuleBasedAttributionSuggester _engine = new();

    private IReadOnlyList<SuggestedAttribution> Suggest(string text, params KnownClaim[] claims) => _engine.Suggest(text, Actors, claims);

    [Fact]
    public void He_is_resolved_to_the_person_who_spoke_last()
    {
        const string text = "Henry Castillo said the audit was finished. Later he said the results were “clear and reassuring.”";

        var quote = Assert.Single(Suggest(text), s => s.Mode == AttributionMode.DirectQuote);

        Assert.Equal("clear and reassuring", quote.Quote);
        Assert.Equal(Castillo.Id, quote.ActorId);
        Assert.Contains("'he' resolved to Henry Castillo", quote.Cue);
    }

    [Fact]
    public void She_skips_a_man_who_spoke_after_her()
    {
        const string text = "Maria Lopez said the wells were safe. Henry Castillo agreed with her. She said the tests would be repeated in May.";

        var last = Suggest(text).Single(s => s.Quote == "the tests would be repeated in May");

        Assert.Equal(Lopez.Id, last.ActorId);
    }

    [Fact]
    public void A_role_phrase_is_resolved_to_the_actor_with_that_role()
    {
        const string text = "The Russian president said the talks could resume next month.";

        var s = Assert.Single(Suggest(text));

        Assert.Equal(Putin.Id, s.ActorId);
        Assert.Equal("the talks could resume next month", s.Quote);
    }

    [Fact]
    public void Both_halves_of_a_quotation_split_around_he_said_go_to_the_speaker_with_the_claim_of_the_whole()
    {
        const string text = "“We will not raise water rates this year,” Castillo said, “and we will not cut the testing budget either.”";

        var halves = Suggest(text).Where(s => s.Mode == AttributionMode.DirectQuote).ToList();

        Assert.Equal(2, halves.Count);
        Assert.All(halves, h => Assert.Equal(Castillo.Id, h.ActorId));
        Assert.Equal("We will not raise water rates this year", halves[0].Quote);
        Assert.Equal("and we will not cut the testing budget either", halves[1].Quote);
        Assert.Contains("split", halves[1].Cue);
        Assert.Equal(halves[0].Claim, halves[1].Claim);
        Assert.StartsWith("Castillo will not raise water rates this year", halves[0].Claim);
    }

    [Theory]
    [InlineData("Zelensky denied that Kyiv would give up any territory.", Stance.Denies)]
    [InlineData("Zelensky rejected claims that Kyiv would give up any territory.", Stance.Denies)]
    [InlineData("Zelensky ruled out giving up any territory.", Stance.Denies)]
    [InlineData("Zelensky did not agree that Kyiv would give up any territory.", Stance.Denies)]
    [InlineData("Zelensky agreed that Kyiv would give up some territory.", Stance.Endorses)]
    [InlineData("Zelensky questioned whether Kyiv would give up any territory.", Stance.Questions)]
    [InlineData("Zelensky doubted that Kyiv would give up any territory.", Stance.Doubts)]
    [InlineData("Zelensky cast doubt on reports that Kyiv would give up territory.", Stance.Doubts)]
    [InlineData("Zelensky said Kyiv would give up no territory.", Stance.Asserts)]
    public void The_stance_comes_from_the_verb_and_its_negation(string text, Stance stance)
    {
        var s = Assert.Single(Suggest(text));

        Assert.Equal(Zelensky.Id, s.ActorId);
        Assert.Equal(stance, s.Stance);
    }

    [Fact]
    public void A_declined_statement_is_no_statement()
    {
        Assert.Empty(Suggest("Castillo declined to say whether the wells were safe."));
    }

    [Fact]
    public void According_to_a_report_the_speaker_inside_it_is_reported()
    {
        const string text = "According to a report in the Gazette, Castillo told council members that the wells would be closed.";

        var s = Assert.Single(Suggest(text));

        Assert.Equal(Castillo.Id, s.ActorId);
        Assert.Equal(AttributionMode.Reported, s.Mode);
        Assert.Equal("the wells would be closed", s.Quote);
        Assert.Contains("known through", s.Cue);
    }

    [Fact]
    public void According_to_a_person_is_their_paraphrase()
    {
        const string text = "The wells will be closed in May, according to Maria Lopez.";

        var s = Assert.Single(Suggest(text));

        Assert.Equal(Lopez.Id, s.ActorId);
        Assert.Equal(AttributionMode.Paraphrase, s.Mode);
        Assert.Equal("The wells will be closed in May", s.Quote);
    }

    [Fact]
    public void An_unknown_speaker_is_proposed_by_the_name_in_the_text()
    {
        const string text = "Dana Whitfield, the councilwoman for the north end, said the tests had skipped the oldest homes.";

        var s = Assert.Single(Suggest(text));

        Assert.Null(s.ActorId);
        Assert.Equal("Dana Whitfield", s.Actor);
        Assert.Equal("the tests had skipped the oldest homes", s.Quote);
    }

    [Fact]
    public void The_most_similar_existing_claim_is_proposed_with_its_similarity()
    {
        KnownClaim[] claims =
        [
            new(10, "Lakeside's municipal wells have lead levels within federal limits."),
            new(11, "Lakeside should replace its corroded service lines before winter."),
            new(12, "The mayor will run for a second term."),
        ];

        var s = Assert.Single(Suggest("Lopez said the city's municipal wells had lead levels well within federal limits.", claims));

        Assert.Equal(10, s.ClaimId);
        Assert.Equal(claims[0].Text, s.Claim);
        Assert.InRange(s.Similarity!.Value, ClaimProposerThreshold, 1.0);
    }

    [Fact]
    public void Without_a_similar_claim_a_new_one_is_proposed_in_neutral_words()
    {
        KnownClaim[] claims = [new(12, "The mayor will run for a second term.")];

        var s = Assert.Single(Suggest("Castillo said he would close three wells on Monday.", claims));

        Assert.Null(s.ClaimId);
        Assert.Null(s.Similarity);
        Assert.Equal("Castillo would close three wells on Monday", s.Claim);
    }

    [Fact]
    public void A_direct_quote_proposes_a_third_person_claim_without_quotation_marks()
    {
        var s = Assert.Single(Suggest("“I will not resign,” Castillo said."));

        Assert.Equal(AttributionMode.DirectQuote, s.Mode);
        Assert.Equal("I will not resign", s.Quote);
        Assert.Equal("Castillo will not resign", s.Claim);
    }

    [Fact]
    public void Straight_quotation_marks_work_like_curly_ones()
    {
        var s = Assert.Single(Suggest("\"The water is safe,\" Lopez said."));

        Assert.Equal("The water is safe", s.Quote);
        Assert.Equal(Lopez.Id, s.ActorId);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("lakeside-water")]
    [InlineData("norland-inflation")]
    [InlineData("harbour-bridge")]
    public void Offsets_always_hold_the_quote_and_the_same_text_gives_the_same_suggestions(string article)
    {
        var (text, actors, claims) = article == "seed" ? SeedArticle() : Article(article);

        var first = _engine.Suggest(text, actors, claims);
        var again = _engine.Suggest(text, actors, claims);

        Assert.NotEmpty(first);
        Assert.All(first, s =>
        {
            Assert.InRange(s.Start, 0, s.End - 1);
            Assert.InRange(s.End, s.Start + 1, text.Length);
            Assert.Equal(s.Quote, text[s.Start..s.End]);
            Assert.False(string.IsNullOrWhiteSpace(s.Claim));
            Assert.False(string.IsNullOrWhiteSpace(s.Cue));
            Assert.False(s.Claim.Contains('“') || s.Claim.Contains('”') || s.Claim.Contains('"'), s.Claim);
        });
        Assert.Equal(first, again);
    }

    [Fact]
    public void Offsets_hold_in_text_with_line_breaks_and_characters_outside_the_basic_plane()
    {
        const string text = "Intro 🙂 line.\r\n\r\n“Rates will fall,” Lopez said. 🙂 Castillo said the budget was “fine.”";

        var suggestions = Suggest(text);

        Assert.Equal(3, suggestions.Count);
        Assert.All(suggestions, s => Assert.Equal(s.Quote, text[s.Start..s.End]));
    }

    [Fact]
    public void Empty_text_gives_no_suggestions()
    {
        Assert.Empty(Suggest(""));
        Assert.Empty(Suggest("   \n  "));
    }

    private const double ClaimProposerThreshold = 0.3;

    private static (string, IReadOnlyList<KnownActor>, IReadOnlyList<KnownClaim>) Article(string name)
    {
        var (_, text, actors, claims, _, _) = SuggestionQualityTests.LoadArticle(name);
        return (text, actors, claims);
    }

    private static (string, IReadOnlyList<KnownActor>, IReadOnlyList<KnownClaim>) SeedArticle()
    {
        var seed = Infrastructure.TestSeeds.Document;
        var actors = seed.Actors.Select((a, i) => new KnownActor(i + 1, a.Name, a.Aliases ?? [], Enum.Parse<ActorKind>(a.Kind), a.Role, a.Country)).ToList();
        var claims = seed.Claims.Select((c, i) => new KnownClaim(i + 1, c.Text)).ToList();
        return (Infrastructure.TestSeeds.ArticleText(seed.Sources[0].Key), actors, claims);
    }
}
