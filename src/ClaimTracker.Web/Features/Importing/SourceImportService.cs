using System.Globalization;
using System.Text.Json;
using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimTracker.Web.Features.Importing;

/// <summary>
/// Adds a source to the record from pasted text or an uploaded file, and stores what the suggestion engine proposes
/// for it, waiting for review. Bad input is <see cref="EditOutcome.Invalid"/>; text already in the record is a
/// <see cref="EditOutcome.Conflict"/> whose <see cref="ImportReport.Duplicate"/> is the source that holds it. The source, its suggestions and their history are written in one transaction: an
/// import either happens completely or leaves nothing behind (and if the engine fails, nothing is written at all). Used by the "Add a source" page and by the
/// <c>import</c> command.
/// </summary>
public sealed class SourceImportService(
    IDbContextFactory<ClaimTrackerDbContext> dbFactory,
    CurrentUser currentUser,
    IAttributionSuggester suggester,
    SuggestionCatalog catalog,
    IOptions<ImportOptions> options,
    TimeProvider clock,
    ILogger<SourceImportService> logger)
{
    private const int MaxOutletLength = 200;
    private const int MaxTitleLength = 500;
    private const int MaxUrlLength = 2000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public int MaxBytes => options.Value.MaxBytes;

    /// <summary>Imports as the signed-in user, who must be allowed to edit the record.</summary>
    public async Task<EditResult<ImportReport>> ImportAsync(SourceImportRequest request, CancellationToken ct = default)
    {
        var author = await currentUser.RequireAsync(Permission.EditRecord);
        return await ImportAsAsync(request, author, ct);
    }

    /// <summary>
    /// Imports on behalf of <paramref name="author"/> without asking who is signed in: for the command line, whose
    /// user already holds the database itself.
    /// </summary>
    internal async Task<EditResult<ImportReport>> ImportAsAsync(SourceImportRequest request, ChangeAuthor author, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var extracted = await SourceText.ReadAsync(request, options.Value.MaxBytes, ct);
        if (extracted.Error is not null)
        {
            errors.Add(extracted.Field, extracted.Error);
        }
        // Already in the record is said first, whatever else is missing: no point filling in the rest.
        var hash = extracted.Text is null ? null : Source.HashOf(extracted.Text);
        if (hash is not null && await FindDuplicateAsync(hash, extracted, ct) is { } duplicate)
        {
            return duplicate;
        }
        var outlet = errors.Required(ImportFields.Outlet, TextDecoding.SingleLine(request.Outlet), MaxOutletLength, "Outlet");
        var title = string.IsNullOrWhiteSpace(request.Title) ? extracted.Title : request.Title;
        title = errors.Required(ImportFields.Title, TextDecoding.SingleLine(title), MaxTitleLength, "Title");
        var publishedOn = ValidateDate(request.PublishedOn, errors);
        var url = ValidateUrl(TextDecoding.SingleLine(request.Url), errors);
        if (errors.Any)
        {
            return EditResult<ImportReport>.Invalid(errors, value: new ImportReport(null, null, extracted.Title));
        }
        var text = extracted.Text!;

        // The engine reads the record through its own (read-only) context and is pure CPU work over up to a few
        // megabytes of text, so it runs before the write transaction opens (keeping that short) and off the caller's
        // thread (a circuit's, on the page).
        var knowledge = await catalog.LoadAsync(ct);
        // Told the outlet, the engine also proposes the outlet's own assertions (Narration).
        var proposed = await Task.Run(() => suggester.Suggest(text, knowledge.Actors, knowledge.Claims, outlet), ct);

        // A key taken by an import running at the same moment shows up as a unique-index violation: try the next one.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StoreAsync(text, hash!, outlet!, title!, publishedOn!.Value, url, extracted, proposed, knowledge, author, ct);
            }
            catch (DbUpdateException ex) when (attempt < 3 && UniqueViolation.Is(ex, "Sources.Key"))
            {
                logger.LogInformation("Source key taken by a concurrent import; trying the next one.");
            }
        }
    }

    /// <summary>The Duplicate outcome when a source already holds the text with this hash, or null.</summary>
    private async Task<EditResult<ImportReport>?> FindDuplicateAsync(string hash, SourceText.Extracted extracted, CancellationToken ct, ClaimTrackerDbContext? db = null)
    {
        await using var own = db is null ? await dbFactory.CreateDbContextAsync(ct) : null;
        var existing = await (db ?? own!).Sources.AsNoTracking()
            .Where(s => s.ContentHash == hash)
            .OrderBy(s => s.Id)
            .Select(s => new ExistingSource(s.Id, s.Key, s.Title, s.Outlet, s.PublishedOn))
            .FirstOrDefaultAsync(ct);
        if (existing is null)
        {
            return null;
        }
        var message = $"This text is already in the record as \"{existing.Title}\" ({existing.Outlet}, {existing.PublishedOn:yyyy-MM-dd}).";
        return new EditResult<ImportReport>(EditOutcome.Conflict, new ImportReport(null, existing, extracted.Title), FieldErrors.Of(extracted.Field, message));
    }

    private async Task<EditResult<ImportReport>> StoreAsync(
        string text, string hash, string outlet, string title, DateOnly publishedOn, string? url, SourceText.Extracted extracted,
        IReadOnlyList<SuggestedAttribution> proposed, SuggestionKnowledge knowledge, ChangeAuthor author, CancellationToken ct)
    {
        await using var db = await dbFactory.OpenForAsync(author, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Again inside the transaction: the same text may have been imported while the engine was reading it.
        if (await FindDuplicateAsync(hash, extracted, ct, db) is { } duplicate)
        {
            return duplicate;
        }

        var baseKey = SourceKeys.For(publishedOn, outlet, title);
        var taken = await db.Sources.Where(s => s.Key == baseKey || s.Key.StartsWith(baseKey + "-")).Select(s => s.Key).ToListAsync(ct);
        var source = new Source(SourceKeys.Unique(baseKey, taken), outlet, title, publishedOn, url, text);
        db.Sources.Add(source);

        var suggestions = ToSuggestions(source, proposed, knowledge.Actors, knowledge.Claims);
        db.AttributionSuggestions.AddRange(suggestions);
        await db.SaveChangesAsync(ct);

        // Sources are immutable, not editable records, so record-keeping writes nothing for them: say who imported it here.
        db.AuditEntries.Add(author.Entry(nameof(Source), source.Id, AuditAction.Created, clock.GetUtcNow(), after: JsonSerializer.Serialize(new
        {
            source.Key,
            source.Outlet,
            source.Title,
            source.PublishedOn,
            source.Url,
            source.ContentHash,
            Characters = text.Length,
            Suggestions = suggestions.Count,
        }, Json)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation("{Author} imported source {SourceId} '{Key}' with {Count} suggestions", author.UserName, source.Id, source.Key, suggestions.Count);
        return EditResult<ImportReport>.Saved(new ImportReport(new ImportedSource(source.Id, source.Key, source.Title, suggestions.Count), null, extracted.Title));
    }

    /// <summary>
    /// The engine's proposals as rows waiting for review. A proposal whose span does not hold its quote, or that
    /// names an actor or claim the engine was not given, is dropped (and logged) rather than stored wrong.
    /// </summary>
    private List<AttributionSuggestion> ToSuggestions(
        Source source, IReadOnlyList<SuggestedAttribution> proposed, IReadOnlyList<KnownActor> actors, IReadOnlyList<KnownClaim> claims)
    {
        var actorIds = actors.Select(a => a.Id).ToHashSet();
        var claimIds = claims.Select(c => c.Id).ToHashSet();
        var text = source.Text;
        var rows = new List<AttributionSuggestion>(proposed.Count);
        foreach (var s in proposed)
        {
            if (s.Start < 0 || s.End > text.Length || s.Start >= s.End || !string.Equals(text[s.Start..s.End], s.Quote, StringComparison.Ordinal))
            {
                logger.LogWarning("Dropped a suggestion whose span {Start}–{End} does not hold its quote \"{Quote}\"", s.Start, s.End, s.Quote);
                continue;
            }
            rows.Add(new AttributionSuggestion
            {
                Source = source,
                Anchor = TextAnchor.FromText(text, s.Start, s.End),
                ActorName = Limit(s.Actor, 300),
                ActorId = s.ActorId is int actorId && actorIds.Contains(actorId) ? actorId : null,
                Stance = s.Stance,
                Mode = s.Mode,
                ClaimText = Limit(s.Claim, 2000),
                ClaimId = s.ClaimId is int claimId && claimIds.Contains(claimId) ? claimId : null,
                Similarity = s.ClaimId is int id && claimIds.Contains(id) ? s.Similarity : null,
                Cue = Limit(s.Cue, 1000),
            });
        }
        return rows;
    }

    /// <summary>
    /// The outlets already in the record, most used first, for the outlet field's list of suggestions. The browser
    /// filters the list as the editor types: nothing goes back and forth per keystroke, so nothing typed can be
    /// overwritten by an answer to an earlier one.
    /// </summary>
    public async Task<IReadOnlyList<string>> KnownOutletsAsync(int max = 200, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Sources.AsNoTracking()
            .GroupBy(s => s.Outlet)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => g.Key)
            .Take(max)
            .ToListAsync(ct);
    }

    private DateOnly? ValidateDate(string? value, FieldErrors errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add(ImportFields.PublishedOn, "Give the date the source was published.");
            return null;
        }
        if (!DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            // Echoed shortened: the value may be anything a client sends, a megabyte included.
            errors.Add(ImportFields.PublishedOn, $"\"{trimmed.Shortened(40)}\" is not a date; write it as yyyy-mm-dd, e.g. 2026-01-15.");
            return null;
        }
        // Already today somewhere on Earth (UTC+14) is not the future, whatever the server's clock says.
        var latest = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(14));
        if (date > latest)
        {
            errors.Add(ImportFields.PublishedOn, $"{date:yyyy-MM-dd} is in the future; give the date the source was published.");
            return null;
        }
        return date;
    }

    private static string? ValidateUrl(string? value, FieldErrors errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length > MaxUrlLength)
        {
            errors.Add(ImportFields.Url, $"The link must be at most {MaxUrlLength} characters (it has {trimmed.Length}).");
            return null;
        }
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add(ImportFields.Url, "Give the full address of the article, starting with http:// or https://.");
            return null;
        }
        return trimmed;
    }

    private static string Limit(string value, int max) => value.Length <= max ? value : value[..max];
}
