using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// The stance matrix in a real browser, on the seed: its cells and labels, a cell into the reader at the quote, a claim's
/// heading into its dispute view, filters in the address, the arrow keys, a phone's sideways scroll under a sticky actor
/// column, an empty filter, and axe on each.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class MatrixTests(E2EFixture app) : BrowserTest(app)
{
    private const string BlameClaim = "The blame for the stalled Ukraine peace talks lies with Kyiv, not Moscow.";
    private const string AimsClaim = "Putin still aims to seize all of Ukraine and reassert control over parts of the former Soviet sphere.";

    private sealed record SeedIds(int Source, int Trump, int Gabbard, int Blame, int Aims, int GabbardStatement);

    private Task<SeedIds> SeedIdsAsync() => App.QueryAsync(async db =>
    {
        var gabbard = await db.Actors.Where(a => a.Key == "tulsi-gabbard").Select(a => a.Id).SingleAsync();
        var aims = await db.Claims.Where(c => c.Key == "putin-aims-to-seize-ukraine").Select(c => c.Id).SingleAsync();
        return new SeedIds(
            await db.Sources.Where(s => s.Key == "reuters-ukraine-peace-talks").Select(s => s.Id).SingleAsync(),
            await db.Actors.Where(a => a.Key == "donald-trump").Select(a => a.Id).SingleAsync(),
            gabbard,
            await db.Claims.Where(c => c.Key == "kyiv-to-blame").Select(c => c.Id).SingleAsync(),
            aims,
            await db.Attributions.Where(a => a.ActorId == gabbard && a.ClaimId == aims).Select(a => a.Id).SingleAsync());
    });

    private static ILocator Cell(IPage page, int actor, int claim) =>
        page.Locator($"[data-testid=matrix] tr[data-actor='{actor}'] td[data-claim='{claim}']");

    /// <summary>What the eye sees in an element: its text without the words kept for screen readers alone.</summary>
    private static Task<string> SeenAsync(ILocator element) => element.EvaluateAsync<string>(
        "e => { const c = e.cloneNode(true); c.querySelectorAll('.visually-hidden').forEach(h => h.remove()); return c.textContent.replace(/\\s+/g, ' ').trim(); }");

    [Fact]
    public async Task The_seed_shows_who_stands_where_a_cell_opens_the_quote_and_a_claim_its_dispute_view()
    {
        var ids = await SeedIdsAsync();
        var page = await App.NewPageAsync(1440, 1000);
        await App.GotoAndWaitForInteractiveAsync(page, "/matrix");

        var matrix = page.GetByTestId("matrix");
        await Expect(matrix.Locator("caption")).ToContainTextAsync("Stances of");
        Assert.True(await matrix.Locator("th[scope=col].claim-head").CountAsync() >= 15);
        await Expect(Cell(page, ids.Trump, ids.Blame).GetByRole(AriaRole.Link)).ToBeVisibleAsync();
        Assert.Equal("asserts ×2", await SeenAsync(Cell(page, ids.Trump, ids.Blame)));
        Assert.Equal("questions", await SeenAsync(Cell(page, ids.Gabbard, ids.Aims)));
        await Expect(matrix.Locator($"th[data-claim='{ids.Aims}']")).ToContainTextAsync("contested");
        // The accessible name of a cell says who, on which claim, and how.
        await Expect(Cell(page, ids.Gabbard, ids.Aims).GetByRole(AriaRole.Link))
            .ToHaveAccessibleNameAsync(new Regex($"^Tulsi Gabbard on C\\d+ “{Regex.Escape(AimsClaim[..40])}.*”: questions$"));
        await Expect(Cell(page, ids.Trump, ids.Blame).GetByRole(AriaRole.Link))
            .ToHaveAccessibleNameAsync(new Regex($"^Donald Trump on C\\d+ “{Regex.Escape(BlameClaim)}”: asserts \\(2 statements\\)$"));
        // Trump and the Kremlin on one side, the European governments on the other.
        var trumpSide = await page.Locator($"tr[data-actor='{ids.Trump}']").EvaluateAsync<string>("r => r.closest('tbody').querySelector('th[scope=rowgroup]').textContent");
        Assert.StartsWith("With C", trumpSide);
        await E2EFixture.AssertNoAxeViolationsAsync(page);
        await E2EFixture.ScreenshotAsync(page, "matrix-wide");

        // The cell opens the reader at Gabbard's words.
        await Cell(page, ids.Gabbard, ids.Aims).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/sources/{ids.Source}\\?attribution={ids.GabbardStatement}$"));
        await Expect(page.Locator("[data-testid=source-text] mark.focus")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=source-text] mark.focus").First).ToHaveClassAsync(new Regex("stance-questions"));

        // Back in the matrix, a claim's heading opens its dispute view.
        await page.GoBackAsync();
        await App.WaitForInteractiveAsync(page);
        await page.Locator($"[data-testid=matrix] th[data-claim='{ids.Blame}'] a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/claims/{ids.Blame}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(BlameClaim);
    }

    [Fact]
    public async Task The_arrow_keys_move_between_cells_and_the_matrix_is_one_stop_for_tab()
    {
        var ids = await SeedIdsAsync();
        var page = await App.NewPageAsync(1440, 1000);
        await App.GotoAndWaitForInteractiveAsync(page, $"/matrix?source={ids.Source}");

        // From the control before the table, Tab reaches the matrix's first cell.
        await page.Locator(".matrix-how summary").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        var rows = page.Locator("[data-testid=matrix] tr[data-nav-row]");
        var firstCell = rows.Nth(1).Locator("[data-nav]").Nth(1);
        await Expect(firstCell).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(rows.Nth(1).Locator("[data-nav]").Nth(2)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(rows.Nth(2).Locator("[data-nav]").Nth(2)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("ArrowUp");
        var header = rows.Nth(0).Locator("[data-nav]").Nth(2);
        await Expect(header).ToBeFocusedAsync(); // the claim's heading, a link to its dispute view
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(rows.Nth(1).Locator("[data-nav]").Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        var lastInRow = rows.Nth(1).Locator("[data-nav]").Last;
        await Expect(lastInRow).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Home");
        await Expect(rows.Nth(1).Locator("th[scope=row] a")).ToBeFocusedAsync(); // the actor's name
        await page.Keyboard.PressAsync("ArrowRight");
        await E2EFixture.ScreenshotAsync(page, "matrix-keyboard-focus");

        // One tab stop, and it is where the arrows left it: Tab out and Shift+Tab back returns there.
        await Expect(page.Locator("[data-testid=matrix] [tabindex='0']")).ToHaveCountAsync(1);
        var focusedName = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal(focusedName, await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent"));

        // Enter on Gabbard's cell opens the quote.
        await Cell(page, ids.Gabbard, ids.Aims).GetByRole(AriaRole.Link).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"attribution={ids.GabbardStatement}$"));
    }

    [Fact]
    public async Task Filters_live_in_the_address_and_the_claims_list_leads_to_its_matrix()
    {
        var ids = await SeedIdsAsync();
        var page = await App.NewPageAsync(1440, 1000);

        // The claims list filtered by a topic leads to the matrix of that topic.
        await App.GotoAndWaitForInteractiveAsync(page, "/claims?topic=territory");
        await page.GetByTestId("claims-matrix-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/matrix\?topic=territory$"));
        await App.WaitForInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=matrix] th.claim-head")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("matrix-topic")).ToHaveValueAsync("territory");

        // Choosing an actor, found by typing part of the name, narrows to the claims they spoke to, in the address.
        await page.GetByTestId("matrix-topic").SelectOptionAsync("");
        await Expect(page).ToHaveURLAsync(new Regex(@"/matrix$"));
        var (actorFilter, offered) = await E2EFixture.OfferActorAsync(page, "Gabb", "Tulsi Gabbard");
        await offered.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/matrix\?actor={ids.Gabbard}$"));
        await Expect(actorFilter).ToHaveValueAsync("Tulsi Gabbard");
        await Expect(page.Locator("[data-testid=matrix] th.claim-head")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=matrix] th.claim-head")).ToContainTextAsync(AimsClaim);
        await Expect(page.Locator("[data-testid=matrix] tr[data-testid=matrix-row]")).ToHaveCountAsync(2);

        // Arranged by activity: no groups of related claims, one group of rows.
        await page.GetByTestId("matrix-sort").SelectOptionAsync("activity");
        await Expect(page).ToHaveURLAsync(new Regex(@"sort=activity"));
        await Expect(page.Locator("[data-testid=matrix] th[scope=colgroup]")).ToHaveCountAsync(0);

        // A search typed into the box, and one the search cannot read: the claims search's own message, no error page.
        await App.GotoAndWaitForInteractiveAsync(page, "/matrix");
        await page.GetByLabel("Search claims, quotes and speakers").FillAsync("Donbas");
        await Expect(page).ToHaveURLAsync(new Regex(@"/matrix\?q=Donbas$"));
        await Expect(page.Locator("[data-testid=matrix] th.claim-head")).ToHaveCountAsync(2);
        var response = await page.GotoAsync("/matrix?q=" + Uri.EscapeDataString("\"Putin is ready"));
        Assert.Equal(200, response!.Status);
        await Expect(page.GetByTestId("matrix-empty")).ToContainTextAsync("A quotation mark is not closed");
    }

    [Fact]
    public async Task A_filter_that_matches_nothing_has_a_way_back_at_both_widths()
    {
        var wide = await App.NewPageAsync(1440, 900);
        await App.GotoAndWaitForInteractiveAsync(wide, "/matrix?q=zanzibar");
        await Expect(wide.GetByTestId("matrix-empty")).ToContainTextAsync("No claims match");
        await E2EFixture.AssertNoAxeViolationsAsync(wide);
        await E2EFixture.ScreenshotAsync(wide, "matrix-empty-wide");

        var phone = await App.NewPhonePageAsync();
        await App.GotoAndWaitForInteractiveAsync(phone, "/matrix?q=zanzibar");
        await Expect(phone.GetByTestId("matrix-empty")).ToBeVisibleAsync();
        await E2EFixture.ScreenshotAsync(phone, "matrix-empty-phone");
        await phone.GetByTestId("matrix-clear").ClickAsync();
        await Expect(phone).ToHaveURLAsync(new Regex(@"/matrix$"));
        await Expect(phone.GetByTestId("matrix")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_phone_the_table_scrolls_sideways_in_its_box_under_a_sticky_actor_column()
    {
        var ids = await SeedIdsAsync();
        var page = await App.NewPhonePageAsync();
        await App.GotoAndWaitForInteractiveAsync(page, $"/matrix?source={ids.Source}");

        // The page itself is no wider than the screen; the matrix's box scrolls.
        var overflow = await page.EvaluateAsync<string>(@"() => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) { return ''; }
            const box = document.querySelector('[data-testid=matrix-scroll]');
            const wide = [...document.querySelectorAll('body *')].filter(e => !box.contains(e) && e.getBoundingClientRect().right > width + 1)
                .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : ''));
            const chain = []; for (let e = box; e; e = e.parentElement) { chain.push(e.tagName.toLowerCase() + '.' + String(e.className).split(' ')[0] + '=' + Math.round(e.getBoundingClientRect().width)); }
            return document.documentElement.scrollWidth + 'px wide on a ' + width + 'px screen: ' + wide.join(', ') + ' / ' + chain.join(' < ');
        }");
        Assert.True(overflow.Length == 0, overflow);
        var box = page.GetByTestId("matrix-scroll");
        Assert.True(await box.EvaluateAsync<bool>("b => b.scrollWidth > b.clientWidth"), "the matrix should scroll in its box");
        await E2EFixture.AssertNoAxeViolationsAsync(page);
        await E2EFixture.ScreenshotAsync(page, "matrix-phone");

        // Scrolled far to the right, the actors' names stay at the box's left edge, readable.
        await box.EvaluateAsync("b => b.scrollLeft = b.scrollWidth");
        var boxLeft = (await box.BoundingBoxAsync())!.X;
        var name = page.Locator($"tr[data-actor='{ids.Trump}'] th[scope=row]");
        var nameBox = (await name.BoundingBoxAsync())!;
        Assert.InRange(nameBox.X, boxLeft - 1, boxLeft + 2);
        await Expect(name).ToContainTextAsync("Donald Trump");
        // The claims' headings are cut to a few lines, with the whole text in the page and on hover.
        var heading = page.Locator($"th[data-claim='{ids.Aims}'] a");
        await Expect(heading).ToHaveAttributeAsync("title", AimsClaim);
        await heading.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot.Path, "tests", "ClaimTracker.E2E", "screenshots", "matrix-phone-scrolled.png") });
    }
}
