using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using ClaimTracker.TestArticles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using S = ClaimTracker.TestArticles.CarrowFordStory;

namespace ClaimTracker.E2E;

/// <summary>A server of its own with nothing but the seed: what the position pages show before a newsroom imports its reporting.</summary>
public sealed class SeedOnlyServer : IAsyncLifetime
{
    public AppServerFixture Server { get; } = new();

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}

/// <summary>
/// Timelines, reversals and two actors compared, in a real browser: on the invented test story (three articles a month
/// apart, imported into the collection's database through the app's services) and, on a server with the seed alone, their
/// empty states. Each at desktop and phone width, with axe and screenshots.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class PositionsTests(E2EFixture app, SeedOnlyServer seedOnly) : BrowserTest(app), IClassFixture<SeedOnlyServer>
{
    private Task<S> StoryAsync() => S.ImportAsync(App.Server.Services);

    private async Task<IPage> PageAsync(string device) => device == "phone" ? await App.NewPhonePageAsync() : await App.NewPageAsync(1440, 900);

    /// <summary>Nothing wider than the screen: a phone user never scrolls sideways.</summary>
    private static async Task AssertFitsTheScreenAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<string>(@"() => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) { return ''; }
            const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
            return document.documentElement.scrollWidth + 'px wide on a ' + width + 'px screen: ' + wide.join(', ');
        }");
        Assert.True(overflow.Length == 0, $"{page.Url}: {overflow}");
    }

    private static async Task CheckAsync(IPage page, string screenshot)
    {
        await AssertFitsTheScreenAsync(page);
        await E2EFixture.AssertNoAxeViolationsAsync(page);
        await E2EFixture.ScreenshotAsync(page, screenshot);
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task A_claims_timeline_shows_who_said_what_when_and_opens_the_quote_in_the_reader(string device)
    {
        var story = await StoryAsync();
        var claimId = story.Claims[S.WaterSafe];
        var page = await PageAsync(device);

        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{claimId}/timeline");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Timeline");
        await Expect(page.GetByTestId("timeline-claim")).ToHaveTextAsync("Tap water in Carrow Ford is safe to drink.");
        await Expect(page.GetByTestId("timeline-count")).ToHaveTextAsync("5 statements by 2 actors");
        var days = page.Locator(".timeline-date");
        await Expect(days).ToHaveTextAsync(["Monday, 2 Feb 2026", "Tuesday, 3 Feb 2026", "Monday, 16 Feb 2026", "Tuesday, 17 Feb 2026", "Tuesday, 3 Mar 2026"]);
        var statements = page.GetByTestId("dated-statement");
        await Expect(statements.First.Locator(".dated-when")).ToHaveTextAsync("said Monday, 2 Feb 2026");
        await Expect(statements.Nth(1).Locator(".dated-when")).ToHaveTextAsync("published 3 Feb 2026");
        await Expect(statements.Last).ToContainTextAsync("Ilse Marrin");
        await Expect(statements.Last.Locator(".stance-badge")).ToHaveTextAsync("denies");
        await CheckAsync(page, $"positions-claim-timeline-{device}");

        // Newest first, from the address.
        await page.GetByTestId("order-newest").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/claims/{claimId}/timeline\?order=newest$"));
        await Expect(days.First).ToHaveTextAsync("Tuesday, 3 Mar 2026");
        await Expect(page.GetByTestId("order-newest")).ToHaveAttributeAsync("aria-current", "true");

        // The quote opens in the reader at its words.
        var denial = story.Statements["marrin-not-safe"];
        await page.Locator($"[data-attribution-id='{denial}'] a.source-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/sources/{story.Sources[S.ThirdArticle]}\?attribution={denial}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Marrin reverses on Carrow Ford water and backs boil notice");
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task An_actors_page_and_timeline_flag_where_they_reversed(string device)
    {
        var story = await StoryAsync();
        var marrin = story.Actors[S.Marrin];
        var page = await PageAsync(device);

        await App.GotoAndWaitForInteractiveAsync(page, $"/actors/{marrin}");
        var reversals = page.GetByTestId("reversals");
        await Expect(reversals.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Reversals (3)");
        var onWater = reversals.GetByTestId("reversal").Filter(new() { HasText = "Asserted on 16 Feb 2026 … denied on 3 Mar 2026." });
        await Expect(onWater).ToHaveCountAsync(1);
        await Expect(onWater.Locator(".quote")).ToHaveTextAsync(["“I said the water is safe, and the water is safe”", "“the water in Carrow Ford is not safe to drink”"]);
        await Expect(reversals.GetByTestId("reversal").Filter(new() { HasText = "a contradicting claim" })).ToContainTextAsync("Why the two claims contradict each other");
        await CheckAsync(page, $"positions-actor-page-{device}");

        await page.GetByTestId("actor-timeline-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/actors/{marrin}/timeline$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ilse Marrin: timeline");
        await Expect(page.GetByTestId("reversals").GetByTestId("reversal")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("timeline-count")).ToHaveTextAsync("7 statements");
        await Expect(page.Locator(".timeline-date")).ToHaveTextAsync(["Monday, 2 Feb 2026", "Monday, 16 Feb 2026", "Tuesday, 3 Mar 2026"]);
        // Each statement names its claim, linked to the dispute view.
        await page.GetByTestId("timeline").Locator("a.dated-claim").Filter(new() { HasText = "Brenholt Chemicals should pay" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/claims/{story.Claims[S.BrenholtShouldPay]}$"));
        await page.GoBackAsync();
        await Expect(page.GetByTestId("timeline")).ToBeVisibleAsync();
        await CheckAsync(page, $"positions-actor-timeline-{device}");
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Consistency_ranks_the_actors_who_reversed_and_filters_by_topic(string device)
    {
        var story = await StoryAsync();
        var page = await PageAsync(device);

        await App.GotoAndWaitForInteractiveAsync(page, "/consistency?topic=" + Uri.EscapeDataString(S.Topic));

        var rows = page.Locator(".consistency-row");
        await Expect(rows.Locator(".consistency-name")).ToHaveTextAsync(["Ilse Marrin", "Brenholt Chemicals"]);
        await Expect(rows.First.Locator(".consistency-total")).ToHaveTextAsync("3 reversals");
        await Expect(rows.Nth(1).GetByTestId("reversal")).ToContainTextAsync("Asserted on 1 Feb 2026 … asserted a contradicting claim on 16 Feb 2026.");
        await Expect(page.GetByTestId("filter-topic")).ToHaveValueAsync(S.Topic);
        await CheckAsync(page, $"positions-consistency-{device}");

        // Another topic, chosen from the list: the address follows.
        await page.GetByTestId("filter-topic").SelectOptionAsync(new SelectOptionValue { Label = "Brenholt plant" });
        await Expect(page).ToHaveURLAsync(new Regex(@"/consistency\?topic=Brenholt%20plant$"));
        await Expect(rows.Locator(".consistency-name")).ToHaveTextAsync(["Brenholt Chemicals"]);
        await rows.First.Locator(".consistency-name").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/actors/{story.Actors[S.Brenholt]}$"));

        // A topic nobody reversed on says so.
        await App.GotoAndWaitForInteractiveAsync(page, "/consistency?topic=" + Uri.EscapeDataString("peace talks"));
        await Expect(page.GetByTestId("consistency-empty")).ToContainTextAsync("No reversals on “peace talks” yet");
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Two_actors_are_compared_side_by_side_after_picking_the_second_from_the_actor_page(string device)
    {
        var story = await StoryAsync();
        var (marrin, brenholt) = (story.Actors[S.Marrin], story.Actors[S.Brenholt]);
        var page = await PageAsync(device);

        await App.GotoAndWaitForInteractiveAsync(page, $"/actors/{marrin}");
        await page.GetByTestId("compare-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/actors/compare\?a={marrin}$"));
        await App.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("compare-message")).ToHaveTextAsync("Choose the second actor to compare Ilse Marrin with.");

        var second = page.GetByLabel("Second actor");
        await second.ClickAsync();
        await second.FillAsync("Brenholt");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Brenholt Chemicals" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/actors/compare\?a={marrin}&b={brenholt}$"));

        var disagree = page.GetByTestId("compare-disagree");
        await Expect(disagree.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Where they disagree (2)");
        await Expect(disagree.Locator(".compare-reason[data-link='sameclaim']")).ToContainTextAsync("Brenholt Chemicals should pay for the clean-up of the Arvel river.");
        await Expect(disagree.Locator(".compare-reason[data-link='contradicting']")).ToContainTextAsync("two claims that contradict each other");
        await Expect(page.GetByTestId("compare-agree")).ToContainTextAsync("No agreement recorded");
        await Expect(page.GetByTestId("compare-only-a").Locator("a.compare-claim")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("compare-only-b").Locator("a.compare-claim")).ToHaveTextAsync(["The leak at the Brenholt plant was contained within six hours."]);
        await CheckAsync(page, $"positions-compare-{device}");

        // Each side's words open in the reader.
        await disagree.Locator($"[data-attribution-id='{story.Statements["brenholt-will-not-pay"]}'] a.source-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/sources/{story.Sources[S.ThirdArticle]}\?attribution={story.Statements["brenholt-will-not-pay"]}"));
    }

    [Fact]
    public async Task Comparing_an_actor_with_itself_or_an_unknown_actor_says_what_is_wrong()
    {
        var story = await StoryAsync();
        var page = await App.NewPageAsync(1440, 900);

        await App.GotoAndWaitForInteractiveAsync(page, $"/actors/compare?a={story.Actors[S.Reede]}&b={story.Actors[S.Reede]}");
        await Expect(page.GetByTestId("compare-message")).ToHaveTextAsync("That is Tomas Reede twice: choose two different actors to compare.");
        await Expect(page.GetByTestId("compare-disagree")).ToHaveCountAsync(0);

        await App.GotoAndWaitForInteractiveAsync(page, $"/actors/compare?a={story.Actors[S.Reede]}&b=999999");
        await Expect(page.GetByTestId("compare-message")).ToHaveTextAsync("There is no actor 999999 (the second actor in the address). Choose the actor again above.");
        await Expect(page.GetByLabel("First actor")).ToHaveValueAsync("Tomas Reede");

        await App.GotoAndWaitForInteractiveAsync(page, "/actors/compare?a=abc");
        await Expect(page.GetByTestId("compare-message")).ToHaveTextAsync("The first actor in the address is not an actor's number. Choose the actor again above.");
        await E2EFixture.AssertNoAxeViolationsAsync(page);
        await E2EFixture.ScreenshotAsync(page, "positions-compare-unknown");

        var missing = await page.GotoAsync("/actors/999999/timeline");
        Assert.Equal(404, missing!.Status);
        missing = await page.GotoAsync("/claims/999999/timeline");
        Assert.Equal(404, missing!.Status);
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task On_the_seed_alone_each_view_says_what_would_fill_it(string device)
    {
        string Url(string path) => seedOnly.Server.BaseUrl + path;
        var factory = seedOnly.Server.Services.GetService(typeof(IDbContextFactory<ClaimTracker.Web.Data.ClaimTrackerDbContext>)) as IDbContextFactory<ClaimTracker.Web.Data.ClaimTrackerDbContext>;
        await using var db = await factory!.CreateDbContextAsync();
        var trump = await db.Actors.Where(a => a.Key == "donald-trump").Select(a => a.Id).SingleAsync();
        var zelensky = await db.Actors.Where(a => a.Key == "volodymyr-zelensky").Select(a => a.Id).SingleAsync();
        var seize = await db.Claims.Where(c => c.Key == "putin-aims-to-seize-ukraine").Select(c => c.Id).SingleAsync();
        var page = await PageAsync(device);

        await App.GotoAndWaitForInteractiveAsync(page, Url("/consistency"));
        await Expect(page.GetByTestId("consistency-empty")).ToContainTextAsync("No reversals in the record yet");
        await Expect(page.GetByTestId("consistency-empty")).ToContainTextAsync("It takes more than one article");
        await CheckAsync(page, $"positions-seed-consistency-{device}");

        await App.GotoAndWaitForInteractiveAsync(page, Url($"/actors/{trump}"));
        await Expect(page.GetByTestId("reversals-empty")).ToContainTextAsync("None recorded.");
        await CheckAsync(page, $"positions-seed-actor-page-{device}");

        // The seed's one claim said in December, by two actors, both read from the article of 15 January.
        await App.GotoAndWaitForInteractiveAsync(page, Url($"/claims/{seize}/timeline"));
        await Expect(page.Locator(".timeline-date")).ToHaveTextAsync(["December 2025"]);
        await Expect(page.GetByTestId("dated-statement").Locator(".dated-when")).ToHaveTextAsync(["said in December 2025", "said in December 2025"]);
        await Expect(page.GetByTestId("timeline-one-day")).ToBeVisibleAsync();
        await CheckAsync(page, $"positions-seed-claim-timeline-{device}");

        await App.GotoAndWaitForInteractiveAsync(page, Url($"/actors/{trump}/timeline"));
        await Expect(page.Locator(".timeline-date")).ToHaveTextAsync(["Thursday, 15 Jan 2026"]);
        await CheckAsync(page, $"positions-seed-actor-timeline-{device}");

        await App.GotoAndWaitForInteractiveAsync(page, Url($"/actors/compare?a={trump}&b={zelensky}"));
        await Expect(page.GetByTestId("compare-summary")).ToBeVisibleAsync();
        await CheckAsync(page, $"positions-seed-compare-{device}");

        await App.GotoAndWaitForInteractiveAsync(page, Url("/actors/compare"));
        await Expect(page.GetByTestId("compare-message")).ToHaveTextAsync("Choose two actors above to set them side by side.");
        await CheckAsync(page, $"positions-seed-compare-empty-{device}");
    }
}
