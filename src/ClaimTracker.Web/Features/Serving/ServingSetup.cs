using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClaimTracker.Web.Features.Serving;

/// <summary>
/// Serving on a network, usually behind a reverse proxy that ends TLS: which proxies are believed, secure cookies,
/// HSTS, the public base URL, start-up warnings for settings a production install should not leave at defaults, and
/// memory given back after a crowd of readers (<see cref="CircuitMemoryTrimmer"/>).
/// </summary>
public static class ServingSetup
{
    /// <summary>A year, the span browsers and scanners expect of a site that is meant to stay on HTTPS.</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static IServiceCollection AddServing(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        // Parsed now, so a malformed setting stops start-up with its reason instead of failing on first use.
        var publicBaseUrl = PublicBaseUrl.Parse(configuration);
        _ = KnownProxies.Options(configuration);
        services.AddSingleton(sp => new PublicBaseUrl(sp.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>(), publicBaseUrl));

        // Outside Development every cookie the app sets is Secure, whatever scheme the request reached Kestrel with:
        // behind a proxy that ends TLS the browser talks HTTPS even when the proxy does not. In Development the cookie
        // follows the request, so the plain-http dev server and the browser tests can still sign in.
        var secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.PostConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = secure);
        services.PostConfigure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = secure);

        // Not IncludeSubDomains or preload: other hosts of the newsroom's domain are not this app's to commit to HTTPS.
        services.AddHsts(o =>
        {
            o.MaxAge = HstsMaxAge;
            o.IncludeSubDomains = false;
            o.Preload = false;
        });
        services.AddHostedService<ServingStartupReport>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CircuitMemoryTrimmer>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitMemoryTrimmer.Handler>();
        services.AddScoped<Components.Shared.ReaderClock>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, Components.Shared.ReaderClock.FromConnection>();
        // Demo accounts are a question of who can reach the server, answered once it listens.
        services.AddHostedService<Accounts.DemoAccountStartup>();
        return services;
    }

    /// <summary>
    /// Believes X-Forwarded-For and X-Forwarded-Proto from the configured proxies only; without any configured, it
    /// adds nothing and the headers are ignored. Must come first, so that everything after it (HTTPS redirection,
    /// HSTS, secure cookies, the sign-in rate limit) sees the real client address and scheme.
    /// </summary>
    public static IApplicationBuilder UseForwardedHeadersFromKnownProxies(this WebApplication app) =>
        KnownProxies.Options(app.Configuration) is { } options ? app.UseForwardedHeaders(options) : app;
}
