using ClaimTracker.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>The browsable API reference at /api-docs: the OpenAPI document as a page of the app, readable on a phone, accessible.</summary>
[Collection(E2ECollection.Name)]
public sealed class ApiReferenceTests(E2EFixture app) : BrowserTest(app)
{
    [Theory]
    [InlineData(1366, 900, "api-docs-wide")]
    [InlineData(390, 844, "api-docs-phone")]
    public async Task The_reference_lists_every_endpoint_with_its_parameters_and_breaks_no_accessibility_rule(int width, int height, string screenshot)
    {
        var page = width < 600 ? await App.NewPhonePageAsync() : await App.NewPageAsync(width, height);
        var response = await page.GotoAsync("/api-docs");
        Assert.Equal(200, response!.Status);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "API reference" })).ToBeVisibleAsync();
        var operations = page.GetByTestId("api-operation");
        await Expect(operations).ToHaveCountAsync(12);
        var exports = operations.Filter(new() { HasText = "/api/export/claims.csv" });
        await Expect(exports.GetByRole(AriaRole.Table, new() { Name = "Parameters" })).ToContainTextAsync("sort");
        await Expect(exports).ToContainTextAsync("text/csv");
        await Expect(page.GetByTestId("openapi-link")).ToHaveAttributeAsync("href", "/openapi/v1.json");

        // The contents link to each operation on the same page, not to the home page the <base href> would give "#…".
        await page.GetByRole(AriaRole.Link, new() { Name = "GET /api/actors/{id}" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/api-docs#get-api-actors-id$"));
        await Expect(page.Locator("#get-api-actors-id")).ToBeInViewportAsync();

        var overflow = await page.EvaluateAsync<string>(@"() => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) { return ''; }
            const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '') + ' ' + (e.textContent || '').slice(0, 40));
            return document.documentElement.scrollWidth + 'px wide on a ' + width + 'px screen: ' + wide.join(', ');
        }");
        Assert.True(overflow.Length == 0, overflow);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await E2EFixture.ScreenshotAsync(page, screenshot);
        Assert.Empty(App.BrowserErrors(page));
        await E2EFixture.AssertNoAxeViolationsAsync(page);
    }
}
