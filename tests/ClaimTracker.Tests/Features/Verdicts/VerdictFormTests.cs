using Bunit;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ClaimTracker.Tests.Features.Verdicts;

/// <summary>The verdict form's evidence picker: its groups and labels, ticking a statement on a related claim, and a citation no longer offered.</summary>
public sealed class VerdictFormTests : ComponentTest
{
    private static readonly EvidenceChoices Choices = new(
        [
            new EvidenceGroup("claim", "Statements on this claim",
                [new EvidenceClaim(1, null, null, [new EvidenceOption(11, "Donald Trump", "asserts", "ready to make a deal", 7, "Reuters, 15 Jan 2026")])]),
            new EvidenceGroup("conflicting", "Conflicting",
            [
                new EvidenceClaim(2, "Contradicting claim", "The Kremlin has shown little sign of abandoning its objectives in Ukraine.",
                [
                    new EvidenceOption(21, "European governments", "asserts", "the Kremlin has shown little sign of abandoning its objectives in Ukraine", 7, "Reuters, 15 Jan 2026"),
                    new EvidenceOption(22, "Western intelligence agencies", "asserts", "the Kremlin has shown little sign of abandoning its objectives in Ukraine", 7, "Reuters, 15 Jan 2026"),
                ]),
            ]),
        ],
        [new EvidenceSourceOption(7, "Reuters: Trump blames Zelensky, not Putin, for stalled Ukraine peace talks (15 Jan 2026)")]);

    private IRenderedComponent<VerdictForm> RenderForm(VerdictInput input, IReadOnlyList<EvidenceItem>? cited = null)
    {
        Render<MudPopoverProvider>();
        return Render<VerdictForm>(p => p
            .Add(x => x.Input, input)
            .Add(x => x.Errors, new Dictionary<string, string>())
            .Add(x => x.Ratings, [new RatingOption(3, "Misleading", "Leaves a false impression.", 3)])
            .Add(x => x.Choices, Choices)
            .Add(x => x.Cited, cited));
    }

    [Fact]
    public void The_picker_groups_statements_as_the_dispute_view_and_labels_each_with_actor_stance_quote_and_source()
    {
        var form = RenderForm(new VerdictInput());

        var groups = form.FindAll("[data-testid=evidence-group]");
        Assert.Equal(["claim", "conflicting", "sources"], groups.Select(g => g.GetAttribute("data-group")));
        Assert.Equal(["Statements on this claim", "Conflicting", "Sources"], groups.Select(g => g.QuerySelector("legend")!.TextContent));
        Assert.Contains("Contradicting claim: “The Kremlin has shown little sign of abandoning its objectives in Ukraine.”", groups[1].TextContent);
        var european = form.Find("[data-testid=evidence-option][data-attribution-id='21']");
        Assert.Equal("European governments asserts “the Kremlin has shown little sign of abandoning its objectives in Ukraine” — Reuters, 15 Jan 2026",
            System.Text.RegularExpressions.Regex.Replace(european.TextContent, @"\s+", " ").Trim());
    }

    [Fact]
    public void Ticking_a_conflicting_assessment_and_a_source_adds_them_to_the_input_and_unticking_removes_them()
    {
        var input = new VerdictInput();
        var form = RenderForm(input);

        form.Find("[data-attribution-id='21'] input[type=checkbox]").Change(true);
        form.Find("[data-source-id='7'] input[type=checkbox]").Change(true);

        Assert.Equal([21], input.AttributionIds);
        Assert.Equal([7], input.SourceIds);
        Assert.True(form.Find("[data-attribution-id='21'] input").HasAttribute("checked"));

        form.Find("[data-attribution-id='21'] input[type=checkbox]").Change(false);
        Assert.Empty(input.AttributionIds);
    }

    [Fact]
    public void A_citation_the_picker_no_longer_offers_is_listed_so_that_it_can_be_dropped()
    {
        var input = new VerdictInput { AttributionIds = [11, 99] };
        var form = RenderForm(input, [new EvidenceItem(EvidenceKind.Attribution, 99, "Tulsi Gabbard questions: “old words”", "/sources/7?attribution=99#a-99", null)]);

        var stale = form.Find("[data-testid=evidence-group][data-group=stale]");
        Assert.Contains("Tulsi Gabbard questions: “old words”", stale.TextContent);
        stale.QuerySelector("input[type=checkbox]")!.Change(false);

        Assert.Equal([11], input.AttributionIds);
        Assert.Empty(form.FindAll("[data-testid=evidence-group][data-group=stale]"));
    }
}
