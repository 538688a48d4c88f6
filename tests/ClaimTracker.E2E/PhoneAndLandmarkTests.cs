using ClaimTracker.E2E.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// Every page on a phone (390×844, touch), with a main landmark, a skip link and no accessibility rule broken, not
/// even axe's best practices; the phone's account menu; the review card as a sheet under the passage, with no key
/// hints on a touch screen; and times shown in the reader's own zone.
/// </summary>
[Collection(E2ECollection.SecondName)]
public sealed class PhoneAndLandmarkTests(E2EFixture app) : BrowserTest(app)
{

    private sealed record SeedIds(int Claim, int Actor, int Source);

    private Task<SeedIds> SeedIdsAsync() => App.QueryAsync(async db => new SeedIds(
        await db.Attributions.Where(a => a.Source.Key == "reuters-ukraine-peace-talks").OrderBy(a => a.Id).Select(a => a.ClaimId).FirstAsync(),
        await db.Actors.Where(a => a.Key == "donald-trump").Select(a => a.Id).SingleAsync(),
        await db.Sources.Where(s => s.Key == "reuters-ukraine-peace-talks").Select(s => s.Id).SingleAsync()));

    /// <summary>Nothing wider than the screen: a phone user never scrolls sideways to read a page.</summary>
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

    public static TheoryData<string, string?> Pages => new()
    {
        { "/", null },
        { "/claims", null },
        { "/claims/{claim}", null },
        { "/actors", null },
        { "/actors/{actor}", null },
        { "/sources", null },
        { "/sources/{source}", null },
        { "/account/login", null },
        { "/claims/{claim}", Demo.Editor },
        { "/sources/{source}", Demo.Editor },
        { "/sources/{source}/review", Demo.Editor },
        { "/sources/new", Demo.Editor },
        { "/claims/deleted", Demo.Editor },
        { "/admin/users", Demo.Admin },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_fits_a_phone_with_a_main_landmark_and_no_accessibility_rule_broken(string template, string? email)
    {
        var ids = await SeedIdsAsync();
        var path = template.Replace("{claim}", $"{ids.Claim}").Replace("{actor}", $"{ids.Actor}").Replace("{source}", $"{ids.Source}");
        var page = await App.NewPhonePageAsync();
        if (email is not null)
        {
            await App.SignInAsync(page, email);
        }
        if (path == "/account/login")
        {
            await page.GotoAsync(path); // static: there is no circuit to wait for
        }
        else
        {
            await App.GotoAndWaitForInteractiveAsync(page, path);
        }

        await Expect(page.Locator("main#main-content")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveCountAsync(1);
        await AssertFitsTheScreenAsync(page);
        if (path == "/claims")
        {
            // Size, position and both arrows on one line under the list.
            var pager = await page.GetByTestId("claims-pager").BoundingBoxAsync();
            Assert.True(pager!.Height < 52, $"The pager is {pager.Height}px tall: it wraps.");
        }
        var name = "phone" + (email is null ? "" : "-" + email.Split('@')[0]) + path.Replace('/', '-').TrimEnd('-');
        await E2EFixture.ScreenshotAsync(page, name == "phone" ? "phone-home" : name);
        await E2EFixture.AssertNoAxeViolationsAsync(page);
    }

    [Fact]
    public async Task The_skip_link_is_the_first_stop_for_the_keyboard_and_moves_the_focus_to_the_page_itself()
    {
        var page = await App.NewPageAsync(1366, 900);
        await App.GotoAndWaitForInteractiveAsync(page, "/claims");
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        await E2EFixture.ScreenshotAsync(page, "skip-link-focused");
        await page.Keyboard.PressAsync("Enter");

        // The focus is in the page, and the address did not leave it (the <base href> would send "#main-content" home).
        await Expect(page.Locator("main#main-content")).ToBeFocusedAsync();
        Assert.EndsWith("/claims", new Uri(page.Url).AbsolutePath);
        await page.Keyboard.PressAsync("Tab");
        var focusedInMain = await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)");
        Assert.True(focusedInMain, "The next Tab after the skip link leaves the page's content.");

        // Moving within the app, the new page's heading takes the focus, so a screen reader announces the page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Actors", Exact = true }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/actors$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task On_a_phone_the_account_is_one_button_that_opens_the_name_role_and_sign_out()
    {
        var page = await App.NewPhonePageAsync();
        await App.SignInAsync(page, Demo.Editor);
        await App.GotoAndWaitForInteractiveAsync(page, "/claims");

        // The name and "Sign out" of wide screens are not there to wrap; one round button is.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeHiddenAsync();
        var menu = page.GetByTestId("user-menu");
        var bar = await page.Locator(".mud-appbar").BoundingBoxAsync();
        Assert.True(bar!.Height <= 64, $"The top bar is {bar.Height}px tall: something in it wraps.");
        await menu.Locator("summary").ClickAsync();
        await Expect(menu).ToContainTextAsync("Eddie Editor");
        await Expect(menu).ToContainTextAsync("Editor");
        await E2EFixture.ScreenshotAsync(page, "phone-account-menu");

        // Esc closes it, as a menu should.
        await page.Keyboard.PressAsync("Escape");
        await Expect(menu.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeHiddenAsync();
        await menu.Locator("summary").ClickAsync();
        await menu.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByTestId("sign-in-link")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_phone_the_review_card_is_a_sheet_under_the_passage_with_no_key_hints()
    {
        // A source of this test's own, long enough that the suggestion's passage is far down the page.
        var tag = "sheet" + Guid.NewGuid().ToString("N")[..6];
        const string passage = "the harbour would reopen on Friday";
        var sourceId = await App.QueryAsync(async db =>
        {
            var filler = string.Join("\n\n", Enumerable.Range(1, 12).Select(i =>
                $"Paragraph {i}: ferries stayed in port and the quays were closed to traffic while crews cleared the storm damage ({tag})."));
            var text = $"{filler}\n\nThe port authority said {passage}, once the breakwater had been inspected.";
            var source = new Source($"phone-{tag}", "Harbour Gazette", $"Harbour to reopen {tag}", new DateOnly(2026, 11, 30), null, text);
            db.Sources.Add(source);
            await db.SaveChangesAsync();
            var start = text.IndexOf(passage, StringComparison.Ordinal);
            db.AttributionSuggestions.Add(new AttributionSuggestion
            {
                SourceId = source.Id,
                Anchor = TextAnchor.FromText(text, start, start + passage.Length),
                ActorName = "the port authority",
                Stance = Stance.Asserts,
                Mode = AttributionMode.Paraphrase,
                ClaimText = "The harbour reopens on Friday.",
                Cue = "reporting verb 'said'",
            });
            await db.SaveChangesAsync();
            return source.Id;
        });
        var page = await App.NewPhonePageAsync();
        await App.SignInAsync(page, Demo.Editor);
        await App.GotoAndWaitForInteractiveAsync(page, $"/sources/{sourceId}/review");

        // No keyboard to press them on: the hints and the key list are not shown.
        await Expect(page.Locator(".key-hint")).ToHaveCountAsync(2);
        foreach (var hint in await page.Locator(".key-hint").AllAsync()) { await Expect(hint).ToBeHiddenAsync(); }
        await Expect(page.Locator("kbd").First).ToBeHiddenAsync();

        var card = page.GetByTestId("suggestion-card");
        await Expect(card).ToBeVisibleAsync();
        // The card is stuck to the bottom of the screen, and the passage it is about is on screen above it.
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetDirectoryName(await E2EFixture.ScreenshotAsync(page, "phone-review-sheet"))!, "phone-review-sheet-screen.png") });
        var box = await page.Locator("aside.review-side").BoundingBoxAsync();
        // Stuck to the bottom, or (with the passage at the end of the text) resting on the page's bottom margin.
        Assert.Equal("sticky", await page.Locator("aside.review-side").EvaluateAsync<string>("e => getComputedStyle(e).position"));
        Assert.True(box!.Y + box.Height <= 844 + 1 && box.Y + box.Height >= 844 - 32, $"The sheet spans {box.Y}–{box.Y + box.Height} on an 844px screen.");
        Assert.True(box.Height <= 844 * 0.6, $"The sheet takes {box.Height}px of 844: the passage has no room.");
        var marked = page.Locator("[data-testid=source-text] mark.review-current");
        await Expect(marked).ToHaveTextAsync(passage);
        await Expect(marked).ToBeInViewportAsync();
        var passageBox = await marked.BoundingBoxAsync();
        Assert.True(passageBox!.Y < box.Y, "The passage is under the card.");
    }

    [Theory]
    [InlineData("Europe/Kyiv", "30 Nov 2026, 14:05 UTC+2")]
    [InlineData("America/New_York", "30 Nov 2026, 07:05 UTC−5")]
    [InlineData("Asia/Kolkata", "30 Nov 2026, 17:35 UTC+5:30")]
    public async Task Times_are_shown_in_the_readers_own_zone_with_UTC_on_hover(string zone, string expected)
    {
        var tag = "tz" + Guid.NewGuid().ToString("N")[..6];
        var claimId = await App.QueryAsync(async db =>
        {
            var editor = await db.Users.SingleAsync(u => u.Email == Demo.Editor);
            var claim = new Claim { Key = $"zone-{tag}", Text = $"Talks resume next week ({tag}).", CreatedAt = DateTimeOffset.UtcNow, Topics = ["peace talks"] };
            db.Claims.Add(claim);
            await db.SaveChangesAsync();
            db.Annotations.Add(new Annotation
            {
                ClaimId = claim.Id,
                Body = $"Checked against the readout ({tag}).",
                AuthorId = editor.Id,
                AuthorName = editor.DisplayName,
                CreatedAt = new DateTimeOffset(2026, 11, 30, 12, 5, 0, TimeSpan.Zero),
            });
            await db.SaveChangesAsync();
            return claim.Id;
        });

        var page = await App.NewPhonePageAsync(zone);
        await App.SignInAsync(page, Demo.Editor);
        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{claimId}");
        var time = page.Locator("[data-testid=note] time").First;
        await Expect(time).ToHaveTextAsync(expected);
        await Expect(time).ToHaveAttributeAsync("title", "30 Nov 2026, 12:05 UTC");
        await Expect(time).ToHaveAttributeAsync("datetime", "2026-11-30T12:05:00Z");

        // The first page a reader ever opens was rendered before the browser could name its zone; a reload, and
        // every page after, is in the reader's zone from the first byte.
        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=note] time").First).ToHaveTextAsync(expected);
    }
}
