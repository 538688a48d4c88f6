using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// An editor takes a claim through review, drafts and publishes a verdict, while a journalist keeps the same claim
/// open: the journalist never sees the draft, and the published verdict appears on their page without a reload.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class VerdictTests(E2EFixture app)
{
    private const string ClaimText = "The Kremlin has shown little sign of abandoning its objectives in Ukraine.";
    private const string Rationale = "European governments and Western intelligence agree; nothing in the record contradicts them.";

    // Records, from the first script on, whether a draft ever showed on the page and any CSP violation.
    private const string Watcher = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
        window.__sawDraft = false;
        new MutationObserver(() => {
            if (document.querySelector('[data-testid=draft-badge], [data-state=Draft]')) { window.__sawDraft = true; }
        }).observe(document, { childList: true, subtree: true, attributes: true });
        """;

    [Fact]
    public async Task Editor_drafts_and_publishes_while_a_journalist_sees_only_the_published_verdict_appear_live()
    {
        var claimId = await FindClaimIdAsync();
        var path = $"/claims/{claimId}";

        var journalist = await SignInAsync(Demo.Journalist);
        var response = await app.GotoAndWaitForInteractiveAsync(journalist, path);
        Assert.Contains("script-src 'self' 'nonce-", response.Headers["content-security-policy"]);
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
        var journalistPanel = journalist.Locator("[data-testid=verdict-panel]");
        await Expect(journalistPanel.Locator("[data-testid=no-verdict]")).ToBeVisibleAsync();
        await Expect(journalistPanel.Locator("[data-testid=verdict-actions]")).ToHaveCountAsync(0);

        var editor = await SignInAsync(Demo.Editor);
        await app.GotoAndWaitForInteractiveAsync(editor, path);
        var panel = editor.Locator("[data-testid=verdict-panel]");
        await Expect(panel.Locator("[data-testid=workflow-status]")).ToHaveTextAsync("New");

        // New → In review, seen live by the journalist too.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Start review" }).ClickAsync();
        await Expect(panel.Locator("[data-testid=workflow-status]")).ToHaveTextAsync("In review");
        await Expect(journalistPanel.Locator("[data-testid=workflow-status]")).ToHaveTextAsync("In review");

        // The form: saving it empty shows the messages beside the fields.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Draft verdict" }).ClickAsync();
        var form = panel.Locator("[data-testid=verdict-form]");
        await Expect(form).ToBeVisibleAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(form.GetByText("Choose a rating.")).ToBeVisibleAsync();
        await Expect(form.GetByText("Explain the rating: a rationale is required.")).ToBeVisibleAsync();
        await E2EFixture.ScreenshotAsync(editor, "verdict-form-errors");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(editor);

        await form.Locator(".mud-select").First.ClickAsync();
        await editor.GetByRole(AriaRole.Option, new() { Name = "Accurate", Exact = true }).ClickAsync();
        await form.GetByLabel("Rationale").FillAsync(Rationale);
        await form.Locator("[data-testid=evidence-picker] input[type=checkbox]").First.CheckAsync();
        await Expect(form.GetByText("Choose a rating.")).ToHaveCountAsync(0);
        await Expect(form.GetByText("Explain the rating: a rationale is required.")).ToHaveCountAsync(0);
        await Expect(form.Locator("[data-testid=evidence-picker] input[type=checkbox]").First).ToBeCheckedAsync();
        await E2EFixture.ScreenshotAsync(editor, "verdict-form-filled");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(editor);
        await form.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        // The editor sees the draft; the journalist sees the status move but no verdict.
        await Expect(panel.Locator("[data-testid=draft-badge]")).ToBeVisibleAsync();
        await Expect(panel.Locator("[data-testid=workflow-status]")).ToHaveTextAsync("Verdict drafted");
        await Expect(journalistPanel.Locator("[data-testid=workflow-status]")).ToHaveTextAsync("Verdict drafted");
        await Expect(journalistPanel.Locator("[data-testid=no-verdict]")).ToBeVisibleAsync();
        await E2EFixture.ScreenshotAsync(editor, "verdict-draft-editor");
        await E2EFixture.ScreenshotAsync(journalist, "verdict-draft-journalist");

        // Publish: the journalist's page shows the verdict without a reload, and its head gains the ClaimReview.
        var journalistUrl = journalist.Url;
        await panel.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(panel.Locator("[data-testid=workflow-status]")).ToHaveTextAsync("Published");
        var verdict = journalistPanel.Locator("[data-testid=verdict]");
        await Expect(verdict).ToBeVisibleAsync();
        await Expect(verdict.Locator("[data-testid=verdict-rating]")).ToHaveTextAsync("Accurate");
        await Expect(verdict.Locator("[data-testid=verdict-rationale]")).ToHaveTextAsync(Rationale);
        await Expect(verdict.Locator("[data-testid=verdict-evidence] a")).ToHaveCountAsync(1);
        await Expect(verdict.Locator("[data-testid=draft-badge]")).ToHaveCountAsync(0);
        Assert.Equal(journalistUrl, journalist.Url);
        Assert.False(await journalist.EvaluateAsync<bool>("() => window.__sawDraft"), "the journalist's page showed the draft at some point");

        var jsonLd = await journalist.Locator("head script[type='application/ld+json']").TextContentAsync();
        using var review = JsonDocument.Parse(jsonLd!);
        Assert.Equal("ClaimReview", review.RootElement.GetProperty("@type").GetString());
        Assert.Equal(ClaimText, review.RootElement.GetProperty("claimReviewed").GetString());
        Assert.Equal(5, review.RootElement.GetProperty("reviewRating").GetProperty("ratingValue").GetInt32());

        await E2EFixture.ScreenshotAsync(journalist, "verdict-published-journalist");
        await E2EFixture.ScreenshotAsync(editor, "verdict-published-editor");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(journalist);

        foreach (var page in new[] { editor, journalist })
        {
            var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
            Assert.True(violations.Length == 0, "CSP violations:\n" + string.Join("\n", violations));
            var errors = app.BrowserErrors(page);
            Assert.True(errors.Count == 0, "The browser reported:\n" + string.Join("\n", errors));
        }
    }

    private async Task<int> FindClaimIdAsync()
    {
        var page = await app.NewPageAsync();
        var response = await page.APIRequest.GetAsync("/api/claims?limit=500");
        using var json = JsonDocument.Parse(await response.TextAsync());
        var id = json.RootElement.GetProperty("items").EnumerateArray()
            .Single(c => c.GetProperty("text").GetString() == ClaimText).GetProperty("id").GetInt32();
        await page.Context.CloseAsync();
        return id;
    }

    private async Task<IPage> SignInAsync(string email)
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.AddInitScriptAsync(Watcher);
        // The shared sign-in waits for the live circuit before typing: input typed into the prerendered form is lost.
        await app.SignInAsync(page, email);
        return page;
    }
}
