using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.E2E.Infrastructure;

/// <summary>
/// Runs the real app on real Kestrel, on a free loopback port, against a fresh SQLite file, or against the PostgreSQL
/// database <paramref name="postgresConnectionString"/> names (which the caller made and drops).
/// A browser needs a socket: the default in-memory TestServer is unreachable from Chromium.
/// </summary>
public sealed class AppServerFixture(string? postgresConnectionString = null) : IAsyncLifetime
{
    private readonly string _databaseDirectory =
        Path.Combine(Path.GetTempPath(), "claimtracker-e2e-" + Guid.NewGuid().ToString("N"));

    private WebApplicationFactory<Program>? _factory;

    /// <summary>The server root, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public string DatabasePath => Path.Combine(_databaseDirectory, "claimtracker.db");

    /// <summary>The running app's services, for a test that prepares records of its own that no other test reads.</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The server is not started.");

    public Task InitializeAsync()
    {
        string connectionString;
        if (postgresConnectionString is null)
        {
            Directory.CreateDirectory(_databaseDirectory);
            connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString();
        }
        else
        {
            connectionString = postgresConnectionString;
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // MudBlazor's _content/ assets are served from the static web assets manifest only in Development.
            web.UseEnvironment("Development");
            // UseSetting, not ConfigureAppConfiguration: Program reads the connection string before Build().
            web.UseSetting("ConnectionStrings:ClaimTracker", connectionString);
            if (postgresConnectionString is not null)
            {
                web.UseSetting("ClaimTracker:Database", "Postgres");
            }
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            // Every browser test signs in from 127.0.0.1 against this one server; the real limit (10 a minute per
            // address) would turn later sign-ins away. The limit itself is tested over HTTP (AccountTests).
            web.UseSetting("ClaimTracker:LoginAttemptsPerMinute", "1000");
        });
        // Port 0 lets the OS pick a free port, so parallel runs and busy CI machines never collide.
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        // Starting also migrates and seeds (Program does it on start), so a broken seed fails here, loudly.
        _factory.StartServer();

        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        BaseUrl = addresses?.FirstOrDefault()?.TrimEnd('/')
            ?? throw new InvalidOperationException("Kestrel started but reported no listening address.");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        if (postgresConnectionString is not null)
        {
            return;
        }
        // Pooled SQLite connections keep the file open; release them before deleting it.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_databaseDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp file is not worth failing a test run for.
        }
    }
}
