using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// Two editors on one article: the second corrects its text while the first still has the old text on screen. What
/// the first's page says so at once, and what the first selects from the old text anyway is refused with the reason,
/// not anchored to the words now at those offsets.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class StaleSelectionTests(E2EFixture app)
{
    private const string Phrase = "the harbour authority said the crane would be replaced by spring";

    /// <summary>An article of its own, so the correction changes nothing another test reads.</summary>
    private async Task<int> StoreSourceAsync()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var text = $"Port works {marker}.\n\nAfter the storm, {Phrase}. Dock workers said they had heard that before.";
        await using var db = new ClaimTrackerDbContext(new DbContextOptionsBuilder<ClaimTrackerDbContext>()
            .UseSqlite($"Data Source={app.Server.DatabasePath};Pooling=False").Options);
        var source = new Source($"port-works-{marker}", "Harbour Gazette", $"Port works {marker}", new DateOnly(2026, 2, 3), null, text);
        db.Sources.Add(source);
        await db.SaveChangesAsync();
        return source.Id;
    }

    [Fact]
    public async Task A_statement_selected_in_text_corrected_meanwhile_is_refused_with_the_reason_and_recorded_after_a_reload()
    {
        var sourceId = await StoreSourceAsync();
        var path = $"/sources/{sourceId}";
        var first = await app.NewPageAsync(1366, 900);
        await app.SignInAsync(first, Demo.Editor);
        await app.GotoAndWaitForInteractiveAsync(first, path);

        // The second editor puts a line at the top: every later offset shifts.
        var second = await app.NewPageAsync(1366, 900);
        await app.SignInAsync(second, Demo.Admin);
        await app.GotoAndWaitForInteractiveAsync(second, path);
        await second.GetByTestId("correct-text").ClickAsync();
        var dialog = second.GetByRole(AriaRole.Dialog);
        var box = dialog.GetByTestId("correction-text");
        await box.FillAsync("Correction: the crane's maker is now named. " + await box.InputValueAsync());
        await dialog.GetByLabel("What was corrected").FillAsync("Adds a correction line");
        await dialog.GetByTestId("correction-save").ClickAsync();
        await Expect(dialog.GetByTestId("correction-summary")).ToContainTextAsync("revision 2");

        // The first editor's page says so at once, but keeps the text it shows: it is not swapped under a selection.
        var stale = first.GetByTestId("reader-stale");
        await Expect(stale).ToContainTextAsync("This text has been corrected since you opened it (revision 2, by Ada Admin)");
        await Expect(first.GetByTestId("source-text")).Not.ToContainTextAsync("Correction: the crane's maker");

        // Recording a statement from the old text anyway is refused.
        await SourceTextSelection.SelectAsync(first, Phrase);
        var panel = first.GetByTestId("record-statement");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Attribute selected text" }).ClickAsync();
        await Expect(panel.GetByTestId("attribution-quote")).ToHaveTextAsync(Phrase);
        var who = panel.GetByLabel("Who says it");
        await who.FillAsync("Reuters");
        await Expect(first.GetByRole(AriaRole.Option).Filter(new() { HasText = "Reuters" }).First).ToBeVisibleAsync();
        await Expect(who).ToHaveAttributeAsync("aria-activedescendant", new Regex("item0$"));
        await who.PressAsync("Enter");
        await Expect(who).ToHaveValueAsync("Reuters");
        var newClaim = panel.GetByLabel("…or a new claim, in neutral words");
        await newClaim.FillAsync("The harbour crane will be replaced by spring.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Record statement" }).ClickAsync();

        await Expect(panel).ToContainTextAsync("The text at your selection has changed since your page loaded it");
        await Expect(newClaim).ToHaveValueAsync("The harbour crane will be replaced by spring."); // nothing typed is lost
        await E2EFixture.ScreenshotAsync(first, "stale-selection-refused");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(first);

        // After a reload the same words are found where they are now, and recorded there.
        await stale.GetByTestId("reader-reload").ClickAsync();
        await Expect(first.GetByTestId("revision-line")).ToContainTextAsync("Revision 2");
        await app.WaitForInteractiveAsync(first);
        await Expect(stale).ToHaveCountAsync(0);
        await SourceTextSelection.SelectAsync(first, Phrase);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Attribute selected text" }).ClickAsync();
        await who.FillAsync("Reuters");
        await Expect(first.GetByRole(AriaRole.Option).Filter(new() { HasText = "Reuters" }).First).ToBeVisibleAsync();
        await Expect(who).ToHaveAttributeAsync("aria-activedescendant", new Regex("item0$"));
        await who.PressAsync("Enter");
        await Expect(who).ToHaveValueAsync("Reuters");
        await newClaim.FillAsync("The harbour crane will be replaced by spring.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Record statement" }).ClickAsync();
        await Expect(first).ToHaveURLAsync(new Regex(@"\?attribution=(\d+)#a-\d+$"));
        await app.WaitForInteractiveAsync(first);
        var attributionId = Regex.Match(first.Url, @"attribution=(\d+)").Groups[1].Value;
        await Expect(first.Locator($"[data-testid=source-text] mark[data-attributions~='{attributionId}']")).ToHaveTextAsync(Phrase);
        Assert.Empty(app.BrowserErrors(first));
    }
}
