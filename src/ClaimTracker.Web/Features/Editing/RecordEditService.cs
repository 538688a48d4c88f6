using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Editing;

/// <summary>
/// How editors change the record: claims, actors, relations and attributions (one partial file each).
/// Every change checks the caller's permission before it touches the database, validates field by field,
/// saves against the <see cref="IEditableRecord.Version"/> the caller loaded (so a stale copy is refused with
/// the values now stored, never silently overwritten), and announces the change to open pages. The write itself goes
/// through <see cref="RecordWrites"/>; history, soft deletes and fresh versions are done by
/// <see cref="ClaimTrackerDbContext.SaveChangesAsync(bool, CancellationToken)"/>.
/// </summary>
public sealed partial class RecordEditService(
    IDbContextFactory<ClaimTrackerDbContext> dbFactory,
    CurrentUser currentUser,
    IClaimChangeNotifier notifier)
{
    /// <summary>Records created by editors get a key of their own; seeded ones keep the seed's.</summary>
    private static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private void Announce(int claimId, ClaimChangeKind kind) => notifier.Publish(new ClaimChange(claimId, kind));

    /// <summary>Announces the change and passes <paramref name="saved"/> on: for <see cref="RecordWrites.SaveAsync{T}"/>'s onSaved.</summary>
    private T Announced<T>(int claimId, ClaimChangeKind kind, T saved)
    {
        Announce(claimId, kind);
        return saved;
    }

    // ---------------------------------------------------------------- claims

    /// <summary>The claim as stored, deleted or not, for an editor to start from.</summary>
    public async Task<ClaimRecord?> GetClaimAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Claims.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new ClaimRecord(c.Id, c.Text, c.Topics, c.IsDeleted, c.Version))
            .SingleOrDefaultAsync(ct);
    }

    public async Task<EditResult<ClaimRecord>> CreateClaimAsync(ClaimDraft draft, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        if (!ValidateClaim(draft, out var text, out var topics, out var errors))
        {
            return EditResult<ClaimRecord>.Invalid(errors);
        }
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var claim = new Claim { Key = NewKey("claim"), Text = text, Topics = topics, CreatedAt = DateTimeOffset.UtcNow };
        db.Claims.Add(claim);
        return await db.SaveAsync(() => Announced(claim.Id, ClaimChangeKind.Claim, ToRecord(claim)), () => GetClaimAsync(claim.Id, ct), ct);
    }

    /// <summary>Changes text and topics, if <paramref name="version"/> is still the stored one.</summary>
    public async Task<EditResult<ClaimRecord>> UpdateClaimAsync(int id, Guid version, ClaimDraft draft, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        if (!ValidateClaim(draft, out var text, out var topics, out var errors))
        {
            return EditResult<ClaimRecord>.Invalid(errors);
        }
        await using var db = await dbFactory.OpenForAsync(author, ct);
        return await db.EditAsync(db.Claims.IgnoreQueryFilters().Where(c => c.Id == id), version, ToRecord, claim =>
        {
            claim.Text = text;
            if (!claim.Topics.SequenceEqual(topics, StringComparer.Ordinal))
            {
                claim.Topics = topics;
            }
            return db.SaveAsync(() => Announced(id, ClaimChangeKind.Claim, ToRecord(claim)), () => GetClaimAsync(id, ct), ct);
        }, ct);
    }

    /// <summary>
    /// Soft-deletes the claim together with its attributions and relations, in one save, so the record never shows
    /// an appearance of a claim that is gone; <see cref="RestoreClaimAsync"/> brings back exactly those.
    /// </summary>
    public async Task<EditResult<ClaimRecord>> DeleteClaimAsync(int id, Guid version, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        return await db.EditAsync(db.Claims.Where(c => c.Id == id), version, ToRecord, async claim =>
        {
            db.Claims.Remove(claim);
            db.Attributions.RemoveRange(await db.Attributions.Where(a => a.ClaimId == id).ToListAsync(ct));
            var relations = await db.ClaimRelations.Where(r => r.FromClaimId == id || r.ToClaimId == id).ToListAsync(ct);
            db.ClaimRelations.RemoveRange(relations);
            return await db.SaveAsync(() =>
            {
                Announce(id, ClaimChangeKind.Claim);
                foreach (var other in relations.Select(r => r.FromClaimId == id ? r.ToClaimId : r.FromClaimId).Distinct())
                {
                    Announce(other, ClaimChangeKind.Relation);
                }
                return ToRecord(claim);
            }, () => GetClaimAsync(id, ct), ct);
        }, ct);
    }

    /// <summary>Brings back a deleted claim and what was deleted with it.</summary>
    public async Task<EditResult<ClaimRecord>> RestoreClaimAsync(int id, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.Restore);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var claim = await db.Claims.IgnoreQueryFilters().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null)
        {
            return EditResult<ClaimRecord>.Missing();
        }
        if (!claim.IsDeleted)
        {
            return EditResult<ClaimRecord>.Saved(ToRecord(claim));
        }
        if (claim.MergedIntoId is int survivor)
        {
            // Its statements and relations now belong to the survivor; only undoing the merge gives them back.
            return EditResult<ClaimRecord>.Invalid("Claim", $"This claim was merged into claim {survivor}; undo the merge from that claim's History instead.");
        }
        var deletedAt = claim.DeletedAt;
        claim.IsDeleted = false;
        // Only what went with the claim: an attribution deleted on its own earlier stays deleted.
        foreach (var attribution in await db.Attributions.IgnoreQueryFilters().Where(a => a.ClaimId == id && a.IsDeleted).ToListAsync(ct))
        {
            attribution.IsDeleted = attribution.DeletedAt != deletedAt;
        }
        var relations = await db.ClaimRelations.IgnoreQueryFilters()
            .Where(r => (r.FromClaimId == id || r.ToClaimId == id) && r.IsDeleted).ToListAsync(ct);
        var otherIds = relations.Select(r => r.FromClaimId == id ? r.ToClaimId : r.FromClaimId).ToList();
        var liveOthers = await db.Claims.Where(c => otherIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        foreach (var relation in relations)
        {
            var other = relation.FromClaimId == id ? relation.ToClaimId : relation.FromClaimId;
            relation.IsDeleted = relation.DeletedAt != deletedAt || !liveOthers.Contains(other);
        }
        return await db.SaveAsync(() => Announced(id, ClaimChangeKind.Claim, ToRecord(claim)), () => GetClaimAsync(id, ct), ct);
    }

    private static bool ValidateClaim(ClaimDraft draft, out string text, out List<string> topics, out FieldErrors errors)
    {
        errors = new FieldErrors();
        text = errors.Required(nameof(ClaimDraft.Text), draft.Text, InputLimits.ClaimText, "The claim's text") ?? "";
        topics = errors.List(nameof(ClaimDraft.Topics), draft.Topics, InputLimits.Topics, InputLimits.Topic, "topic");
        return !errors.Any;
    }

    private static ClaimRecord ToRecord(Claim c) => new(c.Id, c.Text, c.Topics.ToList(), c.IsDeleted, c.Version);
}
