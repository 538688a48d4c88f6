using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Api;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Map;
using ClaimTracker.Web.Features.Matrix;
using ClaimTracker.Web.Features.Positions;
using ClaimTracker.Web.Features.Sources;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// The real services over the real DbContext factory (registered by the app's own <c>AddClaimTrackerDatabase</c>),
/// pointed at the generated database, plus the targets the scenarios ask about. The benchmarks and the
/// <c>--explain</c> mode call the same methods, so the plans explained are the plans measured.
/// </summary>
public sealed class Workload : IAsyncDisposable
{
    /// <summary>A word of the generated vocabulary found in claim texts, quotes and a topic, like a real search word.</summary>
    public const string SearchWord = "ceasefire";

    /// <summary>A mid-frequency topic.</summary>
    public const string Topic = "energy";

    public const int DeepPage = 1000;

    private readonly ServiceProvider services;

    private Workload(ServiceProvider services, Targets targets)
    {
        this.services = services;
        Factory = services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>();
        Claims = new ClaimService(Factory);
        Disputes = new DisputeReader(Factory);
        Actors = new ActorService(Factory);
        Sources = new SourceService(Factory);
        // The views of who stands where, without the read-model cache: each call reads the database, as a first visit does.
        Matrix = new MatrixService(Factory, Claims);
        Maps = new ClaimMapService(Factory);
        Timelines = new TimelineService(Factory);
        Consistency = new ConsistencyService(Factory);
        Comparisons = new ComparisonService(Factory);
        Target = targets;
    }

    public IDbContextFactory<ClaimTrackerDbContext> Factory { get; }
    public ClaimService Claims { get; }
    public DisputeReader Disputes { get; }
    public ActorService Actors { get; }
    public SourceService Sources { get; }
    public MatrixService Matrix { get; }
    public ClaimMapService Maps { get; }
    public TimelineService Timelines { get; }
    public ConsistencyService Consistency { get; }
    public ComparisonService Comparisons { get; }
    public Targets Target { get; }

    public sealed record Targets(
        int BusiestActorId, int BusiestActorAttributions,
        int HubClaimId, int HubClaimRelations,
        int BusiestSourceId, int BusiestSourceAttributions,
        int ClaimCount);

    /// <param name="configure">Extra options on top of the app's own registration (the explain mode adds a command interceptor).</param>
    /// <param name="postgres">
    /// A PostgreSQL connection string: the services run there instead, on a copy of the same database (copy-to-postgres
    /// keeps every id, so the targets chosen on the SQLite file name the same records).
    /// </param>
    public static async Task<Workload> OpenAsync(string databasePath, Action<DbContextOptionsBuilder>? configure = null, string? postgres = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(postgres is null
                ? new Dictionary<string, string?> { [$"ConnectionStrings:{DatabaseSetup.ConnectionStringName}"] = $"Data Source={databasePath}" }
                : new Dictionary<string, string?>
                {
                    [DatabaseSetup.EngineSetting] = nameof(DatabaseEngine.Postgres),
                    [$"ConnectionStrings:{DatabaseSetup.ConnectionStringName}"] = postgres,
                })
            .Build();
        var collection = new ServiceCollection();
        collection.AddClaimTrackerDatabase(configuration, new BenchmarkHostEnvironment());
        if (configure is not null)
        {
            collection.ConfigureDbContext<ClaimTrackerDbContext>(configure);
        }
        var provider = collection.BuildServiceProvider();

        var factory = provider.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var busiest = await db.Attributions
            .GroupBy(a => a.ActorId)
            .Select(g => new { ActorId = g.Key, Count = g.Count() })
            .OrderByDescending(x => x.Count).ThenBy(x => x.ActorId)
            .FirstAsync();
        var hub = await db.Database.SqlQuery<ClaimDegree>($"""
            SELECT "ClaimId", CAST(COUNT(*) AS integer) AS "Degree"
            FROM (SELECT "FromClaimId" AS "ClaimId" FROM "ClaimRelations" UNION ALL SELECT "ToClaimId" FROM "ClaimRelations") AS ends
            GROUP BY "ClaimId" ORDER BY "Degree" DESC, "ClaimId" LIMIT 1
            """).SingleAsync();
        var source = await db.Attributions
            .GroupBy(a => a.SourceId)
            .Select(g => new { SourceId = g.Key, Count = g.Count() })
            .OrderByDescending(x => x.Count).ThenBy(x => x.SourceId)
            .FirstAsync();
        var claimCount = await db.Claims.CountAsync();
        return new Workload(provider, new Targets(busiest.ActorId, busiest.Count, hub.ClaimId, hub.Degree, source.SourceId, source.Count, claimCount));
    }

    private sealed record ClaimDegree(int ClaimId, int Degree);

    // The scenarios. Each is one thing a page or the API does on a request.

