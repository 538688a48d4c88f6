using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using ClaimTracker.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Claim = ClaimTracker.Web.Domain.Claim;

namespace ClaimTracker.E2E;

/// <summary>
/// An editor rates Trump's claim that Putin is ready to make a deal, citing the European governments' and Western
/// intelligence agencies' conflicting assessment from the dispute view as evidence; readers then see the rating where
/// they look (the claims list, the overview, Trump's page), on a desktop and on a phone, and filter the list by it.
/// And the claims list on a phone: the first claim on the first screen, the filters behind "Filters (N)".
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class RatingsAndEvidenceTests(E2EFixture app) : BrowserTest(app)
{
    private const string DealClaim = "Vladimir Putin is ready to make a deal to end the war in Ukraine.";
    private const string KremlinClaim = "The Kremlin has shown little sign of abandoning its objectives in Ukraine.";
    private const string Rationale = "European governments and Western intelligence agencies see no sign that the Kremlin has given up its aims; the Kremlin's agreement is not evidence.";

    private static readonly (int Width, int Height, string Device)[] Screens = [(1366, 900, "desktop"), (390, 844, "phone")];

    [Fact]
    public async Task An_editor_cites_a_conflicting_assessment_publishes_Misleading_and_readers_see_the_rating_in_the_lists_and_filter_by_it()
    {
        var claimId = await IdFromApiAsync("/api/claims?limit=500", c => c.GetProperty("text").GetString() == DealClaim);
        var trumpId = await IdFromApiAsync("/api/actors", a => a.GetProperty("name").GetString() == "Donald Trump");

        // 1. The editor drafts the verdict; the picker offers what the dispute view shows, grouped the same way.
        var editor = await App.NewPageAsync(1366, 900);
        await App.SignInAsync(editor, Demo.Editor);
        await App.GotoAndWaitForInteractiveAsync(editor, $"/claims/{claimId}");
        var panel = editor.GetByTestId("verdict-panel");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Draft verdict" }).ClickAsync();
        var form = panel.GetByTestId("verdict-form");
        var groups = form.Locator("[data-testid=evidence-group]");
        await Expect(groups.Locator(":scope > legend")).ToHaveTextAsync(["Statements on this claim", "Conflicting", "Supporting", "This claim in turn…", "Sources"]);
        var conflicting = form.Locator("[data-testid=evidence-group][data-group=conflicting]");
        await Expect(conflicting).ToContainTextAsync($"Contradicting claim: “{KremlinClaim}”");
        var european = conflicting.GetByTestId("evidence-option").Filter(new() { HasText = "European governments asserts “the Kremlin" });
        var intelligence = conflicting.GetByTestId("evidence-option").Filter(new() { HasText = "Western intelligence agencies asserts “the Kremlin" });
        await Expect(european).ToContainTextAsync("European governments asserts “the Kremlin has shown little sign of abandoning its objectives in Ukraine” — Reuters, 15 Jan 2026");
        await european.GetByRole(AriaRole.Checkbox).CheckAsync();
        await intelligence.GetByRole(AriaRole.Checkbox).CheckAsync();
        await Expect(european.GetByRole(AriaRole.Checkbox)).ToBeCheckedAsync();

        await form.Locator(".mud-select").First.ClickAsync();
        await editor.GetByRole(AriaRole.Option, new() { Name = "Misleading", Exact = true }).ClickAsync();
        await form.GetByLabel("Rationale").FillAsync(Rationale);
        await E2EFixture.ScreenshotAsync(editor, "verdict-evidence-from-dispute");
        await form.ScreenshotAsync(new() { Path = ScreenshotPath("verdict-form-evidence-desktop") });
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(editor);
        // The same form on a phone: the picker's long labels wrap inside it.
        await editor.SetViewportSizeAsync(390, 844);
        await form.ScreenshotAsync(new() { Path = ScreenshotPath("verdict-form-evidence-phone") });
        Assert.Equal(0, await editor.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"));
        await E2EFixture.ResizeToDesktopAsync(editor);

        await form.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(panel.GetByTestId("draft-badge")).ToBeVisibleAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(panel.GetByTestId("workflow-status")).ToHaveTextAsync("Published");

        // The published verdict cites the assessment, and says which claim it is on.
        var evidence = panel.GetByTestId("verdict").GetByTestId("verdict-evidence");
        await Expect(panel.GetByTestId("verdict-rating")).ToHaveTextAsync("Misleading");
        await Expect(evidence.Locator("li")).ToHaveCountAsync(2);
        await Expect(evidence.Locator("li").Filter(new() { HasText = "European governments asserts" })).ToContainTextAsync($"(on the related claim “{KremlinClaim}”)");
        await Expect(evidence.Locator("li").Filter(new() { HasText = "Western intelligence agencies asserts" })).ToHaveCountAsync(1);
        await panel.ScreenshotAsync(new() { Path = ScreenshotPath("verdict-published-with-related-evidence") });
        Assert.Empty(App.BrowserErrors(editor));

        // 2. Readers (not signed in) see the rating where they look, on a desktop and on a phone.
        foreach (var (width, height, device) in Screens)
        {
            var reader = await App.NewPageAsync(width, height);
            await App.GotoAndWaitForInteractiveAsync(reader, "/claims");
            var row = reader.Locator("[data-testid=claims-table] tr.claim-row").Filter(new() { HasText = DealClaim });
            await AssertRatedAsync(row.GetByTestId("rating-badge"));
            await E2EFixture.ScreenshotAsync(reader, $"claims-rated-{device}");
            await E2EFixture.AssertNoSeriousAxeViolationsAsync(reader);

            await App.GotoAndWaitForInteractiveAsync(reader, "/");
            await AssertRatedAsync(reader.GetByTestId("most-disputed").Locator("li").Filter(new() { HasText = DealClaim }).GetByTestId("rating-badge"));
            await E2EFixture.ScreenshotAsync(reader, $"overview-rated-{device}");
            await E2EFixture.AssertNoSeriousAxeViolationsAsync(reader);

            await App.GotoAndWaitForInteractiveAsync(reader, $"/actors/{trumpId}");
            var position = reader.GetByTestId("positions").Locator(".position").Filter(new() { HasText = DealClaim });
            await AssertRatedAsync(position.GetByTestId("rating-badge"));
            await E2EFixture.ScreenshotAsync(reader, $"actor-rated-{device}");
            await position.ScreenshotAsync(new() { Path = ScreenshotPath($"actor-rated-position-{device}") });
            await E2EFixture.AssertNoSeriousAxeViolationsAsync(reader);

            // 3. The rating filter: the address carries it; a rating no claim has says so.
            await App.GotoAndWaitForInteractiveAsync(reader, "/claims");
            if (device == "phone")
            {
                await reader.GetByTestId("filters-toggle").ClickAsync();
            }
            await reader.GetByTestId("filter-rating").SelectOptionAsync(new SelectOptionValue { Label = "Misleading" });
            await Expect(reader).ToHaveURLAsync(new Regex(@"/claims\?rating=3$"));
            var rows = reader.Locator("[data-testid=claims-table] tr.claim-row");
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First).ToContainTextAsync(DealClaim);
            await Expect(reader.GetByTestId("filters-toggle")).ToHaveTextAsync("Filters (1)");
            await E2EFixture.ScreenshotAsync(reader, $"claims-filtered-misleading-{device}");

            await reader.GetByTestId("filter-rating").SelectOptionAsync(new SelectOptionValue { Label = "Unverifiable" });
            await Expect(reader).ToHaveURLAsync(new Regex(@"/claims\?rating=6$"));
            await Expect(reader.GetByTestId("claims-empty-rating")).ToHaveTextAsync("No claim has a published verdict rated “Unverifiable” yet.");
            await E2EFixture.ScreenshotAsync(reader, $"claims-rating-empty-{device}");
            await E2EFixture.AssertNoSeriousAxeViolationsAsync(reader);
            Assert.Equal(0, await reader.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"));
            Assert.Empty(App.BrowserErrors(reader));
            await reader.Context.CloseAsync();
        }

        // 4. The API says the same.
        var api = await App.NewPageAsync();
        using var claim = JsonDocument.Parse(await (await api.APIRequest.GetAsync($"/api/claims/{claimId}")).TextAsync());
        Assert.Equal("Misleading", claim.RootElement.GetProperty("verdict").GetProperty("rating").GetString());
        Assert.Equal(3, claim.RootElement.GetProperty("verdict").GetProperty("ratingValue").GetInt32());
        await api.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_first_claim_is_on_the_first_screen_and_the_Filters_button_opens_the_filters()
    {
        var page = await App.NewPageAsync(390, 844);
        await App.GotoAndWaitForInteractiveAsync(page, "/claims");

        // The search box stays in view; the first claim is on the first screen, all of it.
        await Expect(page.GetByLabel("Search claims, quotes and speakers")).ToBeInViewportAsync();
        var first = page.Locator("[data-testid=claims-table] tr.claim-row").First;
        var box = await first.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Y + box.Height <= 844, $"the first claim ends at {box.Y + box.Height:0}px, below the 844px screen");
        // Compact: the claim's words as the main line, then one line of indicators without labels.
        Assert.True(box.Height < 160, $"the first row is {box.Height:0}px tall");
        Assert.DoesNotContain("Assessments", await first.InnerTextAsync());

        var toggle = page.GetByTestId("filters-toggle");
        await Expect(toggle).ToHaveTextAsync("Filters (0)");
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(toggle).ToHaveAttributeAsync("aria-controls", "claim-filters");
        await Expect(page.Locator("#claim-filters")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("filter-stance")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("claims-phone-first-screen") }); // the viewport, as a phone shows it
        await E2EFixture.ScreenshotAsync(page, "claims-phone-list");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        foreach (var select in new[] { "filter-actor", "filter-stance", "filter-topic", "filter-status", "filter-rating", "sort" })
        {
            await Expect(page.GetByTestId(select)).ToBeVisibleAsync();
        }
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("claims-phone-filters-open") });
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        await page.GetByTestId("filter-stance").SelectOptionAsync(new SelectOptionValue { Label = "questions" });
        await Expect(page).ToHaveURLAsync(new Regex(@"/claims\?stance=Questions$"));
        await Expect(toggle).ToHaveTextAsync("Filters (1)");
        await Expect(page.Locator("[data-testid=claims-table] tr.claim-row")).ToHaveCountAsync(1);

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(page.GetByTestId("filter-stance")).ToBeHiddenAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"));
        Assert.Empty(App.BrowserErrors(page));

        // A very long claim, with a word longer than the screen is wide, wraps inside its row.
        var tag = "wombat" + Guid.NewGuid().ToString("N")[..6];
        await using (var db = await App.Server.Services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>().CreateDbContextAsync())
        {
            db.Claims.Add(new Claim
            {
                Key = $"long-claim-{tag}",
                Text = "According to a senior official who spoke on condition of anonymity because the talks are confidential, the negotiators "
                    + "have agreed in principle on a phased withdrawal of heavy weapons from a thirty-kilometre zone along the entire front line, "
                    + $"to be verified by observers from a neutral country (the ceasefireverificationandmonitoringmechanismagreedinprinciple), {tag}.",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        await App.GotoAndWaitForInteractiveAsync(page, $"/claims?q={tag}");
        var longRow = page.Locator("[data-testid=claims-table] tr.claim-row");
        await Expect(longRow).ToHaveCountAsync(1);
        await Expect(longRow).ToContainTextAsync("No assessments yet");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"));
        await E2EFixture.ScreenshotAsync(page, "claims-phone-long-claim");

        // On a desktop nothing is folded: no button, every filter in one row beside the search box.
        var desktop = await App.NewPageAsync(1366, 900);
        await App.GotoAndWaitForInteractiveAsync(desktop, "/claims");
        await Expect(desktop.GetByTestId("filters-toggle")).ToBeHiddenAsync();
        var search = await desktop.GetByLabel("Search claims, quotes and speakers").BoundingBoxAsync();
        foreach (var select in new[] { "filter-actor", "filter-rating", "sort" })
        {
            var selectBox = await desktop.GetByTestId(select).BoundingBoxAsync();
            Assert.NotNull(selectBox);
            Assert.True(Math.Abs(selectBox.Y - search!.Y) < 40, $"{select} is not on the search box's row ({selectBox.Y:0} against {search.Y:0})");
        }
        await Expect(desktop.Locator("[data-testid=claims-table] thead th")).ToHaveTextAsync(["Claim", "Assessments", "Rating", "Status"]);
        await E2EFixture.ScreenshotAsync(desktop, "claims-desktop");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(desktop);
        await page.Context.CloseAsync();
        await desktop.Context.CloseAsync();
    }

    private static async Task AssertRatedAsync(ILocator badge)
    {
        await Expect(badge).ToBeVisibleAsync();
        await Expect(badge).ToHaveTextAsync("Rated: Misleading");
        await Expect(badge).ToHaveAttributeAsync("data-rating-value", "3");
    }

    private static string ScreenshotPath(string name) =>
        Path.Combine(RepositoryRoot.Path, "tests", "ClaimTracker.E2E", "screenshots", name + ".png");

    private async Task<int> IdFromApiAsync(string path, Func<JsonElement, bool> match)
    {
        var page = await App.NewPageAsync();
        var response = await page.APIRequest.GetAsync(path);
        using var json = JsonDocument.Parse(await response.TextAsync());
        var items = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement : json.RootElement.GetProperty("items");
        var id = items.EnumerateArray().Single(match).GetProperty("id").GetInt32();
        await page.Context.CloseAsync();
        return id;
    }
}
