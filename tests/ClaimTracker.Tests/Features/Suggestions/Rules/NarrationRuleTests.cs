using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Suggestions;

namespace ClaimTracker.Tests.Features.Suggestions.Rules;

/// <summary>The outlet's own assertions, proposed when the engine is told the outlet, and only those.</summary>
public class NarrationRuleTests
{
    private static IReadOnlyList<SuggestedAttribution> Suggest(string text, string? outlet = "Lakeside Gazette") =>
        new RuleBasedAttributionSuggester().Suggest(text, [RuleBench.Lopez, RuleBench.Castillo, RuleBench.Kremlin, RuleBench.Gazette], [], outlet);

    private static IEnumerable<SuggestedAttribution> Narration(string text, string? outlet = "Lakeside Gazette") =>
        Suggest(text, outlet).Where(s => s.Mode == AttributionMode.Narration);

    [Fact]
    public void A_sentence_nobody_else_is_credited_with_is_the_outlet_s_when_the_engine_is_told_the_outlet()
    {
        const string text = "The city's wells were built in 1962. Maria Lopez said the wells were safe.";

        var s = Assert.Single(Narration(text));

        Assert.Equal("The city's wells were built in 1962", s.Quote);
        Assert.Equal(RuleBench.Gazette.Id, s.ActorId);
        Assert.Equal(Stance.Asserts, s.Stance);
        Assert.Empty(Narration(text, outlet: null));
    }

    [Fact]
    public void An_outlet_the_record_does_not_know_is_proposed_by_its_name()
    {
        var s = Assert.Single(Narration("The city's wells were built in 1962.", "Coastal Herald"));

        Assert.Equal("Coastal Herald", s.Actor);
        Assert.Null(s.ActorId);
    }

    [Theory]
    [InlineData("The wells were built in 1962, while Castillo said they would last another decade.", "The wells were built in 1962")]
    [InlineData("But the council has delayed the vote three times, a move that has angered Moscow.", "the council has delayed the vote three times")]
    [InlineData("BREKKE — The plant has stood silent for 41 days.", "The plant has stood silent for 41 days")]
    [InlineData("Since 2019 the municipality has given the plant 12 million crowns.", "Since 2019 the municipality has given the plant 12 million crowns")]
    public void The_main_clause_before_someone_else_s_words_is_the_outlet_s(string text, string quote)
    {
        Assert.Equal(quote, Assert.Single(Narration(text)).Quote);
    }

    [Theory]
    [InlineData("Henry Castillo declined to be interviewed for this story.")]
    [InlineData("The letter, which Lopez keeps in her pocket, ends:")]
    [InlineData("Will the council ever fund the new pipes this year?")]
    [InlineData("In March, before the walkout, the union wrote to the mayor.")]
    [InlineData("An earlier version of this article misstated the date of the vote. It was held in May, not June.")]
    [InlineData("Correction: The wells were built in 1962, not 1926 as first reported.")]
    [InlineData("In a debate last week, the mayor, Henry Castillo, told members that the pipes were safe.")]
    public void Speech_acts_questions_lead_ins_and_correction_notes_are_not_narration(string text)
    {
        Assert.Empty(Narration(text));
    }
}
