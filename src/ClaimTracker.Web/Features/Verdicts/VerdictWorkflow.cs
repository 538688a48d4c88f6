using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Verdicts;

/// <summary>
/// The claim workflow: New → In review → Verdict drafted → Published, and back to In review. Every move checks
/// <see cref="Permission.RateClaims"/> here, on the server, before anything is written, and goes through one
/// <see cref="TransitionAsync"/>: the claim and its verdict are read, the move's own rules decide, the save is checked.
/// What a move returns is the verdict as the editor may now see it (<see cref="VerdictReader.GetAsync"/>).
/// </summary>
public sealed class VerdictWorkflow(IDbContextFactory<ClaimTrackerDbContext> dbFactory, CurrentUser currentUser, IClaimChangeNotifier notifier,
    VerdictReader verdicts)
{
    /// <summary>New → In review.</summary>
    public Task<EditResult<VerdictView>> StartReviewAsync(int claimId, CancellationToken ct = default) =>
        TransitionAsync(claimId, move =>
        {
            if (move.Claim.Status != ClaimStatus.New)
            {
                return Refuse($"Only a new claim can go into review; this one is {move.Claim.Status.Label()}.");
            }
            move.Claim.Status = ClaimStatus.InReview;
            return Go;
        }, ct);

    /// <summary>
    /// Creates or changes the claim's draft verdict and moves the claim to Verdict drafted.
    /// <paramref name="loadedVersion"/> is the verdict's version the editor started from, null when they saw none.
    /// </summary>
    public Task<EditResult<VerdictView>> SaveDraftAsync(int claimId, VerdictInput input, Guid? loadedVersion, CancellationToken ct = default) =>
        TransitionAsync(claimId, async move =>
        {
            var claim = move.Claim;
            if (claim.Status is not (ClaimStatus.InReview or ClaimStatus.VerdictDrafted))
            {
                return await Refuse(claim.Status == ClaimStatus.Published
                    ? "The verdict is published: reopen the claim before changing it."
                    : "Start the review before drafting a verdict.");
            }
            var errors = VerdictValidation.Validate(input);
            await VerdictValidation.CheckReferencesAsync(move.Db, claimId, input, errors, ct);
            if (errors.Any)
            {
                return EditResult<VerdictView>.Invalid(errors, "The verdict has errors; see the fields.");
            }
            // No verdict loaded (null) expects none stored; a second editor creating one at the same moment meets the unique index.
            var verdict = move.Verdict;
            if (verdict is null ? loadedVersion is not null : !move.Db.ExpectVersion(verdict, loadedVersion ?? Guid.Empty))
            {
                return await ConflictAsync(claimId, ct);
            }
            var now = DateTimeOffset.UtcNow;
            if (verdict is null)
            {
                verdict = new Verdict
                {
                    ClaimId = claimId,
                    Rationale = "",
                    AuthorId = move.Author.UserId ?? "",
                    AuthorName = move.Author.UserName,
                    CreatedAt = now,
                };
                move.Db.Verdicts.Add(verdict);
            }
            verdict.RatingLabelId = input.RatingLabelId!.Value;
            verdict.Rationale = InputText.Clean(input.Rationale);
            verdict.Evidence = EvidenceOf(input);
            verdict.State = VerdictState.Draft;
            verdict.UpdatedAt = now;
            verdict.AuthorId = move.Author.UserId ?? verdict.AuthorId;
            verdict.AuthorName = move.Author.UserName;
            claim.Status = ClaimStatus.VerdictDrafted;
            return null;
        }, ct);

    /// <summary>Verdict drafted → Published: the draft the editor has seen (<paramref name="loadedVersion"/>) becomes public.</summary>
    public Task<EditResult<VerdictView>> PublishAsync(int claimId, Guid loadedVersion, CancellationToken ct = default) =>
        TransitionAsync(claimId, move =>
        {
            if (move.Verdict is not { } verdict || move.Claim.Status != ClaimStatus.VerdictDrafted)
            {
                return Refuse(move.Claim.Status == ClaimStatus.Published
                    ? "The verdict is already published."
                    : "Only a drafted verdict can be published: save a draft first.");
            }
            if (!move.Db.ExpectVersion(verdict, loadedVersion))
            {
                return ConflictAsync(claimId, ct);
            }
            verdict.State = VerdictState.Published;
            verdict.PublishedAt = DateTimeOffset.UtcNow;
            move.Claim.Status = ClaimStatus.Published;
            return Go;
        }, ct);

    /// <summary>
    /// Published or Verdict drafted → In review: the verdict goes back to being a draft, out of public view. A reopened
    /// verdict is withdrawn, not kept public beside its new draft: the newsroom reopens a rating it may no longer stand
    /// behind, so its rating, rationale and evidence leave the panel, the page's JSON-LD, the ClaimReview endpoint and
    /// (for readers without <see cref="Permission.ReadDrafts"/>) the History until it is published again.
    /// </summary>
    public Task<EditResult<VerdictView>> ReopenAsync(int claimId, Guid loadedVersion, CancellationToken ct = default) =>
        TransitionAsync(claimId, move =>
        {
            if (move.Claim.Status is not (ClaimStatus.Published or ClaimStatus.VerdictDrafted))
            {
                return Refuse($"Only a claim with a verdict can be reopened; this one is {move.Claim.Status.Label()}.");
            }
            if (move.Verdict is not { } verdict || !move.Db.ExpectVersion(verdict, loadedVersion))
            {
                return ConflictAsync(claimId, ct);
            }
            verdict.State = VerdictState.Draft;
            verdict.PublishedAt = null;
            move.Claim.Status = ClaimStatus.InReview;
            return Go;
        }, ct);

    /// <summary>A move under way: the tracked claim, its verdict (null when it has none yet), and who moves it.</summary>
    private sealed record Move(ClaimTrackerDbContext Db, Claim Claim, Verdict? Verdict, ChangeAuthor Author);

    /// <summary>
    /// The one path of every move: refuses anyone who may not rate, reads the claim and its verdict in a context signed
    /// by the editor, lets <paramref name="apply"/> check its rules and change them (returning a result stops the move,
    /// null goes on), then saves.
    /// </summary>
    private async Task<EditResult<VerdictView>> TransitionAsync(int claimId, Func<Move, Task<EditResult<VerdictView>?>> apply, CancellationToken ct)
    {
        var author = await currentUser.RequireAsync(Permission.RateClaims);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var claim = await db.Claims.SingleOrDefaultAsync(c => c.Id == claimId, ct);
        if (claim is null)
        {
            return EditResult<VerdictView>.Missing($"There is no claim {claimId}.");
        }
        var verdict = await db.Verdicts.SingleOrDefaultAsync(v => v.ClaimId == claimId, ct);
        return await apply(new Move(db, claim, verdict, author)) ?? await SaveAsync(db, claimId, ct);
    }

    private static readonly Task<EditResult<VerdictView>?> Go = Task.FromResult<EditResult<VerdictView>?>(null);

    private static Task<EditResult<VerdictView>?> Refuse(string message) => Task.FromResult<EditResult<VerdictView>?>(EditResult<VerdictView>.Refused(message));

    private static List<VerdictEvidence> EvidenceOf(VerdictInput input) =>
    [
        .. (input.AttributionIds ?? []).Distinct().Order().Select(id => new VerdictEvidence(id, null, null, null)),
        .. (input.SourceIds ?? []).Distinct().Order().Select(id => new VerdictEvidence(null, id, null, null)),
        .. (input.Urls ?? []).Select(InputText.CleanLine).Distinct(StringComparer.Ordinal).Select(u => new VerdictEvidence(null, null, u, null)),
    ];

    /// <summary>Saves; a lost race (the version changed, or the unique index met a verdict created meanwhile) is a conflict.</summary>
    private async Task<EditResult<VerdictView>> SaveAsync(ClaimTrackerDbContext db, int claimId, CancellationToken ct)
    {
        if (await db.TrySaveAsync(ct) != SaveOutcome.Saved)
        {
            return (await ConflictAsync(claimId, ct))!;
        }
        notifier.Publish(new ClaimChange(claimId, ClaimChangeKind.Verdict));
        return EditResult<VerdictView>.Saved(await verdicts.GetAsync(claimId, ct));
    }

    private async Task<EditResult<VerdictView>?> ConflictAsync(int claimId, CancellationToken ct) => EditResult<VerdictView>.Conflict(
        await verdicts.GetAsync(claimId, ct),
        "Someone else changed this verdict after you opened it. Their version is shown; reapply your change if it still holds.");
}
