using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// The whole app on a PostgreSQL database the test chooses (<see cref="FileDatabaseApp"/>'s counterpart), whatever leg
/// of the tests runs: for the commands that move data between the engines.
/// </summary>
public sealed class PostgresDatabaseApp(string connectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting(DatabaseSetup.EngineSetting, nameof(DatabaseEngine.Postgres));
        builder.UseSetting($"ConnectionStrings:{DatabaseSetup.ConnectionStringName}", connectionString);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting(DemoAccountGate.Setting, "true");
    }

    /// <summary>Starts the app (it migrates and seeds the database) and returns its services.</summary>
    public IServiceProvider Start() => Services;
}
