using ClaimTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Features.Editing;

/// <summary>What a history entry can point at by id.</summary>
public enum HistoryRef
{
    Actor,
    Claim,
    Source,
    Statement,
    Rating,
    Note,
}

/// <summary>The ids that the entries of one history page point at, by kind, collected before the names are loaded.</summary>
public sealed class HistoryReferences
{
    private readonly Dictionary<HistoryRef, HashSet<int>> ids = Enum.GetValues<HistoryRef>().ToDictionary(k => k, _ => new HashSet<int>());

    public void Add(HistoryRef kind, int? id)
    {
        if (id is int value)
        {
            ids[kind].Add(value);
        }
    }

    public IReadOnlyCollection<int> Of(HistoryRef kind) => ids[kind];
}

/// <summary>
/// The names of what a page of history points at: actors, claims, sources, statements, rating labels and notes, as the
/// pages show them. Loaded for the whole page at once (<see cref="LoadAsync"/>: one query per kind that occurs, deleted
/// rows included, because the history is about them too). An id that is not in the database any more gets a neutral
/// phrase ("a removed actor"), never the number.
/// </summary>
public sealed class HistoryNames
{
    private const int MaxQuoteLength = 120;

    public Dictionary<int, string> Actors { get; } = [];
    public Dictionary<int, string> Claims { get; } = [];

    /// <summary>"Reuters: Trump says…", as a verdict's evidence names a source.</summary>
    public Dictionary<int, string> Sources { get; } = [];

    /// <summary>A statement by who said it and its quote.</summary>
    public Dictionary<int, (string Actor, string Quote)> Statements { get; } = [];

    public Dictionary<int, string> Ratings { get; } = [];

    /// <summary>A note by its author's name: its words are moderated material, so the name of a note never carries them.</summary>
    public Dictionary<int, string> NoteAuthors { get; } = [];

    public string Name(HistoryRef kind, int id) => kind switch
    {
        HistoryRef.Actor => Actors.GetValueOrDefault(id) ?? "a removed actor",
        HistoryRef.Claim => Claims.TryGetValue(id, out var claim) ? Quoted(claim) : "a removed claim",
        HistoryRef.Source => Sources.GetValueOrDefault(id) ?? "a removed source",
        HistoryRef.Statement => Statements.TryGetValue(id, out var s) ? Statement(s.Actor, s.Quote) : "a removed statement",
        HistoryRef.Rating => Ratings.GetValueOrDefault(id) ?? "a removed rating",
        HistoryRef.Note => NoteAuthors.TryGetValue(id, out var author) ? $"a note by {author}" : "a removed note",
        _ => "a removed record",
    };

    /// <summary>"Donald Trump's statement “ready to make a deal”".</summary>
    public static string Statement(string actor, string? quote) =>
        string.IsNullOrWhiteSpace(quote) ? $"{Possessive(actor)} statement" : $"{Possessive(actor)} statement {Quoted(quote)}";

    /// <summary>The text in quotation marks, shortened at a word when long.</summary>
    public static string Quoted(string text) => $"“{Shorten(text, MaxQuoteLength)}”";

    public static string Possessive(string name) =>
        name.EndsWith('s') || name.EndsWith('S') ? name + "'" : name + "'s";

    /// <summary>The text on one line, cut at a word boundary to at most <paramref name="max"/> characters, ending in "…" when cut.</summary>
    public static string Shorten(string text, int max)
    {
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= max)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', max - 1);
        if (cut < max / 2)
        {
            cut = max - 1;
        }
        return text[..cut].TrimEnd(' ', ',', ';', ':', '.', '—', '-') + "…";
    }

    /// <summary>The names of everything in <paramref name="references"/>, in one query per kind that has ids.</summary>
    public static async Task<HistoryNames> LoadAsync(ClaimTrackerDbContext db, HistoryReferences references, CancellationToken ct = default)
    {
        var names = new HistoryNames();
        if (references.Of(HistoryRef.Actor).ToList() is { Count: > 0 } actorIds)
        {
            foreach (var a in await db.Actors.IgnoreQueryFilters().AsNoTracking().Where(a => actorIds.Contains(a.Id))
                         .Select(a => new { a.Id, a.Name }).ToListAsync(ct))
            {
                names.Actors[a.Id] = a.Name;
            }
        }
        if (references.Of(HistoryRef.Claim).ToList() is { Count: > 0 } claimIds)
        {
            foreach (var c in await db.Claims.IgnoreQueryFilters().AsNoTracking().Where(c => claimIds.Contains(c.Id))
                         .Select(c => new { c.Id, c.Text }).ToListAsync(ct))
            {
                names.Claims[c.Id] = c.Text;
            }
        }
        if (references.Of(HistoryRef.Source).ToList() is { Count: > 0 } sourceIds)
        {
            foreach (var s in await db.Sources.IgnoreQueryFilters().AsNoTracking().Where(s => sourceIds.Contains(s.Id))
                         .Select(s => new { s.Id, s.Outlet, s.Title }).ToListAsync(ct))
            {
                names.Sources[s.Id] = $"{s.Outlet}: {s.Title}";
            }
        }
        if (references.Of(HistoryRef.Statement).ToList() is { Count: > 0 } statementIds)
        {
            foreach (var a in await db.Attributions.IgnoreQueryFilters().AsNoTracking().Where(a => statementIds.Contains(a.Id))
                         .Select(a => new { a.Id, Actor = a.Actor.Name, a.Anchor.Exact }).ToListAsync(ct))
            {
                names.Statements[a.Id] = (a.Actor, a.Exact);
            }
        }
        if (references.Of(HistoryRef.Rating).Count > 0)
        {
            // The whole scale: a handful of rows, and every verdict entry needs some of them.
            foreach (var r in await db.RatingLabels.AsNoTracking().Select(r => new { r.Id, r.Label }).ToListAsync(ct))
            {
                names.Ratings[r.Id] = r.Label;
            }
        }
        if (references.Of(HistoryRef.Note).ToList() is { Count: > 0 } noteIds)
        {
            foreach (var n in await db.Annotations.IgnoreQueryFilters().AsNoTracking().Where(n => noteIds.Contains(n.Id))
                         .Select(n => new { n.Id, n.AuthorName }).ToListAsync(ct))
            {
                names.NoteAuthors[n.Id] = n.AuthorName;
            }
        }
        return names;
    }
}
