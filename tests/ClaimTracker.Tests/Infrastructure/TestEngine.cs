using ClaimTracker.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// Which engine the tests' apps run on. SQLite unless <c>CLAIMTRACKER_TEST_DATABASE=Postgres</c>: then every
/// <see cref="ClaimTrackerFactory"/> gets a PostgreSQL database of its own on the server that
/// <c>CLAIMTRACKER_TEST_POSTGRES</c> names (a connection string without a database; ./scripts/test.sh starts a throwaway
/// server and sets both for the PostgreSQL leg, which runs the classes marked <see cref="BothEnginesAttribute"/>).
/// </summary>
public static class TestEngine
{
    public const string EngineVariable = "CLAIMTRACKER_TEST_DATABASE";
    public const string ServerVariable = "CLAIMTRACKER_TEST_POSTGRES";

    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable(EngineVariable), nameof(DatabaseEngine.Postgres), StringComparison.OrdinalIgnoreCase);

    /// <summary>The test server's connection string (no database named); a clear failure when the leg was started without one.</summary>
    public static string Server =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException($"{EngineVariable}=Postgres needs {ServerVariable}: a connection string to a PostgreSQL server "
                + "the tests may create databases on (./scripts/test.sh starts one and sets it).");

    /// <summary>
    /// For a test about PostgreSQL itself (several app instances on one database), which runs in every leg: the test
    /// server's connection string, or a failure, never a skip, that says what <paramref name="test"/> needs.
    /// </summary>
    public static string ServerFor(string test) =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException($"{test} needs a PostgreSQL server: set {ServerVariable} to a connection string, without a "
                + "database, for a server the tests may create databases on, e.g. \"Host=127.0.0.1;Port=5432;Username=postgres\" "
                + "(./scripts/test.sh starts one and sets it).");
}

/// <summary>
/// Marks a test class that runs on both engines: the PostgreSQL leg of ./scripts/test.sh runs exactly these
/// (<c>--filter Engine=Both</c>). Classes that read the SQLite file itself (backups, crash recovery, query plans, the
/// generator's raw SQL) are SQLite's alone and are not marked.
/// </summary>
[Xunit.Sdk.TraitDiscoverer("ClaimTracker.Tests.Infrastructure.BothEnginesDiscoverer", "ClaimTracker.Tests")]
[AttributeUsage(AttributeTargets.Class)]
public sealed class BothEnginesAttribute : Attribute, Xunit.Sdk.ITraitAttribute;

/// <summary>The trait behind <see cref="BothEnginesAttribute"/>.</summary>
public sealed class BothEnginesDiscoverer : Xunit.Sdk.ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(Xunit.Abstractions.IAttributeInfo traitAttribute) =>
        [new("Engine", "Both")];
}

/// <summary>
/// A database of its own on the test server, dropped with its app. Made by copying a template that was migrated and
/// seeded once per run (CREATE DATABASE … TEMPLATE: a file copy on the server, far faster than migrating), unless the
/// test brings a seed of its own.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? template;

    private PostgresTestDatabase(string name)
    {
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(TestEngine.Server) { Database = name }.ToString();
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>A new database: a copy of the seeded template, or empty (for an app that brings its own seed) .</summary>
    public static PostgresTestDatabase Create(bool seeded)
    {
        var database = new PostgresTestDatabase($"ct_test_{Guid.NewGuid():N}");
        var from = seeded ? $" TEMPLATE \"{SeededTemplate()}\"" : "";
        Execute($"CREATE DATABASE \"{database.Name}\"{from}");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        // FORCE: the app's pooled connections may still be open.
        await Task.Run(() => Execute($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)"));
    }

    private static string SeededTemplate()
    {
        TemplateGate.Wait();
        try
        {
            if (template is null)
            {
                var name = $"ct_template_{Guid.NewGuid():N}";
                Execute($"CREATE DATABASE \"{name}\"");
                var connectionString = new NpgsqlConnectionStringBuilder(TestEngine.Server) { Database = name, Pooling = false }.ToString();
                using (var app = new TemplateApp(connectionString))
                {
                    _ = app.Services; // starts the app, which migrates and seeds
                }
                // A template must have no connection open while it is copied.
                NpgsqlConnection.ClearAllPools();
                template = name;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
            return template;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestEngine.Server) { Database = "postgres", Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private sealed class TemplateApp(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting(DatabaseSetup.EngineSetting, nameof(DatabaseEngine.Postgres));
            builder.UseSetting($"ConnectionStrings:{DatabaseSetup.ConnectionStringName}", connectionString);
        }
    }
}
