using Npgsql;

namespace ClaimTracker.E2E.Infrastructure;

/// <summary>
/// Two instances of the app on real Kestrel, each on a port of its own, sharing one fresh PostgreSQL database: what a
/// newsroom behind a load balancer runs. The database is made on the server <c>CLAIMTRACKER_TEST_POSTGRES</c> names
/// (./scripts/test.sh starts one and sets it) and dropped at the end. A starts first and migrates and seeds the empty
/// database; B starts once A is up, as a second instance joining a running site does.
/// </summary>
public sealed class TwoPostgresServers : IAsyncLifetime
{
    public const string ServerVariable = "CLAIMTRACKER_TEST_POSTGRES";

    private readonly string server;
    private readonly string databaseName = $"ct_e2e_{Guid.NewGuid():N}";

    public TwoPostgresServers()
    {
        // Fail, never skip: these tests are about PostgreSQL, and a run without it must say so.
        server = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException($"The browser tests of two app instances need a PostgreSQL server: set {ServerVariable} to a "
                + "connection string, without a database, for a server the tests may create databases on, e.g. "
                + "\"Host=127.0.0.1;Port=5432;Username=postgres\" (./scripts/test.sh starts one and sets it).");
        var database = new NpgsqlConnectionStringBuilder(server) { Database = databaseName }.ToString();
        A = new AppServerFixture(database);
        B = new AppServerFixture(database);
    }

    public AppServerFixture A { get; }

    public AppServerFixture B { get; }

    public async Task InitializeAsync()
    {
        await ExecuteAsync($"CREATE DATABASE \"{databaseName}\"");
        await A.InitializeAsync();
        await B.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        // FORCE: the instances' pooled connections may still be open.
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString();
        await using var connection = new NpgsqlConnection(maintenance);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
