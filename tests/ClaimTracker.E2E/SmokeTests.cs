using System.Text.Json;
using ClaimTracker.E2E.Infrastructure;
using Microsoft.Playwright;

namespace ClaimTracker.E2E;

[Collection(E2ECollection.Name)]
public sealed class SmokeTests(E2EFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Home_page_loads_becomes_interactive_and_has_no_serious_accessibility_violations()
    {
        var page = await App.NewPageAsync();

        var response = await App.GotoAndWaitForInteractiveAsync(page, "/");

        Assert.Equal(200, response.Status);
        await E2EFixture.ScreenshotAsync(page, "home");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
        var errors = App.BrowserErrors(page);
        Assert.True(errors.Count == 0, "The browser reported:\n" + string.Join("\n", errors));
    }

    [Fact]
    public async Task Claims_api_returns_a_json_page_of_seeded_claims()
    {
        var page = await App.NewPageAsync();

        var response = await page.APIRequest.GetAsync("/api/claims");

        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/json", response.Headers["content-type"]);
        using var json = JsonDocument.Parse(await response.TextAsync());
        var items = json.RootElement.GetProperty("items");
        Assert.True(items.GetArrayLength() > 0, "the seed should have put claims in the fresh database");
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/claims/987654")]
    [InlineData("/actors/987654")]
    [InlineData("/sources/987654")]
    public async Task Unknown_pages_and_ids_answer_404_with_the_not_found_page(string path)
    {
        var page = await App.NewPageAsync();

        var response = await page.GotoAsync(path);

        Assert.NotNull(response);
        Assert.Equal(404, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
    }

    [Fact]
    public void The_server_uses_its_own_fresh_database_file()
    {
        Assert.StartsWith(Path.GetTempPath(), App.Server.DatabasePath);
        Assert.True(File.Exists(App.Server.DatabasePath), $"expected the app to have created {App.Server.DatabasePath}");
    }

    [Theory]
    [InlineData("/claims?actor=abc&stance=nonsense&status=&sort=sideways")]
    [InlineData("/claims?actor=99999999999")]
    [InlineData("/sources/1?attribution=abc&from=x&to=")]
    public async Task Mangled_query_values_are_ignored_rather_than_failing_the_page(string path)
    {
        var page = await App.NewPageAsync();

        var response = await App.GotoAndWaitForInteractiveAsync(page, path);

        Assert.Equal(200, response.Status);
        var errors = App.BrowserErrors(page);
        Assert.True(errors.Count == 0, "The browser reported:\n" + string.Join("\n", errors));
    }
}
