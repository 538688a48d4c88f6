using System.Net;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Serving;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClaimTracker.Tests.Features.Serving;

/// <summary>Development behind a proxy at 10.0.0.1 and a load-balancer network 10.1.0.0/16, with three sign-ins a minute.</summary>
public sealed class BehindProxyFactory : ServingFactory
{
    public const string Proxy = "10.0.0.1";
    public const string ProxyInNetwork = "10.1.2.3";

    protected override string Environment => "Development";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [KnownProxies.ProxiesSetting] = Proxy,
        [KnownProxies.NetworksSetting] = "10.1.0.0/16",
        [AccountEndpoints.AttemptsPerMinuteSetting] = "3",
        // A configured proxy turns the demo accounts off (other machines reach the app); one is needed here to sign in.
        [DemoAccountGate.Setting] = "true",
    };
}

/// <summary>Only a network configured, no single proxy: the list of networks alone must still shut everyone else out.</summary>
public sealed class BehindProxyNetworkFactory : ServingFactory
{
    protected override string Environment => "Development";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [$"{KnownProxies.NetworksSetting}:0"] = "10.1.0.0/16",
    };
}

[BothEngines]
public class ForwardedHeadersTests(BehindProxyFactory app) : IClassFixture<BehindProxyFactory>
{
    private const string WrongPassword = "not-the-password";

    /// <summary>A browser whose requests reach the app from <paramref name="peer"/>, claiming to be <paramref name="forwardedFor"/>.</summary>
    private HttpClient Client(string peer, string? forwardedFor = null, string? forwardedProto = null)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(ServingFactory.PeerHeader, peer);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }
        if (forwardedProto is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        }
        return client;
    }

    /// <summary>A wrong sign-in names no account, so the many attempts here lock no one out; the right one is the editor's.</summary>
    private static async Task<string> SignInAsync(HttpClient client, string? password = null) =>
        (await Http.PostLoginAsync(client, password is null ? "nobody@newsroom.test" : "editor@claimtracker.test", password ?? WrongPassword))
            .Headers.Location?.ToString() ?? "";

    [Fact]
    public async Task Behind_a_known_proxy_each_client_has_its_own_sign_in_allowance()
    {
        // The same client, first through the proxy, then through a load balancer in the known network.
        var first = Client(BehindProxyFactory.Proxy, "203.0.113.10");
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("error=invalid", await SignInAsync(first));
        }
        Assert.Contains("error=rate-limited", await SignInAsync(first));
        Assert.Contains("error=rate-limited", await SignInAsync(Client(BehindProxyFactory.ProxyInNetwork, "203.0.113.10")));

        // Another client behind the same proxy is not held back by the first one's attempts.
        var second = Client(BehindProxyFactory.Proxy, "203.0.113.11");
        Assert.Equal("/", await SignInAsync(second, AccountSeeding.DefaultDemoPassword));
    }

    [Fact]
    public async Task A_client_cannot_escape_the_limit_by_writing_its_own_X_Forwarded_For()
    {
        // Through the proxy, what the client wrote itself sits left of what the proxy appended: only the proxy's entry counts.
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("error=invalid", await SignInAsync(Client(BehindProxyFactory.Proxy, $"198.18.0.{i}, 203.0.113.20")));
        }
        Assert.Contains("error=rate-limited", await SignInAsync(Client(BehindProxyFactory.Proxy, "198.18.0.99, 203.0.113.20")));
    }

    [Fact]
    public async Task From_an_unlisted_address_X_Forwarded_For_is_ignored()
    {
        // A different forwarded address on every attempt, all from one machine that is no known proxy: one bucket.
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("error=invalid", await SignInAsync(Client("198.51.100.7", $"203.0.113.{30 + i}")));
        }
        Assert.Contains("error=rate-limited", await SignInAsync(Client("198.51.100.7", "203.0.113.99")));
        // Loopback is not trusted by default either.
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("error=invalid", await SignInAsync(Client("127.0.0.1", $"203.0.113.{40 + i}")));
        }
        Assert.Contains("error=rate-limited", await SignInAsync(Client("127.0.0.1", "203.0.113.98")));
    }

    [Fact]
    public async Task The_scheme_a_known_proxy_reports_is_the_request_scheme()
    {
        // In Development a cookie is Secure when the request is HTTPS: the antiforgery cookie shows which scheme the app saw.
        var viaProxy = await Client(BehindProxyFactory.Proxy, "203.0.113.50", "https").GetAsync("/account/login");
        var spoofed = await Client("198.51.100.8", "203.0.113.51", "https").GetAsync("/account/login");
        var plain = await Client(BehindProxyFactory.Proxy, "203.0.113.52").GetAsync("/account/login");

        Assert.True(SetCookies.IsSecure(SetCookies.Get(viaProxy, ".AspNetCore.Antiforgery.")));
        Assert.False(SetCookies.IsSecure(SetCookies.Get(spoofed, ".AspNetCore.Antiforgery.")));
        Assert.False(SetCookies.IsSecure(SetCookies.Get(plain, ".AspNetCore.Antiforgery.")));
    }
}

public class ForwardedHeadersNetworkOnlyTests(BehindProxyNetworkFactory app) : IClassFixture<BehindProxyNetworkFactory>
{
    private async Task<bool> SecureAsync(string peer)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ServingFactory.PeerHeader, peer);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.60");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var response = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return SetCookies.IsSecure(SetCookies.Get(response, ".AspNetCore.Antiforgery."));
    }

    [Fact]
    public async Task A_network_given_as_a_list_is_believed_and_nothing_outside_it_is()
    {
        Assert.True(await SecureAsync("10.1.200.9"));
        Assert.False(await SecureAsync("10.2.0.1"));
        Assert.False(await SecureAsync("::1"));
    }
}
