using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Suggestions;
using ClaimTracker.Web.Features.Suggestions.Engine.Rules;

namespace ClaimTracker.Tests.Features.Suggestions.Rules;

/// <summary>Who speaks when the text names someone no known actor stands for, or describes them instead of naming them.</summary>
public class ActorNamingTests
{
    private static readonly KnownActor Gazette = RuleBench.Gazette;
    private static readonly KnownActor Nordhav = new(20, "Nordhav Seafood", ["Nordhav", "the company"], ActorKind.Organisation, null, null);

    private static IReadOnlyList<SuggestedAttribution> Suggest(string text, params KnownActor[] actors) =>
        new RuleBasedAttributionSuggester().Suggest(text, [RuleBench.Lopez, RuleBench.Castillo, RuleBench.Kremlin, .. actors], []);

    [Fact]
    public void A_title_before_a_name_is_the_role_not_part_of_the_name()
    {
        var s = Assert.Single(Suggest("Transport Minister Jonas Berg said the tunnel was safe."));

        Assert.Equal("Jonas Berg", s.Actor);
        Assert.Equal("Transport Minister", s.ActorRole);
        Assert.Null(s.ActorId);
    }

    [Fact]
    public void A_role_is_only_given_for_actors_the_record_does_not_know()
    {
        var s = Assert.Single(Suggest("Councilwoman Dana Whitfield said the tests were incomplete. Water Commissioner Maria Lopez said they were not."),
            s => s.ActorId == RuleBench.Lopez.Id);

        Assert.Null(s.ActorRole);
        Assert.Equal("Councilwoman", Suggest("Councilwoman Dana Whitfield said the tests were incomplete.").Single().ActorRole);
    }

    [Fact]
    public void A_person_named_before_they_speak_is_found_by_surname_later()
    {
        const string text = "Transport Minister Jonas Berg on Tuesday defended the delay. Berg said the tunnel would be safe when it opened.";

        var s = Assert.Single(Suggest(text), s => s.Quote == "the tunnel would be safe when it opened");

        Assert.Equal("Jonas Berg", s.Actor);
        Assert.Equal("Transport Minister", s.ActorRole);
    }

    [Fact]
    public void He_finds_a_person_the_text_named_when_nobody_spoke_just_before()
    {
        const string text = "Transport Minister Jonas Berg opened the briefing.\nAsked whether he would resign, Berg smiled. “I will stay until the tunnel opens,” he said.";

        var s = Assert.Single(Suggest(text));

        Assert.Equal("Jonas Berg", s.Actor);
    }

    [Fact]
    public void A_description_between_commas_describes_the_name_before_it()
    {
        var s = Assert.Single(Suggest("Lars Vik, a spokesman for Nordhav, said costs had risen.", Nordhav));

        Assert.Equal("Lars Vik", s.Actor);
        Assert.Contains("speaks for Nordhav Seafood", s.Cue);
    }

    [Fact]
    public void An_age_and_a_relative_clause_after_a_name_are_stepped_over()
    {
        var s = Assert.Single(Suggest("Emil Haug, 24, who joined the plant two years ago, said he had applied for other jobs."));

        Assert.Equal("Emil Haug", s.Actor);
    }

    [Theory]
    [InlineData("Two officials familiar with the talks said the deal was close.", "Two officials familiar with the talks")]
    [InlineData("Economists at the regional development agency estimate that the strike has cost 25 million crowns.", "Economists at the regional development agency")]
    public void Unnamed_sources_in_a_subject_slot_are_named_by_their_description(string text, string actor)
    {
        var s = Assert.Single(Suggest(text));

        Assert.Equal(actor, s.Actor);
        Assert.Null(s.ActorId);
    }

    [Fact]
    public void A_spokesman_for_an_office_speaks_for_the_office_named_last()
    {
        KnownActor office = new(30, "Prime Minister's Office", ["Sorensen's office"], ActorKind.Government, null, null);
        const string text = "Sorensen's office denied the report. “The prime minister has full confidence in the governor,” a spokesman for the office said.";

        var quote = Assert.Single(Suggest(text, office), s => s.Mode == AttributionMode.DirectQuote);

        Assert.Equal(office.Id, quote.ActorId);
    }

    [Fact]
    public void A_verb_joined_to_a_relative_clause_has_the_antecedent_for_subject()
    {
        const string text = "The delay is a blow to the Kremlin, which made the tunnel its flagship and promised voters that the line would open in spring.";

        var s = Assert.Single(Suggest(text));

        Assert.Equal(RuleBench.Kremlin.Id, s.ActorId);
        Assert.Equal("the line would open in spring", s.Quote);
    }

    [Fact]
    public void According_to_an_organisation_named_by_description_it_is_the_speaker()
    {
        var bench = RuleBench.Run("According to the regional chamber of commerce, the strike is costing local businesses 40 million euros a week.",
            c => [new AccordingToRule(c)]);

        var e = Assert.Single(bench.Events);
        Assert.Equal("the regional chamber of commerce", e.Subject.Actor.Name);
        Assert.Equal("the strike is costing local businesses 40 million euros a week", bench.Of(e.Content));
    }

    [Fact]
    public void According_to_figures_from_a_source_the_source_says_them()
    {
        var bench = RuleBench.Run("Cargo volumes fell by 38 percent in March, according to figures from the Gazette.", c => [new AccordingToRule(c)]);

        var e = Assert.Single(bench.Events);
        Assert.Equal(Gazette.Name, e.Subject.Actor.Name);
        Assert.Equal(AttributionMode.Paraphrase, e.Mode);
    }
}
