using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Verdicts;

internal static class VerdictTestHelpers
{
    public const int Accurate = 1;
    public const int False = 5;

    public static Task<T> AsAsync<T>(this ClaimTrackerFactory app, string? role, Func<VerdictWorkflow, Task<T>> action, string? userId = null) =>
        app.Services.AsAsync(role, action, userId);

    public static Task<T> AsAsync<T>(this ClaimTrackerFactory app, string? role, Func<VerdictReader, Task<T>> read, string? userId = null) =>
        app.Services.AsAsync(role, read, userId);

    public static VerdictInput Input(string rationale = "The record shows otherwise.", int? rating = False, params int[] attributionIds) => new()
    {
        RatingLabelId = rating,
        Rationale = rationale,
        AttributionIds = [.. attributionIds],
    };

    /// <summary>Takes a claim through review to a saved draft as an editor; returns the draft.</summary>
    public static async Task<VerdictView> DraftAsync(this ClaimTrackerFactory app, int claimId, string rationale = "Drafted for the test.")
    {
        if (await app.StatusAsync(claimId) == ClaimStatus.New)
        {
            Assert.Equal(EditOutcome.Saved, (await app.AsAsync(Roles.Editor, s => s.StartReviewAsync(claimId))).Outcome);
        }
        var saved = await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(claimId, Input(rationale), null));
        Assert.Equal(EditOutcome.Saved, saved.Outcome);
        return saved.Value!;
    }

    public static async Task<VerdictView> PublishAsync(this ClaimTrackerFactory app, int claimId, string rationale = "Published for the test.")
    {
        var draft = await app.DraftAsync(claimId, rationale);
        var published = await app.AsAsync(Roles.Editor, s => s.PublishAsync(claimId, draft.Version));
        Assert.Equal(EditOutcome.Saved, published.Outcome);
        return published.Value!;
    }

    public static async Task<ClaimStatus> StatusAsync(this ClaimTrackerFactory app, int claimId)
    {
        await using var db = app.CreateDbContext();
        return await db.Claims.Where(c => c.Id == claimId).Select(c => c.Status).SingleAsync();
    }

    public static async Task<List<AuditEntry>> HistoryAsync(this ClaimTrackerFactory app, int claimId)
    {
        await using var db = app.CreateDbContext();
        return await db.AuditEntries.Where(a => a.ClaimId == claimId).OrderBy(a => a.Id).ToListAsync();
    }
}
