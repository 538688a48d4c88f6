using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// A journalist's path through the record: search the claims, open the disputed one, read the assessments
/// side by side, follow a quote into the source, and visit the speaker.
/// </summary>
[Collection(E2ECollection.SecondName)]
public sealed class JournalistJourneyTests(E2EFixture app) : BrowserTest(app)
{
    private const string DealClaim = "Vladimir Putin is ready to make a deal to end the war in Ukraine.";

    [Fact]
    public async Task Journalist_searches_opens_the_dispute_follows_a_quote_into_the_source_and_visits_the_speaker()
    {
        var page = await App.NewPageAsync(1366, 900);

        // 1. The claims browser, searched for "deal".
        await App.GotoAndWaitForInteractiveAsync(page, "/claims");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
        await page.GetByLabel("Search claims, quotes and speakers").FillAsync("deal");
        await Expect(page).ToHaveURLAsync(new Regex(@"/claims\?q=deal$"));
        var rows = page.Locator("[data-testid=claims-table] tbody tr.claim-row");
        await Expect(rows.First).ToContainTextAsync("deal");
        Assert.All(await rows.AllInnerTextsAsync(), text => Assert.Contains("deal", text, StringComparison.OrdinalIgnoreCase));
        var dealRow = rows.Filter(new() { HasText = DealClaim });
        await Expect(dealRow).ToHaveCountAsync(1);
        await Expect(dealRow.Locator(".pill-conflict")).ToContainTextAsync("conflicting");
        await E2EFixture.ScreenshotAsync(page, "claims-search-deal");

        // 2. The dispute view: the claim, Trump's words, and the assessments side by side.
        await dealRow.GetByRole(AriaRole.Link, new() { Name = DealClaim }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/claims/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(DealClaim);
        var assertions = page.Locator("[data-testid=assertions]");
        await Expect(assertions).ToContainTextAsync("Donald Trump");
        await Expect(assertions).ToContainTextAsync("ready to make a deal");

        var conflicting = page.Locator("[data-testid=conflicting]");
        var supporting = page.Locator("[data-testid=supporting]");
        await Expect(conflicting).ToContainTextAsync("The Kremlin has shown little sign of abandoning its objectives in Ukraine.");
        await Expect(conflicting).ToContainTextAsync("Putin still aims to seize all of Ukraine");
        await Expect(conflicting.Locator("[data-testid=nested-challenges]")).ToContainTextAsync("Tulsi Gabbard");
        await Expect(supporting).ToContainTextAsync("Russia remains open to talks");

        // Side by side on a desktop: the two columns share a row.
        var conflictBox = await conflicting.BoundingBoxAsync();
        var supportBox = await supporting.BoundingBoxAsync();
        Assert.NotNull(conflictBox);
        Assert.NotNull(supportBox);
        Assert.True(supportBox.X > conflictBox.X + conflictBox.Width - 1, "the supporting column should sit to the right of the conflicting one");
        Assert.Equal(conflictBox.Y, supportBox.Y, 1.0);
        await E2EFixture.ScreenshotAsync(page, "dispute-view");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        // 3. Follow Trump's quote into the reader: the span is a highlighted <mark> with exactly those words.
        var trumpQuote = assertions.Locator(".attribution").Filter(new() { HasText = "Donald Trump" });
        var attributionId = await trumpQuote.GetAttributeAsync("data-attribution-id");
        await trumpQuote.Locator("a.source-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/sources/\d+\?attribution={attributionId}#a-{attributionId}$"));
        var mark = page.Locator($"[data-testid=source-text] mark[data-attributions~='{attributionId}']");
        await Expect(mark).ToHaveCountAsync(1);
        await Expect(mark).ToHaveTextAsync("ready to make a deal");
        await Expect(mark).ToHaveClassAsync(new Regex(@"\bstance-asserts\b"));
        await Expect(mark).ToHaveClassAsync(new Regex(@"\bfocus\b"));
        await Expect(mark).ToBeInViewportAsync();
        await E2EFixture.ScreenshotAsync(page, "reader-focused-quote");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        // 4. The mark links back to its claim; from there, the speaker's actor page.
        await mark.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(DealClaim);
        await page.Locator("[data-testid=assertions]").GetByRole(AriaRole.Link, new() { Name = "Donald Trump" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/actors/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Donald Trump");
        await Expect(page.Locator("[data-testid=positions]")).ToContainTextAsync(DealClaim);
        await Expect(page.Locator("[data-testid=disagrees-with]")).ToContainTextAsync("European governments");
        await E2EFixture.ScreenshotAsync(page, "actor-trump");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        var errors = App.BrowserErrors(page);
        Assert.True(errors.Count == 0, "The browser reported:\n" + string.Join("\n", errors));
    }

    [Fact]
    public async Task A_search_the_box_cannot_read_explains_itself_instead_of_failing()
    {
        var page = await App.NewPageAsync();
        await App.GotoAndWaitForInteractiveAsync(page, "/claims");

        await page.GetByLabel("Search claims, quotes and speakers").FillAsync("\"ready to");

        await Expect(page.GetByText("A quotation mark is not closed")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=claims-empty]")).ToBeVisibleAsync();
        await E2EFixture.ScreenshotAsync(page, "claims-search-unparsable");
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_live_in_the_address()
    {
        var page = await App.NewPageAsync();
        await App.GotoAndWaitForInteractiveAsync(page, "/claims?stance=Questions");

        var rows = page.Locator("[data-testid=claims-table] tbody tr.claim-row");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Putin still aims to seize all of Ukraine");

        await App.GotoAndWaitForInteractiveAsync(page, "/claims?q=zzzz-no-such-claim");
        await Expect(page.Locator("[data-testid=claims-empty]")).ToBeVisibleAsync();
        await E2EFixture.ScreenshotAsync(page, "claims-empty");
    }

    [Theory]
    [InlineData(1280, "desktop")]
    [InlineData(390, "phone")]
    public async Task The_filter_selects_and_the_pager_change_the_address_and_the_list(int width, string device)
    {
        var page = await App.NewPageAsync(width, 900);
        await App.GotoAndWaitForInteractiveAsync(page, "/claims");
        var rows = page.Locator("[data-testid=claims-table] tbody tr.claim-row");

        // On a phone the filters are folded away behind "Filters (N)": open them first.
        if (device == "phone")
        {
            await page.GetByTestId("filters-toggle").ClickAsync();
            await Expect(page.GetByTestId("filters-toggle")).ToHaveAttributeAsync("aria-expanded", "true");
        }

        // A stance picked from the browser's own select: the address says so and every row is a question.
        await page.GetByTestId("filter-stance").SelectOptionAsync(new SelectOptionValue { Label = "questions" });
        await Expect(page).ToHaveURLAsync(new Regex(@"/claims\?stance=Questions$"));
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Putin still aims to seize all of Ukraine");
        await Expect(page.GetByTestId("filter-stance")).ToHaveValueAsync("Questions");

        // "Any stance" removes the filter again.
        await page.GetByTestId("filter-stance").SelectOptionAsync(new SelectOptionValue { Label = "Any stance" });
        await Expect(page).ToHaveURLAsync(new Regex(@"/claims$"));

        // An actor is found by typing part of the name (a newsroom has thousands): Peskov made one claim of the seed.
        var peskov = await App.QueryAsync(db => db.Actors.Where(a => a.Key == "dmitry-peskov").Select(a => a.Id).SingleAsync());
        var (actorFilter, match) = await E2EFixture.OfferActorAsync(page, "Pesk", "Dmitry Peskov");
        await E2EFixture.ScreenshotAsync(page, $"claims-actor-filter-{device}");
        await match.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/claims\?actor={peskov}$"));
        // The claims Peskov spoke to: the seed's one, and any that other tests on this server have given him meanwhile.
        var hisClaims = await App.QueryAsync(db => db.Attributions.Where(a => a.ActorId == peskov && !a.Claim.IsDeleted).Select(a => a.ClaimId).Distinct().CountAsync());
        var openToTalks = await App.QueryAsync(db => db.Claims.Where(c => c.Key == "russia-open-to-talks").Select(c => c.Id).SingleAsync());
        await Expect(rows).ToHaveCountAsync(Math.Min(hisClaims, 25));
        await Expect(rows.Locator($"a.claim-link[href='/claims/{openToTalks}']")).ToHaveCountAsync(1);
        await Expect(actorFilter).ToHaveValueAsync("Dmitry Peskov");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        // Cleared, it is any actor again.
        await page.Locator(".actor-filter .mud-input-clear-button").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/claims$"));
        await Expect(actorFilter).ToHaveValueAsync("");

        // Ten to a page: the pager counts, and Next shows the next ten (the address keeps the page, so Back returns).
        await page.GetByTestId("claims-pager").Locator("select").SelectOptionAsync("10");
        await Expect(page).ToHaveURLAsync(new Regex(@"/claims\?size=10$"));
        await Expect(rows).ToHaveCountAsync(10);
        var info = page.GetByTestId("pager-info");
        await Expect(info).ToHaveTextAsync(new Regex(@"^1-10 of \d+$"));
        var firstOfPageOne = await rows.First.Locator("a.claim-link").InnerTextAsync();
        await E2EFixture.ScreenshotAsync(page, $"claims-pager-{device}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/claims\?size=10&page=2$"));
        await Expect(info).ToHaveTextAsync(new Regex(@"^11-\d+ of \d+$"));
        await Expect(rows.First.Locator("a.claim-link")).Not.ToHaveTextAsync(firstOfPageOne);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"));

        await page.GoBackAsync();
        await Expect(info).ToHaveTextAsync(new Regex(@"^1-10 of \d+$"));
        await Expect(rows.First.Locator("a.claim-link")).ToHaveTextAsync(firstOfPageOne);
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
        Assert.Empty(App.BrowserErrors(page));
    }

    [Theory]
    [InlineData("/", "overview", null)]
    [InlineData("/claims", "claims", null)]
    [InlineData("/actors", "actors", null)]
    [InlineData("/sources", "sources", null)]
    [InlineData("/sources", "reader", "[data-testid=sources-table] tbody a")]
    [InlineData("/claims", "dispute", "[data-testid=claims-table] tbody a.claim-link")]
    [InlineData("/actors", "actor", "[data-testid=actors-table] tbody a")]
    public async Task Every_page_reads_on_a_phone_without_sideways_scrolling(string path, string name, string? openFirst)
    {
        var page = await App.NewPageAsync(390, 844);
        await App.GotoAndWaitForInteractiveAsync(page, path);
        if (openFirst is not null)
        {
            await page.Locator(openFirst).First.ClickAsync();
            await Expect(page.Locator("nav.breadcrumb")).ToBeVisibleAsync();
        }

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{name} is {overflow}px wider than a 390px screen");
        await E2EFixture.ScreenshotAsync(page, $"narrow-{name}");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
    }
}
