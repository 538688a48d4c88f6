using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Live;
using ClaimTracker.Web.Features.Sources.Anchoring;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Sources;

/// <summary>
/// Corrections of a source's text. A correction makes a new revision, keeps the superseded text, and re-anchors every
/// attribution and every note on a span of the source (<see cref="Reanchorer"/>), all in one transaction; the changed
/// anchors go through <see cref="ClaimTrackerDbContext.SaveChangesAsync(bool, CancellationToken)"/>, so each gets a history
/// entry. Anchors that could only be found approximately, or not at all, are flagged for editors, never dropped.
/// </summary>
public sealed class SourceCorrectionService(
    IDbContextFactory<ClaimTrackerDbContext> dbFactory,
    CurrentUser currentUser,
    IClaimChangeNotifier notifier,
    ISourceChangeNotifier sourceNotifier)
{
    /// <summary>
    /// Replaces the text of revision <paramref name="expectedRevision"/> with <paramref name="newText"/>. If someone
    /// corrected the source since, nothing is saved and the result is a conflict carrying their revision.
    /// </summary>
    public async Task<EditResult<SourceCorrection>> CorrectAsync(int sourceId, int expectedRevision, string? newText, string? note, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        var errors = new FieldErrors();
        // Stored text, so cleaned like all of it (controls, broken characters, open direction overrides), but not
        // trimmed: the text is the article as printed, and anchors count its characters.
        newText = InputText.Clean(newText, trim: false);
        note = InputText.Clean(note);
        if (InputText.IsBlank(newText))
        {
            errors.Add("Text", "The text cannot be empty.");
        }
        else if (newText.Length > InputLimits.SourceText)
        {
            errors.Add("Text", $"The text can be at most {InputLimits.SourceText:N0} characters; this one has {newText.Length:N0}.");
        }
        if (InputText.IsBlank(note))
        {
            errors.Add("Note", "Say what was corrected.");
        }
        else if (note.Length > InputLimits.CorrectionNote)
        {
            errors.Add("Note", $"The note can be at most {InputLimits.CorrectionNote:N0} characters; it has {note.Length:N0}.");
        }
        if (errors.Any)
        {
            return EditResult<SourceCorrection>.Invalid(errors);
        }

        await using var db = await dbFactory.OpenForAsync(author, ct);
        var source = await db.Sources.SingleOrDefaultAsync(s => s.Id == sourceId, ct);
        if (source is null)
        {
            return EditResult<SourceCorrection>.Missing();
        }
        // A source's version is its revision: the UPDATE checks the one the editor corrected, so a correction saved
        // meanwhile makes this one fail.
        if (!db.Expect(source, s => s.Revision, expectedRevision))
        {
            return EditResult<SourceCorrection>.Conflict(Current(source));
        }
        if (string.Equals(source.Text, newText, StringComparison.Ordinal))
        {
            return EditResult<SourceCorrection>.Invalid("Text", "The text is unchanged: correct something, or cancel.");
        }

        var oldText = source.Text;
        db.SourceRevisions.Add(source.Correct(newText, note, author.UserName, DateTimeOffset.UtcNow));

        var reanchorer = new Reanchorer(oldText, newText);
        var tally = new Tally();
        var claims = new HashSet<int>();
        // Deleted records too: restored later, they must not point at the wrong words. Only live ones are counted.
        foreach (var attribution in await db.Attributions.IgnoreQueryFilters().Where(a => a.SourceId == sourceId).ToListAsync(ct))
        {
            var state = Reanchor(reanchorer, attribution.Anchor, attribution.AnchorState, attribution.AnchorRevision, expectedRevision,
                out var anchor, out var revision, source.Revision);
            Apply(attribution.Anchor, anchor, a => attribution.Anchor = a);
            attribution.AnchorState = state;
            attribution.AnchorRevision = revision;
            if (!attribution.IsDeleted)
            {
                tally.Add(state);
                claims.Add(attribution.ClaimId);
            }
        }
        foreach (var annotation in await db.Annotations.IgnoreQueryFilters().Where(n => n.SourceId == sourceId && n.Anchor != null).ToListAsync(ct))
        {
            var state = Reanchor(reanchorer, annotation.Anchor!, annotation.AnchorState, annotation.AnchorRevision, expectedRevision,
                out var anchor, out var revision, source.Revision);
            Apply(annotation.Anchor!, anchor, a => annotation.Anchor = a);
            annotation.AnchorState = state;
            annotation.AnchorRevision = revision;
            if (!annotation.IsDeleted)
            {
                tally.Add(state);
            }
        }

        // A relation's evidence (the words that establish it) follows its words when they are found. It has no anchor state
        // of its own, so evidence whose words are gone keeps its old offsets.
        foreach (var relation in await db.ClaimRelations.IgnoreQueryFilters().Where(r => r.EvidenceSourceId == sourceId && r.Evidence != null).ToListAsync(ct))
        {
            var match = reanchorer.Reanchor(relation.Evidence!);
            if (match.State != AnchorState.Orphaned)
            {
                Apply(relation.Evidence!, match.Anchor, a => relation.Evidence = a);
            }
        }

        // Pending suggestions are proposals about the old words: one whose words are found exactly follows them; one
        // whose words changed or went is withdrawn (soft-deleted, in the history), since accepting it would record words
        // the source no longer prints. Decided suggestions are history and stay as they were.
        foreach (var suggestion in await db.AttributionSuggestions.Where(x => x.SourceId == sourceId && x.Status == SuggestionStatus.Pending).ToListAsync(ct))
        {
            var match = reanchorer.Reanchor(suggestion.Anchor);
            if (match.State is AnchorState.Attached or AnchorState.Moved)
            {
                Apply(suggestion.Anchor, match.Anchor, a => suggestion.Anchor = a);
            }
            else
            {
                db.AttributionSuggestions.Remove(suggestion);
            }
        }

        // A concurrent correction either changed the revision (the concurrency check) or took the revision's number first
        // (the unique index on the revisions): either way a conflict, carrying the revision now stored.
        var result = await db.SaveAsync(() => Current(source) with { Tally = tally.ToRecord() }, () => GetCurrentAsync(sourceId, ct), ct);
        if (result.Outcome == EditOutcome.Invalid)
        {
            return EditResult<SourceCorrection>.Conflict(await GetCurrentAsync(sourceId, ct));
        }
        if (result.Succeeded)
        {
            foreach (var claimId in claims)
            {
                notifier.Publish(new ClaimChange(claimId, ClaimChangeKind.Attribution));
            }
            sourceNotifier.Publish(new SourceChange(source.Id, source.Revision, source.RevisedBy ?? author.UserName));
        }
        return result;
    }

    /// <summary>
    /// An anchor into the replaced revision is searched for in the new text. One orphaned earlier is tried again (its
    /// offsets are then only a hint) and stays pointing into its own revision if still not found. A fuzzy anchor no
    /// editor has confirmed stays flagged even if found exactly now: the check it needs is still to be done.
    /// </summary>
    private static AnchorState Reanchor(Reanchorer reanchorer, TextAnchor current, AnchorState state, int anchorRevision, int replacedRevision,
        out TextAnchor anchor, out int revision, int newRevision)
    {
        var match = reanchorer.Reanchor(current, intoOldText: anchorRevision == replacedRevision && state != AnchorState.Orphaned);
        anchor = match.Anchor;
        if (match.State == AnchorState.Orphaned)
        {
            revision = anchorRevision;
            return AnchorState.Orphaned;
        }
        revision = newRevision;
        return state == AnchorState.Fuzzy ? AnchorState.Fuzzy : match.State;
    }

    /// <summary>An owned value is replaced, not mutated, and only when it differs, so unchanged records get no history entry.</summary>
    private static void Apply(TextAnchor current, TextAnchor updated, Action<TextAnchor> set)
    {
        if (current != updated)
        {
            set(updated with { });
        }
    }

    private sealed class Tally
    {
        private readonly int[] counts = new int[4];

        public void Add(AnchorState state) => counts[(int)state]++;

        public AnchorTally ToRecord() => new(counts[(int)AnchorState.Attached], counts[(int)AnchorState.Moved], counts[(int)AnchorState.Fuzzy], counts[(int)AnchorState.Orphaned]);
    }

    private static SourceCorrection Current(Source s) => new(s.Id, s.Revision, s.Text, s.RevisedAt, s.RevisedBy, s.RevisionNote, null);

    public async Task<SourceCorrection?> GetCurrentAsync(int sourceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Sources.AsNoTracking().Where(s => s.Id == sourceId)
            .Select(s => new SourceCorrection(s.Id, s.Revision, s.Text, s.RevisedAt, s.RevisedBy, s.RevisionNote, null))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>Every revision of the source, newest first; empty for an unknown source.</summary>
    public async Task<IReadOnlyList<RevisionInfo>> ListRevisionsAsync(int sourceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await db.Sources.AsNoTracking().Where(s => s.Id == sourceId)
            .Select(s => new RevisionInfo(s.Revision, s.ContentHash, s.RevisedAt, s.RevisedBy, s.RevisionNote, true))
            .SingleOrDefaultAsync(ct);
        if (current is null)
        {
            return [];
        }
        var past = await db.SourceRevisions.AsNoTracking().Where(r => r.SourceId == sourceId).OrderByDescending(r => r.Number)
            .Select(r => new RevisionInfo(r.Number, r.ContentHash, r.RevisedAt, r.RevisedBy, r.Note, false))
            .ToListAsync(ct);
        return [current, .. past];
    }

    /// <summary>The text of an earlier revision (or the current one); null when there is no such revision.</summary>
    public async Task<RevisionText?> GetRevisionAsync(int sourceId, int number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await db.Sources.AsNoTracking().Where(s => s.Id == sourceId)
            .Select(s => new { s.Id, s.Title, s.Revision, s.ContentHash, s.RevisedAt, s.RevisedBy, s.RevisionNote, s.Text })
            .SingleOrDefaultAsync(ct);
        if (source is null)
        {
            return null;
        }
        if (number == source.Revision)
        {
            return new RevisionText(source.Id, source.Title, number, source.Revision, source.ContentHash, source.RevisedAt, source.RevisedBy, source.RevisionNote, source.Text);
        }
        return await db.SourceRevisions.AsNoTracking().Where(r => r.SourceId == sourceId && r.Number == number)
            .Select(r => new RevisionText(sourceId, source.Title, r.Number, source.Revision, r.ContentHash, r.RevisedAt, r.RevisedBy, r.Note, r.Text))
            .SingleOrDefaultAsync(ct);
    }

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
    public async Task<EditResult<AnchorAttention>> ConfirmAsync(AnchoredKind kind, int id, Guid version, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var record = await FindAsync(db, kind, id, ct);
        if (record is null)
        {
            return EditResult<AnchorAttention>.Missing();
        }
        if (record.State != AnchorState.Fuzzy)
        {
            return EditResult<AnchorAttention>.Invalid("Anchor", record.State == AnchorState.Orphaned
                ? "An orphaned anchor has no match to confirm: re-attach it to a selection, or remove it."
                : "This anchor needs no check.");
        }
        if (!db.ExpectVersion(record.Entity, version))
        {
            return EditResult<AnchorAttention>.Conflict(record.ToAttention());
        }
        record.SetState(AnchorState.Attached);
        return await SaveAsync(db, kind, id, record, ct);
    }

    /// <summary>
    /// Attaches an anchor to <c>[start, end)</c> of the current text, which the editor selected in revision
    /// <paramref name="textRevision"/> (refused if the text has been corrected since, as the offsets would mean other words).
    /// </summary>
    public async Task<EditResult<AnchorAttention>> ReattachAsync(AnchoredKind kind, int id, Guid version, int textRevision, int start, int end, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var record = await FindAsync(db, kind, id, ct);
        if (record is null)
        {
            return EditResult<AnchorAttention>.Missing();
        }
        var source = await db.Sources.AsNoTracking().Where(s => s.Id == record.SourceId).Select(s => new { s.Text, s.Revision }).SingleAsync(ct);
        if (source.Revision != textRevision)
        {
            return EditResult<AnchorAttention>.Invalid("Span", "The text was corrected meanwhile: reload the page and select the words again.");
        }
        if (start < 0 || end > source.Text.Length || start >= end || string.IsNullOrWhiteSpace(source.Text[start..end]))
        {
            return EditResult<AnchorAttention>.Invalid("Span", "Select the words in the text first.");
        }
        if (!db.ExpectVersion(record.Entity, version))
        {
            return EditResult<AnchorAttention>.Conflict(record.ToAttention());
        }
        record.SetAnchor(TextAnchor.FromText(source.Text, start, end), source.Revision);
        return await SaveAsync(db, kind, id, record, ct);
    }

    private async Task<EditResult<AnchorAttention>> SaveAsync(ClaimTrackerDbContext db, AnchoredKind kind, int id, Anchored record, CancellationToken ct) =>
        await db.SaveAsync(() =>
        {
            if (record.ClaimId is int claimId)
            {
                notifier.Publish(new ClaimChange(claimId, ClaimChangeKind.Attribution));
            }
            return record.ToAttention();
        }, async () =>
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            return (await FindAsync(fresh, kind, id, ct))?.ToAttention();
        }, ct);

    /// <summary>An attribution or a note on a span, seen through what anchoring needs of it.</summary>
    private sealed class Anchored(IEditableRecord entity, AnchoredKind kind, Func<TextAnchor> anchor, Func<AnchorState> state, Func<int> revision,
        Action<AnchorState> setState, Action<TextAnchor, int> setAnchor, int sourceId, int? claimId, string? actor, string? claimText, string? body)
    {
        public IEditableRecord Entity => entity;
        public AnchorState State => state();
        public int SourceId => sourceId;
        public int? ClaimId => claimId;
        public void SetState(AnchorState value) => setState(value);

        public void SetAnchor(TextAnchor value, int sourceRevision)
        {
            setAnchor(value, sourceRevision);
            setState(AnchorState.Attached);
        }

        public AnchorAttention ToAttention()
        {
            var a = anchor();
            return new AnchorAttention(kind, entity.Id, state(), revision(), a.Exact, a.Start, a.End, claimId, claimText, actor, body, entity.Version);
        }
    }

    private static async Task<Anchored?> FindAsync(ClaimTrackerDbContext db, AnchoredKind kind, int id, CancellationToken ct)
    {
        if (kind == AnchoredKind.Attribution)
        {
            var a = await db.Attributions.Include(x => x.Claim).Include(x => x.Actor).SingleOrDefaultAsync(x => x.Id == id, ct);
            return a is null ? null : new Anchored(a, kind, () => a.Anchor, () => a.AnchorState, () => a.AnchorRevision,
                s => a.AnchorState = s, (anchor, revision) => { a.Anchor = anchor; a.AnchorRevision = revision; },
                a.SourceId, a.ClaimId, a.Actor.Name, a.Claim.Text, null);
        }
        var n = await db.Annotations.SingleOrDefaultAsync(x => x.Id == id && x.SourceId != null && x.Anchor != null, ct);
        return n is null ? null : new Anchored(n, kind, () => n.Anchor!, () => n.AnchorState, () => n.AnchorRevision,
            s => n.AnchorState = s, (anchor, revision) => { n.Anchor = anchor; n.AnchorRevision = revision; },
            n.SourceId!.Value, null, n.AuthorName, null, n.Body);
    }
}
