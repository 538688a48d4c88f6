using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Suggestions.Engine.Rules;

namespace ClaimTracker.Tests.Features.Suggestions.Rules;

/// <summary>The rules that find reporting events, and those that change them, each on sentences made for it.</summary>
public class EventRuleTests
{
    private static RuleBench ReportingVerbs(string text) => RuleBench.Run(text, c => [new ReportingVerbRule(c, new PassiveRule(c))]);

    [Fact]
    public void ReportingVerbRule_finds_the_speaker_and_the_content_clause()
    {
        var bench = ReportingVerbs("Maria Lopez said the wells were safe.");

        var e = Assert.Single(bench.Events);
        Assert.Equal("Maria Lopez", e.Subject.Actor.Name);
        Assert.Equal("the wells were safe", bench.Of(e.Content));
        Assert.Equal(Stance.Asserts, e.Stance);
        Assert.Equal("reporting verb", e.Rule);
    }

    [Fact]
    public void ReportingVerbRule_takes_the_speaker_after_an_inverted_verb()
    {
        var bench = ReportingVerbs("The wells are safe, said Maria Lopez.");

        var e = Assert.Single(bench.Events);
        Assert.Equal("Maria Lopez", e.Subject.Actor.Name);
        Assert.Equal("The wells are safe", bench.Of(e.Content));
    }

    [Fact]
    public void ReportingVerbRule_finds_nothing_when_the_saying_is_negated_or_passive()
    {
        Assert.Empty(ReportingVerbs("Maria Lopez declined to say whether the wells were safe.").Events);
        Assert.Empty(ReportingVerbs("The figures were questioned by Maria Lopez.").Events);
        Assert.Empty(ReportingVerbs("Residents have been told the wells are safe.").Events);
    }

    [Fact]
    public void AccordingToRule_takes_the_rest_of_the_sentence_as_the_content()
    {
        var bench = RuleBench.Run("According to Maria Lopez, the wells are safe.", c => [new AccordingToRule(c)]);

        var e = Assert.Single(bench.Events);
        Assert.Equal("Maria Lopez", e.Subject.Actor.Name);
        Assert.Equal("the wells are safe", bench.Of(e.Content));
        Assert.Equal("according to", e.Rule);
    }

    [Fact]
    public void AccordingToRule_ignores_according_to_without_a_source_before_a_comma()
    {
        Assert.Empty(RuleBench.Run("The wells were tested according to the plan.", c => [new AccordingToRule(c)]).Events);
    }

    [Fact]
    public void ReportRelayRule_makes_a_speaker_inside_an_outlets_report_reported_and_drops_the_outlet()
    {
        var bench = RuleBench.Run("According to the Gazette, Maria Lopez said the wells were safe.", c => RuleBench.EventRules(c, last: 3));

        var e = Assert.Single(bench.LiveEvents);
        Assert.Equal("Maria Lopez", e.Subject.Actor.Name);
        Assert.Equal(AttributionMode.Reported, e.Mode);
        Assert.Contains("known through 'Lakeside Gazette'", e.Cue);
    }

    [Fact]
    public void ReportRelayRule_leaves_a_speaker_inside_what_a_person_says_alone()
    {
        var bench = RuleBench.Run("According to Maria Lopez, Henry Castillo said the wells were safe.", c => RuleBench.EventRules(c, last: 3));

        Assert.Equal(2, bench.LiveEvents.Count);
        Assert.All(bench.LiveEvents, e => Assert.Equal(AttributionMode.Paraphrase, e.Mode));
    }

    [Fact]
    public void NestedSayingRule_drops_said_around_a_more_telling_verb_of_the_same_speaker()
    {
        var bench = RuleBench.Run("Maria Lopez said she doubted the figures.", c => RuleBench.EventRules(c));

        var e = Assert.Single(bench.LiveEvents);
        Assert.Equal(Stance.Doubts, e.Stance);
        Assert.Equal("Maria Lopez", e.Subject.Actor.Name);
    }

    [Fact]
    public void NestedSayingRule_keeps_said_around_someone_elses_verb()
    {
        var bench = RuleBench.Run("Maria Lopez said Henry Castillo doubted the figures.", c => RuleBench.EventRules(c));

        Assert.Contains(bench.LiveEvents, e => e.Subject.Actor.Name == "Maria Lopez" && e.Stance == Stance.Asserts);
    }
}
