using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// The whole app over a database file the test chooses and keeps (unlike <see cref="ClaimTrackerFactory"/>, whose file
/// lives and dies with it): for tests that stop an app and start another on the same file, as a restore or a crash does.
/// </summary>
public sealed class FileDatabaseApp(string databasePath, bool pooling = false, bool logToStandardError = false) : WebApplicationFactory<Program>
{
    public string DatabasePath => databasePath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // Without pooling no connection outlives the app, so the file can be replaced between two apps.
        builder.UseSetting($"ConnectionStrings:{DatabaseSetup.ConnectionStringName}", $"Data Source={databasePath};Pooling={pooling}");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Demo accounts allowed outright. Left to decide by address, the gate locks them before the server starts and
        // unlocks them after, rewriting their rows at every start; these tests compare a file before and after a start.
        builder.UseSetting(DemoAccountGate.Setting, "true");
        if (logToStandardError)
        {
            // A child process keeps its standard output for the lines its parent reads.
            builder.ConfigureLogging(logging => logging.ClearProviders().AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        }
    }

    /// <summary>Starts the app (it migrates and seeds the file) and returns its services.</summary>
    public IServiceProvider Start() => Services;
}
