using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using ClaimTracker.Web.Domain;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// "Export CSV" beside the lists downloads what the list shows, filters and all; the feeds are announced on the pages
/// (a visible link and a rel="alternate" in the head). Screenshots of the lists with their new links, wide and on a phone.
/// </summary>
[Collection(E2ECollection.SecondName)]
public sealed class ExportAndFeedTests(E2EFixture app) : BrowserTest(app)
{
    /// <summary>Clicks the link and reads the file the browser saved.</summary>
    private static async Task<(IDownload Download, List<Dictionary<string, string>> Rows)> DownloadCsvAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.True(bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]), "no UTF-8 byte-order mark");
        using var reader = CsvReader.Create(bytes, CsvReaderOptions.Default with { Separator = ',' });
        var header = reader.Headers.ToList();
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(header.Select((h, i) => (h, reader.GetString(i) ?? "")).ToDictionary(p => p.h, p => p.Item2));
        }
        return (download, rows);
    }

    [Fact]
    public async Task Export_CSV_on_the_claims_list_downloads_the_filtered_list()
    {
        // Claims of the test's own, under a topic of its own, so that other tests' records cannot change what the list
        // shows between reading it and downloading it. Made in an order that is not their order by text.
        var tag = "export" + Guid.NewGuid().ToString("N")[..6];
        string[] texts =
        [
            $"The tram line will reach the hospital by June ({tag}).",
            $"Bus fares will rise by ten percent in spring ({tag}).",
            $"Cycle lanes on the ring road will be finished this year ({tag}).",
        ];
        var ids = await App.QueryAsync(async db =>
        {
            var claims = texts.Select((text, i) => new Claim { Key = $"{tag}-{i}", Text = text, Topics = [tag] }).ToList();
            db.Claims.AddRange(claims);
            await db.SaveChangesAsync();
            return claims.Select(c => c.Id).ToList();
        });
        var byText = texts.Zip(ids).OrderBy(p => p.First, StringComparer.Ordinal).Select(p => p.Second).ToList();

        var page = await App.NewPageAsync(1366, 900);
        await App.GotoAndWaitForInteractiveAsync(page, "/claims");
        await page.GetByTestId("filter-topic").SelectOptionAsync(tag);
        await Expect(page).ToHaveURLAsync(new Regex($"topic={tag}"));
        await page.GetByTestId("sort").SelectOptionAsync("Text");
        await Expect(page).ToHaveURLAsync(new Regex("sort=Text"));
        // The list has re-rendered in text order before it is read.
        var links = page.Locator("[data-testid=claims-table] tbody tr.claim-row a.claim-link");
        await Expect(links).ToHaveCountAsync(texts.Length);
        await Expect(links.First).ToHaveAttributeAsync("href", $"/claims/{byText[0]}");
        var shown = (await links.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            .Select(h => int.Parse(h.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(byText, shown);

        var export = page.GetByTestId("export-csv");
        await Expect(export).ToHaveAttributeAsync("href", $"/api/export/claims.csv?topic={tag}&sort=Text");
        await E2EFixture.ScreenshotAsync(page, "claims-list-export-wide");
        var (download, csv) = await DownloadCsvAsync(page, export);

        Assert.Matches(@"^claimtracker-claims-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        Assert.Equal(shown, csv.Select(r => int.Parse(r["id"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(texts.Order(StringComparer.Ordinal), csv.Select(r => r["text"]));
        Assert.All(csv, r => Assert.Contains(tag, r["topics"], StringComparison.Ordinal));
        Assert.Empty(App.BrowserErrors(page));
    }

    [Fact]
    public async Task Export_CSV_on_the_actors_list_follows_its_search()
    {
        var page = await App.NewPageAsync(1366, 900);
        await App.GotoAndWaitForInteractiveAsync(page, "/actors");
        await page.GetByLabel("Find an actor by name or role").FillAsync("intelligence");
        await Expect(page).ToHaveURLAsync(new Regex(@"/actors\?q=intelligence$"));
        var names = page.Locator("[data-testid=actors-table] tbody tr td:first-child a");
        await Expect(names.First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("export-csv")).ToHaveAttributeAsync("href", "/api/export/actors.csv?q=intelligence");
        var shown = (await names.AllInnerTextsAsync()).Order().ToList();
        await E2EFixture.ScreenshotAsync(page, "actors-list-export-wide");

        var (_, csv) = await DownloadCsvAsync(page, page.GetByTestId("export-csv"));

        Assert.Equal(shown, csv.Select(r => r["name"]).Order());
        Assert.All(csv, r => Assert.Contains("intelligence", r["name"] + " " + r["role"], StringComparison.OrdinalIgnoreCase));

        // The search is in the address: opened again, the list and its export are the same.
        await App.GotoAndWaitForInteractiveAsync(page, "/actors?q=intelligence");
        await Expect(page.GetByLabel("Find an actor by name or role")).ToHaveValueAsync("intelligence");
        await Expect(page.GetByTestId("export-csv")).ToHaveAttributeAsync("href", "/api/export/actors.csv?q=intelligence");
    }

    [Fact]
    public async Task The_source_reader_and_the_actor_page_export_their_statements()
    {
        var (sourceId, actorId, statements) = await App.QueryAsync(async db => (
            await db.Sources.Where(s => s.Key == "reuters-ukraine-peace-talks").Select(s => s.Id).SingleAsync(),
            await db.Actors.Where(a => a.Key == "donald-trump").Select(a => a.Id).SingleAsync(),
            await db.Attributions.CountAsync(a => a.Actor.Key == "donald-trump")));
        var page = await App.NewPageAsync(1366, 900);

        await App.GotoAndWaitForInteractiveAsync(page, $"/sources/{sourceId}");
        var sourceExport = page.GetByTestId("export-csv");
        await Expect(sourceExport).ToHaveAttributeAsync("href", $"/api/export/attributions.csv?source={sourceId}");
        var (_, fromSource) = await DownloadCsvAsync(page, sourceExport);
        await Expect(page.Locator("ol.span-list > li")).ToHaveCountAsync(fromSource.Count);
        Assert.All(fromSource, r => Assert.Equal($"{sourceId}", r["sourceId"]));

        await App.GotoAndWaitForInteractiveAsync(page, $"/actors/{actorId}");
        var actorExport = page.GetByTestId("export-csv");
        await Expect(actorExport).ToHaveAttributeAsync("href", $"/api/export/attributions.csv?actor={actorId}");
        var (_, fromActor) = await DownloadCsvAsync(page, actorExport);
        Assert.Equal(statements, fromActor.Count);
        Assert.All(fromActor, r => Assert.Equal("Donald Trump", r["actor"]));
        await E2EFixture.ScreenshotAsync(page, "actor-page-export-wide");
    }

    [Fact]
    public async Task The_claim_page_and_the_overview_announce_their_feeds()
    {
        var claimId = await App.QueryAsync(db => db.Claims.Where(c => c.Key == "putin-ready-for-deal").Select(c => c.Id).SingleAsync());
        var page = await App.NewPageAsync(1366, 900);

        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{claimId}");
        var feed = page.GetByTestId("feed-link");
        await Expect(feed).ToBeVisibleAsync();
        await Expect(feed).ToHaveAttributeAsync("href", $"/claims/{claimId}/feed.atom");
        await Expect(page.Locator($"head link[rel=alternate][type='application/atom+xml'][href='/claims/{claimId}/feed.atom']")).ToHaveCountAsync(1);
        var atom = await page.APIRequest.GetAsync($"/claims/{claimId}/feed.atom");
        Assert.Equal(200, atom.Status);
        Assert.Contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">", await atom.TextAsync(), StringComparison.Ordinal);

        await App.GotoAndWaitForInteractiveAsync(page, "/");
        await Expect(page.GetByTestId("verdicts-feed-link")).ToHaveAttributeAsync("href", "/feeds/verdicts.atom");
        await Expect(page.Locator("head link[rel=alternate][type='application/atom+xml'][href='/feeds/verdicts.atom']")).ToHaveCountAsync(1);
        await E2EFixture.ScreenshotAsync(page, "overview-feed-wide");
        await E2EFixture.AssertNoAxeViolationsAsync(page);
    }

    [Theory]
    [InlineData("/claims", "claims-list-export-phone")]
    [InlineData("/actors", "actors-list-export-phone")]
    [InlineData("/claims/{claim}", "claim-feed-phone")]
    public async Task On_a_phone_the_new_links_fit_and_break_no_accessibility_rule(string path, string screenshot)
    {
        var claimId = await App.QueryAsync(db => db.Claims.Where(c => c.Key == "putin-ready-for-deal").Select(c => c.Id).SingleAsync());
        var page = await App.NewPhonePageAsync();
        await App.GotoAndWaitForInteractiveAsync(page, path.Replace("{claim}", $"{claimId}", StringComparison.Ordinal));

        // The list's rows, or the claim, are on screen before the picture is taken.
        await Expect(page.Locator(path switch
        {
            "/claims" => "[data-testid=claims-table] tbody tr",
            "/actors" => "[data-testid=actors-table] tbody tr",
            _ => "[data-testid=assertions]",
        }).First).ToBeVisibleAsync();
        var link = path == "/claims/{claim}" ? page.GetByTestId("feed-link") : page.GetByTestId("export-csv");
        await Expect(link).ToBeVisibleAsync();
        var box = await link.BoundingBoxAsync();
        Assert.True(box!.X >= 0 && box.X + box.Width <= 390, $"the link sticks out of the screen: {box.X}+{box.Width}");
        await E2EFixture.ScreenshotAsync(page, screenshot);
        await E2EFixture.AssertNoAxeViolationsAsync(page);
    }
}
