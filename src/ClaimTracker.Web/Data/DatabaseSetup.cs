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
    /// </summary>
    public static IServiceCollection AddClaimTrackerDatabase(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName) ?? "Data Source=App_Data/claimtracker.db";
        var connectionString = ResolveDataSource(configured, environment.ContentRootPath);
        services.AddDbContextFactory<ClaimTrackerDbContext>(options => options.UseSqlite(connectionString));
        return services;
    }

    internal static string ResolveDataSource(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
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
        await db.Database.MigrateAsync(ct);
        await RequiredTriggers.VerifyAsync(db, ct);

        var seedDirectory = configuration["ClaimTracker:SeedDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "seeds");
        var seed = SeedLoader.Load(seedDirectory);
        var added = await DatabaseSeeder.SeedAsync(db, seed, ct);
        logger.LogInformation("Database {DataSource} ready; the seed added {Rows} rows", db.Database.GetDbConnection().DataSource, added);
    }
}
