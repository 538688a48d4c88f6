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
/// entry. Anchors that could only be found approximately, or not at all, are flagged for editors, never dropped; their
/// repair is <see cref="AnchorRepairService"/>'s, and the revisions are read through <see cref="SourceService"/>.
/// </summary>
public sealed class SourceCorrectionService(
    IDbContextFactory<ClaimTrackerDbContext> dbFactory,
    CurrentUser currentUser,
    IClaimChangeNotifier notifier,
    ISourceChangeNotifier sourceNotifier,
    SourceService sources)
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
        var attributions = await db.Attributions.IgnoreQueryFilters().Where(a => a.SourceId == sourceId).ToListAsync(ct);
        var notes = await db.Annotations.IgnoreQueryFilters().Where(n => n.SourceId == sourceId && n.Anchor != null).ToListAsync(ct);
        foreach (var record in attributions.Concat<IAnchoredRecord>(notes))
        {
            Reanchor(reanchorer, record, expectedRevision, source.Revision);
            if (!record.IsDeleted)
            {
                tally.Add(record.AnchorState);
            }
        }
        claims.UnionWith(attributions.Where(a => !a.IsDeleted).Select(a => a.ClaimId));

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
        var result = await db.SaveAsync(() => Current(source) with { Tally = tally.ToRecord() }, () => sources.GetCurrentAsync(sourceId, ct), ct);
        if (result.Outcome == EditOutcome.Invalid)
        {
            return EditResult<SourceCorrection>.Conflict(await sources.GetCurrentAsync(sourceId, ct));
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
    private static void Reanchor(Reanchorer reanchorer, IAnchoredRecord record, int replacedRevision, int newRevision)
    {
        var match = reanchorer.Reanchor(record.Anchor, intoOldText: record.AnchorRevision == replacedRevision && record.AnchorState != AnchorState.Orphaned);
        Apply(record.Anchor, match.Anchor, a => record.Anchor = a);
        if (match.State == AnchorState.Orphaned)
        {
            record.AnchorState = AnchorState.Orphaned;
            return;
        }
        record.AnchorRevision = newRevision;
        record.AnchorState = record.AnchorState == AnchorState.Fuzzy ? AnchorState.Fuzzy : match.State;
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
}
