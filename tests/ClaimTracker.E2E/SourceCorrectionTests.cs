using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// Correcting a source changes the seed article for good, so these tests get an app server and database of their own,
/// and run alone (not beside the shared browser collection) to keep the two-core machine calm.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SourceCorrectionCollection : ICollectionFixture<E2EFixture>
{
    public const string Name = "Browser, source corrections";
}

/// <summary>The long-text test corrects the same article: it gets a server of its own, so neither sees the other's revision.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LongCorrectionCollection : ICollectionFixture<E2EFixture>
{
    public const string Name = "Browser, long source correction";
}

[Collection(SourceCorrectionCollection.Name)]
public sealed class SourceCorrectionTests(E2EFixture app)
{
    private const string Lead = "Editor's note: this article was corrected on 26 November to add context. ";
    private const string KremlinSentence = "The Kremlin agreed with Trump's assessment on Thursday, with spokesperson Dmitry Peskov saying the Russian side remains open to talks and its position is well known. ";

    [Fact]
    public async Task Editor_corrects_the_article_and_the_statements_follow_their_words()
    {
        var page = await app.NewPageAsync(1366, 900);
        await app.SignInAsync(page, Demo.Editor);
        await app.GotoAndWaitForInteractiveAsync(page, "/sources");
        await page.Locator("[data-testid=sources-table] tbody a").First.ClickAsync();
        await Expect(page.Locator("[data-testid=source-text]")).ToBeVisibleAsync();
        await app.WaitForInteractiveAsync(page);
        var sourcePath = new Uri(page.Url).AbsolutePath;
        var sourceId = int.Parse(sourcePath.Split('/')[^1]);

        // 1. Open "Correct text…": the full text in a box, and a note that is required.
        await page.GetByTestId("correct-text").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var box = dialog.GetByTestId("correction-text");
        await Expect(box).ToBeVisibleAsync();
        var original = await box.InputValueAsync();
        Assert.Contains(KremlinSentence, original);
        await E2EFixture.ScreenshotAsync(page, "correction-dialog");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        // Insert a sentence at the top and delete one quoted sentence. Saving without a note is refused, nothing lost.
        var corrected = Lead + original.Replace(KremlinSentence, "");
        await box.FillAsync(corrected);
        await dialog.GetByTestId("correction-save").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Say what was corrected.");
        await Expect(box).ToHaveValueAsync(corrected);
        await dialog.GetByLabel("What was corrected").FillAsync("Adds an editor's note; removes the Kremlin sentence");
        await dialog.GetByTestId("correction-save").ClickAsync();

        // 2. The summary: 27 seeded statements, four of them in the deleted sentence.
        var summary = dialog.GetByTestId("correction-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToContainTextAsync("revision 2");
        await Expect(summary).ToContainTextAsync("23 attached where they were");
        await Expect(summary).ToContainTextAsync("4 orphaned");
        await E2EFixture.ScreenshotAsync(page, "correction-summary");
        await dialog.GetByTestId("correction-done").ClickAsync();

        // 3. The reader now shows revision 2, who corrected it and why.
        await page.WaitForURLAsync(new Regex($"{Regex.Escape(sourcePath)}$"));
        await app.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("revision-line")).ToContainTextAsync("Revision 2");
        await Expect(page.GetByTestId("revision-line")).ToContainTextAsync("removes the Kremlin sentence");
        await Expect(page.GetByTestId("source-text")).ToContainTextAsync(Lead.Trim());

        // 4. Every statement still attached is marked on exactly its own words (its marks, joined, are its quote);
        //    orphaned ones are not marked anywhere.
        var api = await page.APIRequest.GetAsync("/api/claims?limit=500");
        var attributions = JsonDocument.Parse(await api.TextAsync()).RootElement.GetProperty("items").EnumerateArray()
            .SelectMany(c => c.GetProperty("attributions").EnumerateArray())
            .Where(a => a.GetProperty("sourceId").GetInt32() == sourceId)
            .Select(a => (Id: a.GetProperty("id").GetInt32(), Quote: a.GetProperty("quote").GetString()!))
            .ToList();
        Assert.Equal(27, attributions.Count);
        var marked = await page.EvaluateAsync<Dictionary<string, string>>(@"() => {
            const byId = {};
            for (const mark of document.querySelectorAll('[data-testid=source-text] mark[data-attributions]')) {
                for (const id of mark.dataset.attributions.split(' ')) {
                    byId[id] = (byId[id] || '') + mark.textContent;
                }
            }
            return byId;
        }");
        var orphanQuotes = new[] { "The Kremlin agreed with Trump's assessment on Thursday", "the Russian side remains open to talks and its position is well known" };
        foreach (var (id, quote) in attributions)
        {
            if (orphanQuotes.Contains(quote))
            {
                Assert.False(marked.ContainsKey(id.ToString()), $"orphaned statement {id} is marked in the text");
            }
            else
            {
                Assert.Equal(quote, marked[id.ToString()]);
            }
        }

        // 5. The orphans: listed for the editor, and chipped in the statement list.
        var attention = page.GetByTestId("needs-attention");
        await Expect(attention.GetByTestId("attention-item")).ToHaveCountAsync(4);
        await Expect(attention).ToContainTextAsync("The Kremlin agreed with Trump's assessment on Thursday");
        await Expect(page.Locator(".span-list [data-testid=anchor-chip]")).ToHaveCountAsync(4);
        await E2EFixture.ScreenshotAsync(page, "correction-reader-after");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        // The claim page of an orphaned statement says so beside it.
        var claimHref = await attention.GetByTestId("attention-item").Nth(1).Locator("a[href^='/claims/']").GetAttributeAsync("href");
        var claimPage = await app.NewPageAsync(1366, 900);
        await app.GotoAndWaitForInteractiveAsync(claimPage, claimHref!);
        await Expect(claimPage.Locator(".attribution [data-testid=anchor-chip]").Filter(new() { HasText = "orphaned" }).First).ToBeVisibleAsync();
        await E2EFixture.ScreenshotAsync(claimPage, "correction-claim-orphan-chip");
        await claimPage.CloseAsync();

        // 6. Re-attach one orphan to words of the current text, selected in the reader.
        await SourceTextSelection.SelectAsync(page, "Russia's nearly four-year invasion");
        await attention.GetByTestId("attention-item").First.GetByTestId("attention-reattach").ClickAsync();
        await page.WaitForURLAsync(new Regex($"{Regex.Escape(sourcePath)}$"));
        await app.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("needs-attention").GetByTestId("attention-item")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=source-text] mark").Filter(new() { HasText = "Russia's nearly four-year invasion" })).Not.ToHaveCountAsync(0);

