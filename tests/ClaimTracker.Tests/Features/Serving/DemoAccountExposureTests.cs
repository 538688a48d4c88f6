using System.Net;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Serving;

/// <summary>
/// The app on real Kestrel, listening where a test says, over a database file that may outlive one start
/// (as a developer's database does between runs).
/// </summary>
public sealed class KestrelApp(string databasePath, string environment, IReadOnlyDictionary<string, string> settings) : ClaimTrackerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:ClaimTracker", $"Data Source={databasePath};Pooling=False");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Starts on <paramref name="address"/> with a free port; returns a client for it over loopback.</summary>
    public static KestrelApp Start(IPAddress address, string databasePath, string environment = "Development", IReadOnlyDictionary<string, string>? settings = null)
    {
        var app = new KestrelApp(databasePath, environment, settings ?? new Dictionary<string, string>());
        app.UseKestrel(kestrel => kestrel.Listen(address, 0));
        app.StartServer();
        return app;
    }

    public IReadOnlyList<string> Addresses =>
        Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();

    /// <summary>Signs in over a real socket, through 127.0.0.1; returns where the app sends the browser.</summary>
    public async Task<string> SignInAsync(string email, string password)
    {
        var port = new Uri(Addresses[0].Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)).Port;
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var response = await Http.PostLoginAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location?.ToString() ?? "";
    }

    public async Task<AppUser?> FindAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
    }
}

/// <summary>
/// The demo accounts answer only where no other machine reaches them: Development listening on loopback, or
/// ClaimTracker:DemoAccounts=true. Real Kestrel, because the question is where the server listens.
/// </summary>
public sealed class DemoAccountExposureTests : IDisposable
{
    private const string Admin = "admin@claimtracker.test";
    private readonly TempDirectory _dir = new();

    private string Database => _dir.File("demo.db");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Development_on_every_interface_has_no_demo_accounts()
    {
        await using var app = KestrelApp.Start(IPAddress.Any, Database);

        Assert.StartsWith("http://0.0.0.0:", app.Addresses[0]);
        Assert.Contains("/account/login?error=", await app.SignInAsync(Admin, AccountSeeding.DefaultDemoPassword));
        foreach (var (email, _, _) in AccountSeeding.DemoAccounts)
        {
            Assert.Null(await app.FindAsync(email));
        }
    }

    [Fact]
    public async Task Demo_accounts_from_a_loopback_run_are_locked_when_the_app_next_listens_on_the_network_and_back_after()
    {
        string stampOnLoopback;
        await using (var loopback = KestrelApp.Start(IPAddress.Loopback, Database))
        {
            Assert.Equal("/", await loopback.SignInAsync(Admin, AccountSeeding.DefaultDemoPassword));
            stampOnLoopback = (await loopback.FindAsync(Admin))!.SecurityStamp!;
        }

        await using (var exposed = KestrelApp.Start(IPAddress.Any, Database))
        {
            Assert.Contains("/account/login?error=", await exposed.SignInAsync(Admin, AccountSeeding.DefaultDemoPassword));
            var admin = await exposed.FindAsync(Admin);
            Assert.Equal(DateTimeOffset.MaxValue, admin!.LockoutEnd);
            // A cookie the loopback run issued stops working when it is next validated.
            Assert.NotEqual(stampOnLoopback, admin.SecurityStamp);
        }

        await using var again = KestrelApp.Start(IPAddress.Loopback, Database);
        Assert.Equal("/", await again.SignInAsync(Admin, AccountSeeding.DefaultDemoPassword));
    }

    [Fact]
    public async Task DemoAccounts_true_turns_them_on_even_on_every_interface()
    {
        await using var app = KestrelApp.Start(IPAddress.Any, Database,
            settings: new Dictionary<string, string> { [DemoAccountGate.Setting] = "true" });

        Assert.Equal("/", await app.SignInAsync("editor@claimtracker.test", AccountSeeding.DefaultDemoPassword));
    }

    [Fact]
    public async Task DemoAccounts_false_turns_them_off_even_on_loopback()
    {
        await using var app = KestrelApp.Start(IPAddress.Loopback, Database,
            settings: new Dictionary<string, string> { [DemoAccountGate.Setting] = "false" });

        Assert.Contains("/account/login?error=", await app.SignInAsync(Admin, AccountSeeding.DefaultDemoPassword));
        Assert.Null(await app.FindAsync(Admin));
    }
}
