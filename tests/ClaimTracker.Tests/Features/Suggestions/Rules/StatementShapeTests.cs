using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Suggestions;
using ClaimTracker.Web.Features.Suggestions.Engine;
using ClaimTracker.Web.Features.Suggestions.Engine.Rules;

namespace ClaimTracker.Tests.Features.Suggestions.Rules;

/// <summary>
/// Statements in the shapes of press conferences, wire copy and features: nested speech, block quotations, questions and
/// orders, denials of what was just said, anything proposed only once per span.
/// </summary>
public class StatementShapeTests
{
    private static IReadOnlyList<SuggestedAttribution> Suggest(string text, params KnownActor[] more) =>
        new RuleBasedAttributionSuggester().Suggest(text, [RuleBench.Lopez, RuleBench.Castillo, RuleBench.Kremlin, RuleBench.Gazette, .. more], []);

    [Fact]
    public void What_Y_told_X_is_Y_s_known_through_X_and_X_passes_it_on_only()
    {
        var s = Assert.Single(Suggest("Castillo said Maria Lopez had told him that the wells were safe."));

        Assert.Equal(RuleBench.Lopez.Id, s.ActorId);
        Assert.Equal(AttributionMode.Reported, s.Mode);
        Assert.Contains("known through Henry Castillo", s.Cue);
    }

    [Fact]
    public void A_quotation_passed_on_is_proposed_once_as_reported_words()
    {
        var s = Assert.Single(Suggest("Castillo said Maria Lopez had told him that “the wells are safe.”"));

        Assert.Equal("the wells are safe", s.Quote);
        Assert.Equal(RuleBench.Lopez.Id, s.ActorId);
        Assert.Equal(AttributionMode.Reported, s.Mode);
    }

    [Fact]
    public void Drafts_of_the_same_words_with_and_without_their_quotation_marks_are_one_span()
    {
        const string text = "He said “the wells are safe.”";
        var lopez = new ActorRef("Maria Lopez", RuleBench.Lopez, isPerson: true);
        Draft Make(int start, int end, string rule) => new(lopez, Stance.Asserts, AttributionMode.Reported, new TextRange(start, end), "w", "c", null, 0, rule);
        var quote = Make(9, 27, "quotation");
        var statement = Make(8, 29, "statements");

        var kept = SuggestionAnalysis.OnePerSpan([statement, quote], text);

        Assert.Same(statement, Assert.Single(kept));
        Assert.Equal("the wells are safe", new TextRange(9, 27).Of(text));
    }

    [Fact]
    public void An_unnamed_source_who_told_the_speaker_is_proposed_by_description()
    {
        var s = Assert.Single(Suggest("Castillo said a senior manager at one of the operators had told him that the plan was late."));

        Assert.Equal("A senior manager at one of the operators", s.Actor);
        Assert.Equal("the plan was late", s.Quote);
        Assert.Equal(AttributionMode.Reported, s.Mode);
    }

    [Fact]
    public void What_someone_else_did_inside_a_statement_stays_and_is_known_through_the_speaker()
    {
        var suggestions = Suggest("Maria Lopez said Henry Castillo doubted the figures.");

        Assert.Contains(suggestions, s => s.ActorId == RuleBench.Lopez.Id && s.Mode == AttributionMode.Paraphrase);
        Assert.Equal(AttributionMode.Reported, Assert.Single(suggestions, s => s.ActorId == RuleBench.Castillo.Id).Mode);
    }

    [Fact]
    public void A_second_clause_after_but_that_is_the_same_speaker_s()
    {
        var bench = RuleBench.Run("Maria Lopez said the wells were safe, but that the pipes were old.", c => RuleBench.EventRules(c, last: 1));

        Assert.Equal(["the wells were safe", "the pipes were old"], bench.LiveEvents.Select(e => bench.Of(e.Content)));
    }

    [Fact]
    public void A_verb_with_an_object_after_it_is_active_even_with_by_further_on()
    {
        var suggestions = Suggest("Maria Lopez rejected a claim by the Gazette that the wells were unsafe.");

        Assert.Contains(suggestions, s => s.ActorId == RuleBench.Lopez.Id && s.Stance == Stance.Denies);
        var gazette = Assert.Single(suggestions, s => s.ActorId == RuleBench.Gazette.Id);
        Assert.Equal("the wells were unsafe", gazette.Quote);
        Assert.Equal("The wells were unsafe", gazette.Claim);
    }

    [Fact]
    public void A_block_quotation_after_a_colon_is_said_by_whoever_spoke_last_in_that_paragraph()
    {
        const string text = "In March the Gazette wrote to the mayor. The letter ends:\n“We will keep reporting on the water until every pipe is replaced.”";

        var s = Assert.Single(Suggest(text));

        Assert.Equal(RuleBench.Gazette.Id, s.ActorId);
        Assert.Equal(AttributionMode.DirectQuote, s.Mode);
        Assert.Contains("block quotation", s.Cue);
    }

    [Fact]
    public void A_block_quotation_after_a_paragraph_about_a_person_is_theirs()
    {
        const string text = "Anne Moen has trimmed fillets on the night shift for 22 years.\n“Without the bonus I lose 4,000 crowns a month. That is my rent.”\nMoen says she will stay.";

        var quote = Assert.Single(Suggest(text), s => s.Mode == AttributionMode.DirectQuote);

        Assert.Equal("Anne Moen", quote.Actor);
    }

    [Theory]
    [InlineData("“Ask me again in 2029,” Lopez said.")]
    [InlineData("“Will the wells be safe by May?” a reporter asked Lopez.")]
    public void A_question_or_an_order_is_no_claim(string text)
    {
        Assert.DoesNotContain(Suggest(text), s => s.Mode == AttributionMode.DirectQuote);
    }

    [Fact]
    public void That_is_not_true_denies_what_someone_else_said_just_before()
    {
        const string text = "Henry Castillo said the memo showed no danger. “That is simply not true,” Lopez said.";

        var denial = Assert.Single(Suggest(text), s => s.Quote == "That is simply not true");

        Assert.Equal(Stance.Denies, denial.Stance);
        Assert.Equal("The memo showed no danger", denial.Claim);
    }

    [Fact]
    public void Each_span_is_proposed_once_keeping_the_known_actor_and_the_rule_that_ran_first()
    {
        var lopez = new ActorRef("Maria Lopez", RuleBench.Lopez, isPerson: true);
        var stranger = new ActorRef("Dana Whitfield", null, isPerson: true);
        var span = new TextRange(10, 20);
        Draft Make(ActorRef a, string rule) => new(a, Stance.Asserts, AttributionMode.Paraphrase, span, "words", "cue", null, 0, rule);
        var first = Make(stranger, "reporting verb");
        var second = Make(lopez, "quotation");
        var third = Make(lopez, "according to");

        var kept = SuggestionAnalysis.OnePerSpan([first, second, third]);

        Assert.Same(second, Assert.Single(kept));
    }

    [Fact]
    public void Several_actors_of_one_rule_on_one_span_all_stay()
    {
        var suggestions = Suggest("The plan has angered Moscow and the Gazette.");

        Assert.Equal(2, suggestions.Count);
        Assert.Single(suggestions.Select(s => (s.Start, s.End)).Distinct());
    }
}