    public Task<Web.Features.Common.PagedResult<ClaimRow>> SearchFirstPage() =>
        Claims.SearchAsync(new ClaimSearchQuery(), SearchTerms.Empty);

    public Task<Web.Features.Common.PagedResult<ClaimRow>> SearchDeepPage() =>
        Claims.SearchAsync(new ClaimSearchQuery(Page: DeepPage), SearchTerms.Empty);

    public Task<Web.Features.Common.PagedResult<ClaimRow>> SearchOneWord() =>
        Claims.SearchAsync(new ClaimSearchQuery(Search: SearchWord), SearchTerms.Parse(SearchWord));

    public Task<Web.Features.Common.PagedResult<ClaimRow>> SearchByActor() =>
        Claims.SearchAsync(new ClaimSearchQuery(ActorId: Target.BusiestActorId), SearchTerms.Empty);

    public Task<Web.Features.Common.PagedResult<ClaimRow>> SearchByTopic() =>
        Claims.SearchAsync(new ClaimSearchQuery(Topic: Topic), SearchTerms.Empty);

    public Task<ClaimDispute?> DisputeOfHubClaim() => Disputes.GetDisputeAsync(Target.HubClaimId);

    /// <summary>Does not finish in minutes on the default shape: see <see cref="ProfileScaling"/>. Kept for the explain mode.</summary>
    public Task<ActorProfile?> ProfileOfBusiestActor() => Actors.GetProfileAsync(Target.BusiestActorId);

    public Task<Web.Features.Common.PagedResult<ActorRow>> ActorsFirstPage() => Actors.ListAsync(search: null, page: 0, pageSize: 25);

    public Task<SourceReader?> ReaderOfBusiestSource() => Sources.GetReaderAsync(Target.BusiestSourceId);

    public Task<object> ApiClaimsFirstPage() => ApiClaims(after: null);

    /// <summary>A keyset page from the middle of the table: should cost the same as the first.</summary>
    public Task<object> ApiClaimsMiddlePage() => ApiClaims(after: ClaimCursor.Encode(Target.ClaimCount / 2));

    private async Task<object> ApiClaims(string? after) =>
        (await ReadApi.ListClaims(limit: null, after, updatedSince: null, Factory, CancellationToken.None)).Result;

    /// <summary>Every scenario by name, for the explain mode.</summary>
    public IReadOnlyList<(string Name, Func<Task<object?>> Run)> Scenarios =>
    [
        ("SearchFirstPage", async () => await SearchFirstPage()),
        ("SearchDeepPage", async () => await SearchDeepPage()),
        ("SearchOneWord", async () => await SearchOneWord()),
        ("SearchByActor", async () => await SearchByActor()),
        ("SearchByTopic", async () => await SearchByTopic()),
        ("DisputeOfHubClaim", async () => await DisputeOfHubClaim()),
        ("ActorsFirstPage", async () => await ActorsFirstPage()),
        ("ReaderOfBusiestSource", async () => await ReaderOfBusiestSource()),
        ("ApiClaimsFirstPage", async () => await ApiClaimsFirstPage()),
        ("ApiClaimsMiddlePage", async () => await ApiClaimsMiddlePage()),
        // The views of who stands where, on the busiest actor and the claim with the most relations.
        ("MatrixUnfiltered", async () => await Matrix.GetAsync(new Web.Features.Matrix.MatrixQuery())),
        ("MatrixOfBusiestActor", async () => await Matrix.GetAsync(new Web.Features.Matrix.MatrixQuery(ActorId: Target.BusiestActorId))),
        ("MapOfHubClaim", async () => await Maps.ForClaimAsync(Target.HubClaimId, new MapOptions(2, Actors: true))),
        ("TimelineOfBusiestActor", async () => await Timelines.ForActorAsync(Target.BusiestActorId, TimelineOrder.NewestFirst, 0)),
        ("ReversalsOfBusiestActor", async () => await Consistency.ForActorAsync(Target.BusiestActorId)),
        ("ConsistencyRanking", async () => await Consistency.RankAsync(topic: null, page: 0)),
        ("ComparisonOfBusiestActors", async () => await Comparisons.CompareAsync(Target.BusiestActorId, Target.BusiestActorId + 1)),
        // Last: it does not finish on the default shape, and the explain mode stops at the first scenario that times out.
        ("ProfileOfBusiestActor", async () => await ProfileOfBusiestActor()),
    ];

    public ValueTask DisposeAsync() => services.DisposeAsync();

    /// <summary>Just enough of a host for <c>AddClaimTrackerDatabase</c>; the path it gets is absolute, so the content root is not used.</summary>
    private sealed class BenchmarkHostEnvironment : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ApplicationName { get; set; } = "ClaimTracker.Benchmarks";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public string EnvironmentName { get; set; } = "Production";
    }
}
