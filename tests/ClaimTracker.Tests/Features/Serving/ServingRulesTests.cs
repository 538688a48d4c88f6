using System.Net;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Serving;
using Microsoft.Extensions.Configuration;

namespace ClaimTracker.Tests.Features.Serving;

/// <summary>The rules behind production serving, without a server: addresses, settings and the demo-account decision.</summary>
public class ServingRulesTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Theory]
    [InlineData("http://localhost:5153", true)]
    [InlineData("http://127.0.0.1:41234", true)]
    [InlineData("https://[::1]:5001", true)]
    [InlineData("http://127.8.9.10:80", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://192.168.1.20:8080", false)]
    [InlineData("http://claims.example.org:80", false)]
    [InlineData("http://unix:/run/claimtracker.sock", false)]
    public void Only_loopback_addresses_and_localhost_count_as_unreachable_from_elsewhere(string address, bool loopback) =>
        Assert.Equal(loopback, ServerAddresses.IsLoopback(address));

    [Fact]
    public void One_network_address_among_loopback_ones_exposes_the_server()
    {
        Assert.True(ServerAddresses.AreAllLoopback(["http://127.0.0.1:5000", "http://[::1]:5000"]));
        Assert.False(ServerAddresses.AreAllLoopback(["http://127.0.0.1:5000", "http://0.0.0.0:5001"]));
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080/")]
    [InlineData("http://[::]:8080", "http://localhost:8080/")]
    [InlineData("http://127.0.0.1:5000 https://127.0.0.1:5001", "https://127.0.0.1:5001/")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000/")]
    [InlineData("", "http://localhost/")]
    public void Without_a_public_base_url_links_use_the_servers_own_address(string addresses, string root) =>
        Assert.Equal(root, ServerAddresses.SiteRoot(addresses.Split(' ', StringSplitOptions.RemoveEmptyEntries)).AbsoluteUri);

    [Theory]
    [InlineData("https://claims.example.org", "https://claims.example.org/")]
    [InlineData("https://claims.example.org/newsroom", "https://claims.example.org/newsroom/")]
    [InlineData(" http://claims.example.org:8080/ ", "http://claims.example.org:8080/")]
    public void The_public_base_url_is_kept_with_a_trailing_slash(string value, string expected) =>
        Assert.Equal(expected, PublicBaseUrl.Parse(Config((PublicBaseUrl.Setting, value)))!.AbsoluteUri);

    [Theory]
    [InlineData("claims.example.org")]
    [InlineData("/claims")]
    [InlineData("ftp://claims.example.org/")]
    [InlineData("https://claims.example.org/?x=1")]
    [InlineData("https://user:pw@claims.example.org/")]
    public void A_public_base_url_that_is_not_an_absolute_http_address_stops_start_up(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PublicBaseUrl.Parse(Config((PublicBaseUrl.Setting, value))));
        Assert.Contains(PublicBaseUrl.Setting, error.Message);
        Assert.Contains(value, error.Message);
    }

    [Fact]
    public void No_proxy_configured_means_no_forwarded_headers_at_all()
    {
        Assert.Null(KnownProxies.Options(Config()));
        Assert.Null(PublicBaseUrl.Parse(Config()));
    }

    [Fact]
    public void Proxies_and_networks_come_from_lists_and_replace_the_loopback_defaults()
    {
        var options = KnownProxies.Options(Config(
            (KnownProxies.ProxiesSetting, "10.0.0.5, fd00::5"),
            ($"{KnownProxies.NetworksSetting}:0", "10.1.0.0/16"),
            ($"{KnownProxies.NetworksSetting}:1", "172.16.0.0/12")))!;

        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("fd00::5")], options.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("10.1.0.0/16"), System.Net.IPNetwork.Parse("172.16.0.0/12")], options.KnownIPNetworks);
        Assert.Null(options.ForwardLimit);
        Assert.Equal(Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
            options.ForwardedHeaders);
    }

    [Theory]
    [InlineData("ClaimTracker:KnownProxies", "nginx.internal")]
    [InlineData("ClaimTracker:KnownNetworks", "10.0.0.0")]
    [InlineData("ClaimTracker:KnownNetworks", "10.0.0.0/33")]
    public void A_proxy_setting_that_does_not_parse_stops_start_up_naming_it(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => KnownProxies.Options(Config((key, value))));
        Assert.Contains(key, error.Message);
        Assert.Contains(value, error.Message);
    }

    [Theory]
    // configured, Development, addresses, proxy configured → allowed
    [InlineData(null, true, "http://127.0.0.1:5000", false, true)]
    [InlineData(null, true, "http://localhost:5153", false, true)]
    [InlineData(null, true, "", false, true)] // the in-memory test server: no socket at all
    [InlineData(null, true, "http://0.0.0.0:8080", false, false)]
    [InlineData(null, true, "http://127.0.0.1:5000 http://192.168.1.2:5000", false, false)]
    [InlineData(null, true, "http://127.0.0.1:5000", true, false)] // a proxy in front brings in other machines
    [InlineData(null, false, "http://127.0.0.1:5000", false, false)]
    [InlineData(true, false, "http://0.0.0.0:8080", true, true)]
    [InlineData(false, true, "http://127.0.0.1:5000", false, false)]
    public void Demo_accounts_answer_only_in_Development_on_loopback_unless_the_setting_says_otherwise(
        bool? configured, bool development, string addresses, bool proxy, bool allowed) =>
        Assert.Equal(allowed, DemoAccountGate.Allowed(configured, development, addresses.Split(' ', StringSplitOptions.RemoveEmptyEntries), proxy));

    [Fact]
    public void Production_without_base_url_or_allowed_hosts_warns_about_both_and_Development_about_neither()
    {
        var config = Config(("AllowedHosts", "*"));
        var site = new PublicBaseUrl(new NoServer(), null);

        var production = ServingStartupReport.Warnings(config, isDevelopment: false, site).ToList();
        var development = ServingStartupReport.Warnings(config, isDevelopment: true, site).ToList();

        Assert.Contains(production, w => w.Contains(PublicBaseUrl.Setting) && w.Contains("http://localhost/"));
        Assert.Contains(production, w => w.Contains("AllowedHosts"));
        Assert.Empty(development);
        Assert.Empty(ServingStartupReport.Warnings(Config(("AllowedHosts", "claims.example.org")), false,
            new PublicBaseUrl(new NoServer(), new Uri("https://claims.example.org/"))));
    }

    [Fact]
    public void The_frameworks_believe_every_sender_switch_is_warned_about_in_any_environment()
    {
        var config = Config(("FORWARDEDHEADERS_ENABLED", "true"), ("AllowedHosts", "claims.example.org"));
        var site = new PublicBaseUrl(new NoServer(), new Uri("https://claims.example.org/"));

        Assert.Contains(ServingStartupReport.Warnings(config, isDevelopment: true, site), w => w.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED"));
        Assert.Contains(ServingStartupReport.Warnings(config, isDevelopment: false, site), w => w.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED"));
    }

    private sealed class NoServer : Microsoft.AspNetCore.Hosting.Server.IServer
    {
        public Microsoft.AspNetCore.Http.Features.IFeatureCollection Features { get; } = new Microsoft.AspNetCore.Http.Features.FeatureCollection();

        public void Dispose()
        {
        }

        public Task StartAsync<TContext>(Microsoft.AspNetCore.Hosting.Server.IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
