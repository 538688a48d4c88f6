using System.Net;
using AngleSharp.Html.Parser;
using ClaimTracker.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClaimTracker.Tests.Features.Serving;

/// <summary>
/// Every stylesheet and script a reading page links comes back compressed to a browser that accepts gzip. On a phone's
/// connection the page cannot paint before its stylesheets arrive: MudBlazor's stylesheet sent whole (627 KB, as its
/// fingerprinted address once was) kept every page's largest paint near 6 s on Lighthouse's mobile profile.
/// </summary>
public class StaticAssetCompressionTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    public static TheoryData<string> ReadingPages => new() { "/", "/claims", "/claims/2", "/actors/1", "/sources/1", "/actors", "/sources", "/claims/2/map" };

    [Theory]
    [MemberData(nameof(ReadingPages))]
    public async Task Every_stylesheet_and_script_a_page_links_is_sent_compressed(string path)
    {
        // No automatic decompression: the test reads the Content-Encoding the server chose.
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var html = await client.GetStringAsync(path);
        var document = new HtmlParser().ParseDocument(html);
        var assets = document.QuerySelectorAll("link[rel=stylesheet][href]").Select(l => l.GetAttribute("href")!)
            .Concat(document.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
            .ToList();
        Assert.True(assets.Count >= 5, $"{path} links {assets.Count} stylesheets and scripts: {string.Join(", ", assets)}");

        var uncompressed = new List<string>();
        foreach (var asset in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseAddress!, asset));
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} links {asset}, which answers {(int)response.StatusCode}");
            if (!response.Content.Headers.ContentEncoding.Contains("gzip"))
            {
                uncompressed.Add($"{asset} ({response.Content.Headers.ContentLength?.ToString("N0") ?? "?"} bytes)");
            }
        }
        Assert.True(uncompressed.Count == 0, $"{path} links assets sent uncompressed: {string.Join(", ", uncompressed)}");
    }
}
