using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Editing;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Editing;

/// <summary>A statement recorded from the reader with a new claim is saved whole or not at all.</summary>
[BothEngines]
public class StatementCreationTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private async Task<(int Claims, int Attributions, int Audit)> CountAsync()
    {
        await using var db = app.CreateDbContext();
        return (await db.Claims.CountAsync(), await db.Attributions.CountAsync(), await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task A_refused_span_leaves_no_new_claim_behind()
    {
        var sourceId = await app.SourceId("reuters-ukraine-peace-talks");
        var before = await CountAsync();
        await using var scope = app.Services.ScopeAs(Roles.Editor);

        var result = await scope.As<RecordEditService>().CreateStatementAsync(new StatementDraft(
            await app.ActorId("reuters"), null, null, new ClaimDraft("A claim that must not be left alone.", []), sourceId,
            Stance.Asserts, AttributionMode.Narration, 5000, 5010));

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.NotNull(result.ErrorFor(StatementFields.Span));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_statement_with_a_new_claim_is_saved_with_both_history_entries()
    {
        var sourceId = await app.SourceId("reuters-ukraine-peace-talks");
        var before = await CountAsync();
        await using var scope = app.Services.ScopeAs(Roles.Editor);

        var result = await scope.As<RecordEditService>().CreateStatementAsync(new StatementDraft(
            await app.ActorId("reuters"), null, null, new ClaimDraft("Negotiations also cover security guarantees.", []), sourceId,
            Stance.Asserts, AttributionMode.Narration, 1410, 1440));

        Assert.True(result.Succeeded, string.Join("; ", result.FieldErrors.Values));
        var after = await CountAsync();
        Assert.Equal((before.Claims + 1, before.Attributions + 1, before.Audit + 2), after);
        await using var db = app.CreateDbContext();
        Assert.Equal("Negotiations also cover security guarantees.", (await db.Claims.SingleAsync(c => c.Id == result.Value!.ClaimId)).Text);
    }
}
