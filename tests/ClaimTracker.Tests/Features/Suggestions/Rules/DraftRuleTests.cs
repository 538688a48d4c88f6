using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Suggestions.Engine.Rules;

namespace ClaimTracker.Tests.Features.Suggestions.Rules;

/// <summary>The rules that make drafts of their own, each on sentences made for it.</summary>
public class DraftRuleTests
{
    [Fact]
    public void StatementDrafts_makes_one_draft_per_speaker_credited_to_the_rule_that_found_the_event()
    {
        var bench = RuleBench.Run("Maria Lopez and Henry Castillo said the wells were safe.", c => [.. RuleBench.EventRules(c), new StatementDrafts(c)]);

        Assert.Equal(["Henry Castillo", "Maria Lopez"], bench.Drafts.Select(d => d.Actor.Name).Order());
        Assert.All(bench.Drafts, d => Assert.Equal("reporting verb", d.Rule));
    }

    [Fact]
    public void PassiveRule_gives_the_verb_to_the_agent_after_by()
    {
        var bench = RuleBench.Run("The figures were questioned by Maria Lopez.", c => [new PassiveRule(c)]);

        var d = Assert.Single(bench.Drafts);
        Assert.Equal("Maria Lopez", d.Actor.Name);
        Assert.Equal(Stance.Questions, d.Stance);
        Assert.Equal("passive", d.Rule);
    }

    [Fact]
    public void PassiveRule_leaves_an_active_verb_alone()
    {
        Assert.Empty(RuleBench.Run("Maria Lopez questioned the figures.", c => [new PassiveRule(c)]).Drafts);
    }

    [Fact]
    public void ReactionRule_has_whoever_is_angered_object()
    {
        var bench = RuleBench.Run("The new sanctions angered Moscow.", c => [new ReactionRule(c)]);

        var d = Assert.Single(bench.Drafts);
        Assert.Equal("Russian government", d.Actor.Name);
        Assert.Contains("they object to it", d.Cue);
        Assert.Equal("reaction", d.Rule);
    }

    [Fact]
    public void ReactionRule_needs_a_known_actor_after_the_verb()
    {
        Assert.Empty(RuleBench.Run("The new sanctions angered local farmers.", c => [new ReactionRule(c)]).Drafts);
    }

    [Fact]
    public void StanceNounRule_reads_a_refusal_as_a_denial()
    {
        var bench = RuleBench.Run("Moscow's refusal to negotiate stalled the talks.", c => [new StanceNounRule(c)]);

        var d = Assert.Single(bench.Drafts);
        Assert.Equal("Russian government", d.Actor.Name);
        Assert.Equal(Stance.Denies, d.Stance);
        Assert.Equal("stance noun", d.Rule);
    }

    [Fact]
    public void StanceNounRule_ignores_a_possessive_before_any_other_noun()
    {
        Assert.Empty(RuleBench.Run("Moscow's army advanced to the river.", c => [new StanceNounRule(c)]).Drafts);
    }

    [Fact]
    public void QuotationRule_gives_a_quotation_to_the_reporting_clause_after_it()
    {
        var bench = RuleBench.Run("“The wells are safe,” Maria Lopez said.", c => [.. RuleBench.EventRules(c), new StatementDrafts(c), new QuotationRule(c)]);

        var d = Assert.Single(bench.Drafts, d => d.Rule == "quotation");
        Assert.Equal("Maria Lopez", d.Actor.Name);
        Assert.Equal(AttributionMode.DirectQuote, d.Mode);
        Assert.StartsWith("The wells are safe", bench.Of(d.Span));
    }

    [Fact]
    public void QuotationRule_leaves_a_scare_quote_with_no_speaker_alone()
    {
        Assert.Empty(RuleBench.Run("The so-called “reforms” were announced on Tuesday.", c => [.. RuleBench.EventRules(c), new StatementDrafts(c), new QuotationRule(c)]).Drafts);
    }
}
