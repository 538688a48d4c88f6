using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// An editor merges a duplicate claim into the one that survives, sees everything on the survivor's page, follows the
/// duplicate's old address to it, and undoes the merge. The two claims are made for this test, so no other test sees them.
/// </summary>
[Collection(E2ECollection.SecondName)]
public sealed class MergeTests(E2EFixture app) : BrowserTest(app)
{
    private const string QuoteOfA = "having a hard time getting there";
    private const string QuoteOfB = "declined to explain his reasoning";

    private sealed record Pair(int A, string TextA, int B, string TextB, string Tag);

    /// <summary>A (older) and B say the same thing in other words; each has one statement, B has a note.</summary>
    private async Task<Pair> PairAsync()
    {
        var tag = "quokka" + Guid.NewGuid().ToString("N")[..6];
        var factory = App.Server.Services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var source = await db.Sources.SingleAsync(s => s.Key == "reuters-ukraine-peace-talks");
        var trump = await db.Actors.SingleAsync(a => a.Key == "donald-trump");
        var a = new Claim { Key = $"merge-a-{tag}", Text = $"Zelensky is the obstacle to a peace deal ({tag}).", CreatedAt = DateTimeOffset.UtcNow.AddDays(-3), Topics = ["peace talks"] };
        var b = new Claim { Key = $"merge-b-{tag}", Text = $"The peace deal is held up by Zelensky ({tag}).", CreatedAt = DateTimeOffset.UtcNow.AddDays(-1), Topics = ["blame"] };
        db.Claims.AddRange(a, b);
        await db.SaveChangesAsync();
        db.Attributions.Add(Statement(source, trump, a, QuoteOfA, tag + "-a"));
        db.Attributions.Add(Statement(source, trump, b, QuoteOfB, tag + "-b"));
        db.Annotations.Add(new Annotation { ClaimId = b.Id, Body = $"Same claim as the other one ({tag}).", AuthorId = "seed", AuthorName = "Desk", CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return new Pair(a.Id, a.Text, b.Id, b.Text, tag);
    }

    private static Attribution Statement(Source source, Actor actor, Claim claim, string quote, string key)
    {
        var start = source.Text.IndexOf(quote, StringComparison.Ordinal);
        return new Attribution
        {
            Key = key,
            ActorId = actor.Id,
            ClaimId = claim.Id,
            SourceId = source.Id,
            Stance = Stance.Asserts,
            Mode = AttributionMode.Paraphrase,
            Anchor = TextAnchor.FromText(source.Text, start, start + quote.Length),
        };
    }

    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    [Fact]
    public async Task An_editor_merges_a_duplicate_sees_it_all_on_the_survivor_follows_the_old_address_and_undoes_it()
    {
        var pair = await PairAsync();
        var page = await App.NewPageAsync(1366, 900);
        await App.SignInAsync(page, Demo.Editor);

        // From the duplicate's own page: the older claim is chosen to survive all the same.
        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{pair.B}");
        // The similar wording is noticed on the page itself.
        await Expect(page.Locator("[data-testid=merge-candidates]")).ToContainTextAsync(pair.TextA);
        await page.Locator("[data-testid=claim-editor-tools]").GetByRole(AriaRole.Button, new() { Name = "Merge…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var other = dialog.GetByLabel("The same claim, in other words");
        // Typing starts once the dialog has finished opening and the field has the focus.
        await other.ClickAsync();
        await Expect(other).ToBeFocusedAsync();
        await other.FillAsync(pair.Tag);
        await Expect(other).ToHaveValueAsync(pair.Tag);
        await Expect(page.GetByRole(AriaRole.Option).Filter(new() { HasText = "obstacle" })).ToBeVisibleAsync();
        await Expect(other).ToHaveAttributeAsync("aria-activedescendant", new Regex("item0$"));
        await other.PressAsync("Enter");
        await Expect(other).ToHaveValueAsync(pair.TextA);

        var survivor = dialog.Locator("[data-testid=merge-survivor]");
        var merged = dialog.Locator("[data-testid=merge-merged]");
        await Expect(survivor).ToContainTextAsync(pair.TextA);
        await Expect(merged).ToContainTextAsync(pair.TextB);
        await Expect(merged).ToContainTextAsync("Notes1");
        await Expect(dialog.Locator("[data-testid=merge-effects]")).ToContainTextAsync("1 statement, 0 relations and 1 note move to the surviving claim.");

        // Swapping shows the other choice; swapping back restores the default.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep the other one instead" }).ClickAsync();
        await Expect(survivor).ToContainTextAsync(pair.TextB);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep the other one instead" }).ClickAsync();
        await Expect(survivor).ToContainTextAsync(pair.TextA);
        await E2EFixture.ScreenshotAsync(page, "merge-dialog");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
        await page.SetViewportSizeAsync(390, 844);
        await E2EFixture.ScreenshotAsync(page, "merge-dialog-narrow");
        await E2EFixture.ResizeToDesktopAsync(page);

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Merge", Exact = true }).ClickAsync();

        // The survivor's page: B's statement is there, the banner says what happened, the History too.
        await Expect(page).ToHaveURLAsync(new Regex($@"/claims/{pair.A}\?merge=\d+$"));
        await App.WaitForInteractiveAsync(page);
        await Expect(Heading(page)).ToHaveTextAsync(pair.TextA);
        var banner = page.Locator("[data-testid=merge-banner]");
        await Expect(banner).ToContainTextAsync($"Claim {pair.B}, “{pair.TextB}”, was merged into this claim");
        await Expect(banner).ToContainTextAsync("1 statement, 0 relations, 1 note moved");
        await Expect(page.Locator("[data-testid=assertions]")).ToContainTextAsync(QuoteOfB);
        await Expect(page.Locator("[data-testid=assertions]")).ToContainTextAsync(QuoteOfA);
        await Expect(page.Locator("[data-testid=claim-header]")).ToContainTextAsync("blame");
        await Expect(page.Locator("[data-testid=notes]")).ToContainTextAsync("Same claim as the other one");
        var latest = page.Locator("[data-testid=claim-history] [data-testid=history-entry]").First;
        await Expect(latest).ToContainTextAsync("merged two claims");
        await Expect(latest.Locator("[data-testid=merge-summary]")).ToContainTextAsync($"Merged “{pair.TextB}”");
        await Expect(latest.GetByRole(AriaRole.Button, new() { Name = "Undo merge" })).ToBeVisibleAsync();
        await E2EFixture.ScreenshotAsync(page, "merge-survivor");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
        await page.SetViewportSizeAsync(390, 844);
        await E2EFixture.ScreenshotAsync(page, "merge-survivor-narrow");
        await E2EFixture.ResizeToDesktopAsync(page);

        // The duplicate is gone from search, and its old address leads to the survivor.
        await App.GotoAndWaitForInteractiveAsync(page, "/claims?q=" + pair.Tag);
        await Expect(page.Locator("[data-testid=claims-table] tbody a.claim-link")).ToHaveCountAsync(1);
        var response = await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{pair.B}");
        Assert.Equal(200, response.Status);
        await Expect(page).ToHaveURLAsync(new Regex($@"/claims/{pair.A}\?merge=\d+$"));
        await Expect(Heading(page)).ToHaveTextAsync(pair.TextA);

        // Undo from the banner: the survivor loses what came with the merge, the duplicate is back at its address.
        await banner.GetByRole(AriaRole.Button, new() { Name = "Undo merge" }).ClickAsync();
        await Expect(banner).ToContainTextAsync("Merge undone");
        await Expect(page.Locator("[data-testid=assertions]")).Not.ToContainTextAsync(QuoteOfB);
        await Expect(page.Locator("[data-testid=notes]")).Not.ToContainTextAsync("Same claim as the other one"); // the note went back too
        await Expect(page.Locator("[data-testid=assertions]")).ToContainTextAsync(QuoteOfA);
        await Expect(page.Locator("[data-testid=claim-history] [data-testid=history-entry]").First).ToContainTextAsync("undid a merge");
        await E2EFixture.ScreenshotAsync(page, "merge-undone");

        await banner.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/claims/{pair.B}$"));
        await Expect(Heading(page)).ToHaveTextAsync(pair.TextB);
        await Expect(page.Locator("[data-testid=assertions]")).ToContainTextAsync(QuoteOfB);
        await Expect(page.Locator("[data-testid=claim-history] [data-testid=history-entry]").First).ToContainTextAsync("undid a merge");

        var errors = App.BrowserErrors(page);
        Assert.True(errors.Count == 0, "The browser reported:\n" + string.Join("\n", errors));
    }
}
