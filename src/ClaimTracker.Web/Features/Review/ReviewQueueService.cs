using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Review;

/// <summary>
/// The editors' review queue of suggested attributions. Accepting records the statement through
/// <see cref="RecordEditService.StageStatementAsync"/> — the same validation, keys and history as a statement recorded by
/// hand — and marks the suggestion accepted in the SAME save (<see cref="RecordWrites"/>) (one transaction, see
/// <see cref="ClaimTrackerDbContext.SaveChangesAsync(bool, CancellationToken)"/>): a refused span, a duplicate or a second
/// editor who decided first leaves nothing behind, neither a new actor nor a new claim. Decisions are checked against the
/// suggestion's <see cref="IEditableRecord.Version"/>, so two editors deciding at once cannot both win.
/// </summary>
public sealed class ReviewQueueService(
    IDbContextFactory<ClaimTrackerDbContext> dbFactory,
    CurrentUser currentUser,
    RecordEditService editing,
    IClaimChangeNotifier notifier)
{
    /// <summary>More than a reviewer works through on one text; a guard against a runaway engine, not a page size.</summary>
    public const int MaxItems = 1000;

    /// <summary>The queue of one source, or null when there is no such source. Editors only.</summary>
    public async Task<ReviewQueue?> GetQueueAsync(int sourceId, ReviewFilter filter, CancellationToken ct = default)
    {
        await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await db.Sources.AsNoTracking().Where(s => s.Id == sourceId)
            .Select(s => new { s.Id, s.Title, s.Outlet, s.Text }).SingleOrDefaultAsync(ct);
        if (source is null)
        {
            return null;
        }
        var counts = await CountsAsync(db, sourceId, ct);
        var query = db.AttributionSuggestions.AsNoTracking().Where(s => s.SourceId == sourceId);
        if (StatusShown(filter) is SuggestionStatus status)
        {
            query = query.Where(s => s.Status == status);
        }
        var items = await Project(db, query.OrderBy(s => s.Anchor.Start).ThenBy(s => s.Anchor.End).ThenBy(s => s.Id).Take(MaxItems)).ToListAsync(ct);
        return new ReviewQueue(source.Id, source.Title, source.Outlet, source.Text, counts, filter, items);
    }

    /// <summary>The suggestions a tab lists, by name (the two enums need not keep the same order); null for All.</summary>
    public static SuggestionStatus? StatusShown(ReviewFilter filter) => filter switch
    {
        ReviewFilter.Pending => SuggestionStatus.Pending,
        ReviewFilter.Accepted => SuggestionStatus.Accepted,
        ReviewFilter.Rejected => SuggestionStatus.Rejected,
        ReviewFilter.All => null,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "No such tab."),
    };

    /// <summary>How many suggestions of a source wait, for the reader's link; zero for anyone who may not review.</summary>
    public async Task<int> PendingCountAsync(int sourceId, CancellationToken ct = default)
    {
        if (!await currentUser.HasAsync(Permission.EditRecord))
        {
            return 0;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AttributionSuggestions.CountAsync(s => s.SourceId == sourceId && s.Status == SuggestionStatus.Pending, ct);
    }

    /// <summary>Sources with suggestions waiting, most waiting first. Editors only.</summary>
    public async Task<IReadOnlyList<PendingQueue>> PendingQueuesAsync(int take = 20, CancellationToken ct = default)
    {
        await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.AttributionSuggestions.AsNoTracking()
            .Where(s => s.Status == SuggestionStatus.Pending)
            .GroupBy(s => s.SourceId)
            .Select(g => new { SourceId = g.Key, Pending = g.Count() })
            .OrderByDescending(g => g.Pending).ThenBy(g => g.SourceId)
            .Take(take)
            .ToListAsync(ct);
        var ids = counts.Select(c => c.SourceId).ToList();
        var sources = await db.Sources.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.Title, s.Outlet }).ToDictionaryAsync(s => s.Id, ct);
        return counts.Where(c => sources.ContainsKey(c.SourceId))
            .Select(c => new PendingQueue(c.SourceId, sources[c.SourceId].Title, sources[c.SourceId].Outlet, c.Pending)).ToList();
    }

    public async Task<SuggestionItem?> GetAsync(int id, CancellationToken ct = default)
    {
        await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(db, db.AttributionSuggestions.AsNoTracking().Where(s => s.Id == id)).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Records the statement the <paramref name="decision"/> describes and marks the suggestion accepted, all in one save.
    /// Invalid fields come back keyed as in <see cref="StatementFields"/>; a suggestion someone else decided (or changed)
    /// since <paramref name="expectedVersion"/> comes back as a conflict holding it as it is now.
    /// </summary>
    public Task<EditResult<SuggestionItem>> AcceptAsync(int id, SuggestionDecision decision, Guid expectedVersion, CancellationToken ct = default) =>
        DecisionAsync(id, expectedVersion, SuggestionStatus.Pending, async (db, suggestion, author) =>
        {
            var staged = await editing.StageStatementAsync(db, decision.ToDraft(suggestion.SourceId), ct);
            if (staged.Attribution is null)
            {
                return EditResult<SuggestionItem>.Invalid(staged.Errors);
            }
            Decide(suggestion, SuggestionStatus.Accepted, author);
            suggestion.Attribution = staged.Attribution;
            // One save, one transaction: the actor, the claim, the attribution, the suggestion and their history, or nothing.
            return await db.SaveAsync(async () =>
            {
                editing.AnnounceStatement(staged);
                return await GetUncheckedAsync(id, ct);
            }, () => GetUncheckedAsync(id, ct), ct);
        }, ct);

    public Task<EditResult<SuggestionItem>> RejectAsync(int id, Guid expectedVersion, CancellationToken ct = default) =>
        DecisionAsync(id, expectedVersion, SuggestionStatus.Pending, (db, suggestion, author) =>
        {
            Decide(suggestion, SuggestionStatus.Rejected, author);
            return db.SaveAsync(() => GetUncheckedAsync(id, ct), () => GetUncheckedAsync(id, ct), ct);
        }, ct);

    /// <summary>
    /// The path of every decision: an editor's signed context, the suggestion as the editor loaded it, then
    /// <paramref name="decide"/>. A suggestion someone else decided, reopened or changed since <paramref name="expectedVersion"/>
    /// (<paramref name="from"/>: pending for a decision, null for a reopening, which needs one decided) is shown as it is now instead.
    /// </summary>
    private async Task<EditResult<SuggestionItem>> DecisionAsync(int id, Guid expectedVersion, SuggestionStatus? from,
        Func<ClaimTrackerDbContext, AttributionSuggestion, ChangeAuthor, Task<EditResult<SuggestionItem>>> decide, CancellationToken ct)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var suggestion = await db.AttributionSuggestions.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (suggestion is null)
        {
            return EditResult<SuggestionItem>.Missing();
        }
        var expected = from is { } status ? suggestion.Status == status : suggestion.Status != SuggestionStatus.Pending;
        if (!expected || !db.ExpectVersion(suggestion, expectedVersion))
        {
            return EditResult<SuggestionItem>.Conflict(await GetUncheckedAsync(id, ct));
        }
        return await decide(db, suggestion, author);
    }

    /// <summary>
    /// Undoes a decision, putting the suggestion back in the queue. A rejection is simply undone. An acceptance is undone
    /// only while the statement it became is unused — not edited since, no notes on it, not cited by a verdict — and then
    /// the statement is deleted (as a delete on the claim page would, with history), and so are the claim and the actor the
    /// acceptance created, if nothing else uses them yet. Otherwise the editor is told to change the statement itself.
    /// </summary>
    public Task<EditResult<SuggestionItem>> ReopenAsync(int id, Guid expectedVersion, CancellationToken ct = default) =>
        DecisionAsync(id, expectedVersion, from: null, (db, suggestion, _) => ReopenAsync(db, suggestion, ct), ct);

    private async Task<EditResult<SuggestionItem>> ReopenAsync(ClaimTrackerDbContext db, AttributionSuggestion suggestion, CancellationToken ct)
    {
        var id = suggestion.Id;
        int? touchedClaim = null;
        if (suggestion.Status == SuggestionStatus.Accepted && suggestion.AttributionId is { } attributionId)
        {
            var refusal = await UndoAcceptanceAsync(db, attributionId, ct);
            if (refusal is not null)
            {
                return EditResult<SuggestionItem>.Invalid("Suggestion", refusal);
            }
            touchedClaim = await db.Attributions.IgnoreQueryFilters().Where(a => a.Id == attributionId).Select(a => a.ClaimId).SingleAsync(ct);
            suggestion.AttributionId = null;
        }
        suggestion.Status = SuggestionStatus.Pending;
        suggestion.DecidedBy = null;
        suggestion.DecidedAt = null;
        return await db.SaveAsync(() =>
        {
            if (touchedClaim is { } claimId)
            {
                notifier.Publish(new ClaimChange(claimId, ClaimChangeKind.Attribution));
            }
            return GetUncheckedAsync(id, ct);
        }, () => GetUncheckedAsync(id, ct), ct);
    }

    /// <summary>Marks what an acceptance created as deleted in <paramref name="db"/>; returns why it cannot, or null.</summary>
    private static async Task<string?> UndoAcceptanceAsync(ClaimTrackerDbContext db, int attributionId, CancellationToken ct)
    {
        var attribution = await db.Attributions.SingleOrDefaultAsync(a => a.Id == attributionId, ct);
        if (attribution is null)
        {
            return null; // already deleted on the claim page: nothing to undo but the decision
        }
        var history = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Attribution) && e.EntityId == attributionId)
            .Select(e => new { e.Action, e.At }).ToListAsync(ct);
        var usedByNote = await db.Annotations.AnyAsync(n => n.AttributionId == attributionId, ct);
        // Evidence is a JSON column; a verdict cites the appearances of its own claim, so only that claim's verdicts are read.
        var citedByVerdict = (await db.Verdicts.AsNoTracking().Where(v => v.ClaimId == attribution.ClaimId).Select(v => v.Evidence).ToListAsync(ct))
            .Any(evidence => evidence.Any(e => e.AttributionId == attributionId));
        if (history.Any(e => e.Action != AuditAction.Created) || usedByNote || citedByVerdict)
        {
            return "The statement this suggestion became has been edited, noted on or cited since; change it on its claim page instead.";
        }
        db.Attributions.Remove(attribution);

        // What the same save created (its history entries carry the very same time) goes too, while nothing else uses it.
        var createdAt = history.Where(e => e.Action == AuditAction.Created).Select(e => (DateTimeOffset?)e.At).FirstOrDefault();
        if (createdAt is null)
        {
            return null;
        }
        if (await CreatedAtAsync(db, nameof(Claim), attribution.ClaimId, ct) == createdAt
            && !await db.Attributions.AnyAsync(a => a.ClaimId == attribution.ClaimId && a.Id != attributionId, ct)
            && !await db.ClaimRelations.AnyAsync(r => r.FromClaimId == attribution.ClaimId || r.ToClaimId == attribution.ClaimId, ct)
            && !await db.Annotations.AnyAsync(n => n.ClaimId == attribution.ClaimId, ct)
            && !await db.Verdicts.AnyAsync(v => v.ClaimId == attribution.ClaimId, ct)
            && !await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(Claim) && e.EntityId == attribution.ClaimId && e.Action != AuditAction.Created, ct))
        {
            db.Claims.Remove(await db.Claims.SingleAsync(c => c.Id == attribution.ClaimId, ct));
        }
        if (await CreatedAtAsync(db, nameof(Actor), attribution.ActorId, ct) == createdAt
            && !await db.Attributions.AnyAsync(a => (a.ActorId == attribution.ActorId || a.ReportedById == attribution.ActorId) && a.Id != attributionId, ct)
            && !await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(Actor) && e.EntityId == attribution.ActorId && e.Action != AuditAction.Created, ct))
        {
            db.Actors.Remove(await db.Actors.SingleAsync(a => a.Id == attribution.ActorId, ct));
        }
        return null;
    }

    private static Task<DateTimeOffset?> CreatedAtAsync(ClaimTrackerDbContext db, string entityType, int id, CancellationToken ct) =>
        db.AuditEntries.Where(e => e.EntityType == entityType && e.EntityId == id && e.Action == AuditAction.Created)
            .Select(e => (DateTimeOffset?)e.At).FirstOrDefaultAsync(ct);

    /// <summary>Records the decision, signed by the editor; the caller has made the save expect the version they decided on.</summary>
    private static void Decide(AttributionSuggestion suggestion, SuggestionStatus status, ChangeAuthor author)
    {
        suggestion.Status = status;
        suggestion.DecidedBy = author.UserName;
        suggestion.DecidedAt = DateTimeOffset.UtcNow;
    }

    private async Task<SuggestionItem?> GetUncheckedAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(db, db.AttributionSuggestions.AsNoTracking().Where(s => s.Id == id)).SingleOrDefaultAsync(ct);
    }

    private static async Task<SuggestionCounts> CountsAsync(ClaimTrackerDbContext db, int sourceId, CancellationToken ct)
    {
        // Served by the (SourceId, Status) index.
        var byStatus = await db.AttributionSuggestions.AsNoTracking().Where(s => s.SourceId == sourceId)
            .GroupBy(s => s.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(SuggestionStatus status) => byStatus.Where(c => c.Status == status).Sum(c => c.Count);
        return new SuggestionCounts(Of(SuggestionStatus.Pending), Of(SuggestionStatus.Accepted), Of(SuggestionStatus.Rejected));
    }

    // What the card shows follows the record as it is now, not as the engine saw it:
    // - an accepted suggestion shows the statement it became (its actor and claim exist, whatever the engine proposed);
    // - a pending one whose new actor or new claim has since been recorded under the same name or words (often by
    //   accepting a neighbouring suggestion) points at that record, so accepting it does not make a duplicate;
    // - a suggested actor or claim deleted since the engine ran is shown as new: accepting it must not point at something gone.
    // Both lookups by name or words are index seeks (Actors.Name; the live claims' (Text, Id)); the soft-delete filter
    // keeps deleted records out of every subquery.
    private static IQueryable<SuggestionItem> Project(ClaimTrackerDbContext db, IQueryable<AttributionSuggestion> query) => query
        .Select(s => new
        {
            Suggestion = s,
            Statement = s.Attribution,
            ActorId = s.Attribution != null
                ? db.Actors.Where(a => a.Id == s.Attribution.ActorId).Select(a => (int?)a.Id).FirstOrDefault()
                : s.Actor != null ? s.ActorId
                : db.Actors.Where(a => a.Name == s.ActorName).OrderBy(a => a.Id).Select(a => (int?)a.Id).FirstOrDefault(),
            ClaimId = s.Attribution != null
                ? db.Claims.Where(c => c.Id == s.Attribution.ClaimId).Select(c => (int?)c.Id).FirstOrDefault()
                : s.Claim != null ? s.ClaimId
                : db.Claims.Where(c => c.Text == s.ClaimText).OrderBy(c => c.Id).Select(c => (int?)c.Id).FirstOrDefault(),
        })
        .Select(x => new SuggestionItem(
            x.Suggestion.Id, x.Suggestion.SourceId, x.Suggestion.Anchor.Start, x.Suggestion.Anchor.End, x.Suggestion.Anchor.Exact,
            db.Actors.Where(a => a.Id == x.ActorId).Select(a => a.Name).FirstOrDefault() ?? x.Suggestion.ActorName,
            x.ActorId,
            x.Suggestion.Stance, x.Suggestion.Mode, x.Suggestion.ClaimText,
            x.ClaimId,
            db.Claims.Where(c => c.Id == x.ClaimId).Select(c => c.Text).FirstOrDefault(),
            // The engine's similarity describes the claim it proposed, so it is shown only while that is still the proposal.
            x.Statement == null && x.Suggestion.Claim != null ? x.Suggestion.Similarity : null,
            x.Suggestion.Cue, x.Suggestion.Status, x.Suggestion.DecidedBy, x.Suggestion.DecidedAt, x.Suggestion.AttributionId,
            x.Statement != null ? x.Statement.ClaimId : null,
            x.Suggestion.Version));
}
