using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Live;
using ClaimTracker.Web.Features.Sources;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Annotations;

/// <summary>
/// Threaded notes on claims, attributions and source spans. Every change checks the caller's permission here,
/// on the server, before anything is written: <see cref="Permission.Comment"/> to write, and
/// <see cref="Permission.ModerateAnnotations"/> to edit or delete someone else's note.
/// </summary>
public sealed class AnnotationService(
    IDbContextFactory<ClaimTrackerDbContext> dbFactory,
    CurrentUser currentUser,
    IClaimChangeNotifier notifier,
    MarkdownRenderer markdown,
    ReadModelCache? cache = null)
{
    // Note lists are the same for everyone who may see the page (who may edit a note is decided where it is shown),
    // so they are kept in the read-model cache until the next commit.
    private readonly ReadModelCache reads = cache ?? ReadModelCache.Disabled;

    /// <summary>The notes on a claim and on its attributions, as threads: roots oldest first, each with its replies.</summary>
    public Task<IReadOnlyList<NoteView>> ListForClaimAsync(int claimId, CancellationToken ct = default) =>
        reads.GetOrLoadAsync((nameof(ListForClaimAsync), claimId), c => LoadForClaimAsync(claimId, c), ct);

    private async Task<IReadOnlyList<NoteView>> LoadForClaimAsync(int claimId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Project(db.Annotations.Where(n => n.ClaimId == claimId || n.Attribution!.ClaimId == claimId)).ToListAsync(ct);
        return Thread(rows);
    }

    /// <summary>The notes on spans of a source, as threads ordered by where the span starts.</summary>
    public Task<IReadOnlyList<NoteView>> ListForSourceAsync(int sourceId, CancellationToken ct = default) =>
        reads.GetOrLoadAsync((nameof(ListForSourceAsync), sourceId), c => LoadForSourceAsync(sourceId, c), ct);

    private async Task<IReadOnlyList<NoteView>> LoadForSourceAsync(int sourceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Project(db.Annotations.Where(n => n.SourceId == sourceId)).ToListAsync(ct);
        return Thread(rows).OrderBy(n => n.Target.SpanStart).ThenBy(n => n.CreatedAt).ToList();
    }

    /// <summary>The attributions of a claim a note can be on, besides the claim itself.</summary>
    public async Task<IReadOnlyList<AttributionOption>> ListAttributionsAsync(int claimId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Attributions.AsNoTracking().Where(a => a.ClaimId == claimId)
            .OrderBy(a => a.Actor.Name).ThenBy(a => a.Id)
            .Select(a => new AttributionOption(a.Id, a.Actor.Name, a.Anchor.Exact))
            .ToListAsync(ct);
    }

    public async Task<EditResult<StoredNote>> AddToClaimAsync(int claimId, string? body, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.Comment);
        if (Validate(ref body) is { } invalid)
        {
            return invalid;
        }
        await using var db = await dbFactory.OpenForAsync(author, ct);
        if (!await db.Claims.AnyAsync(c => c.Id == claimId, ct))
        {
            return EditResult<StoredNote>.Missing("This claim does not exist.");
        }
        var note = NewNote(author, body!);
        note.ClaimId = claimId;
        return await CreateAsync(db, note, [claimId], ct);
    }

    public async Task<EditResult<StoredNote>> AddToAttributionAsync(int attributionId, string? body, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.Comment);
        if (Validate(ref body) is { } invalid)
        {
            return invalid;
        }
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var attribution = await db.Attributions.SingleOrDefaultAsync(a => a.Id == attributionId, ct);
        if (attribution is null)
        {
            return EditResult<StoredNote>.Missing("This attribution does not exist.");
        }
        var note = NewNote(author, body!);
        note.Attribution = attribution; // tracked, so the history entry can name the claim
        return await CreateAsync(db, note, [attribution.ClaimId], ct);
    }

    /// <summary>
    /// A note on <c>text[start..end)</c> of a source, at most <see cref="InputLimits.SpanLength"/> characters long.
    /// <paramref name="expectedQuote"/> is the text the user selected, and required: if it is not what the stored text
    /// holds there, the offsets are wrong (or made up) and nothing is saved.
    /// </summary>
    public async Task<EditResult<StoredNote>> AddToSpanAsync(int sourceId, int start, int end, string? body, string? expectedQuote, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.Comment);
        if (Validate(ref body) is { } invalid)
        {
            return invalid;
        }
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var source = await db.Sources.Where(s => s.Id == sourceId).Select(s => new { s.Text, s.Revision }).SingleOrDefaultAsync(ct);
        if (source is null)
        {
            return EditResult<StoredNote>.Missing("This source does not exist.");
        }
        var text = source.Text;
        if (start < 0 || end > text.Length || start >= end)
        {
            return EditResult<StoredNote>.Invalid(SpanField, $"The selected span ({start}–{end}) is not inside the text ({text.Length} characters). Select some text in the article.");
        }
        if (end - start > InputLimits.SpanLength)
        {
            return EditResult<StoredNote>.Invalid(SpanField, $"A note can be on at most {InputLimits.SpanLength:N0} characters of the text; this selection has {end - start:N0}. Select a shorter passage.");
        }
        if (expectedQuote is null)
        {
            return EditResult<StoredNote>.Invalid(SpanField, SelectedWords.MissingMessage);
        }
        if (SelectedWords.Changed(text, start, end, expectedQuote))
        {
            return EditResult<StoredNote>.Invalid(SpanField, SelectedWords.ChangedMessage);
        }
        var anchor = TextAnchor.FromText(text, start, end);
        var note = NewNote(author, body!);
        note.SourceId = sourceId;
        note.Anchor = anchor;
        note.AnchorRevision = source.Revision;
        return await CreateAsync(db, note, await ClaimsAtSpanAsync(db, sourceId, start, end, ct), ct);
    }

    /// <summary>A reply goes on the same target as the note it answers.</summary>
    public async Task<EditResult<StoredNote>> ReplyAsync(int parentId, string? body, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.Comment);
        if (Validate(ref body) is { } invalid)
        {
            return invalid;
        }
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var parent = await db.Annotations.Include(n => n.Attribution).SingleOrDefaultAsync(n => n.Id == parentId, ct);
        if (parent is null)
        {
            return EditResult<StoredNote>.Missing("The note you are replying to no longer exists.");
        }
        var note = NewNote(author, body!);
        note.ParentId = parent.Id;
        note.ClaimId = parent.ClaimId;
        note.Attribution = parent.Attribution;
        note.SourceId = parent.SourceId;
        note.Anchor = parent.Anchor is null ? null : parent.Anchor with { }; // an owned value needs its own instance
        note.AnchorState = parent.AnchorState;
        note.AnchorRevision = parent.AnchorRevision;
        return await CreateAsync(db, note, await ClaimsOfAsync(db, parent, ct), ct);
    }

    /// <summary>Changes a note's body, if it is still at <paramref name="loadedVersion"/>.</summary>
    public async Task<EditResult<StoredNote>> EditAsync(int id, Guid loadedVersion, string? body, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.Comment);
        if (Validate(ref body) is { } invalid)
        {
            return invalid;
        }
        return await ChangeAsync(author, id, loadedVersion, (_, note) =>
        {
            note.Body = body!;
            note.EditedAt = DateTimeOffset.UtcNow;
        }, ct);
    }

    /// <summary>Deletes a note (softly: an editor can restore it), if it is still at <paramref name="loadedVersion"/>.</summary>
    public async Task<EditResult<StoredNote>> DeleteAsync(int id, Guid loadedVersion, CancellationToken ct = default) =>
        await ChangeAsync(await currentUser.RequireAsync(Permission.Comment), id, loadedVersion,
            (db, note) => db.Annotations.Remove(note), ct); // the record-keeping turns this into a soft delete with a history entry

    /// <summary>
    /// Changes a note its author (or a moderator) may change, if it is still at <paramref name="loadedVersion"/>: found in
    /// the author's signed context, permission checked, version expected, <paramref name="change"/> applied, saved.
    /// </summary>
    private async Task<EditResult<StoredNote>> ChangeAsync(ChangeAuthor author, int id, Guid loadedVersion, Action<ClaimTrackerDbContext, Annotation> change, CancellationToken ct)
    {
        await using var db = await dbFactory.OpenForAsync(author, ct);
        var note = await db.Annotations.Include(n => n.Attribution).SingleOrDefaultAsync(n => n.Id == id, ct);
        if (note is null)
        {
            return EditResult<StoredNote>.Missing(NoteMessages.Gone);
        }
        await RequireMayChangeAsync(note, author);
        if (!db.ExpectVersion(note, loadedVersion))
        {
            return Conflict(Stored(note));
        }
        change(db, note);
        return await SaveChangeAsync(db, note, ct);
    }

    /// <summary>Whether the signed-in user may edit or delete a note by <paramref name="authorId"/>; for showing buttons only.</summary>
    public static bool MayChange(System.Security.Claims.ClaimsPrincipal user, string authorId) =>
        CurrentUser.Has(user, Permission.Comment)
        && (CurrentUser.AuthorOf(user).UserId == authorId || CurrentUser.Has(user, Permission.ModerateAnnotations));

    private async Task RequireMayChangeAsync(Annotation note, ChangeAuthor author)
    {
        if (note.AuthorId != author.UserId)
        {
            await currentUser.RequireAsync(Permission.ModerateAnnotations);
        }
    }

    /// <summary>
    /// Cleans <paramref name="body"/> as stored text (<see cref="InputText"/>; not trimmed, since leading spaces mean
    /// something in Markdown) and checks it against the note limits, so that every note saved can be shown.
    /// </summary>
    private EditResult<StoredNote>? Validate(ref string? body)
    {
        body = InputText.Clean(body, trim: false);
        if (InputText.IsBlank(body))
        {
            return EditResult<StoredNote>.Invalid(BodyField, "Write something: a note cannot be empty.");
        }
        return markdown.Check(body) is { } problem ? EditResult<StoredNote>.Invalid(BodyField, problem) : null;
    }

    /// <summary>The fields a note's messages are keyed by: what it says, and the words of the source it is on.</summary>
    public const string BodyField = nameof(Annotation.Body);
    public const string SpanField = "Span";

    private static Annotation NewNote(ChangeAuthor author, string body) => new()
    {
        Body = body,
        AuthorId = author.UserId ?? throw new InvalidOperationException("A signed-in user has no id."),
        AuthorName = author.UserName,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private async Task<EditResult<StoredNote>> CreateAsync(ClaimTrackerDbContext db, Annotation note, IReadOnlyCollection<int> claimIds, CancellationToken ct)
    {
        db.Annotations.Add(note);
        return await db.SaveAsync(() =>
        {
            Publish(claimIds);
            return Stored(note);
        }, () => CurrentAsync(note.Id, ct), ct);
    }

    private async Task<EditResult<StoredNote>> SaveChangeAsync(ClaimTrackerDbContext db, Annotation note, CancellationToken ct)
    {
        var result = await db.SaveAsync(async () =>
        {
            Publish(await ClaimsOfAsync(db, note, ct));
            return Stored(note);
        }, () => CurrentAsync(note.Id, ct), ct);
        // Saved by someone else between our read and our write: show theirs, overwrite nothing.
        return result.Outcome switch
        {
            EditOutcome.Conflict when result.Value is null => EditResult<StoredNote>.Missing("Someone deleted this note after you opened it."),
            EditOutcome.Conflict => Conflict(result.Value),
            _ => result,
        };
    }

    private static EditResult<StoredNote> Conflict(StoredNote current) => EditResult<StoredNote>.Conflict(current, NoteMessages.Changed);

    private static StoredNote Stored(Annotation note) => new(note.Id, note.Body, note.Version);

    private async Task<StoredNote?> CurrentAsync(int id, CancellationToken ct)
    {
        await using var fresh = await dbFactory.CreateDbContextAsync(ct);
        return await fresh.Annotations.AsNoTracking().Where(n => n.Id == id).Select(n => new StoredNote(n.Id, n.Body, n.Version)).SingleOrDefaultAsync(ct);
    }

    private void Publish(IEnumerable<int> claimIds)
    {
        foreach (var claimId in claimIds.Distinct())
        {
            notifier.Publish(new ClaimChange(claimId, ClaimChangeKind.Annotation));
        }
    }

    /// <summary>The claims whose pages show this note, or (for a span note) whose statements the span touches.</summary>
    private static async Task<IReadOnlyCollection<int>> ClaimsOfAsync(ClaimTrackerDbContext db, Annotation note, CancellationToken ct) =>
        note switch
        {
            { ClaimId: { } claimId } => [claimId],
            { Attribution: { } attribution } => [attribution.ClaimId],
            { SourceId: { } sourceId, Anchor: { } anchor } => await ClaimsAtSpanAsync(db, sourceId, anchor.Start, anchor.End, ct),
            _ => [],
        };

    private static async Task<IReadOnlyCollection<int>> ClaimsAtSpanAsync(ClaimTrackerDbContext db, int sourceId, int start, int end, CancellationToken ct) =>
        await db.Attributions.Where(a => a.SourceId == sourceId && a.Anchor.Start < end && start < a.Anchor.End)
            .Select(a => a.ClaimId).Distinct().ToListAsync(ct);

    private sealed record NoteRow(int Id, int? ParentId, string Body, string AuthorId, string AuthorName, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, Guid Version, NoteTarget Target);

    private static IQueryable<NoteRow> Project(IQueryable<Annotation> notes) => notes.AsNoTracking()
        .Select(n => new NoteRow(n.Id, n.ParentId, n.Body, n.AuthorId, n.AuthorName, n.CreatedAt, n.EditedAt, n.Version,
            new NoteTarget(n.ClaimId, n.AttributionId, n.Attribution == null ? null : n.Attribution.Actor.Name,
                n.SourceId, n.Anchor == null ? null : n.Anchor.Start, n.Anchor == null ? null : n.Anchor.End,
                n.Anchor != null ? n.Anchor.Exact : n.Attribution != null ? n.Attribution.Anchor.Exact : null)));

    /// <summary>
    /// Builds the threads. A reply whose parent was deleted becomes a root, so deleting a note never hides the answers to it.
    /// SQLite cannot order by DateTimeOffset, so ordering happens here (by time, then id for notes saved in the same tick).
    /// </summary>
    private static List<NoteView> Thread(List<NoteRow> rows)
    {
        var ids = rows.Select(r => r.Id).ToHashSet();
        var children = rows.Where(r => r.ParentId is { } p && ids.Contains(p)).ToLookup(r => r.ParentId!.Value);

        NoteView Build(NoteRow row) => new(row.Id, row.ParentId, row.Body, row.AuthorId, row.AuthorName, row.CreatedAt, row.EditedAt, row.Version, row.Target,
            children[row.Id].OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Select(Build).ToList());

        return rows.Where(r => r.ParentId is not { } p || !ids.Contains(p))
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(Build).ToList();
    }
}
