using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Serving;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;

namespace ClaimTracker.Web.Features.Accounts;

/// <summary>
/// The demo accounts' password is published in the README, so they may only answer where no one else can reach
/// them: in Development with every address the server listens on a loopback one (and no proxy configured in front),
/// unless <see cref="Setting"/> says otherwise (<c>true</c> turns them on anywhere, <c>false</c> off everywhere).
/// <para>
/// Decided from the addresses the server reports once it listens, not from <c>urls</c> and its relatives: those are
/// several settings plus listeners set in code, and only the server knows which won. Until it has decided, the
/// demo accounts are locked: before the server starts, any that an earlier run created are locked out; after it has
/// started, they are created and unlocked only if they are allowed. A sign-in check per request (refusing non-loopback
/// clients) was the other way, but behind a proxy on the same machine every client looks like loopback.
/// </para>
/// </summary>
public static class DemoAccountGate
{
    public const string Setting = "ClaimTracker:DemoAccounts";

    /// <summary>The lockout the gate sets, told apart from a lockout for wrong passwords (which ends).</summary>
    private static readonly DateTimeOffset Locked = DateTimeOffset.MaxValue;

    /// <summary><c>true</c>, <c>false</c>, or null when unset (then decided by environment and addresses).</summary>
    public static bool? Configured(IConfiguration configuration) => configuration.GetValue<bool?>(Setting);

    public static bool Allowed(bool? configured, bool isDevelopment, IEnumerable<string> serverAddresses, bool proxyConfigured) =>
        configured ?? (isDevelopment && !proxyConfigured && ServerAddresses.AreAllLoopback(serverAddresses));

    /// <summary>
    /// Before the server listens: with the setting <c>true</c> the accounts are made ready now; otherwise any that
    /// exist are locked until <see cref="DemoAccountStartup"/> has seen where the server listens.
    /// </summary>
    public static async Task BeforeServerStartAsync(IServiceProvider services, IConfiguration configuration)
    {
        if (Configured(configuration) == true)
        {
            await EnableAsync(services, configuration);
        }
        else
        {
            await LockAsync(services, signOut: false);
        }
    }

    /// <summary>Creates the missing demo accounts and lifts the gate's lock from existing ones.</summary>
    public static async Task EnableAsync(IServiceProvider services, IConfiguration configuration)
    {
        await AccountSeeding.EnsureDemoAccountsAsync(services,
            configuration[AccountSeeding.DemoPasswordSetting] ?? AccountSeeding.DefaultDemoPassword);
        var users = services.GetRequiredService<UserManager<AppUser>>();
        foreach (var (email, _, _) in AccountSeeding.DemoAccounts)
        {
            if (await users.FindByEmailAsync(email) is { } user && user.LockoutEnd == Locked)
            {
                AccountSeeding.Check(await users.SetLockoutEndDateAsync(user, null), $"unlocking {email}");
            }
        }
    }

    /// <summary>
    /// Locks out every existing demo account, so no password opens it. With <paramref name="signOut"/> their
    /// security stamps change too, so a cookie an earlier run issued stops working when it is next validated.
    /// Returns how many exist.
    /// </summary>
    public static async Task<int> LockAsync(IServiceProvider services, bool signOut)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var found = 0;
        foreach (var (email, _, _) in AccountSeeding.DemoAccounts)
        {
            if (await users.FindByEmailAsync(email) is not { } user)
            {
                continue;
            }
            found++;
            if (!user.LockoutEnabled)
            {
                AccountSeeding.Check(await users.SetLockoutEnabledAsync(user, true), $"lockout for {email}");
            }
            if (user.LockoutEnd != Locked)
            {
                AccountSeeding.Check(await users.SetLockoutEndDateAsync(user, Locked), $"locking {email}");
            }
            if (signOut)
            {
                AccountSeeding.Check(await users.UpdateSecurityStampAsync(user), $"signing out {email}");
            }
        }
        return found;
    }
}

/// <summary>Once the server listens, enables or keeps locking the demo accounts (<see cref="DemoAccountGate"/>).</summary>
public sealed class DemoAccountStartup(
    IServiceScopeFactory scopes, IServer server, IConfiguration configuration, IWebHostEnvironment environment,
    ILogger<DemoAccountStartup> logger) : IHostedLifecycleService
{
    // StartedAsync runs after the server has bound its addresses and before the host reports itself started, so a
    // test (or anything waiting for the start) finds the decision made.
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = ServerAddresses.Of(server);
        var configured = DemoAccountGate.Configured(configuration);
        var proxy = KnownProxies.Options(configuration) is not null;
        await using var scope = scopes.CreateAsyncScope();
        if (DemoAccountGate.Allowed(configured, environment.IsDevelopment(), addresses, proxy))
        {
            await DemoAccountGate.EnableAsync(scope.ServiceProvider, configuration);
            if (configured == true && !ServerAddresses.AreAllLoopback(addresses))
            {
                logger.LogWarning("{Setting} is true: the demo accounts, whose password is published, can sign in from any machine that reaches {Addresses}.",
                    DemoAccountGate.Setting, string.Join(", ", addresses));
            }
            return;
        }
        var locked = await DemoAccountGate.LockAsync(scope.ServiceProvider, signOut: true);
        if (locked > 0 || (environment.IsDevelopment() && configured is null))
        {
            logger.LogWarning(
                "Demo accounts are off ({Locked} existing ones locked): they answer only in Development on loopback addresses with no proxy configured, "
                + "and this server listens on {Addresses}{Proxy}. Set {Setting}=true to allow them anyway.",
                locked, string.Join(", ", addresses), proxy ? " behind a configured proxy" : "", DemoAccountGate.Setting);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
