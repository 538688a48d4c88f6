using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Editing;

public sealed partial class RecordEditService
{
    public async Task<RelationRecord?> GetRelationAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ClaimRelations.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new RelationRecord(r.Id, r.FromClaimId, r.ToClaimId, r.Type, r.Rationale, r.IsDeleted, r.Version))
            .SingleOrDefaultAsync(ct);
    }

    public async Task<EditResult<RelationRecord>> CreateRelationAsync(RelationDraft draft, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var (rationale, errors) = await ValidateRelationAsync(db, draft, exceptId: null, ct);
        if (errors.Any)
        {
            return EditResult<RelationRecord>.Invalid(errors);
        }
        var relation = new ClaimRelation
        {
            Key = NewKey("relation"),
            FromClaimId = draft.FromClaimId,
            ToClaimId = draft.ToClaimId,
            Type = draft.Type,
            Rationale = rationale,
        };
        db.ClaimRelations.Add(relation);
        // Another editor may record the same relation between the check above and this save: the unique index refuses it.
        return await db.SaveAsync(() => AnnounceRelation(relation), () => GetRelationAsync(relation.Id, ct), ct,
            nameof(RelationDraft.ToClaimId), AlreadyRecorded);
    }

    public async Task<EditResult<RelationRecord>> UpdateRelationAsync(int id, Guid version, RelationDraft draft, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var relation = await db.ClaimRelations.IgnoreQueryFilters().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (relation is null)
        {
            return EditResult<RelationRecord>.Missing();
        }
        if (relation.IsDeleted)
        {
            return EditResult<RelationRecord>.Conflict(ToRecord(relation));
        }
        var (rationale, errors) = await ValidateRelationAsync(db, draft, exceptId: id, ct);
        if (errors.Any)
        {
            return EditResult<RelationRecord>.Invalid(errors);
        }
        if (!db.ExpectVersion(relation, version))
        {
            return EditResult<RelationRecord>.Conflict(ToRecord(relation));
        }
        var before = ToRecord(relation);
        relation.FromClaimId = draft.FromClaimId;
        relation.ToClaimId = draft.ToClaimId;
        relation.Type = draft.Type;
        relation.Rationale = rationale;
        return await db.SaveAsync(() =>
        {
            Announce(before.FromClaimId, ClaimChangeKind.Relation);
            Announce(before.ToClaimId, ClaimChangeKind.Relation);
            return AnnounceRelation(relation);
        }, () => GetRelationAsync(id, ct), ct, nameof(RelationDraft.ToClaimId), AlreadyRecorded);
    }

    public async Task<EditResult<RelationRecord>> DeleteRelationAsync(int id, Guid version, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        return await db.EditAsync(db.ClaimRelations.Where(r => r.Id == id), version, ToRecord, relation =>
        {
            db.ClaimRelations.Remove(relation);
            return db.SaveAsync(() => AnnounceRelation(relation), () => GetRelationAsync(id, ct), ct);
        }, ct);
    }

    /// <summary>Refused while either claim is deleted: restore the claim first.</summary>
    public async Task<EditResult<RelationRecord>> RestoreRelationAsync(int id, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.Restore);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var relation = await db.ClaimRelations.IgnoreQueryFilters().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (relation is null)
        {
            return EditResult<RelationRecord>.Missing();
        }
        var liveEnds = await db.Claims.CountAsync(c => c.Id == relation.FromClaimId || c.Id == relation.ToClaimId, ct);
        var mergedEnd = await db.Claims.IgnoreQueryFilters()
            .Where(c => (c.Id == relation.FromClaimId || c.Id == relation.ToClaimId) && c.MergedIntoId != null)
            .Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (mergedEnd is int merged)
        {
            // Retired by that merge (it would have related a claim to itself or repeated a relation); the undo restores it.
            return EditResult<RelationRecord>.Invalid("Relation", $"Claim {merged} was merged into another claim; undo the merge to bring this relation back.");
        }
        if (liveEnds < 2)
        {
            return EditResult<RelationRecord>.Invalid("Relation", "One of the two claims is deleted; restore it first.");
        }
        relation.IsDeleted = false;
        return await db.SaveAsync(() => AnnounceRelation(relation), () => GetRelationAsync(id, ct), ct);
    }

    private static async Task<(string Rationale, FieldErrors Errors)> ValidateRelationAsync(
        ClaimTrackerDbContext db, RelationDraft draft, int? exceptId, CancellationToken ct)
    {
        var check = new FieldErrors();
        var rationale = check.Required(nameof(RelationDraft.Rationale), draft.Rationale, InputLimits.RelationRationale, "The rationale", multiline: true) ?? "";
        check.Defined(nameof(RelationDraft.Type), draft.Type, "type of relation");
        if (draft.FromClaimId == draft.ToClaimId)
        {
            check.Add(nameof(RelationDraft.ToClaimId), "A claim cannot be related to itself; choose another claim.");
            return (rationale, check);
        }
        var live = await db.Claims.Where(c => c.Id == draft.FromClaimId || c.Id == draft.ToClaimId).Select(c => c.Id).ToListAsync(ct);
        if (!live.Contains(draft.FromClaimId))
        {
            check.Add(nameof(RelationDraft.FromClaimId), "Choose a claim that exists.");
        }
        if (!live.Contains(draft.ToClaimId))
        {
            check.Add(nameof(RelationDraft.ToClaimId), "Choose a claim that exists.");
        }
        // The unique index covers deleted relations too, so a deleted twin must be restored rather than re-created.
        var twin = await db.ClaimRelations.IgnoreQueryFilters()
            .Where(r => r.FromClaimId == draft.FromClaimId && r.ToClaimId == draft.ToClaimId && r.Type == draft.Type && r.Id != exceptId)
            .Select(r => new { r.IsDeleted })
            .FirstOrDefaultAsync(ct);
        if (twin is not null)
        {
            check.Add(nameof(RelationDraft.ToClaimId), twin.IsDeleted
                ? "This relation exists but was deleted; restore it from the History instead."
                : AlreadyRecorded);
        }
        return (rationale, check);
    }

    private const string AlreadyRecorded = "This relation is already recorded.";

    /// <summary>Tells both claims' pages; returns the relation as saved.</summary>
    private RelationRecord AnnounceRelation(ClaimRelation relation)
    {
        Announce(relation.FromClaimId, ClaimChangeKind.Relation);
        Announce(relation.ToClaimId, ClaimChangeKind.Relation);
        return ToRecord(relation);
    }

    private static RelationRecord ToRecord(ClaimRelation r) => new(r.Id, r.FromClaimId, r.ToClaimId, r.Type, r.Rationale, r.IsDeleted, r.Version);
}
