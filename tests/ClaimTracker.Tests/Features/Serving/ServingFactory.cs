using System.Net;
using ClaimTracker.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Serving;

/// <summary>
/// The app in a chosen environment with chosen settings, where each request says which machine it comes from
/// (<see cref="PeerHeader"/>): the in-memory test server has no sockets, so no remote address of its own.
/// </summary>
public abstract class ServingFactory : ClaimTrackerFactory
{
    /// <summary>The address the request appears to come from; without it, <see cref="DefaultPeer"/>.</summary>
    public const string PeerHeader = "X-Test-Peer";

    /// <summary>A documentation address (RFC 5737), on no list of proxies.</summary>
    public const string DefaultPeer = "192.0.2.1";

    protected abstract string Environment { get; }

    protected abstract IReadOnlyDictionary<string, string> Settings { get; }

    protected override bool StartsFromSeededTemplate => base.StartsFromSeededTemplate && Environment == "Development";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerStartupFilter>());
    }

    /// <summary>Runs before the app's own pipeline, so the forwarded-headers middleware sees this as the connection's peer.</summary>
    private sealed class PeerStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[PeerHeader].FirstOrDefault() ?? DefaultPeer);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

internal static class SetCookies
{
    /// <summary>The Set-Cookie header of the named cookie (the name's start is enough: antiforgery cookies carry a suffix).</summary>
    public static string Get(HttpResponseMessage response, string namePrefix)
    {
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var cookies), $"no Set-Cookie on {response.RequestMessage?.RequestUri}");
        return Assert.Single(cookies, c => c.StartsWith(namePrefix, StringComparison.Ordinal));
    }

    public static bool IsSecure(string setCookie) =>
        setCookie.Split(';', StringSplitOptions.TrimEntries).Any(a => a.Equals("secure", StringComparison.OrdinalIgnoreCase));
}
