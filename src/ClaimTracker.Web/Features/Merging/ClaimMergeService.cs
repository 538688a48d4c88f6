using System.Text.Json;
using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Merging;

/// <summary>
/// Merges a duplicate claim into the claim that survives, and takes a merge back. A merge is one transaction: the
/// duplicate's statements, relations (both directions), notes, verdict and pending suggestions move to the survivor,
/// its subjects and topics are added to the survivor's, and the duplicate is marked merged and soft-deleted. The
/// <see cref="ClaimMerge"/> row records exactly which rows moved or were retired, so that an undo moves those back
/// and no others; every moved row also gets its own history entry, and each claim's History gets one line in words.
/// </summary>
public sealed class ClaimMergeService(
    IDbContextFactory<ClaimTrackerDbContext> dbFactory,
    CurrentUser currentUser,
    IClaimChangeNotifier notifier)
{
    public const string HistoryEntityType = nameof(ClaimMerge);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A live claim as the merge dialog shows it; null when there is none.</summary>
    public async Task<MergeSide?> GetSideAsync(int claimId, CancellationToken ct = default)
    {
        await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await SideAsync(db, claimId, ct);
    }

    /// <summary>What merging would do; null when either claim is gone.</summary>
    public async Task<MergePreview?> PreviewAsync(int survivorId, int mergedId, CancellationToken ct = default)
    {
        await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var survivor = await SideAsync(db, survivorId, ct);
        var merged = await SideAsync(db, mergedId, ct);
        if (survivor is null || merged is null)
        {
            return null;
        }
        var refusal = MergePlanner.Refusal(survivor, merged);
        var effects = refusal is null ? MergeWording.Effects(survivor, merged, await MergePlanner.PlanRelationsAsync(db, survivorId, mergedId, ct)) : [];
        return new MergePreview(survivor, merged, effects, refusal);
    }

    /// <summary>
    /// Merges <paramref name="mergedId"/> into <paramref name="survivorId"/> if both are still at the versions the editor compared.
    /// </summary>
    public async Task<EditResult<MergeSummary>> MergeAsync(int survivorId, Guid survivorVersion, int mergedId, Guid mergedVersion, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        if (survivorId == mergedId)
        {
            return EditResult<MergeSummary>.Refused(MergeWording.IntoItself);
        }
        await using var db = await dbFactory.OpenForAsync(author, ct);
        // SQLite's BEGIN IMMEDIATE: no other write can come between the checks below and the save.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var claims = await db.Claims.IgnoreQueryFilters().Include(c => c.Subjects)
            .Where(c => c.Id == survivorId || c.Id == mergedId).ToListAsync(ct);
        var survivor = claims.SingleOrDefault(c => c.Id == survivorId);
        var merged = claims.SingleOrDefault(c => c.Id == mergedId);
        if (survivor is null || merged is null || survivor.IsDeleted || merged.IsDeleted)
        {
            return EditResult<MergeSummary>.Missing("One of the two claims is no longer in the record (deleted or merged meanwhile).");
        }
        var stale = new[] { (survivor, survivorVersion), (merged, mergedVersion) }.Where(x => !db.ExpectVersion(x.Item1, x.Item2)).Select(x => MergeWording.Quote(x.Item1.Text)).ToList();
        if (stale.Count > 0)
        {
            return EditResult<MergeSummary>.Conflict(null,
                $"Someone changed {string.Join(" and ", stale)} since you compared the claims. Nothing was merged: look at them again, then confirm.");
        }

        var verdicts = await db.Verdicts.Include(v => v.RatingLabel).Where(v => v.ClaimId == survivorId || v.ClaimId == mergedId).ToListAsync(ct);
        var survivorVerdict = verdicts.SingleOrDefault(v => v.ClaimId == survivorId);
        var mergedVerdict = verdicts.SingleOrDefault(v => v.ClaimId == mergedId);
        if (MergePlanner.VerdictRefusal(survivorVerdict?.State, survivorVerdict?.RatingLabel.Label, mergedVerdict?.State, mergedVerdict?.RatingLabel.Label) is { } refusal)
        {
            return EditResult<MergeSummary>.Refused(refusal);
        }

        var rows = new MergeRows();
        var live = new Counts();

        foreach (var attribution in await db.Attributions.IgnoreQueryFilters().Where(a => a.ClaimId == mergedId).ToListAsync(ct))
        {
            attribution.ClaimId = survivorId;
            rows.Attributions.Add(attribution.Id);
            live.Statements += attribution.IsDeleted ? 0 : 1;
        }

        var plan = await MergePlanner.PlanRelationsAsync(db, survivorId, mergedId, ct);
        var relations = await db.ClaimRelations.Where(r => r.FromClaimId == mergedId || r.ToClaimId == mergedId).ToDictionaryAsync(r => r.Id, ct);
        foreach (var id in plan.MoveFrom)
        {
            relations[id].FromClaimId = survivorId;
            rows.RelationsFrom.Add(id);
        }
        foreach (var id in plan.MoveTo)
        {
            relations[id].ToClaimId = survivorId;
            rows.RelationsTo.Add(id);
        }
        foreach (var id in plan.Retire)
        {
            db.ClaimRelations.Remove(relations[id]); // a soft delete, see RecordKeeping
            rows.RetiredRelations.Add(id);
        }

        // Replies carry their thread's target, so deleted notes move too: a thread is never split between two claims.
        foreach (var note in await db.Annotations.IgnoreQueryFilters().Where(n => n.ClaimId == mergedId).ToListAsync(ct))
        {
            note.ClaimId = survivorId;
            rows.Annotations.Add(note.Id);
            live.Notes += note.IsDeleted ? 0 : 1;
        }

        // Followers of the merged claim follow the survivor from now on (unless they already do: one follow per person
        // and claim). What they had seen carries over; the survivor's changes after it count as new to them.
        var survivorFollowers = await db.Follows.Where(f => f.ClaimId == survivorId).Select(f => f.UserId).ToListAsync(ct);
        foreach (var follow in await db.Follows.Where(f => f.ClaimId == mergedId && !survivorFollowers.Contains(f.UserId)).ToListAsync(ct))
        {
            follow.ClaimId = survivorId;
            rows.Follows.Add(follow.Id);
        }

        ClaimStatus? statusBefore = null;
        if (mergedVerdict is not null && survivorVerdict is null)
        {
            // The verdict and its workflow go together: the survivor takes the status the verdict had reached.
            mergedVerdict.ClaimId = survivorId;
            rows.Verdicts.Add(mergedVerdict.Id);
            if (survivor.Status != merged.Status)
            {
                statusBefore = survivor.Status;
                survivor.Status = merged.Status;
            }
        }
        else if (mergedVerdict is not null)
        {
            db.Verdicts.Remove(mergedVerdict);
            rows.RetiredVerdicts.Add(mergedVerdict.Id);
        }

        foreach (var suggestion in await db.AttributionSuggestions.Where(s => s.ClaimId == mergedId && s.Status == SuggestionStatus.Pending).ToListAsync(ct))
        {
            suggestion.ClaimId = survivorId;
            rows.Suggestions.Add(suggestion.Id);
        }

        foreach (var subject in merged.Subjects.Where(s => survivor.Subjects.All(x => x.Id != s.Id)).ToList())
        {
            survivor.Subjects.Add(subject);
            rows.AddedSubjects.Add(subject.Id);
        }
        var newTopics = merged.Topics.Where(t => !survivor.Topics.Contains(t, StringComparer.OrdinalIgnoreCase))
            .Take(Math.Max(0, InputLimits.Topics - survivor.Topics.Count)).ToList();
        if (newTopics.Count > 0)
        {
            survivor.Topics = [.. survivor.Topics, .. newTopics];
            rows.AddedTopics.AddRange(newTopics);
        }

        merged.MergedIntoId = survivorId;
        merged.IsDeleted = true;

        var merge = new ClaimMerge
        {
            SurvivorId = survivorId,
            MergedId = mergedId,
            UserId = author.UserId,
            UserName = author.UserName,
            At = DateTimeOffset.UtcNow,
            Summary = MergeWording.Moved(rows, live.Statements, live.Notes),
            Rows = rows with { SurvivorStatusBefore = statusBefore },
        };
        db.ClaimMerges.Add(merge);

        if (await db.TrySaveAsync(ct) != SaveOutcome.Saved)
        {
            return EditResult<MergeSummary>.Conflict(null, "Someone changed one of the claims meanwhile. Nothing was merged: look at them again, then confirm.");
        }
        // The merge's id is known now; its history lines go into the same transaction.
        WriteHistory(db, merge, survivor.Text, merged.Text, AuditAction.Merged, author);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        Announce(survivorId, mergedId, relations.Values.Select(r => r.FromClaimId).Concat(relations.Values.Select(r => r.ToClaimId)));
        return EditResult<MergeSummary>.Saved(ToSummary(merge, survivor.Text, merged.Text));
    }

    /// <summary>
    /// Takes a merge back: the rows it moved go back to the merged claim, what it retired is restored, the survivor loses
    /// the subjects and topics it gained (those still there) and the merged claim returns. Refused, with what stands in
    /// the way, when that would no longer give back what was merged: the survivor is gone, or some of the moved rows now
    /// belong to a third claim. Later edits to moved rows (a changed stance, a new reply) are kept and go back with them;
    /// what was added to the survivor after the merge stays with the survivor.
    /// </summary>
    public async Task<EditResult<MergeSummary>> UndoAsync(int mergeId, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var merge = await db.ClaimMerges.SingleOrDefaultAsync(m => m.Id == mergeId, ct);
        if (merge is null)
        {
            return EditResult<MergeSummary>.Missing("There is no such merge.");
        }
        if (merge.IsUndone)
        {
            return EditResult<MergeSummary>.Refused($"This merge was already undone by {merge.UndoneBy} on {merge.UndoneAt:d MMM yyyy HH:mm} UTC.");
        }
        var claims = await db.Claims.IgnoreQueryFilters().Include(c => c.Subjects)
            .Where(c => c.Id == merge.SurvivorId || c.Id == merge.MergedId).ToListAsync(ct);
        var survivor = claims.Single(c => c.Id == merge.SurvivorId);
        var merged = claims.Single(c => c.Id == merge.MergedId);
        if (survivor.IsDeleted)
        {
            return EditResult<MergeSummary>.Refused(survivor.MergedIntoId is int later
                ? $"{MergeWording.Quote(survivor.Text)} was itself merged into claim {later} afterwards; undo that merge first."
                : $"{MergeWording.Quote(survivor.Text)} was deleted after this merge; restore it first, then undo.");
        }
        if (!merged.IsDeleted || merged.MergedIntoId != merge.SurvivorId)
        {
            return EditResult<MergeSummary>.Refused($"{MergeWording.Quote(merged.Text)} is no longer merged into this claim.");
        }

        var rows = merge.Rows;
        var attributions = await db.Attributions.IgnoreQueryFilters().Where(a => rows.Attributions.Contains(a.Id)).ToListAsync(ct);
        var relationIds = rows.RelationsFrom.Concat(rows.RelationsTo).Concat(rows.RetiredRelations).ToList();
        var relations = await db.ClaimRelations.IgnoreQueryFilters().Where(r => relationIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var notes = await db.Annotations.IgnoreQueryFilters().Where(n => rows.Annotations.Contains(n.Id)).ToListAsync(ct);
        var verdictIds = rows.Verdicts.Concat(rows.RetiredVerdicts).ToList();
        var verdicts = await db.Verdicts.IgnoreQueryFilters().Where(v => verdictIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var suggestions = await db.AttributionSuggestions.IgnoreQueryFilters().Where(s => rows.Suggestions.Contains(s.Id)).ToListAsync(ct);

        var elsewhere = new List<string>();
        MergeWording.AddIfAny(elsewhere, attributions.Count(a => a.ClaimId != merge.SurvivorId), "statement");
        MergeWording.AddIfAny(elsewhere, rows.RelationsFrom.Count(id => relations[id].FromClaimId != merge.SurvivorId)
            + rows.RelationsTo.Count(id => relations[id].ToClaimId != merge.SurvivorId), "relation");
        MergeWording.AddIfAny(elsewhere, notes.Count(n => n.ClaimId != merge.SurvivorId), "note");
        MergeWording.AddIfAny(elsewhere, rows.Verdicts.Count(id => verdicts[id].ClaimId != merge.SurvivorId), "verdict");
        if (elsewhere.Count > 0)
        {
            return EditResult<MergeSummary>.Refused(
                $"Since the merge, {string.Join(", ", elsewhere)} moved on from {MergeWording.Quote(survivor.Text)} to other claims. "
                + "Undoing now would not give back what was merged, so nothing was changed; move them back first, or keep the merge.");
        }
        if (rows.RetiredVerdicts.Count > 0 && rows.RetiredVerdicts.Any(id => verdicts[id].ClaimId != merge.MergedId))
        {
            return EditResult<MergeSummary>.Refused("The merged claim's verdict was changed since the merge; nothing was undone.");
        }

        foreach (var attribution in attributions)
        {
            attribution.ClaimId = merge.MergedId;
        }
        foreach (var id in rows.RelationsFrom)
        {
            relations[id].FromClaimId = merge.MergedId;
        }
        foreach (var id in rows.RelationsTo)
        {
            relations[id].ToClaimId = merge.MergedId;
        }
        foreach (var id in rows.RetiredRelations)
        {
            relations[id].IsDeleted = false;
        }
        foreach (var note in notes)
        {
            note.ClaimId = merge.MergedId;
        }
        foreach (var id in rows.Verdicts)
        {
            verdicts[id].ClaimId = merge.MergedId;
        }
        foreach (var id in rows.RetiredVerdicts)
        {
            verdicts[id].IsDeleted = false;
        }
        foreach (var suggestion in suggestions.Where(s => s.ClaimId == merge.SurvivorId))
        {
            suggestion.ClaimId = merge.MergedId;
        }
        // Follows go back too, those still on the survivor (one unfollowed meanwhile is gone, and stays gone).
        foreach (var follow in await db.Follows.Where(f => rows.Follows.Contains(f.Id) && f.ClaimId == merge.SurvivorId).ToListAsync(ct))
        {
            follow.ClaimId = merge.MergedId;
        }
        if (rows.SurvivorStatusBefore is ClaimStatus before)
        {
            // The verdict went back; its workflow goes with it, as far as it has come since.
            merged.Status = survivor.Status;
            survivor.Status = before;
        }
        survivor.Subjects.RemoveAll(s => rows.AddedSubjects.Contains(s.Id));
        if (survivor.Topics.Any(t => rows.AddedTopics.Contains(t, StringComparer.Ordinal)))
        {
            survivor.Topics = survivor.Topics.Where(t => !rows.AddedTopics.Contains(t, StringComparer.Ordinal)).ToList();
        }
        merged.IsDeleted = false;
        merged.MergedIntoId = null;
        merge.UndoneAt = DateTimeOffset.UtcNow;
        merge.UndoneBy = author.UserName;

        if (await db.TrySaveAsync(ct) != SaveOutcome.Saved)
        {
            return EditResult<MergeSummary>.Conflict(null, "Someone changed one of the claims meanwhile. Nothing was undone: look at the History again.");
        }
        WriteHistory(db, merge, survivor.Text, merged.Text, AuditAction.MergeUndone, author);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        Announce(merge.SurvivorId, merge.MergedId, relations.Values.Select(r => r.FromClaimId).Concat(relations.Values.Select(r => r.ToClaimId)));
        return EditResult<MergeSummary>.Saved(ToSummary(merge, survivor.Text, merged.Text), $"Merge undone: {MergeWording.Quote(merged.Text)} is back as a claim of its own.");
    }

    public async Task<MergeSummary?> GetAsync(int mergeId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var merge = await db.ClaimMerges.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mergeId, ct);
        if (merge is null)
        {
            return null;
        }
        var texts = await db.Claims.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Id == merge.SurvivorId || c.Id == merge.MergedId).ToDictionaryAsync(c => c.Id, c => c.Text, ct);
        return ToSummary(merge, texts[merge.SurvivorId], texts[merge.MergedId]);
    }

    // ---------------------------------------------------------------- helpers

    private sealed class Counts
    {
        public int Statements;
        public int Notes;
    }

    private static async Task<MergeSide?> SideAsync(ClaimTrackerDbContext db, int id, CancellationToken ct) =>
        await db.Claims.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new MergeSide(
                c.Id, c.Text, c.CreatedAt, c.Status,
                c.Attributions.Count,
                c.RelationsFrom.Count + c.RelationsTo.Count,
                c.Annotations.Count,
                c.Verdicts.Select(v => new VerdictBrief(v.State, v.RatingLabel.Label)).FirstOrDefault(),
                c.Version))
            .SingleOrDefaultAsync(ct);

    /// <summary>One line in each claim's History, in words; the moved rows have their own entries besides.</summary>
    private static void WriteHistory(ClaimTrackerDbContext db, ClaimMerge merge, string survivorText, string mergedText, AuditAction action, ChangeAuthor author)
    {
        // The ids are in the entry's values (editors' Details).
        var summary = MergeWording.HistoryLine(merge, survivorText, mergedText, action);
        var json = JsonSerializer.Serialize(new { summary, merge.SurvivorId, merge.MergedId }, Json);
        foreach (var claimId in new[] { merge.SurvivorId, merge.MergedId })
        {
            db.AuditEntries.Add(author.Entry(HistoryEntityType, merge.Id, action, action == AuditAction.Merged ? merge.At : merge.UndoneAt!.Value,
                after: json, claimId: claimId));
        }
    }

    private void Announce(int survivorId, int mergedId, IEnumerable<int> related)
    {
        foreach (var id in related.Except([survivorId, mergedId]).Distinct())
        {
            notifier.Publish(new ClaimChange(id, ClaimChangeKind.Relation));
        }
        // The panels of a claim page each listen for their own kind: the notes and the verdict moved too.
        foreach (var id in new[] { survivorId, mergedId })
        {
            notifier.Publish(new ClaimChange(id, ClaimChangeKind.Annotation));
            notifier.Publish(new ClaimChange(id, ClaimChangeKind.Verdict));
            notifier.Publish(new ClaimChange(id, ClaimChangeKind.Claim));
        }
    }

    private static MergeSummary ToSummary(ClaimMerge m, string survivorText, string mergedText) =>
        new(m.Id, m.SurvivorId, survivorText, m.MergedId, mergedText, m.UserName, m.At, m.Summary, m.UndoneAt, m.UndoneBy);
}
