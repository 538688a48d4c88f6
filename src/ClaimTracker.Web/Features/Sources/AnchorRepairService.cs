using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Sources;

/// <summary>
/// The repair of anchors a correction could not place exactly (<see cref="SourceCorrectionService"/>): lists the fuzzy and
/// orphaned ones, confirms a fuzzy one, re-attaches one to words an editor selects. Attributions and notes on spans are
/// repaired alike, as <see cref="IAnchoredRecord"/>s.
/// </summary>
public sealed class AnchorRepairService(IDbContextFactory<ClaimTrackerDbContext> dbFactory, CurrentUser currentUser, IClaimChangeNotifier notifier)
{
    /// <summary>The source's fuzzy and orphaned anchors, statements first, each in text order.</summary>
    public async Task<IReadOnlyList<AnchorAttention>> ListNeedingAttentionAsync(int sourceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attributions = await db.Attributions.AsNoTracking()
            .Where(a => a.SourceId == sourceId && (a.AnchorState == AnchorState.Fuzzy || a.AnchorState == AnchorState.Orphaned))
            .OrderBy(a => a.Anchor.Start).ThenBy(a => a.Id)
            .Select(a => new AnchorAttention(AnchoredKind.Attribution, a.Id, a.AnchorState, a.AnchorRevision, a.Anchor.Exact, a.Anchor.Start, a.Anchor.End,
                a.ClaimId, a.Claim.Text, a.Actor.Name, null, a.Version))
            .ToListAsync(ct);
        var notes = await db.Annotations.AsNoTracking()
            .Where(n => n.SourceId == sourceId && n.Anchor != null && (n.AnchorState == AnchorState.Fuzzy || n.AnchorState == AnchorState.Orphaned))
            .OrderBy(n => n.Anchor!.Start).ThenBy(n => n.Id)
            .Select(n => new AnchorAttention(AnchoredKind.Note, n.Id, n.AnchorState, n.AnchorRevision, n.Anchor!.Exact, n.Anchor.Start, n.Anchor.End,
                null, null, n.AuthorName, n.Body, n.Version))
            .ToListAsync(ct);
        return [.. attributions, .. notes];
    }

    /// <summary>An editor has checked a fuzzy anchor and it sits on the right words: it is attached.</summary>
    public Task<EditResult<AnchorAttention>> ConfirmAsync(AnchoredKind kind, int id, Guid version, CancellationToken ct = default) =>
        RepairAsync(kind, id, version, (db, found) => Task.FromResult(found.Record.AnchorState != AnchorState.Fuzzy
            ? EditResult<AnchorAttention>.Invalid("Anchor", found.Record.AnchorState == AnchorState.Orphaned
                ? "An orphaned anchor has no match to confirm: re-attach it to a selection, or remove it."
                : "This anchor needs no check.")
            : null), found => found.Record.AnchorState = AnchorState.Attached, ct);

    /// <summary>
    /// Attaches an anchor to <c>[start, end)</c> of the current text, which the editor selected in revision
    /// <paramref name="textRevision"/> (refused if the text has been corrected since, as the offsets would mean other words).
    /// </summary>
    public async Task<EditResult<AnchorAttention>> ReattachAsync(AnchoredKind kind, int id, Guid version, int textRevision, int start, int end, CancellationToken ct = default)
    {
        var source = (Text: "", Revision: 0);
        return await RepairAsync(kind, id, version, async (db, found) =>
        {
            var stored = await db.Sources.AsNoTracking().Where(s => s.Id == found.SourceId).Select(s => new { s.Text, s.Revision }).SingleAsync(ct);
            source = (stored.Text, stored.Revision);
            if (source.Revision != textRevision)
            {
                return EditResult<AnchorAttention>.Invalid("Span", "The text was corrected meanwhile: reload the page and select the words again.");
            }
            return start < 0 || end > source.Text.Length || start >= end || string.IsNullOrWhiteSpace(source.Text[start..end])
                ? EditResult<AnchorAttention>.Invalid("Span", "Select the words in the text first.")
                : null;
        }, found =>
        {
            found.Record.Anchor = TextAnchor.FromText(source.Text, start, end);
            found.Record.AnchorRevision = source.Revision;
            found.Record.AnchorState = AnchorState.Attached;
        }, ct);
    }

    /// <summary>
    /// The one path of a repair: an editor's context, the record found, <paramref name="refuse"/> given its say (a result
    /// stops the repair), the version the editor saw checked, <paramref name="repair"/> applied, the save checked.
    /// </summary>
    private async Task<EditResult<AnchorAttention>> RepairAsync(AnchoredKind kind, int id, Guid version,
        Func<ClaimTrackerDbContext, Found, Task<EditResult<AnchorAttention>?>> refuse, Action<Found> repair, CancellationToken ct)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var found = await FindAsync(db, kind, id, ct);
        if (found is null)
        {
            return EditResult<AnchorAttention>.Missing();
        }
        if (await refuse(db, found) is { } refused)
        {
            return refused;
        }
        if (!db.ExpectVersion(found.Record, version))
        {
            return EditResult<AnchorAttention>.Conflict(found.ToAttention());
        }
        repair(found);
        return await db.SaveAsync(() =>
        {
            if (found.ClaimId is int claimId)
            {
                notifier.Publish(new ClaimChange(claimId, ClaimChangeKind.Attribution));
            }
            return found.ToAttention();
        }, async () =>
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            return (await FindAsync(fresh, kind, id, ct))?.ToAttention();
        }, ct);
    }

    /// <summary>An attribution or a note on a span, with what the attention list says of it besides its anchor.</summary>
    private sealed record Found(AnchoredKind Kind, IAnchoredRecord Record, int SourceId, int? ClaimId, string? ClaimText, string? Actor, string? Body)
    {
        public AnchorAttention ToAttention() => new(Kind, Record.Id, Record.AnchorState, Record.AnchorRevision, Record.Anchor.Exact,
            Record.Anchor.Start, Record.Anchor.End, ClaimId, ClaimText, Actor, Body, Record.Version);
    }

    private static async Task<Found?> FindAsync(ClaimTrackerDbContext db, AnchoredKind kind, int id, CancellationToken ct)
    {
        if (kind == AnchoredKind.Attribution)
        {
            var a = await db.Attributions.Include(x => x.Claim).Include(x => x.Actor).SingleOrDefaultAsync(x => x.Id == id, ct);
            return a is null ? null : new Found(kind, a, a.SourceId, a.ClaimId, a.Claim.Text, a.Actor.Name, null);
        }
        var n = await db.Annotations.SingleOrDefaultAsync(x => x.Id == id && x.SourceId != null && x.Anchor != null, ct);
        return n is null ? null : new Found(kind, n, n.SourceId!.Value, null, null, n.AuthorName, n.Body);
    }
}
