using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Generating;
using ClaimTracker.Web.Features.Sources;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// A database made by the app's migrations and filled by the <c>generate</c> command's generator (news-shaped: a few
/// very busy actors and claims, a long tail), with the reading services over the app's own DbContext registration and a
/// <see cref="SqlRecorder"/> on every context. For tests of how the page queries run: without ANALYZE statistics (the app
/// runs none) SQLite plans a query the same way on a thousand claims as on a quarter of a million.
/// </summary>
public sealed class GeneratedNewsroom : IAsyncLifetime
{
    /// <summary>Statements generated: with 7,500 claims, 1,500 sources and 300 actors, the busiest claims and actors have more
    /// statements than the pages list.</summary>
    public const int Attributions = 30_000;

    /// <summary>
    /// The claims browser's count limit for these tests, far below the app's 2,000, so that broad filters take the plan of
    /// a broad filter in a large record (read the sort's index, test each claim) and rare ones the other.
    /// </summary>
    public const int CountLimit = 100;

    private readonly TempDirectory dir = new();
    private ServiceProvider services = null!;

    public string DatabasePath => dir.File("newsroom.db");
    public SqlRecorder Sql { get; } = new();
    public IDbContextFactory<ClaimTrackerDbContext> Factory { get; private set; } = null!;
    public ClaimService Claims { get; private set; } = null!;
    public DisputeReader Disputes { get; private set; } = null!;
    public ActorService Actors { get; private set; } = null!;
    public SourceService Sources { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = $"Data Source={DatabasePath};Pooling=False";
        await using (var db = new ClaimTrackerDbContext(new DbContextOptionsBuilder<ClaimTrackerDbContext>().UseSqlite(connectionString).Options))
        {
            await db.Database.MigrateAsync();
        }
        await NewsGenerator.GenerateAsync(connectionString, NewsShape.For(Attributions), NewsGenerator.DefaultSeed, TextWriter.Null);

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{DatabaseSetup.ConnectionStringName}"] = connectionString })
            .Build();
        var collection = new ServiceCollection();
        collection.AddClaimTrackerDatabase(configuration, new Host(dir.Path));
        collection.ConfigureDbContext<ClaimTrackerDbContext>(o => o.AddInterceptors(Sql));
        services = collection.BuildServiceProvider();
        Factory = services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>();
        Claims = new ClaimService(Factory) { CountLimit = CountLimit };
        Disputes = new DisputeReader(Factory);
        Actors = new ActorService(Factory);
        Sources = new SourceService(Factory);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        dir.Dispose();
    }

    /// <summary>A read-only connection of its own, for EXPLAIN and for picking targets.</summary>
    public async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    public async Task<int> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        return (await DatabaseFile.ReadAsync(connection, sql, r => r.GetInt32(0))).Single();
    }

    /// <summary>Just enough of a host for <c>AddClaimTrackerDatabase</c>; the data source is absolute.</summary>
    private sealed class Host(string root) : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = root;
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ApplicationName { get; set; } = "ClaimTracker.Tests";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = root;
        public string EnvironmentName { get; set; } = "Production";
    }
}
