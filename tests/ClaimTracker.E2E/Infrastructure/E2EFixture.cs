using System.Collections.Concurrent;
using ClaimTracker.Web.Data;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClaimTracker.E2E.Infrastructure;

/// <summary>
/// The one server and one browser every browser test shares (see <see cref="E2ECollection"/>),
/// plus the helpers the tests use. Starting the app and Chromium once keeps the suite fast;
/// each page still gets its own browser context, so cookies and storage never leak between tests.
/// </summary>
public sealed class E2EFixture : IAsyncLifetime
{
    /// <summary>Generous enough for a cold CI machine; a healthy circuit connects in well under a second.</summary>
    public static readonly TimeSpan InteractiveTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<IPage, ConcurrentQueue<string>> _browserErrors = new();
    // The contexts of the test running now. Browser tests run one at a time (one collection, no parallelism inside it),
    // so every context open at a test's end is that test's own.
    private readonly ConcurrentQueue<IBrowserContext> _openContexts = new();

    public AppServerFixture Server { get; } = new();

    public BrowserFixture Browser { get; } = new();

    public string BaseUrl => Server.BaseUrl;

    public async Task InitializeAsync()
    {
        // Every Expect(...) waits for the page to reach a state. Playwright's default ceiling of 5 s is a fixed time in
        // disguise: on a CI machine whose two cores are busy with other work, a debounced search answered over the circuit
        // (the relation dialog's autocomplete) took longer than that. The ceiling only bounds how long a broken page is
        // waited for; a healthy page still passes as soon as the state is reached.
        Assertions.SetDefaultExpectTimeout((float)InteractiveTimeout.TotalMilliseconds);
        // The browser first: a missing Chromium is the likelier failure on a fresh machine, and its message is the clearer one.
        await Browser.InitializeAsync();
        await Server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await CloseOpenContextsAsync();
        await Browser.DisposeAsync();
        await Server.DisposeAsync();
    }

