using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Live;
using ClaimTracker.Web.Features.Sources;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Editing;

public sealed partial class RecordEditService
{
    public async Task<AttributionRecord?> GetAttributionAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.Attributions.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return a is null ? null : ToRecord(a);
    }

    public async Task<EditResult<AttributionRecord>> CreateAttributionAsync(AttributionDraft draft, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var (anchor, revision, errors) = await ValidateAttributionAsync(db, draft, exceptId: null, unchanged: null, ct);
        if (errors.Any)
        {
            return EditResult<AttributionRecord>.Invalid(errors);
        }
        var attribution = new Attribution { Key = NewKey("attribution"), Anchor = anchor!, AnchorRevision = revision };
        Apply(attribution, draft);
        db.Attributions.Add(attribution);
        return await db.SaveAsync(() => Announced(attribution.ClaimId, ClaimChangeKind.Attribution, ToRecord(attribution)),
            () => GetAttributionAsync(attribution.Id, ct), ct);
    }

    public async Task<EditResult<AttributionRecord>> UpdateAttributionAsync(int id, Guid version, AttributionDraft draft, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var attribution = await db.Attributions.IgnoreQueryFilters().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (attribution is null)
        {
            return EditResult<AttributionRecord>.Missing();
        }
        if (attribution.IsDeleted)
        {
            return EditResult<AttributionRecord>.Conflict(ToRecord(attribution));
        }
        var unchanged = draft.SourceId == attribution.SourceId ? attribution.Anchor : null;
        var (anchor, revision, errors) = await ValidateAttributionAsync(db, draft, exceptId: id, unchanged, ct);
        if (errors.Any)
        {
            return EditResult<AttributionRecord>.Invalid(errors);
        }
        if (!db.ExpectVersion(attribution, version))
        {
            return EditResult<AttributionRecord>.Conflict(ToRecord(attribution));
        }
        var previousClaim = attribution.ClaimId;
        Apply(attribution, draft);
        if (attribution.Anchor != anchor)
        {
            // A new span, chosen in the current text, is attached there.
            attribution.Anchor = anchor!;
            attribution.AnchorRevision = revision;
            attribution.AnchorState = AnchorState.Attached;
        }
        return await db.SaveAsync(() =>
        {
            Announce(previousClaim, ClaimChangeKind.Attribution);
            if (attribution.ClaimId != previousClaim)
            {
                Announce(attribution.ClaimId, ClaimChangeKind.Attribution);
            }
            return ToRecord(attribution);
        }, () => GetAttributionAsync(id, ct), ct);
    }

    public async Task<EditResult<AttributionRecord>> DeleteAttributionAsync(int id, Guid version, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        return await db.EditAsync(db.Attributions.Where(a => a.Id == id), version, ToRecord, attribution =>
        {
            db.Attributions.Remove(attribution);
            return db.SaveAsync(() => Announced(attribution.ClaimId, ClaimChangeKind.Attribution, ToRecord(attribution)), () => GetAttributionAsync(id, ct), ct);
        }, ct);
    }

    public async Task<EditResult<AttributionRecord>> RestoreAttributionAsync(int id, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.Restore);
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var attribution = await db.Attributions.IgnoreQueryFilters().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (attribution is null)
        {
            return EditResult<AttributionRecord>.Missing();
        }
        if (!await db.Claims.AnyAsync(c => c.Id == attribution.ClaimId, ct) || !await db.Actors.AnyAsync(a => a.Id == attribution.ActorId, ct))
        {
            return EditResult<AttributionRecord>.Invalid("Attribution", "Its claim or its actor is deleted; restore that first.");
        }
        attribution.IsDeleted = false;
        return await db.SaveAsync(() => Announced(attribution.ClaimId, ClaimChangeKind.Attribution, ToRecord(attribution)), () => GetAttributionAsync(id, ct), ct);
    }

    /// <summary>
    /// Checks the draft; the anchor is built from the source's current text, so quote, prefix and suffix always fit it.
    /// A draft with the same offsets as <paramref name="unchanged"/> keeps that anchor as it is: an orphaned anchor
    /// points into an older revision, and re-reading its offsets in the current text would pin it to other words.
    /// </summary>
    private static async Task<(TextAnchor? Anchor, int Revision, FieldErrors Errors)> ValidateAttributionAsync(
        ClaimTrackerDbContext db, AttributionDraft draft, int? exceptId, TextAnchor? unchanged, CancellationToken ct,
        bool actorIsNew = false, bool claimIsNew = false)
    {
        var check = new FieldErrors();
        check.Defined(nameof(AttributionDraft.Stance), draft.Stance, "stance");
        check.Defined(nameof(AttributionDraft.Mode), draft.Mode, "mode");
        check.Optional(nameof(AttributionDraft.SaidWhen), draft.SaidWhen, InputLimits.SaidWhen, "When it was said");
        check.Optional(nameof(AttributionDraft.SaidWhere), draft.SaidWhere, InputLimits.SaidWhere, "Where it was said");
        check.Optional(nameof(AttributionDraft.ReportedVia), draft.ReportedVia, InputLimits.ReportedVia, "Reported via");
        // An actor or claim created in the same save has no id yet; it exists as soon as the save does.
        if (!actorIsNew && !await db.Actors.AnyAsync(a => a.Id == draft.ActorId, ct))
        {
            check.Add(nameof(AttributionDraft.ActorId), "Choose an actor that exists.");
        }
        if (!claimIsNew && !await db.Claims.AnyAsync(c => c.Id == draft.ClaimId, ct))
        {
            check.Add(nameof(AttributionDraft.ClaimId), "Choose a claim that exists.");
        }
        var source = await db.Sources.Where(s => s.Id == draft.SourceId).Select(s => new { s.Text, s.Revision }).SingleOrDefaultAsync(ct);
        var text = source?.Text;
        TextAnchor? anchor = null;
        if (text is null)
        {
            check.Add(nameof(AttributionDraft.SourceId), "Choose a source that exists.");
        }
        else if (unchanged is not null && unchanged.Start == draft.SpanStart && unchanged.End == draft.SpanEnd)
        {
            anchor = unchanged;
        }
        else if (draft.SpanStart < 0 || draft.SpanEnd > text.Length || draft.SpanStart >= draft.SpanEnd)
        {
            check.Add("Span", $"The span {draft.SpanStart}–{draft.SpanEnd} must be a non-empty part of the source text (0–{text.Length}).");
        }
        else if (draft.SpanEnd - draft.SpanStart > InputLimits.SpanLength)
        {
            check.Add("Span", $"An attribution can cover at most {InputLimits.SpanLength:N0} characters of the text; this span has {draft.SpanEnd - draft.SpanStart:N0}. Select the words that were said.");
        }
        else if (SelectedWords.Changed(text, draft.SpanStart, draft.SpanEnd, draft.SelectedText))
        {
            check.Add("Span", SelectedWords.ChangedMessage);
        }
        else if (string.IsNullOrWhiteSpace(text[draft.SpanStart..draft.SpanEnd]))
        {
            check.Add("Span", "The span holds only white space; select the words that were said.");
        }
        else
        {
            anchor = TextAnchor.FromText(text, draft.SpanStart, draft.SpanEnd);
        }
        if (anchor is not null && !check.Any && !actorIsNew && !claimIsNew && await db.Attributions.AnyAsync(a =>
                a.ActorId == draft.ActorId && a.ClaimId == draft.ClaimId && a.SourceId == draft.SourceId
                && a.Anchor.Start == draft.SpanStart && a.Anchor.End == draft.SpanEnd && a.Id != exceptId, ct))
        {
            check.Add("Span", "This actor's position on this claim is already recorded for this span.");
        }
        return (anchor, source?.Revision ?? 1, check);
    }

    private static void Apply(Attribution attribution, AttributionDraft draft)
    {
        attribution.ActorId = draft.ActorId;
        attribution.ClaimId = draft.ClaimId;
        attribution.SourceId = draft.SourceId;
        attribution.Stance = draft.Stance;
        attribution.Mode = draft.Mode;
        attribution.SaidWhen = Blank(draft.SaidWhen);
        attribution.SaidWhere = Blank(draft.SaidWhere);
        attribution.ReportedVia = Blank(draft.ReportedVia);
    }

    /// <summary>Cleaned as <see cref="FieldErrors.Optional"/> cleaned it when it checked the length.</summary>
    private static string? Blank(string? value) => InputText.CleanLine(value) is var clean && !InputText.IsBlank(clean) ? clean : null;

    private static AttributionRecord ToRecord(Attribution a) => new(a.Id, a.ActorId, a.ClaimId, a.SourceId, a.Stance, a.Mode,
        a.Anchor.Start, a.Anchor.End, a.Anchor.Exact, a.SaidWhen, a.SaidWhere, a.ReportedVia, a.IsDeleted, a.Version);
}
