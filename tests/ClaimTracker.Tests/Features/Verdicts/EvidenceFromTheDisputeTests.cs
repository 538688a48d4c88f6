using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Verdicts;

/// <summary>
/// The verdict form's evidence: everything the claim's dispute view shows, grouped as it groups it, and the server
/// accepting exactly that (statements on the claim and on the claims related to it, and their sources), refusing the rest.
/// Over the seed, in a database of this class's own.
/// </summary>
[BothEngines]
public class EvidenceFromTheDisputeTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private async Task<int> AttributionIdAsync(string key)
    {
        await using var db = app.CreateDbContext();
        return await db.Attributions.Where(a => a.Key == key).Select(a => a.Id).SingleAsync();
    }

    private async Task<int> InReviewAsync(string claimKey)
    {
        var claimId = await app.ClaimId(claimKey);
        if (await app.StatusAsync(claimId) == ClaimStatus.New)
        {
            Assert.True((await app.AsAsync(Roles.Editor, s => s.StartReviewAsync(claimId))).Succeeded);
        }
        return claimId;
    }

    [Fact]
    public async Task The_picker_offers_the_claims_statements_and_the_conflicting_and_supporting_assessments_grouped_as_the_dispute_view()
    {
        var claimId = await app.ClaimId("putin-ready-for-deal");

        var panel = (await app.AsAsync(Roles.Editor, s => s.GetPanelAsync(claimId)))!;
        var groups = panel.Evidence.Groups;

        Assert.Equal(["claim", "conflicting", "supporting", "acted-on"], groups.Select(g => g.Key));
        Assert.Equal(["Statements on this claim", "Conflicting", "Supporting", "This claim in turn…"], groups.Select(g => g.Title));

        var own = Assert.Single(groups[0].Claims);
        Assert.Null(own.Text);
        Assert.Equal(["Donald Trump asserts", "Russian government (the Kremlin) agrees"], own.Options.Select(o => $"{o.ActorName} {o.Stance}"));

        // The European governments' and Western intelligence agencies' assessment, which contradicts Trump's claim.
        var kremlin = Assert.Single(groups[1].Claims, c => c.Text == "The Kremlin has shown little sign of abandoning its objectives in Ukraine.");
        Assert.Equal("Contradicting claim", kremlin.Relation);
        Assert.Equal(["European governments", "Western intelligence agencies"], kremlin.Options.Select(o => o.ActorName));
        Assert.All(kremlin.Options, o =>
        {
            Assert.Equal("asserts", o.Stance);
            Assert.Equal("the Kremlin has shown little sign of abandoning its objectives in Ukraine", o.Quote);
            Assert.Equal("Reuters, 15 Jan 2026", o.Source);
        });
        // A related claim's own challengers come with it, as the dispute view nests them.
        var aims = Assert.Single(groups[1].Claims, c => c.Text!.StartsWith("Putin still aims to seize all of Ukraine", StringComparison.Ordinal));
        Assert.Contains(aims.Options, o => o.ActorName == "Tulsi Gabbard" && o.Stance == "questions");
        Assert.Contains(groups[2].Claims, c => c.Relation == "Supporting claim" && c.Options.Any(o => o.ActorName == "Dmitry Peskov"));

        var source = Assert.Single(panel.Evidence.Sources);
        Assert.Equal(await app.SourceId("reuters-ukraine-peace-talks"), source.SourceId);
        Assert.Equal("Reuters: Trump blames Zelensky, not Putin, for stalled Ukraine peace talks (15 Jan 2026)", source.Label);

        // Every statement the dispute view shows is offered, and nothing else.
        var dispute = (await app.GetService<DisputeReader>().GetDisputeAsync(claimId))!;
        var shown = dispute.Assertions
            .Concat(dispute.Conflicting.Concat(dispute.Supporting).SelectMany(a => a.Stance is { } st ? [st] : a.Related!.Attributions))
            .Concat(dispute.Qualifications.Concat(dispute.BearsOn).SelectMany(r => r.Attributions))
            .Select(a => a.Id).ToHashSet();
        Assert.Equal(shown.Order(), panel.Evidence.Statements.Select(o => o.AttributionId).Distinct().Order());
    }

    [Fact]
    public async Task Only_those_who_may_rate_are_offered_evidence()
    {
        var claimId = await app.ClaimId("putin-ready-for-deal");

        foreach (var role in new[] { null, Roles.Journalist })
        {
            var panel = (await app.AsAsync(role, s => s.GetPanelAsync(claimId)))!;
            Assert.Empty(panel.Evidence.Groups);
            Assert.Empty(panel.Evidence.Sources);
        }
    }

    [Fact]
    public async Task A_conflicting_assessment_on_a_related_claim_is_accepted_as_evidence_and_shown_with_its_claim()
    {
        var claimId = await InReviewAsync("putin-ready-for-deal");
        var european = await AttributionIdAsync("european-governments-kremlin-objectives");
        var intelligence = await AttributionIdAsync("western-intelligence-kremlin-objectives");
        var trump = await AttributionIdAsync("trump-putin-ready");
        var source = await app.SourceId("reuters-ukraine-peace-talks");
        var input = VerdictTestHelpers.Input("European governments and Western intelligence see no sign of it.", VerdictTestHelpers.False, european, intelligence, trump);
        input.SourceIds = [source];

        var saved = await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(claimId, input, null));

        Assert.True(saved.Succeeded, saved.Message + string.Join("; ", saved.FieldErrors?.Values ?? []));
        var evidence = saved.Value!.Evidence;
        var onRelated = Assert.Single(evidence, e => e.Id == european);
        Assert.Equal("European governments asserts: “the Kremlin has shown little sign of abandoning its objectives in Ukraine”", onRelated.Text);
        Assert.Equal("The Kremlin has shown little sign of abandoning its objectives in Ukraine.", onRelated.OnClaim);
        Assert.Null(Assert.Single(evidence, e => e.Id == trump).OnClaim);
        Assert.Contains(evidence, e => e.Kind == EvidenceKind.Source && e.Id == source);

        // Published, it is on the verdict every reader sees.
        var published = await app.AsAsync(Roles.Editor, s => s.PublishAsync(claimId, saved.Value.Version));
        Assert.True(published.Succeeded, published.Message);
        var seen = (await app.AsAsync(null, s => s.GetAsync(claimId)))!;
        Assert.Contains(seen.Evidence, e => e.Id == intelligence && e.Text.StartsWith("Western intelligence agencies asserts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_statement_or_source_unrelated_to_the_claim_is_refused_and_nothing_is_written()
    {
        var claimId = await InReviewAsync("putin-would-accept-framework");
        // Trump blaming Kyiv: a statement in the record, on a claim with no relation to this one.
        var unrelated = await AttributionIdAsync("trump-blames-kyiv");
        var history = (await app.HistoryAsync(claimId)).Count;

        var refused = await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(claimId, VerdictTestHelpers.Input("Cites something else.", VerdictTestHelpers.False, unrelated), null));

        Assert.Equal(EditOutcome.Invalid, refused.Outcome);
        var message = refused.FieldErrors![nameof(VerdictInput.AttributionIds)];
        Assert.Contains("Not about this claim", message, StringComparison.Ordinal);
        Assert.Contains("Donald Trump", message, StringComparison.Ordinal);

        // A source in the record that holds nothing on this claim or its related claims.
        int otherSource;
        await using (var db = app.CreateDbContext())
        {
            var source = new Source("unrelated-weather-report", "Example Wire", "Snow expected in the Alps", new DateOnly(2026, 1, 10), null, "Snow is expected in the Alps this weekend.");
            db.Sources.Add(source);
            await db.SaveChangesAsync();
            otherSource = source.Id;
        }
        var input = VerdictTestHelpers.Input("Cites an unrelated article.");
        input.SourceIds = [otherSource];
        var refusedSource = await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(claimId, input, null));
        Assert.Equal(EditOutcome.Invalid, refusedSource.Outcome);
        Assert.Contains("Snow expected in the Alps", refusedSource.FieldErrors![nameof(VerdictInput.SourceIds)], StringComparison.Ordinal);

        Assert.Null(await app.AsAsync(Roles.Editor, s => s.GetAsync(claimId)));
        Assert.Equal(history, (await app.HistoryAsync(claimId)).Count);
    }

    [Fact]
    public async Task A_statement_on_a_related_claim_beyond_the_first_the_view_lists_is_evidence_too()
    {
        // Putin-would-accept-framework is supported by the deal claim: the deal claim's Kremlin endorsement is a statement
        // on a related claim whether or not the view lists it (the view lists three speakers of each related claim).
        var claimId = await InReviewAsync("putin-would-accept-framework");
        var kremlin = await AttributionIdAsync("kremlin-agrees-putin-ready");

        var saved = await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(claimId, VerdictTestHelpers.Input("The Kremlin says as much.", VerdictTestHelpers.False, kremlin), null));

        Assert.True(saved.Succeeded, saved.Message);
    }

    [Fact]
    public void A_claim_with_nothing_recorded_offers_nothing()
    {
        var dispute = new ClaimDispute(new ClaimHeader(1, "A lonely claim.", ClaimStatus.New, [], []), [], [], [], [], [], new DisputeTotals(0, 0, 0, 0, 0, 0, 0));

        var choices = VerdictReader.ChoicesFrom(dispute);

        Assert.Empty(choices.Groups);
        Assert.Empty(choices.Sources);
    }
}
