using System.Data.Common;
using ClaimTracker.Web.Data.Postgres;
using ClaimTracker.Web.Data.Seeding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Data;

/// <summary>The database engine, chosen by <c>ClaimTracker:Database</c>.</summary>
public enum DatabaseEngine
{
    /// <summary>One file beside the app; the default, and all one newsroom desk needs.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: for several app instances, and for the operations team's backups and replicas.</summary>
    Postgres,
}

public static class DatabaseSetup
{
    public const string ConnectionStringName = "ClaimTracker";
    public const string EngineSetting = "ClaimTracker:Database";

    /// <summary>The engine the configuration asks for; a value that names none stops start-up with a message saying what may be.</summary>
    public static DatabaseEngine EngineFrom(IConfiguration configuration)
    {
        var value = configuration[EngineSetting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseEngine.Sqlite;
        }
        if (Enum.TryParse<DatabaseEngine>(value.Trim(), ignoreCase: true, out var engine) && Enum.IsDefined(engine))
        {
            return engine;
        }
        throw new InvalidOperationException($"{EngineSetting} is \"{value}\": it must be Sqlite (the default) or Postgres.");
    }

    /// <summary>
    /// Registers the DbContext factory over the configured engine (<see cref="EngineFrom"/>), the data-protection keys in
    /// the same database (so a cookie one app instance issued is honoured by every other), and the cache of the reading
    /// pages' models (<see cref="ReadModelCache"/>), which follows every commit to the database.
    /// <para>
    /// On SQLite a relative <c>Data Source</c> is taken relative to the app's content root (not the shell's working
    /// directory), so <c>dotnet run</c> from anywhere finds the same file, and every connection gets the durability pragmas
    /// (<see cref="SqliteDurability"/>). On PostgreSQL the services still ask for a <see cref="ClaimTrackerDbContext"/>,
    /// and get a <see cref="PostgresClaimTrackerDbContext"/>.
    /// </para>
    /// </summary>
    public static IServiceCollection AddClaimTrackerDatabase(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var engine = EngineFrom(configuration);
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (engine == DatabaseEngine.Postgres)
        {
            var connectionString = string.IsNullOrWhiteSpace(configured)
                ? throw new InvalidOperationException($"{EngineSetting} is Postgres, but ConnectionStrings:{ConnectionStringName} is not set: "
                    + "give the server's connection string, e.g. \"Host=db;Database=claimtracker;Username=claimtracker;Password=…\".")
                : configured;
            services.AddDbContextFactory<PostgresClaimTrackerDbContext>(options => options.UsePostgres(connectionString));
            services.AddSingleton<IDbContextFactory<ClaimTrackerDbContext>, AsClaimTrackerContext>();
            services.AddScoped<ClaimTrackerDbContext>(sp => sp.GetRequiredService<PostgresClaimTrackerDbContext>());
            services.AddSingleton<RecordVersion>(_ => new PostgresRecordVersion(connectionString));
        }
        else
        {
            var connectionString = ResolveDataSource(configured ?? "Data Source=App_Data/claimtracker.db", environment.ContentRootPath);
            services.AddDbContextFactory<ClaimTrackerDbContext>(options => options.UseSqliteFile(connectionString));
            services.AddSingleton<RecordVersion>(_ => new SqliteRecordVersion(connectionString));
        }
        services.AddSingleton(new DatabaseChoice(engine));
        services.AddSingleton<ReadModelCache>();
        // The application name is fixed so that every instance (whatever its path) reads the same keys.
        services.AddDataProtection().SetApplicationName("ClaimTracker").PersistKeysToDbContext<ClaimTrackerDbContext>();
        return services;
    }

    /// <summary>The options every SQLite context of the app is made with.</summary>
    public static DbContextOptionsBuilder UseSqliteFile(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(SqliteDurabilityInterceptor.Instance);

    /// <summary>The options every PostgreSQL context of the app is made with.</summary>
    public static DbContextOptionsBuilder UsePostgres(this DbContextOptionsBuilder options, string connectionString) =>
        // No retrying execution strategy: saves run in transactions of their own (RecordKeeping), which it cannot replay.
        options.UseNpgsql(connectionString)
            .AddInterceptors(PostgresWriteTransactions.Instance);

    /// <summary>Hands out the PostgreSQL context where the services ask for the app's context type.</summary>
    private sealed class AsClaimTrackerContext(IDbContextFactory<PostgresClaimTrackerDbContext> inner) : IDbContextFactory<ClaimTrackerDbContext>
    {
        public ClaimTrackerDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<ClaimTrackerDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
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
        if (db.Database.IsSqlite())
        {
            await UseWriteAheadLogAsync(db, logger, ct);
        }
        // Instances starting together take turns: EF Core's migrator holds a lock of its own, and on PostgreSQL so does the seeding below.
        await db.Database.MigrateAsync(ct);
        await RequiredTriggers.VerifyAsync(db, ct);

        var seedDirectory = configuration["ClaimTracker:SeedDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "seeds");
        var seed = SeedLoader.Load(seedDirectory);
        var added = await PostgresLocks.WhileHoldingAsync(db, PostgresLocks.Seeding, () => DatabaseSeeder.SeedAsync(db, seed, ct), ct);
        logger.LogInformation("Database {DataSource} ({Engine}) ready; the seed added {Rows} rows",
            DataSourceName(db), db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite", added);
    }

    /// <summary>Where the data is, for the log: the file on SQLite, host and database on PostgreSQL (never a password).</summary>
    public static string DataSourceName(ClaimTrackerDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        return db.Database.IsNpgsql() ? $"{connection.DataSource}/{connection.Database}" : connection.DataSource;
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
