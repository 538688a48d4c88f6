using System.Collections.Concurrent;
using System.Security.Claims;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Importing;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Claim = System.Security.Claims.Claim;

namespace ClaimTracker.TestArticles;

/// <summary>
/// An invented local story in three articles a month apart (tests/Articles/carrow-ford/), for the views that need more
/// than the one seed article: timelines, reversals, comparisons. Everything in it is made up: the town, the river, the
/// company and the people. It is never part of the seed.
/// <list type="bullet">
/// <item>Health Minister Ilse Marrin says the tap water is safe (2 Feb, again 16 Feb), then that it is not (3 Mar); she
/// rules out boiling it (2 Feb), then tells residents to boil it (3 Mar).</item>
/// <item>Brenholt Chemicals says nothing leaked (1 Feb), then that the leak was contained within six hours (16 Feb): two
/// claims that contradict each other, both its own.</item>
/// <item>The water board, the environment agency and the opposition leader hold their lines throughout.</item>
/// </list>
/// <see cref="ImportAsync"/> records it through the app's own services, as an editor would: the import service for each
/// article, then the record-editing service for actors, claims, relations and statements. It is idempotent: on a database
/// that already holds the story (a browser collection's shared database) it finds what is there and adds only what is
/// missing. It uses no "questions" stance, so that filters other tests count on the seed (claims questioned by someone)
/// keep their counts.
/// </summary>
public sealed record CarrowFordStory(
    IReadOnlyDictionary<string, int> Sources,
    IReadOnlyDictionary<string, int> Actors,
    IReadOnlyDictionary<string, int> Claims,
    IReadOnlyDictionary<string, int> Statements)
{
    public const string Outlet = "Valley Courier";

    // Articles, by key: file name under tests/Articles/carrow-ford/, title and publication date.
    public const string FirstArticle = "water-safe";
    public const string SecondArticle = "solvent-found";
    public const string ThirdArticle = "marrin-reverses";

    // Actors, by key.
    public const string Marrin = "marrin";
    public const string Brenholt = "brenholt";
    public const string WaterBoard = "water-board";
    public const string Agency = "agency";
    public const string Reede = "reede";

    // Claims, by key.
    public const string WaterSafe = "water-safe";
    public const string BoilWater = "boil-water";
    public const string NoLeak = "no-leak";
    public const string LeakContained = "leak-contained";
    public const string SolventReachedRiver = "solvent-reached-river";
    public const string BrenholtShouldPay = "brenholt-should-pay";

    public const string Topic = "Carrow Ford water";

    public static readonly IReadOnlyList<Article> Articles =
    [
        new(FirstArticle, "2026-02-03-minister-says-water-safe.txt", "Minister says Carrow Ford tap water is safe after alarm at Brenholt plant", new DateOnly(2026, 2, 3)),
        new(SecondArticle, "2026-02-17-tests-find-solvent.txt", "Tests find solvent in the Arvel downstream of Brenholt plant", new DateOnly(2026, 2, 17)),
        new(ThirdArticle, "2026-03-04-marrin-reverses.txt", "Marrin reverses on Carrow Ford water and backs boil notice", new DateOnly(2026, 3, 4)),
    ];

    public static readonly IReadOnlyDictionary<string, ActorDraft> ActorDrafts = new Dictionary<string, ActorDraft>
    {
        [Marrin] = new("Ilse Marrin", ActorKind.Person, "Health Minister of Westmere", "Westmere", ["Marrin", "Health Minister Ilse Marrin"]),
        [Brenholt] = new("Brenholt Chemicals", ActorKind.Organisation, "Chemical manufacturer", "Westmere", ["Brenholt"]),
        [WaterBoard] = new("Westmere Water Board", ActorKind.Agency, "Runs the Carrow Ford treatment works", "Westmere", ["the water board"]),
        [Agency] = new("Westmere Environment Agency", ActorKind.Agency, "Environmental regulator", "Westmere", ["the Environment Agency"]),
        [Reede] = new("Tomas Reede", ActorKind.Person, "Leader of the Green Alliance", "Westmere", ["Reede"]),
    };

    public static readonly IReadOnlyDictionary<string, ClaimDraft> ClaimDrafts = new Dictionary<string, ClaimDraft>
    {
        [WaterSafe] = new("Tap water in Carrow Ford is safe to drink.", [Topic]),
        [BoilWater] = new("Carrow Ford residents should boil their tap water before drinking it.", [Topic]),
        [NoLeak] = new("No chemicals leaked from the Brenholt plant into the Arvel river.", [Topic, "Brenholt plant"]),
        [LeakContained] = new("The leak at the Brenholt plant was contained within six hours.", [Topic, "Brenholt plant"]),
        [SolventReachedRiver] = new("Solvent from the Brenholt plant reached the Arvel river.", [Topic, "Brenholt plant"]),
        [BrenholtShouldPay] = new("Brenholt Chemicals should pay for the clean-up of the Arvel river.", ["Brenholt plant"]),
    };

    /// <summary>"From contradicts To", with the editor's rationale.</summary>
    public static readonly IReadOnlyList<(string From, string To, string Rationale)> Contradictions =
    [
        (LeakContained, NoLeak, "A leak that was contained is still a leak: the company's second account contradicts its first."),
        (SolventReachedRiver, NoLeak, "Solvent from the plant in the river means chemicals left the site."),
        (BoilWater, WaterSafe, "Water that must be boiled before drinking is not safe to drink from the tap."),
    ];

    /// <summary>Every statement: its key, the article, who, on what, how, the exact words in the article, and when it was said as the article gives it.</summary>
    public static readonly IReadOnlyList<Statement> StatementList =
    [
        new("marrin-safe-1", FirstArticle, Marrin, WaterSafe, Stance.Asserts, AttributionMode.DirectQuote, "The water coming out of the taps in Carrow Ford is safe to drink", "Monday"),
        new("marrin-no-boil-1", FirstArticle, Marrin, BoilWater, Stance.Denies, AttributionMode.DirectQuote, "There is no need for anyone to boil their water", "Monday"),
        new("brenholt-no-leak-1", FirstArticle, Brenholt, NoLeak, Stance.Asserts, AttributionMode.Paraphrase, "no chemicals had left the site", "Sunday"),
        new("brenholt-no-leak-2", FirstArticle, Brenholt, NoLeak, Stance.Asserts, AttributionMode.DirectQuote, "Nothing from our plant has entered the Arvel", "Sunday"),
        new("board-boil-1", FirstArticle, WaterBoard, BoilWater, Stance.Asserts, AttributionMode.Paraphrase, "advised residents to boil their tap water before drinking it", null),
        new("agency-doubts-no-leak", FirstArticle, Agency, NoLeak, Stance.Doubts, AttributionMode.Paraphrase, "it was too early to rule out a discharge into the river", null),
        new("reede-doubts-safe", FirstArticle, Reede, WaterSafe, Stance.Doubts, AttributionMode.DirectQuote, "She cannot know that yet, and neither can anyone else", null),

        new("agency-solvent", SecondArticle, Agency, SolventReachedRiver, Stance.Asserts, AttributionMode.Paraphrase, "contained a solvent used at the site", "on Monday"),
        new("brenholt-contained-1", SecondArticle, Brenholt, LeakContained, Stance.Asserts, AttributionMode.DirectQuote, "the leak was contained within six hours", "yesterday"),
        new("marrin-safe-2", SecondArticle, Marrin, WaterSafe, Stance.Asserts, AttributionMode.DirectQuote, "I said the water is safe, and the water is safe", "on Monday"),
        new("reede-not-safe", SecondArticle, Reede, WaterSafe, Stance.Denies, AttributionMode.DirectQuote, "The water in Carrow Ford is not safe to drink", null),
        new("reede-should-pay", SecondArticle, Reede, BrenholtShouldPay, Stance.Asserts, AttributionMode.Paraphrase, "He called for Brenholt to pay for the clean-up of the river", null),
        new("board-boil-2", SecondArticle, WaterBoard, BoilWater, Stance.Asserts, AttributionMode.Paraphrase, "its boil-water advice remains in place", null),

        new("marrin-not-safe", ThirdArticle, Marrin, WaterSafe, Stance.Denies, AttributionMode.DirectQuote, "the water in Carrow Ford is not safe to drink", "Tuesday"),
        new("marrin-boil", ThirdArticle, Marrin, BoilWater, Stance.Asserts, AttributionMode.DirectQuote, "Residents should boil their tap water before drinking it", "Tuesday"),
        new("marrin-solvent", ThirdArticle, Marrin, SolventReachedRiver, Stance.Endorses, AttributionMode.Paraphrase, "she accepted the Environment Agency's finding that solvent from the Brenholt Chemicals plant had reached the river", "Tuesday"),
        new("marrin-should-pay", ThirdArticle, Marrin, BrenholtShouldPay, Stance.Asserts, AttributionMode.Paraphrase, "Brenholt should pay for the clean-up of the Arvel", "Tuesday"),
        new("brenholt-contained-2", ThirdArticle, Brenholt, LeakContained, Stance.Asserts, AttributionMode.Reported, "said in February that the leak had been contained within six hours", "in February"),
        new("brenholt-will-not-pay", ThirdArticle, Brenholt, BrenholtShouldPay, Stance.Denies, AttributionMode.DirectQuote, "We will not pay for damage we did not cause", null),
    ];

    public sealed record Article(string Key, string File, string Title, DateOnly PublishedOn);

    public sealed record Statement(string Key, string Article, string Actor, string Claim, Stance Stance, AttributionMode Mode, string Quote, string? SaidWhen);

    /// <summary>The folder holding the article texts, copied beside the test binaries.</summary>
    public static string ArticleDirectory => Path.Combine(AppContext.BaseDirectory, "Articles", "carrow-ford");

    // One import at a time per app: two tests of one browser collection may ask for the story at once.
    private static readonly ConcurrentDictionary<IServiceProvider, SemaphoreSlim> Gates = new();

    /// <summary>Records the story in the app whose services these are (or finds it there), and returns the ids of its records.</summary>
    public static async Task<CarrowFordStory> ImportAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var gate = Gates.GetOrAdd(services, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return await ImportOnceAsync(services, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<CarrowFordStory> ImportOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = EditorScope(services);
        var importer = scope.ServiceProvider.GetRequiredService<SourceImportService>();
        var edits = scope.ServiceProvider.GetRequiredService<RecordEditService>();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>();

        var sources = new Dictionary<string, int>();
        foreach (var article in Articles)
        {
            var text = await File.ReadAllTextAsync(Path.Combine(ArticleDirectory, article.File), ct);
            var result = await importer.ImportAsync(new SourceImportRequest(Outlet, article.Title, article.PublishedOn.ToString("yyyy-MM-dd"), null, PastedText: text), ct);
            sources[article.Key] = result.Outcome switch
            {
                EditOutcome.Saved => result.Value!.Source!.Id,
                EditOutcome.Conflict when result.Value?.Duplicate is { } existing => existing.Id, // imported before
                _ => throw Failed($"importing {article.File}", result.FieldErrors, result.Message),
            };
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actors = new Dictionary<string, int>();
        foreach (var (key, draft) in ActorDrafts)
        {
            var existing = await db.Actors.AsNoTracking().Where(a => a.Name == draft.Name).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
            actors[key] = existing ?? Saved(await edits.CreateActorAsync(draft, ct), $"creating {draft.Name}").Id;
        }

        var claims = new Dictionary<string, int>();
        foreach (var (key, draft) in ClaimDrafts)
        {
            var existing = await db.Claims.AsNoTracking().Where(c => c.Text == draft.Text).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            claims[key] = existing ?? Saved(await edits.CreateClaimAsync(draft, ct), $"creating the claim \"{draft.Text}\"").Id;
        }

        foreach (var (from, to, rationale) in Contradictions)
        {
            var (fromId, toId) = (claims[from], claims[to]);
            var existing = await db.ClaimRelations.IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.FromClaimId == fromId && r.ToClaimId == toId && r.Type == RelationType.Contradicts)
                .Select(r => new { r.Id, r.IsDeleted })
                .FirstOrDefaultAsync(ct);
            if (existing is null)
            {
                Saved(await edits.CreateRelationAsync(new RelationDraft(fromId, toId, RelationType.Contradicts, rationale), ct), $"relating {from} to {to}");
            }
            else if (existing.IsDeleted)
            {
                Saved(await edits.RestoreRelationAsync(existing.Id, ct), $"restoring the relation of {from} to {to}");
            }
        }

        var texts = await db.Sources.AsNoTracking().Where(s => sources.Values.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Text, ct);
        var statements = new Dictionary<string, int>();
        foreach (var s in StatementList)
        {
            var sourceId = sources[s.Article];
            var start = SpanOf(texts[sourceId], s.Quote, s.Key);
            var (actorId, claimId) = (actors[s.Actor], claims[s.Claim]);
            var existing = await db.Attributions.AsNoTracking()
                .Where(a => a.SourceId == sourceId && a.ActorId == actorId && a.ClaimId == claimId && a.Anchor.Start == start)
                .Select(a => (int?)a.Id)
                .FirstOrDefaultAsync(ct);
            statements[s.Key] = existing ?? Saved(await edits.CreateAttributionAsync(new AttributionDraft(
                actorId, claimId, sourceId, s.Stance, s.Mode, start, start + s.Quote.Length, s.SaidWhen, SelectedText: s.Quote), ct), $"recording {s.Key}").Id;
        }

        return new CarrowFordStory(sources, actors, claims, statements);
    }

    /// <summary>Where the quote starts in the stored text; it must occur exactly once, so the story cannot anchor the wrong words.</summary>
    private static int SpanOf(string text, string quote, string key)
    {
        var start = text.IndexOf(quote, StringComparison.Ordinal);
        if (start < 0 || text.IndexOf(quote, start + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"The quote of {key} (\"{quote}\") must occur exactly once in its article; it occurs {(start < 0 ? "nowhere" : "more than once")}.");
        }
        return start;
    }

    private static T Saved<T>(EditResult<T> result, string what) where T : class =>
        result.Succeeded ? result.Value! : throw Failed(what, result.FieldErrors, result.Message);

    private static InvalidOperationException Failed(string what, FieldErrors errors, string? message) =>
        new($"The test story could not be recorded: {what} was refused ({message ?? string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}"))}).");

    /// <summary>A scope signed in as an editor, as a circuit of a signed-in editor has it.</summary>
    private static AsyncServiceScope EditorScope(IServiceProvider services)
    {
        var scope = services.CreateAsyncScope();
        var editor = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "test-articles"),
            new Claim(ClaimTypes.Name, "test-articles@claimtracker.test"),
            new Claim(AccountClaims.DisplayName, "Test articles"),
            new Claim(ClaimTypes.Role, Roles.Editor),
        ], authenticationType: "Test"));
        var auth = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        auth.SetAuthenticationState(Task.FromResult(new AuthenticationState(editor)));
        return scope;
    }
}
