using ClaimTracker.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>The browsable API reference at /api-docs: it renders the OpenAPI document under the app's CSP, and is accessible.</summary>
[Collection(E2ECollection.Name)]
public sealed class ApiReferenceTests(E2EFixture app) : BrowserTest(app)
{
    [Theory]
    [InlineData(1366, 900, "api-docs-wide")]
    [InlineData(390, 844, "api-docs-phone")]
    public async Task The_reference_renders_every_endpoint_under_the_CSP_without_accessibility_violations(int width, int height, string screenshot)
    {
        var page = await App.NewPageAsync(width, height);
        var response = await page.GotoAsync("/api-docs/");
        Assert.Equal(200, response!.Status);

        await Expect(page.GetByText("Claims, a page at a time").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await E2EFixture.ScreenshotAsync(page, screenshot);
        Assert.Empty(App.BrowserErrors(page));
        await E2EFixture.AssertNoAxeViolationsAsync(page);
    }
}
