using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ClaimTracker.Web.Features.Serving;

/// <summary>
/// Which reverse proxies may tell the app who the client is (<c>X-Forwarded-For</c>) and whether it came over
/// HTTPS (<c>X-Forwarded-Proto</c>). Only these: anyone else can send the same headers, and believing them would let
/// a client pick its own address (and so its own sign-in rate-limit bucket) or pretend to be on HTTPS.
/// </summary>
public static class KnownProxies
{
    public const string ProxiesSetting = "ClaimTracker:KnownProxies";
    public const string NetworksSetting = "ClaimTracker:KnownNetworks";

    /// <summary>
    /// The forwarded-headers options for the configured proxies, or null when none is configured (then the headers
    /// are ignored). A value that is not an address or a network stops start-up, naming it.
    /// </summary>
    public static ForwardedHeadersOptions? Options(IConfiguration configuration)
    {
        var proxies = Values(configuration, ProxiesSetting).Select(v => IPAddress.TryParse(v, out var ip)
            ? ip
            : throw new InvalidOperationException($"{ProxiesSetting}: \"{v}\" is not an IP address (e.g. 10.0.0.5 or fd00::5)."))
            .ToList();
        var networks = Values(configuration, NetworksSetting).Select(v => System.Net.IPNetwork.TryParse(v, out var network)
            ? network
            : throw new InvalidOperationException($"{NetworksSetting}: \"{v}\" is not a network in CIDR notation (e.g. 10.0.0.0/24)."))
            .ToList();
        if (proxies.Count == 0 && networks.Count == 0)
        {
            // The middleware must not run at all then: with both lists empty it would believe every sender.
            return null;
        }

        var options = new ForwardedHeadersOptions
        {
            // Not X-Forwarded-Host: the proxy passes the public name in Host itself, and AllowedHosts checks that.
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // No limit on the chain: entries are taken from the right while the hop that added them is a known proxy,
            // so a load balancer plus nginx works, and whatever a client wrote itself (leftmost) stays untrusted.
            ForwardLimit = null,
        };
        // The defaults trust loopback (127.0.0.0/8 and ::1). Cleared on purpose: a proxy on this machine is trusted only
        // when listed, and nothing else running here (or reaching the app through a local tunnel) can speak for clients.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(proxy);
        }
        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(network);
        }
        return options;
    }

    /// <summary>Accepts a list in either form: <c>"10.0.0.5, 10.0.0.6"</c> (one string) or an array (<c>…:0</c>, <c>…:1</c>).</summary>
    private static IEnumerable<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        return new[] { section.Value }.Concat(section.GetChildren().Select(c => c.Value))
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
