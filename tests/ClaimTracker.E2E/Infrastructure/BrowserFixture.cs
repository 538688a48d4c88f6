using Microsoft.Playwright;

namespace ClaimTracker.E2E.Infrastructure;

/// <summary>
/// One headless Chromium for the whole run. Playwright's own browser download does not work here,
/// so it drives the distribution's Chromium (override the path with <c>CHROMIUM_PATH</c>).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    // Each flag removes a source of flakiness or of network traffic a sandboxed CI box cannot make.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",                     // CI containers run as root, where the sandbox cannot start
        "--disable-gpu",                    // no GPU in CI
        "--disable-quic",                   // plain HTTP to loopback only
        "--no-first-run",
        "--disable-background-networking",  // no update, safe-browsing or metrics calls
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } fromEnv ? fromEnv : DefaultChromiumPath;

    public async Task InitializeAsync()
    {
        var path = ChromiumPath;
        // Fail, never skip: a browser suite that silently skips reports green while testing nothing.
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at '{path}'. Install it with 'apt-get update && apt-get install -y chromium' " +
                "(./scripts/test.sh does this), or set CHROMIUM_PATH to a Chromium executable.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}
