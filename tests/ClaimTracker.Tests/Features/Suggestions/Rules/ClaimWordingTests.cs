using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Suggestions;
using ClaimTracker.Web.Features.Suggestions.Engine;

namespace ClaimTracker.Tests.Features.Suggestions.Rules;

/// <summary>Claim texts that stand on their own: the speaker named, verbs agreeing, possessives following, no fragments.</summary>
public class ClaimWordingTests
{
    private static readonly KnownActor Nordhav = new(20, "Nordhav Seafood", ["Nordhav", "the company"], ActorKind.Organisation, null, null);
    private static readonly KnownActor Chamber = new(21, "Tarsund Regional Chamber of Commerce", ["the chamber"], ActorKind.Organisation, null, null);
    private static readonly KnownActor Jensen = new(22, "Mette Jensen", [], ActorKind.Person, "Union leader", null);
    private static readonly KnownActor Workers = new(23, "Dock workers", ["the dockers"], ActorKind.OfficialsGroup, null, null);

    private static IReadOnlyList<SuggestedAttribution> Suggest(string text) =>
        new RuleBasedAttributionSuggester().Suggest(text, [RuleBench.Lopez, RuleBench.Castillo, RuleBench.Gazette, Nordhav, Chamber, Jensen, Workers], []);

    private static string ClaimOf(string text, string quote) => Assert.Single(Suggest(text), s => s.Quote == quote).Claim;

    [Fact]
    public void A_speaker_s_we_becomes_their_name_with_the_verb_agreeing_and_a_pronoun_later_once_the_text_shows_the_gender()
    {
        const string text = "“We have been patient for eleven months, and they have given us nothing but excuses,” Jensen said. Later she said the talks were over.";

        Assert.Equal("Jensen has been patient for eleven months, and they have given her nothing but excuses",
            ClaimOf(text, "We have been patient for eleven months, and they have given us nothing but excuses"));
    }

    [Theory]
    [InlineData("“I believe in the union,” said Maria Lopez.", "I believe in the union", "Lopez believes in the union")]
    [InlineData("“I just do not believe the plant will be here in five years,” said Maria Lopez.", "I just do not believe the plant will be here in five years", "Lopez just does not believe the plant will be here in five years")]
    [InlineData("“We have shared everything we know with the regulator,” said Maria Lopez.", "We have shared everything we know with the regulator", "Lopez has shared everything she knows with the regulator")]
    [InlineData("“What I can tell you is that the tunnel will be safe when it opens,” said Maria Lopez.", "What I can tell you is that the tunnel will be safe when it opens", "The tunnel will be safe when it opens")]
    public void First_person_words_take_the_speaker_s_name_and_a_verb_that_agrees(string text, string quote, string claim)
    {
        Assert.Equal(claim, ClaimOf(text, quote));
    }

    [Fact]
    public void A_group_keeps_its_plural()
    {
        Assert.Equal("Dock workers have been patient", ClaimOf("“We have been patient,” the dockers said.", "We have been patient"));
    }

    [Fact]
    public void An_organisation_s_our_is_its_own_and_a_spokesperson_speaks_as_the_organisation()
    {
        Assert.Equal("Nordhav's door remains open", ClaimOf("“Our door remains open,” Nordhav said in a statement.", "Our door remains open"));
        const string vik = "Lars Vik, a spokesman for Nordhav, said costs had risen. “But we cannot pay wages that our customers will not pay for,” Vik said.";
        Assert.Equal("Nordhav cannot pay wages that its customers will not pay for", ClaimOf(vik, "But we cannot pay wages that our customers will not pay for"));
    }

    [Fact]
    public void The_our_of_someone_who_speaks_for_an_organisation_is_the_organisation_s_never_their_surname()
    {
        const string text = "The chamber’s president, Elin Vos, said exporters were struggling. “Some of our members are already laying people off,” she said.";

        Assert.Equal("Some of the Tarsund Regional Chamber of Commerce's members are already laying people off",
            ClaimOf(text, "Some of our members are already laying people off"));
    }

    [Fact]
    public void A_person_s_it_is_the_organisation_named_just_before()
    {
        const string text = "Jensen says the company’s figures leave out its grants. It had refused to negotiate on the bonus, she said.";

        Assert.Equal("Nordhav had refused to negotiate on the bonus", Suggest(text).Single(s => s.Quote.StartsWith("It had refused", StringComparison.Ordinal)).Claim);
    }

    [Fact]
    public void An_organisation_s_it_and_its_are_the_organisation()
    {
        Assert.Equal("Nordhav had moved its sailings to May", ClaimOf("Nordhav said it had moved its sailings to May.", "it had moved its sailings to May"));
        Assert.Equal("The Tarsund Regional Chamber of Commerce's offer was fair", ClaimOf("The chamber said its offer was fair.", "its offer was fair"));
    }

    [Theory]
    [InlineData("Maria Lopez urged both sides to return to the table.", "Both sides should return to the table")]
    [InlineData("Maria Lopez dismissed union warnings about job cuts as scaremongering.", "Union warnings about job cuts are scaremongering")]
    [InlineData("Maria Lopez threatened emergency legislation to force workers back.", "There could be emergency legislation to force workers back")]
    [InlineData("Maria Lopez accused the company of gambling with public safety.", "Nordhav is gambling with public safety")]
    [InlineData("Maria Lopez rejected calls from residents for an independent audit.", "There should be an independent audit")]
    [InlineData("Maria Lopez defended the company's decision to close the plant.", "Nordhav should close the plant")]
    [InlineData("Maria Lopez ruled out giving up any wells.", "Lopez will give up any wells")]
    [InlineData("The Gazette told customers on Thursday to change their passwords.", "Customers should change their passwords")]
    public void An_object_becomes_a_sentence(string text, string claim)
    {
        Assert.Equal(claim, Assert.Single(Suggest(text)).Claim);
    }

    [Fact]
    public void An_object_no_sentence_can_be_made_of_is_not_proposed()
    {
        Assert.DoesNotContain(Suggest("Maria Lopez insisted on Friday that the wells were safe, contradicting a warning issued by the Gazette."),
            s => s.Stance == Stance.Denies);
    }

    [Fact]
    public void A_thing_rejected_is_the_thing_named_earlier_in_the_paragraph()
    {
        const string text = "The mediator had proposed a freeze on automation until 2028. Maria Lopez rejected the freeze.";

        Assert.Equal("There should be a freeze on automation until 2028", Suggest(text).Single(s => s.ActorId == RuleBench.Lopez.Id).Claim);
    }

    [Theory]
    [InlineData("giving", "give")]
    [InlineData("cutting", "cut")]
    [InlineData("raising", "raise")]
    [InlineData("negotiating", "negotiate")]
    [InlineData("opening", "open")]
    [InlineData("sharing", "share")]
    [InlineData("paying", "pay")]
    public void A_gerund_has_a_base_form(string gerund, string form)
    {
        Assert.Equal(form, ObjectClaims.BaseOf(gerund));
    }

    [Fact]
    public void The_halves_of_a_split_quotation_join_into_one_sentence()
    {
        const string text = "“Encrypted is not the same as safe,” Lopez said, “especially when the encryption is ten years old.”";

        Assert.All(Suggest(text), s => Assert.Equal("Encrypted is not the same as safe, especially when the encryption is ten years old", s.Claim));
    }
}
