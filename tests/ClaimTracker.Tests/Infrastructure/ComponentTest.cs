using Bunit;
using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Data.Seeding;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// The base of every bUnit test class: MudBlazor's services, the reader's clock (UTC here), loose JS interop and an
/// interactive server renderer, as a live circuit has them. A class registers its own services in its constructor or
/// <see cref="InitializeAsync"/>; one whose components read the record calls <see cref="UseSeededDatabase"/> there.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    private string? databaseFile;

    protected ComponentTest()
    {
        Services.AddMudServices();
        Services.AddScoped<ReaderClock>();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>The factory over this test's own copy of the seeded database.</summary>
    protected IDbContextFactory<ClaimTrackerDbContext> DbFactory =>
        databaseFile is null
            ? throw new InvalidOperationException("Call UseSeededDatabase() first.")
            : Services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>();

    /// <summary>The path of this test's database file, for a service registered by hand.</summary>
    protected string DatabaseFile => databaseFile ?? throw new InvalidOperationException("Call UseSeededDatabase() first.");

    /// <summary>
    /// Registers a DbContext factory over a fresh copy of the migrated, seeded database, which the test may change
    /// freely. The copy is of one file made once per test run, so a test does not pay for migrating and seeding.
    /// </summary>
    protected void UseSeededDatabase(Action<DbContextOptionsBuilder>? configure = null)
    {
        databaseFile = Path.Combine(Path.GetTempPath(), $"claimtracker-bunit-{Guid.NewGuid():N}.db");
        File.Copy(SeededTemplate.Value.GetAwaiter().GetResult(), databaseFile);
        Services.AddDbContextFactory<ClaimTrackerDbContext>(o =>
        {
            o.UseSqlite($"Data Source={databaseFile};Pooling=false");
            configure?.Invoke(o);
        });
    }

    /// <summary>Registers the class's own services and prepares its records; nothing is rendered before it ends.</summary>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        // After the class's registrations: setting it builds bUnit's service provider, which then takes no more.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (databaseFile is not null)
        {
            File.Delete(databaseFile);
        }
    }

    /// <summary>One migrated, seeded database per test run; each test copies it.</summary>
    private static readonly Lazy<Task<string>> SeededTemplate = new(CreateSeededTemplateAsync);

    private static async Task<string> CreateSeededTemplateAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"claimtracker-bunit-template-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<ClaimTrackerDbContext>().UseSqlite($"Data Source={file};Pooling=false").Options;
        await using (var db = new ClaimTrackerDbContext(options))
        {
            await db.Database.MigrateAsync();
            await DatabaseSeeder.SeedAsync(db, SeedLoader.Load(Path.Combine(AppContext.BaseDirectory, "seeds")));
        }
        // WAL mode would leave the seed's last writes in a side file that a plain copy of the main file misses.
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(file);
        return file;
    }
}
