using System.Data.Common;
using ClaimTracker.Web.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "ClaimTracker";

    /// <summary>
    /// Registers the DbContext factory over SQLite. A relative <c>Data Source</c> is taken relative to the
    /// app's content root (not the shell's working directory), so <c>dotnet run</c> from anywhere finds the same file.
    /// Every connection it opens gets the durability pragmas (<see cref="SqliteDurability"/>). Also registers the cache
    /// of the reading pages' models (<see cref="ReadModelCache"/>), which follows every commit to this database.
    /// </summary>
    public static IServiceCollection AddClaimTrackerDatabase(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName) ?? "Data Source=App_Data/claimtracker.db";
        var connectionString = ResolveDataSource(configured, environment.ContentRootPath);
        services.AddDbContextFactory<ClaimTrackerDbContext>(options => options
            .UseSqlite(connectionString)
            .AddInterceptors(SqliteDurabilityInterceptor.Instance));
        services.AddSingleton(_ => new RecordVersion(connectionString));
        services.AddSingleton<ReadModelCache>();
        return services;
    }

    private static readonly string[] TimeoutKeywords = ["Default Timeout", "DefaultTimeout", "Command Timeout"];

    /// <summary>
    /// Makes a relative data source absolute (creating its folder), and sets <c>Default Timeout</c>, how long a command
    /// waits for another writer's lock, to <see cref="SqliteDurability.DefaultBusyTimeout"/> unless the connection string
    /// chooses its own: the library's default is the same 30 s, stated here so that it is a decision, not an accident.
    /// </summary>
    internal static string ResolveDataSource(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        // The generic builder, because the SQLite one answers ContainsKey for every keyword it knows, given or not.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!TimeoutKeywords.Any(given.ContainsKey))
        {
            builder.DefaultTimeout = (int)SqliteDurability.DefaultBusyTimeout.TotalSeconds;
        }
        var dataSource = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory || dataSource == ":memory:" || string.IsNullOrEmpty(dataSource);
        if (!inMemory)
        {
            if (!Path.IsPathRooted(dataSource))
            {
                builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, dataSource));
            }
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return builder.ToString();
    }

    /// <summary>Applies migrations and loads the seed. Invalid seed data stops start-up with a message naming the bad entries.</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
        var factory = services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>();

        await using var db = await factory.CreateDbContextAsync(ct);
        await UseWriteAheadLogAsync(db, logger, ct);
        await db.Database.MigrateAsync(ct);
        await RequiredTriggers.VerifyAsync(db, ct);

        var seedDirectory = configuration["ClaimTracker:SeedDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "seeds");
        var seed = SeedLoader.Load(seedDirectory);
        var added = await DatabaseSeeder.SeedAsync(db, seed, ct);
        logger.LogInformation("Database {DataSource} ready; the seed added {Rows} rows", db.Database.GetDbConnection().DataSource, added);
    }

    /// <summary>Journal mode WAL is stored in the file: set once here, before anything else writes (see <see cref="SqliteDurability"/>).</summary>
    private static async Task UseWriteAheadLogAsync(ClaimTrackerDbContext db, ILogger logger, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var mode = await SqliteDurability.UseWriteAheadLogAsync(db.Database.GetDbConnection(), ct);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase) && !string.Equals(mode, "memory", StringComparison.OrdinalIgnoreCase))
            {
                // Still safe (SQLite keeps its rollback journal), but readers then wait for writers and backups block saves.
                logger.LogWarning("The database {DataSource} could not switch to write-ahead logging and stays in journal mode {Mode}; "
                    + "its file system may not support it (a network share?)", db.Database.GetDbConnection().DataSource, mode);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