        // 7. The earlier revision is there to read, with the deleted sentence.
        await page.GetByTestId("earlier-revision").First.ClickAsync();
        await Expect(page.GetByTestId("revision-banner")).ToContainTextAsync("revision 1 of 2");
        await Expect(page.GetByTestId("revision-text")).ToContainTextAsync(KremlinSentence.Trim());
        await E2EFixture.ScreenshotAsync(page, "correction-old-revision");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        var narrow = await app.NewPageAsync(390, 844);
        await app.SignInAsync(narrow, Demo.Editor);
        await app.GotoAndWaitForInteractiveAsync(narrow, sourcePath);
        await Expect(narrow.GetByTestId("revision-line")).ToBeVisibleAsync();
        await E2EFixture.ScreenshotAsync(narrow, "correction-reader-narrow");
        Assert.Empty(app.BrowserErrors(page));
    }
}

[Collection(LongCorrectionCollection.Name)]
public sealed class LongSourceCorrectionTests(E2EFixture app)
{
    [Fact]
    public async Task A_corrected_text_far_larger_than_one_hub_message_still_saves()
    {
        var page = await app.NewPageAsync(1366, 900);
        await app.SignInAsync(page, Demo.Editor);
        await app.GotoAndWaitForInteractiveAsync(page, "/sources");
        await page.Locator("[data-testid=sources-table] tbody a").First.ClickAsync();
        await Expect(page.Locator("[data-testid=source-text]")).ToBeVisibleAsync();
        await app.WaitForInteractiveAsync(page);
        var sourcePath = new Uri(page.Url).AbsolutePath;

        await page.GetByTestId("correct-text").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var box = dialog.GetByTestId("correction-text");
        var current = await box.InputValueAsync();
        // About 200 KB of UTF-8 (with non-ASCII letters), three times the hub's 64 KB message limit.
        var appendix = string.Concat(Enumerable.Range(1, 1500).Select(i => $"\nAppendix paragraph {i}: Zelensky, Пєсков and the négociations continued at length."));
        await box.FillAsync(current + appendix);
        await dialog.GetByLabel("What was corrected").FillAsync("Adds the full appendix");
        await dialog.GetByTestId("correction-save").ClickAsync();

        await Expect(dialog.GetByTestId("correction-summary")).ToBeVisibleAsync();
        await dialog.GetByTestId("correction-done").ClickAsync();
        await page.WaitForURLAsync(new Regex($"{Regex.Escape(sourcePath)}$"));
        await app.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("revision-line")).ToContainTextAsync("Adds the full appendix");
        await Expect(page.GetByTestId("source-text")).ToContainTextAsync("Appendix paragraph 1500: Zelensky, Пєсков");
        var stored = JsonDocument.Parse(await (await page.APIRequest.GetAsync($"/api{sourcePath}")).TextAsync()).RootElement.GetProperty("text").GetString();
        Assert.Equal(current + appendix, stored);
    }
}
