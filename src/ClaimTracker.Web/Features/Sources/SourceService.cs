using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Sources;

public sealed record SourceRow(int Id, string Title, string Outlet, DateOnly PublishedOn, int AttributionCount, int ClaimCount);

/// <summary>
/// A statement in the reader: which attribution, of which claim, by whom, and how its anchor fared at the last
/// correction. An <see cref="AnchorState.Orphaned"/> one points into an older revision and is not marked in the text.
/// </summary>
public sealed record ReaderSpan(int AttributionId, int ClaimId, string ClaimText, int ActorId, string ActorName, Stance Stance, AttributionMode Mode, int Start, int End,
    AnchorState State = AnchorState.Attached);

/// <summary>The current revision of a source, its statements, and the text cut into segments for marking.</summary>
public sealed record SourceReader(
    int Id, string Title, string Outlet, DateOnly PublishedOn, string? Url, string ContentHash, string Text,
    IReadOnlyList<ReaderSpan> Spans, IReadOnlyList<TextSegment> Segments, int? FocusStart = null, int? FocusEnd = null,
    int Revision = 1, DateTimeOffset? RevisedAt = null, string? RevisedBy = null, string? RevisionNote = null);

/// <param name="cache">The reading pages' cache; left out by code that builds the service by hand to time its queries.</param>
public sealed class SourceService(IDbContextFactory<ClaimTrackerDbContext> dbFactory, ReadModelCache? cache = null)
{
    private readonly ReadModelCache reads = cache ?? ReadModelCache.Disabled;

    public Task<PagedResult<SourceRow>> ListAsync(int page, int pageSize, CancellationToken ct = default) =>
        reads.GetOrLoadAsync((nameof(ListAsync), page, pageSize), c => LoadPageAsync(page, pageSize, c), ct);

    private async Task<PagedResult<SourceRow>> LoadPageAsync(int page, int pageSize, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await db.Sources.CountAsync(ct);
        pageSize = Math.Clamp(pageSize, 1, 100);
        var rows = await db.Sources.AsNoTracking()
            .OrderByDescending(s => s.PublishedOn).ThenByDescending(s => s.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(s => new SourceRow(s.Id, s.Title, s.Outlet, s.PublishedOn, s.Attributions.Count, s.Attributions.Select(a => a.ClaimId).Distinct().Count()))
            .ToListAsync(ct);
        return new PagedResult<SourceRow>(rows, total);
    }

    /// <summary>Id of the extra span that marks a passage the reader was asked to point at (e.g. a relation's evidence).</summary>
    public const int FocusSpanId = 0;

    /// <summary>
    /// The source with its attributed spans cut into segments. <paramref name="focusStart"/>/<paramref name="focusEnd"/>
    /// add one more span, <see cref="FocusSpanId"/>, for a passage to point at; it is ignored when outside the text.
    /// </summary>
    public Task<SourceReader?> GetReaderAsync(int id, int? focusStart = null, int? focusEnd = null, CancellationToken ct = default) =>
        reads.GetOrLoadAsync((nameof(GetReaderAsync), id, focusStart, focusEnd), c => LoadReaderAsync(id, focusStart, focusEnd, c), ct);

    private async Task<SourceReader?> LoadReaderAsync(int id, int? focusStart, int? focusEnd, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct); // one connection for both queries
        var source = await db.Sources.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new { s.Id, s.Title, s.Outlet, s.PublishedOn, s.Url, s.ContentHash, s.Text, s.Revision, s.RevisedAt, s.RevisedBy, s.RevisionNote })
            .SingleOrDefaultAsync(ct);
        if (source is null)
        {
            return null;
        }
        var spans = await db.Attributions.AsNoTracking()
            .Where(a => a.SourceId == id)
            .OrderBy(a => a.Anchor.Start).ThenBy(a => a.Id)
            .Select(a => new ReaderSpan(a.Id, a.ClaimId, a.Claim.Text, a.ActorId, a.Actor.Name, a.Stance, a.Mode, a.Anchor.Start, a.Anchor.End, a.AnchorState))
            .ToListAsync(ct);
        // Orphaned anchors point into an older revision: their offsets would mark the wrong words of this one.
        var highlights = spans.Where(s => s.State != AnchorState.Orphaned).Select(s => new HighlightSpan(s.AttributionId, s.Start, s.End)).ToList();
        if (focusStart is int from && focusEnd is int to)
        {
            highlights.Add(new HighlightSpan(FocusSpanId, from, to)); // the segmenter drops it if out of range
        }
        var segments = HighlightSegmenter.Segment(source.Text, highlights);
        return new SourceReader(source.Id, source.Title, source.Outlet, source.PublishedOn, source.Url, source.ContentHash, source.Text, spans, segments, focusStart, focusEnd,
            source.Revision, source.RevisedAt, source.RevisedBy, source.RevisionNote);
    }

    /// <summary>The source's current revision and text, as a correction starts from it; null for an unknown source.</summary>
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
}
