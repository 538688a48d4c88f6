using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ClaimTracker.Web.Features.Serving;

/// <summary>
/// The addresses the server actually listens on, as it reports them once started. Read after start rather than
/// worked out from <c>urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>, <c>Kestrel:Endpoints</c> or
/// listeners set in code: whichever of those won, the server's own list is the truth.
/// </summary>
public static class ServerAddresses
{
    /// <summary>The bound addresses, e.g. <c>http://127.0.0.1:5153</c> or <c>http://0.0.0.0:8080</c>; empty before start.</summary>
    public static IReadOnlyList<string> Of(IServer server) =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    /// <summary>
    /// True when no other machine can reach these addresses: every one is a loopback address or <c>localhost</c>.
    /// An empty list means no socket at all (the in-memory test server), which no other machine reaches either.
    /// A wildcard (<c>0.0.0.0</c>, <c>[::]</c>), a host name, a LAN address or a Unix socket (there for a proxy) is not.
    /// </summary>
    public static bool AreAllLoopback(IEnumerable<string> addresses) => addresses.All(IsLoopback);

    public static bool IsLoopback(string address)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }
        if (binding.IsUnixPipe || binding.IsNamedPipe)
        {
            return false;
        }
        var host = binding.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>
    /// A site root made from the server's own addresses, for when no public base URL is configured: the first https
    /// address, else the first one; a wildcard host becomes <c>localhost</c>. <c>http://localhost/</c> when there is none.
    /// </summary>
    public static Uri SiteRoot(IEnumerable<string> addresses)
    {
        var bindings = addresses.Select(TryParse).OfType<BindingAddress>().Where(b => !b.IsUnixPipe && !b.IsNamedPipe).ToList();
        var chosen = bindings.FirstOrDefault(b => b.Scheme == Uri.UriSchemeHttps) ?? bindings.FirstOrDefault();
        if (chosen is null)
        {
            return new Uri("http://localhost/");
        }
        var host = chosen.Host is "0.0.0.0" or "[::]" or "*" or "+" ? "localhost" : chosen.Host;
        return new UriBuilder(chosen.Scheme, host.Trim('[', ']'), chosen.Port, chosen.PathBase.TrimEnd('/') + "/").Uri;
    }

    private static BindingAddress? TryParse(string address)
    {
        try
        {
            return BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