    /// <summary>
    /// A page in a fresh browser context whose base URL is the test server, so tests pass paths like <c>/claims</c>.
    /// The context is closed when the test ends (see <see cref="BrowserTest"/>).
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800) =>
        await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });

    /// <summary>A phone: 390×844, touch and no mouse, in the given time zone (the server's, UTC, when null).</summary>
    public Task<IPage> NewPhonePageAsync(string? timezoneId = null) =>
        NewPageAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 1,
            TimezoneId = timezoneId,
        });

    /// <summary>A page in a context made with <paramref name="options"/>; its base URL is the test server unless they name another.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions options)
    {
        options.BaseURL ??= BaseUrl;
        var context = await Browser.Browser.NewContextAsync(options);
        _openContexts.Enqueue(context);
        var page = await context.NewPageAsync();

        // Kept so that a page that never becomes interactive can say why (a JS error, a failed circuit).
        var errors = _browserErrors.GetOrAdd(page, _ => new ConcurrentQueue<string>());
        page.Console += (_, message) =>
        {
            // Chromium fetches /favicon.ico on its own, whatever the page links; its 404 is not the page's error.
            // Location reads "url:line:column".
            var fromFavicon = message.Location.Contains("/favicon.ico:", StringComparison.Ordinal);
            if (message.Type is "error" or "warning" && !fromFavicon)
            {
                errors.Enqueue($"console.{message.Type}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => errors.Enqueue($"page error: {error}");
        page.Close += (_, _) => _browserErrors.TryRemove(page, out _);
        return page;
    }

    /// <summary>
    /// Closes every browser context opened since the last call. A page left open keeps its Blazor circuit alive on the
    /// server, and every live circuit re-renders on each change any later test makes: a run that kept them all (175 by
    /// the end) spent most of its time rendering pages no test looked at any more.
    /// </summary>
    public async Task CloseOpenContextsAsync()
    {
        while (_openContexts.TryDequeue(out var context))
        {
            await context.CloseAsync();
        }
    }

    /// <summary>
    /// Runs <paramref name="query"/> on the test server's own database, through the app's context factory: to set up
    /// records of a test's own, or to read back exactly what a page stored.
    /// </summary>
    public async Task<T> QueryAsync<T>(Func<ClaimTrackerDbContext, Task<T>> query)
    {
        var factory = Server.Services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>Console errors, warnings and uncaught exceptions this page has seen so far.</summary>
    public IReadOnlyList<string> BrowserErrors(IPage page) =>
        _browserErrors.TryGetValue(page, out var errors) ? [.. errors] : [];

    /// <summary>
    /// Navigates and waits until the Blazor Server circuit is live. Until then the page is prerendered HTML:
    /// it looks finished, but clicks and typing are silently lost. MainLayout renders a hidden
    /// <c>[data-interactive]</c> marker from <c>RendererInfo.IsInteractive</c>: "false" in the prerender,
    /// "true" once the circuit has rendered it. Returns the navigation response, for its status.
    /// </summary>
    public async Task<IResponse> GotoAndWaitForInteractiveAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load })
            ?? throw new InvalidOperationException($"Navigating to {path} produced no response.");
        try
        {
            // blazor.web.js defines window.Blazor; without it the marker can never flip.
            await page.WaitForFunctionAsync("() => window.Blazor !== undefined", null,
                new PageWaitForFunctionOptions { Timeout = (float)InteractiveTimeout.TotalMilliseconds });
            // State Attached, not the default Visible: the marker is hidden and would never count as visible.
            await page.WaitForSelectorAsync("[data-interactive='true']",
                new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = (float)InteractiveTimeout.TotalMilliseconds });
        }
        catch (TimeoutException ex)
        {
            var marker = await page.EvaluateAsync<string?>(
                "() => document.querySelector('[data-interactive]')?.getAttribute('data-interactive') ?? null");
            var errors = BrowserErrors(page);
            throw new TimeoutException(
                $"{path} did not become interactive within {InteractiveTimeout.TotalSeconds:0}s (HTTP {response.Status}). " +
                (marker is null
                    ? "No [data-interactive] marker is on the page: MainLayout must render it. "
                    : $"The marker says data-interactive=\"{marker}\". ") +
                (errors.Count == 0 ? "The browser reported no errors." : "Browser errors:\n  " + string.Join("\n  ", errors)),
                ex);
        }
        return response;
    }

    /// <summary>Waits until the circuit of the page already loaded is live (after a form post or a full navigation).</summary>
    public async Task WaitForInteractiveAsync(IPage page) =>
        await page.WaitForSelectorAsync("[data-interactive='true']",
            new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = (float)InteractiveTimeout.TotalMilliseconds });

    /// <summary>Signs in a demo account (see <see cref="Demo"/>) through the real login form.</summary>
    public Task SignInAsync(IPage page, string email) => SignInAsync(page, email, Demo.Password);

    /// <summary>
    /// Signs in through the real login form of the server the page's context is for (its base URL); the page ends on
    /// the home page with a live circuit.
    /// </summary>
    public async Task SignInAsync(IPage page, string email, string password)
    {
        // The sign-in page is static HTML: it takes typing as soon as it has loaded, with no circuit to wait for.
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Commit, not the default Load: what a test needs is the live circuit, waited for next. The load event also waits
        // for every stylesheet, script and font, and on a loaded machine once took longer than the ceiling on its own.
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal),
            new PageWaitForURLOptions { Timeout = (float)InteractiveTimeout.TotalMilliseconds, WaitUntil = WaitUntilState.Commit });
        await WaitForInteractiveAsync(page);
    }

    /// <summary>
    /// Types <paramref name="typed"/> into a list's actor filter (labelled "Actor", found by typing) and waits until the
    /// list it offers is the one actor <paramref name="name"/>. Returns the filter and that offer, for the test to choose.
    /// </summary>
    public static async Task<(ILocator Filter, ILocator Offered)> OfferActorAsync(IPage page, string typed, string name)
    {
        var filter = page.GetByLabel("Actor", new() { Exact = true });
        await filter.ClickAsync();
        await filter.FillAsync(typed);
        await Assertions.Expect(filter).ToHaveValueAsync(typed);
        // The list narrows to the one actor whose name or role holds the letters typed.
        var offered = page.Locator(".mud-popover-open .mud-list-item");
        await Assertions.Expect(offered).ToHaveCountAsync(1);
        await Assertions.Expect(offered).ToHaveTextAsync(name);
        return (filter, offered);
    }

    /// <summary>
    /// Back to a desktop window after a look at phone width, once the layout has followed: the menu drawer opens again a
    /// server round trip after the resize and moves the page right by its width, so a click aimed before that landed
    /// beside its button ("Save draft" was missed and the test waited for a draft that was never saved).
    /// </summary>
    public static async Task ResizeToDesktopAsync(IPage page, int width = 1366, int height = 900)
    {
        await page.SetViewportSizeAsync(width, height);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeInViewportAsync();
    }

    /// <summary>Saves a full-page PNG to <c>tests/ClaimTracker.E2E/screenshots/{name}.png</c> and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(RepositoryRoot.Path, "tests", "ClaimTracker.E2E", "screenshots");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, name.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? name : name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        return file;
    }

    /// <summary>Runs axe-core on the page and fails, listing every rule broken, if any violation is serious or critical.</summary>
    public static Task AssertNoSeriousAxeViolationsAsync(IPage page) => AssertNoAxeViolationsAsync(page, seriousOnly: true);

    /// <summary>
    /// Runs axe-core with every rule it runs by default (WCAG A and AA and its best practices, such as landmarks and
    /// heading order) and fails, listing every rule broken, on any violation at all, or on the serious and critical only.
    /// </summary>
    public static async Task AssertNoAxeViolationsAsync(IPage page, bool seriousOnly = false)
    {
        var result = await page.RunAxe();
        var serious = result.Violations
            .Where(v => !seriousOnly || v.Impact is "serious" or "critical")
            .ToList();
        if (serious.Count == 0)
        {
            return;
        }

        var report = string.Join("\n", serious.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}\n    {v.HelpUrl}\n" +
            string.Join("\n", v.Nodes.Select(n => $"    at {n.Target}"))));
        Assert.Fail($"{serious.Count} accessibility violation(s){(seriousOnly ? ", serious or critical," : "")} on {page.Url}:\n{report}");
    }
}
