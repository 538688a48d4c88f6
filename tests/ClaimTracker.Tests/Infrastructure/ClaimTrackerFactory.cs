using ClaimTracker.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// The whole app over a fresh SQLite file of its own (one per test class, as a class fixture), or in the PostgreSQL leg
/// (<see cref="TestEngine"/>) a fresh PostgreSQL database of its own. The app migrates and seeds it on start-up, from the
/// real seed unless <see cref="SeedDirectory"/> says otherwise.
/// </summary>
public class ClaimTrackerFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private PostgresTestDatabase? _postgres;

    public string DatabasePath => _dir.File("test.db");

    /// <summary>Overrides <c>ClaimTracker:SeedDirectory</c>; null keeps the app's default (the seeds beside the binaries).</summary>
    public string? SeedDirectory { get; init; }

    /// <summary>The app's database on the PostgreSQL test server, in the PostgreSQL leg; null on SQLite.</summary>
    public string? PostgresDatabase => _postgres?.Name;

    /// <summary>
    /// Whether the app's PostgreSQL database may start as a copy of the run's seeded template, which a Development app
    /// with the real seed made (demo accounts included). An app that brings its own seed, or runs in another environment
    /// (no demo accounts), starts from an empty database and migrates and seeds it itself, as on SQLite.
    /// </summary>
    protected virtual bool StartsFromSeededTemplate => SeedDirectory is null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development, so that static web assets resolve from the build output; the API does not care.
        builder.UseEnvironment("Development");
        if (TestEngine.IsPostgres)
        {
            _postgres ??= PostgresTestDatabase.Create(seeded: StartsFromSeededTemplate);
            builder.UseSetting(DatabaseSetup.EngineSetting, nameof(DatabaseEngine.Postgres));
            builder.UseSetting($"ConnectionStrings:{DatabaseSetup.ConnectionStringName}", _postgres.ConnectionString);
        }
        else
        {
            // No pooling, so no connection outlives the test class and the temp folder can be deleted.
            builder.UseSetting($"ConnectionStrings:{DatabaseSetup.ConnectionStringName}", $"Data Source={DatabasePath};Pooling=False");
        }
        if (SeedDirectory is not null)
        {
            builder.UseSetting("ClaimTracker:SeedDirectory", SeedDirectory);
        }
    }

    public ClaimTrackerDbContext CreateDbContext() =>
        Services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>().CreateDbContext();

    /// <summary>Resolves a feature service the way a component would get it: from a DI scope.</summary>
    public T GetService<T>() where T : notnull =>
        Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async Task<int> ClaimId(string key)
    {
        await using var db = CreateDbContext();
        return await db.Claims.Where(c => c.Key == key).Select(c => c.Id).SingleAsync();
    }

    public async Task<int> ActorId(string key)
    {
        await using var db = CreateDbContext();
        return await db.Actors.Where(a => a.Key == key).Select(a => a.Id).SingleAsync();
    }

    public async Task<int> SourceId(string key)
    {
        await using var db = CreateDbContext();
        return await db.Sources.Where(s => s.Key == key).Select(s => s.Id).SingleAsync();
    }

    // Start the app (migrate + seed) before the first test of the class runs.
    public virtual Task InitializeAsync()
    {
        _ = Server;
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        _dir.Dispose();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
