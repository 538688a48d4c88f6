using Microsoft.AspNetCore.Hosting.Server;

namespace ClaimTracker.Web.Features.Serving;

/// <summary>
/// Once the server listens, says which production settings are missing, so an install that forgot one finds out
/// from the log on the first start rather than from a wrong link or a shared rate limit later.
/// </summary>
public sealed class ServingStartupReport(
    IServer server, IConfiguration configuration, IWebHostEnvironment environment, PublicBaseUrl publicBaseUrl,
    ILogger<ServingStartupReport> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        foreach (var warning in Warnings(configuration, environment.IsDevelopment(), publicBaseUrl))
        {
            logger.LogWarning("{Warning}", warning);
        }
        var addresses = ServerAddresses.Of(server);
        if (NothingMakesRequestsHttps(configuration, environment.IsDevelopment(), addresses))
        {
            logger.LogWarning(
                "Listening on plain HTTP only, with no {ProxiesSetting}, {NetworksSetting} or https_port: outside Development sign-in and "
                + "forms need HTTPS (their cookies are Secure), and readers who try them get a page saying so. Serve the app through a "
                + "TLS proxy listed in {ProxiesSetting}, or give it an HTTPS endpoint.",
                KnownProxies.ProxiesSetting, KnownProxies.NetworksSetting, KnownProxies.ProxiesSetting);
        }
        if (KnownProxies.Options(configuration) is null && !ServerAddresses.AreAllLoopback(addresses))
        {
            logger.LogInformation(
                "No {ProxiesSetting} or {NetworksSetting}: X-Forwarded-For and X-Forwarded-Proto are ignored, and every client is the address it connects from.",
                KnownProxies.ProxiesSetting, KnownProxies.NetworksSetting);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Outside Development, no request can be HTTPS: no HTTPS endpoint, no port to redirect plain HTTP to, and no proxy
    /// whose X-Forwarded-Proto is believed.
    /// </summary>
    public static bool NothingMakesRequestsHttps(IConfiguration configuration, bool isDevelopment, IEnumerable<string> addresses) =>
        !isDevelopment
        && KnownProxies.Options(configuration) is null
        && string.IsNullOrEmpty(configuration["https_port"])
        && !addresses.Any(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase));

    public static IEnumerable<string> Warnings(IConfiguration configuration, bool isDevelopment, PublicBaseUrl publicBaseUrl)
    {
        // The framework's own switch: it clears the known proxies and believes forwarded headers from any sender.
        if (configuration.GetValue<bool>("FORWARDEDHEADERS_ENABLED"))
        {
            yield return "ASPNETCORE_FORWARDEDHEADERS_ENABLED is set: ASP.NET Core then believes X-Forwarded-For from any sender. "
                + $"Remove it and list the proxies in {KnownProxies.ProxiesSetting} or {KnownProxies.NetworksSetting}.";
        }
        if (isDevelopment)
        {
            yield break;
        }
        if (!publicBaseUrl.IsConfigured)
        {
            yield return $"{PublicBaseUrl.Setting} is not set: absolute links (ClaimReview JSON-LD, annotation ids) use {publicBaseUrl.Root}, "
                + "the address the server listens on. Set it to the address readers use, e.g. https://claims.example.org/.";
        }
        if (configuration["AllowedHosts"] is null or "" or "*")
        {
            yield return "AllowedHosts is \"*\": requests for any host name are answered. Set it to the public host name, e.g. AllowedHosts=claims.example.org.";
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
