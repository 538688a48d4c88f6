using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Editing;

public sealed partial class RecordEditService
{
    /// <summary>
    /// Records a statement — the attribution and, where the draft asks for them, a new actor and a new claim — in one
    /// save: either all of it is stored (with one history entry per record) or none of it, so a refused span never
    /// leaves a new claim behind with nobody saying it.
    /// </summary>
    public async Task<EditResult<AttributionRecord>> CreateStatementAsync(StatementDraft draft, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var staged = await StageStatementAsync(db, draft, ct);
        if (staged.Attribution is not { } attribution)
        {
            return EditResult<AttributionRecord>.Invalid(staged.Errors);
        }
        return await db.SaveAsync(() =>
        {
            AnnounceStatement(staged);
            return ToRecord(attribution);
        }, () => GetAttributionAsync(attribution.Id, ct), ct);
    }

    /// <summary>
    /// Validates a statement and adds its records to <paramref name="db"/> without saving, so that the caller saves them
    /// together with its own change (the review queue marks its suggestion accepted in the same save). The checks are
    /// those of <see cref="CreateActorAsync"/>, <see cref="CreateClaimAsync"/> and <see cref="CreateAttributionAsync"/>,
    /// plus one the review queue needs: the same actor on the same claim over an overlapping span of the source is a duplicate.
    /// The caller has checked <see cref="Permission.EditRecord"/> and signed the context (<see cref="RecordWrites.OpenForAsync"/>),
    /// and after a successful save calls <see cref="AnnounceStatement"/>.
    /// </summary>
    public async Task<StagedStatement> StageStatementAsync(ClaimTrackerDbContext db, StatementDraft draft, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Actor? newActor = null;
        Claim? newClaim = null;

        if (draft.ActorId is null)
        {
            if (draft.NewActor is null)
            {
                errors.Add(StatementFields.Actor, "Choose who says it, or name a new actor.");
            }
            else if (!ValidateActor(draft.NewActor, out var validActor, out var actorErrors))
            {
                errors.AddAll(actorErrors, field => StatementFields.NewActorPrefix + field);
            }
            else
            {
                newActor = new Actor { Key = NewKey("actor"), Name = validActor.Name };
                Apply(newActor, validActor);
            }
        }

        if (draft.ClaimId is null)
        {
            if (draft.NewClaim is null)
            {
                errors.Add(StatementFields.Claim, "Choose a claim, or write a new one.");
            }
            else if (!ValidateClaim(draft.NewClaim, out var text, out var topics, out var claimErrors))
            {
                errors.AddAll(claimErrors, field => StatementFields.NewClaimPrefix + field);
            }
            else
            {
                newClaim = new Claim { Key = NewKey("claim"), Text = text, Topics = topics, CreatedAt = DateTimeOffset.UtcNow };
            }
        }

        var attributionDraft = new AttributionDraft(draft.ActorId ?? 0, draft.ClaimId ?? 0, draft.SourceId, draft.Stance, draft.Mode,
            draft.SpanStart, draft.SpanEnd, draft.SaidWhen, draft.SaidWhere, draft.ReportedVia, draft.SelectedText);
        var (anchor, revision, attributionErrors) = await ValidateAttributionAsync(db, attributionDraft, exceptId: null, unchanged: null, ct,
            actorIsNew: draft.ActorId is null, claimIsNew: draft.ClaimId is null);
        errors.AddAll(attributionErrors, field => field switch
        {
            nameof(AttributionDraft.ActorId) => StatementFields.Actor,
            nameof(AttributionDraft.ClaimId) => StatementFields.Claim,
            _ => field,
        });

        if (anchor is not null && draft.ActorId is { } actorId && draft.ClaimId is { } claimId && !errors.Any)
        {
            var overlapping = await db.Attributions.AsNoTracking()
                // An orphaned anchor's offsets belong to an older revision of the text, so they overlap nothing here.
                .Where(a => a.SourceId == draft.SourceId && a.ActorId == actorId && a.ClaimId == claimId
                    && a.AnchorState != AnchorState.Orphaned
                    && a.Anchor.Start < anchor.End && anchor.Start < a.Anchor.End)
                .Select(a => new { a.Anchor.Start, a.Anchor.End, a.Anchor.Exact, Actor = a.Actor.Name })
                .FirstOrDefaultAsync(ct);
            if (overlapping is not null)
            {
                errors.Add(StatementFields.Span,
                    $"{overlapping.Actor} on this claim is already recorded over an overlapping span ({overlapping.Start}–{overlapping.End}, “{overlapping.Exact.Shortened(60)}”).");
            }
        }

        if (errors.Any)
        {
            return new StagedStatement(null, null, null, errors);
        }

        var attribution = new Attribution { Key = NewKey("attribution"), Anchor = anchor!, AnchorRevision = revision };
        Apply(attribution, attributionDraft);
        // New records are linked by navigation: their ids come from the same save.
        if (newActor is not null)
        {
            db.Actors.Add(newActor);
            attribution.Actor = newActor;
        }
        if (newClaim is not null)
        {
            db.Claims.Add(newClaim);
            attribution.Claim = newClaim;
        }
        db.Attributions.Add(attribution);
        return new StagedStatement(attribution, newActor, newClaim, errors);
    }

    /// <summary>Tells open pages about a saved statement (after the save: ids are known then).</summary>
    public void AnnounceStatement(StagedStatement staged)
    {
        if (staged.NewClaim is not null)
        {
            Announce(staged.NewClaim.Id, ClaimChangeKind.Claim);
        }
        if (staged.Attribution is not null)
        {
            Announce(staged.Attribution.ClaimId, ClaimChangeKind.Attribution);
        }
    }
}

/// <summary>
/// What <see cref="RecordEditService.StageStatementAsync"/> added to the context, not yet saved; <see cref="Attribution"/> is
/// null when the draft was refused, and <see cref="Errors"/> then says why, keyed as in <see cref="StatementFields"/>.
/// </summary>
public sealed record StagedStatement(Attribution? Attribution, Actor? NewActor, Claim? NewClaim, FieldErrors Errors);
