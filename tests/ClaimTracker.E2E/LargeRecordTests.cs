using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using ClaimTracker.Web;
using ClaimTracker.Web.Features.Generating;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace ClaimTracker.E2E;

/// <summary>
/// A second app server whose database the <c>generate</c> command has filled with a newsroom of 30,000 statements, large
/// enough that the pages bound their lists: the claims browser counts a broad filter only up to its limit, a claim
/// repeated everywhere lists its first statements, a busy actor their latest.
/// </summary>
public sealed class LargeRecordServer : IAsyncLifetime
{
    public const int Attributions = 30_000;

    public AppServerFixture Server { get; } = new();

    public int HubClaimId { get; private set; }
    public int HubAssertions { get; private set; }
    public int BusyActorId { get; private set; }
    public int BusyActorDenials { get; private set; }

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.Commands[GenerateCommand.Name](Server.Services, [GenerateCommand.Name, "--attributions", Attributions.ToString()], TextReader.Null, output, error);
        if (exit != 0)
        {
            throw new InvalidOperationException($"generate failed ({exit}): {error}\n{output}");
        }
        await using var connection = new SqliteConnection($"Data Source={Server.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        (HubClaimId, HubAssertions) = await PairAsync(connection, "SELECT ClaimId, COUNT(*) FROM Attributions WHERE Stance = 'Asserts' GROUP BY ClaimId ORDER BY COUNT(*) DESC LIMIT 1");
        (BusyActorId, BusyActorDenials) = await PairAsync(connection, "SELECT ActorId, COUNT(*) FROM Attributions WHERE Stance = 'Denies' GROUP BY ActorId ORDER BY COUNT(*) DESC LIMIT 1");
    }

    private static async Task<(int, int)> PairAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    public Task DisposeAsync() => Server.DisposeAsync();
}

[Collection(E2ECollection.SecondName)]
public sealed class LargeRecordTests(E2EFixture app, LargeRecordServer large) : BrowserTest(app), IClassFixture<LargeRecordServer>
{
    private string Url(string path) => large.Server.BaseUrl + path;

    /// <summary>
    /// The screen around <paramref name="locator"/> (these pages are long: a full-page image of a busy actor is 11 MB),
    /// saved to <c>tests/ClaimTracker.E2E/screenshots/{name}.png</c>.
    /// </summary>
    private static async Task ScreenshotAroundAsync(ILocator locator, string name)
    {
        await locator.ScrollIntoViewIfNeededAsync();
        var directory = Path.Combine(RepositoryRoot.Path, "tests", "ClaimTracker.E2E", "screenshots");
        Directory.CreateDirectory(directory);
        await locator.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png") });
    }

    [Theory]
    [InlineData(1280, "desktop")]
    [InlineData(390, "phone")]
    public async Task A_broad_filter_is_counted_up_to_the_limit_and_the_pager_says_more_than(int width, string device)
    {
        var page = await App.NewPageAsync(width);

        await App.GotoAndWaitForInteractiveAsync(page, Url("/claims?stance=Asserts"));

        await Assertions.Expect(page.GetByText(new Regex($@"^1-25 of more than {ClaimTracker.Web.Features.Claims.ClaimService.DefaultCountLimit:N0}$"))).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr.claim-row")).ToHaveCountAsync(25);
        await ScreenshotAroundAsync(page.GetByText("of more than"), $"large-claims-broad-filter-{device}");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
        Assert.Empty(App.BrowserErrors(page));
    }

    [Theory]
    [InlineData(1280, "desktop")]
    [InlineData(390, "phone")]
    public async Task A_claim_repeated_everywhere_lists_its_first_statements_and_says_how_many_there_are(int width, string device)
    {
        Assert.True(large.HubAssertions > ClaimTracker.Web.Features.Claims.DisputeReader.StatementsShown, $"the busiest claim has {large.HubAssertions} assertions");
        var page = await App.NewPageAsync(width);

        await App.GotoAndWaitForInteractiveAsync(page, Url($"/claims/{large.HubClaimId}"));

        await Assertions.Expect(page.GetByTestId("more-assertions"))
            .ToHaveTextAsync($"Listed: the first 50 of {large.HubAssertions:N0} statements making this claim.");
        await Assertions.Expect(page.GetByTestId("assertions").Locator(".attribution-list > *").First).ToBeVisibleAsync();
        await ScreenshotAroundAsync(page.GetByTestId("more-assertions"), $"large-claim-{device}");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
        Assert.Empty(App.BrowserErrors(page));
    }

    [Theory]
    [InlineData(1280, "desktop")]
    [InlineData(390, "phone")]
    public async Task A_busy_actor_lists_their_latest_statements_of_each_stance_and_derives_agreement_from_them(int width, string device)
    {
        Assert.True(large.BusyActorDenials > ClaimTracker.Web.Features.Actors.ActorService.PositionsShown, $"the busiest denier has {large.BusyActorDenials} denials");
        var page = await App.NewPageAsync(width);

        await App.GotoAndWaitForInteractiveAsync(page, Url($"/actors/{large.BusyActorId}"));

        var denials = page.Locator(".position-group[data-stance='denies']");
        await Assertions.Expect(denials.Locator(".position")).ToHaveCountAsync(50);
        await Assertions.Expect(denials.GetByTestId("more-positions"))
            .ToHaveTextAsync($"Listed: the latest recorded 50 of {large.BusyActorDenials:N0} statements of this stance.");
        await Assertions.Expect(page.GetByTestId("alignment-basis")).ToContainTextAsync("derived from the");
        await ScreenshotAroundAsync(denials.GetByTestId("more-positions"), $"large-actor-{device}");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
        Assert.Empty(App.BrowserErrors(page));
    }
}
