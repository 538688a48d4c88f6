using System.Text.RegularExpressions;
using ClaimTracker.E2E.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaimTracker.E2E;

/// <summary>
/// The review queue driven by the keyboard alone: next/previous, accept, reject and undo, edit and accept with
/// changes; then the statements it recorded show in the reader and on their claim pages.
/// </summary>
[Collection(E2ECollection.SecondName)]
public sealed class ReviewQueueTests(E2EFixture app) : BrowserTest(app)
{
    private const string SourceKey = "reuters-ukraine-peace-talks";
    private const string OneWordAnswer = "Trump's one-word answer was: \"Zelensky.\"";
    private const string Declined = "He declined to explain his reasoning";
    private const string December = "A December Reuters report said US intelligence continued to warn that Putin still aims to seize all of Ukraine and reassert control over parts of the former Soviet sphere—an assessment publicly questioned at the time by Director of National Intelligence Tulsi Gabbard.";
    private const string KremlinAgreed = "The Kremlin agreed with Trump's assessment on Thursday";
    private const string EditedClaim = "The Kremlin agrees that Kyiv, not Moscow, holds up a peace deal.";

    /// <summary>Each test starts from an empty queue, whatever another test left in it.</summary>
    private async Task ClearQueueAsync()
    {
        await using var db = Db();
        await db.AttributionSuggestions.Where(s => s.Status == SuggestionStatus.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Status, SuggestionStatus.Rejected));
    }

    private ClaimTrackerDbContext Db() => new(new DbContextOptionsBuilder<ClaimTrackerDbContext>()
        .UseSqlite($"Data Source={App.Server.DatabasePath};Pooling=False").Options);

    /// <summary>Four suggestions as the engine would store them: known and new actors, existing and new claims.</summary>
    private async Task<(int SourceId, int[] Ids)> AddSuggestionsAsync()
    {
        await ClearQueueAsync();
        await using var db = Db();
        var source = await db.Sources.SingleAsync(s => s.Key == SourceKey);
        var actors = await db.Actors.ToDictionaryAsync(a => a.Key, a => a.Id);
        var claims = await db.Claims.ToDictionaryAsync(c => c.Key, c => c.Id);
        AttributionSuggestion Make(string phrase, string actorName, int? actorId, Stance stance, AttributionMode mode, string claimText, int? claimId, double? similarity, string cue)
        {
            var start = source.Text.IndexOf(phrase, StringComparison.Ordinal);
            Assert.True(start >= 0, phrase);
            return new AttributionSuggestion
            {
                SourceId = source.Id,
                Anchor = TextAnchor.FromText(source.Text, start, start + phrase.Length),
                ActorName = actorName,
                ActorId = actorId,
                Stance = stance,
                Mode = mode,
                ClaimText = claimText,
                ClaimId = claimId,
                Similarity = similarity,
                Cue = cue,
            };
        }
        var rows = new[]
        {
            Make(OneWordAnswer, "Donald Trump", actors["donald-trump"], Stance.Asserts, AttributionMode.DirectQuote,
                "Zelensky is the one hesitating.", claims["zelensky-hesitating"], 0.82, "quotation after 'answer was:'; 'Trump' → Donald Trump"),
            Make(Declined, "Donald Trump", actors["donald-trump"], Stance.Asserts, AttributionMode.Paraphrase,
                "Trump declined to explain why he blames Zelensky.", null, null, "'He' → Donald Trump (previous sentence)"),
            Make(December, "Reuters", actors["reuters"], Stance.Asserts, AttributionMode.Reported,
                "US intelligence warns that Putin still aims to seize all of Ukraine.", claims["putin-aims-to-seize-ukraine"], 0.64, "reporting verb 'said'; long span across a dash"),
            Make(KremlinAgreed, "the Kremlin", null, Stance.Endorses, AttributionMode.Paraphrase,
                "The Kremlin agrees with Trump's assessment.", null, null, "reporting verb 'agreed'; 'the Kremlin' not matched to an actor"),
        };
        db.AttributionSuggestions.AddRange(rows);
        await db.SaveChangesAsync();
        return (source.Id, rows.Select(r => r.Id).ToArray());
    }

    [Fact]
    public async Task An_editor_works_through_the_queue_by_keyboard_and_the_statements_show_in_the_record()
    {
        var (sourceId, ids) = await AddSuggestionsAsync();
        var page = await App.NewPageAsync(1366, 900);
        await App.SignInAsync(page, Demo.Editor);

        // The sources list and the reader offer the queue.
        await App.GotoAndWaitForInteractiveAsync(page, "/sources");
        await Expect(page.GetByTestId("review-queues")).ToContainTextAsync("4 suggestions pending");
        await page.GetByTestId("review-queues").GetByRole(AriaRole.Link).First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/sources/{sourceId}/review$"));
        await App.GotoAndWaitForInteractiveAsync(page, $"/sources/{sourceId}");
        await Expect(page.GetByTestId("review-link")).ToHaveTextAsync(new Regex("Review 4 suggestions"));
        await App.GotoAndWaitForInteractiveAsync(page, $"/sources/{sourceId}/review");

        var card = page.GetByTestId("suggestion-card");
        var quote = page.GetByTestId("suggestion-quote");
        var position = page.GetByTestId("review-position");
        var current = page.Locator("[data-testid=source-text] mark.review-current");
        await Expect(quote).ToHaveTextAsync(OneWordAnswer);
        await Expect(position).ToHaveTextAsync("1 of 4 · 4 pending");
        await Expect(current.First).ToBeVisibleAsync();
        Assert.Equal(OneWordAnswer, string.Concat(await current.AllTextContentsAsync()));
        await Expect(page.Locator("[data-testid=source-text] mark.review-other")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("suggestion-claim")).ToContainTextAsync("82% similar");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)"); // the fixed app bar would otherwise sit mid-screenshot
        await E2EFixture.ScreenshotAsync(page, "review-queue-wide");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        // ? shows the keys, Esc hides them; N/J forward, P/K back.
        await page.Keyboard.PressAsync("?");
        await Expect(page.GetByTestId("review-help")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("review-help")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("n");
        await Expect(quote).ToHaveTextAsync(Declined);
        await page.Keyboard.PressAsync("j");
        await Expect(quote).ToHaveTextAsync(December);
        await Expect(position).ToHaveTextAsync("3 of 4 · 4 pending");
        await page.Keyboard.PressAsync("k");
        await page.Keyboard.PressAsync("p");
        await Expect(quote).ToHaveTextAsync(OneWordAnswer);

        // A accepts as proposed; the next one takes its place.
        await page.Keyboard.PressAsync("a");
        await Expect(page.GetByTestId("review-notice")).ToContainTextAsync("Accepted");
        await Expect(position).ToHaveTextAsync("1 of 3 · 3 pending");
        await Expect(quote).ToHaveTextAsync(Declined);

        // R rejects; U undoes that; R again.
        await page.Keyboard.PressAsync("r");
        await Expect(page.GetByTestId("review-notice")).ToContainTextAsync("Rejected");
        await Expect(quote).ToHaveTextAsync(December);
        await page.Keyboard.PressAsync("u");
        await Expect(page.GetByTestId("review-notice")).ToContainTextAsync("Back in the queue");
        await Expect(quote).ToHaveTextAsync(Declined);
        await page.Keyboard.PressAsync("r");
        await Expect(quote).ToHaveTextAsync(December);
        await Expect(position).ToHaveTextAsync("1 of 2 · 2 pending");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await E2EFixture.ScreenshotAsync(page, "review-queue-long-quote");

        // E edits: the actor becomes Dmitry Peskov, the new claim is reworded; Enter accepts with the changes.
        await page.Keyboard.PressAsync("n");
        await Expect(quote).ToHaveTextAsync(KremlinAgreed);
        await Expect(page.GetByTestId("suggestion-actor")).ToContainTextAsync("new actor");
        var form = await OpenEditFormAsync(page);
        // Typing "a" or "r" in a field must not accept or reject.
        await TabToAsync(page, "[data-testid=edit-new-actor-toggle]", backwards: true);
        await page.Keyboard.PressAsync("Space");
        var who = form.GetByLabel("Who says it");
        await Expect(who).ToBeVisibleAsync();
        await TabToAsync(page, "[data-testid=edit-actor]");
        await page.Keyboard.TypeAsync("Peskov");
        // The list is the one for the whole name before Enter: the list for "P" also offers him, second, after
        // "Donald Trump", and under load it can still be showing when the keys are in (Enter then chose Trump).
        await Expect(page.GetByRole(AriaRole.Option).First).ToContainTextAsync("Dmitry Peskov");
        await Expect(page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Donald Trump" })).ToHaveCountAsync(0);
        await Expect(who).ToHaveAttributeAsync("aria-activedescendant", new Regex("item0$"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(who).ToHaveValueAsync("Dmitry Peskov");
        await Expect(form).ToBeVisibleAsync();
        // The list of actors closes before the editor moves on, as it does before their eyes: until it has, the
        // autocomplete may still take the focus back (under load its close arrives after the next keystrokes).
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await TabToAsync(page, "[data-testid=edit-new-claim]");
        var newClaimText = form.GetByLabel("The new claim, in neutral words");
        await Expect(newClaimText).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(EditedClaim);
        await Expect(newClaimText).ToHaveValueAsync(EditedClaim); // every letter typed is in the field before Enter sends it
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await E2EFixture.ScreenshotAsync(page, "review-queue-edit");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("review-notice")).ToContainTextAsync("Accepted with your changes");
        await Expect(form).ToHaveCountAsync(0);
        await Expect(quote).ToHaveTextAsync(December);

        // The last one: edit, then Esc cancels and nothing changes; R rejects; the queue is empty.
        await OpenEditFormAsync(page);
        await page.Keyboard.PressAsync("Escape");
        await Expect(form).ToHaveCountAsync(0);
        await Expect(position).ToHaveTextAsync("1 of 1 · 1 pending");
        await page.Keyboard.PressAsync("r");
        await Expect(page.GetByTestId("review-empty")).ToContainTextAsync("No suggestions waiting");
        await E2EFixture.ScreenshotAsync(page, "review-queue-empty");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        // The notice answers an action in the tab it was taken in: another tab opens without it (and without Undo).
        await Expect(page.GetByTestId("review-notice")).ToContainTextAsync("Rejected");
        await page.GetByTestId("filter-accepted").ClickAsync();
        await Expect(page.GetByTestId("filter-accepted")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByTestId("suggestion-card")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("review-notice")).ToHaveCountAsync(0);
        // An accepted suggestion shows the statement it became: its actor and its claim exist now, neither is "new".
        // The one that proposed "the Kremlin" and a new claim (edited to Peskov and reworded) is checked in particular.
        await Expect(quote).ToHaveTextAsync(OneWordAnswer); // text order
        await page.Keyboard.PressAsync("n");
        await Expect(quote).ToHaveTextAsync(KremlinAgreed);
        await Expect(card.GetByTestId("suggestion-actor")).ToContainTextAsync("Dmitry Peskov");
        await Expect(card.GetByTestId("suggestion-actor")).Not.ToContainTextAsync("new actor");
        await Expect(card).Not.ToContainTextAsync("new claim");
        await E2EFixture.ScreenshotAsync(page, "review-queue-accepted-tab");

        // What was recorded: the accepted statements in the reader and on their claim pages.
        int acceptedAttribution, editedAttribution, editedClaim;
        await using (var db = Db())
        {
            var decided = await db.AttributionSuggestions.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id);
            Assert.Equal([SuggestionStatus.Accepted, SuggestionStatus.Rejected, SuggestionStatus.Rejected, SuggestionStatus.Accepted],
                ids.Select(id => decided[id].Status));
            acceptedAttribution = decided[ids[0]].AttributionId!.Value;
            editedAttribution = decided[ids[3]].AttributionId!.Value;
            var edited = await db.Attributions.Include(a => a.Actor).Include(a => a.Claim).SingleAsync(a => a.Id == editedAttribution);
            Assert.Equal(("dmitry-peskov", EditedClaim, KremlinAgreed), (edited.Actor.Key, edited.Claim.Text, edited.Quote));
            editedClaim = edited.ClaimId;
        }
        await App.GotoAndWaitForInteractiveAsync(page, $"/sources/{sourceId}");
        await Expect(page.Locator($"[data-testid=source-text] mark[data-attributions~='{acceptedAttribution}']").First).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-testid=source-text] mark[data-attributions~='{editedAttribution}']").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("review-link")).ToHaveCountAsync(0);
        await App.GotoAndWaitForInteractiveAsync(page, $"/claims/{editedClaim}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(EditedClaim);
        // An endorsement: listed with the supporting assessments.
        await Expect(page.Locator("body")).ToContainTextAsync("Dmitry Peskov");

        // The All tab keeps the decisions, with their deciders; narrow screens put the card first.
        var narrow = await App.NewPageAsync(390, 844);
        await App.SignInAsync(narrow, Demo.Editor);
        await App.GotoAndWaitForInteractiveAsync(narrow, $"/sources/{sourceId}/review?filter=all");
        await Expect(narrow.GetByTestId("suggestion-status")).ToContainTextAsync("Accepted by");
        await E2EFixture.ScreenshotAsync(narrow, "review-queue-narrow");
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(narrow);

        var errors = App.BrowserErrors(page).Concat(App.BrowserErrors(narrow)).ToList();
        Assert.True(errors.Count == 0, "The browser reported:\n" + string.Join("\n", errors));
    }

    [Fact]
    public async Task Journalists_are_refused_and_an_unknown_source_is_not_found()
    {
        await using (var db = Db())
        {
            Assert.True(await db.Sources.AnyAsync());
        }
        var page = await App.NewPageAsync();
        await App.SignInAsync(page, Demo.Journalist);
        await page.GotoAsync("/sources/1/review");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not allowed");

        var editor = await App.NewPageAsync();
        await App.SignInAsync(editor, Demo.Editor);
        var response = await editor.GotoAsync("/sources/987654/review");
        Assert.Equal(404, response!.Status);
    }

    [Fact]
    public async Task Editing_takes_the_span_from_a_selection_and_a_bad_field_gets_its_message_without_losing_the_rest()
    {
        const string wide = "with spokesperson Dmitry Peskov saying the Russian side remains open to talks";
        const string narrow = "the Russian side remains open to talks";
        int sourceId, suggestionId;
        await ClearQueueAsync();
        await using (var db = Db())
        {
            var source = await db.Sources.SingleAsync(s => s.Key == SourceKey);
            var start = source.Text.IndexOf(wide, StringComparison.Ordinal);
            var suggestion = new AttributionSuggestion
            {
                SourceId = source.Id,
                Anchor = TextAnchor.FromText(source.Text, start, start + wide.Length),
                ActorName = "Dmitry Peskov",
                ActorId = await db.Actors.Where(a => a.Key == "dmitry-peskov").Select(a => a.Id).SingleAsync(),
                Stance = Stance.Asserts,
                Mode = AttributionMode.Paraphrase,
                ClaimText = "Russia is open to talks.",
                Cue = "reporting verb 'saying'",
            };
            db.AttributionSuggestions.Add(suggestion);
            await db.SaveChangesAsync();
            (sourceId, suggestionId) = (source.Id, suggestion.Id);
        }
        var page = await App.NewPageAsync(1366, 900);
        await App.SignInAsync(page, Demo.Editor);
        await App.GotoAndWaitForInteractiveAsync(page, $"/sources/{sourceId}/review");
        await Expect(page.GetByTestId("suggestion-quote")).ToHaveTextAsync(wide);

        var form = await OpenEditFormAsync(page);
        await SourceTextSelection.SelectAsync(page, narrow);
        await form.GetByTestId("edit-take-selection").ClickAsync();
        await Expect(form.GetByTestId("edit-quote")).ToHaveTextAsync(narrow);
        await Expect(page.Locator("[data-testid=source-text] mark.review-current")).ToHaveTextAsync(narrow);

        // An empty claim is refused next to its field; the span and the rest stay as chosen.
        var claimField = form.GetByLabel("The new claim, in neutral words");
        await claimField.FillAsync("");
        await claimField.PressAsync("Enter");
        await Expect(form).ToContainTextAsync("The claim's text is required.");
        await Expect(form.GetByTestId("edit-quote")).ToHaveTextAsync(narrow);
        await form.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot.Path, "tests", "ClaimTracker.E2E", "screenshots", "review-queue-edit-form-error.png") });
        await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

        await claimField.FillAsync("Russia remains open to talks.");
        await claimField.PressAsync("Enter");
        await Expect(page.GetByTestId("review-notice")).ToContainTextAsync("Accepted with your changes");
        await using (var db = Db())
        {
            var suggestion = await db.AttributionSuggestions.Include(s => s.Attribution).ThenInclude(a => a!.Claim).SingleAsync(s => s.Id == suggestionId);
            Assert.Equal((narrow, "Russia remains open to talks."), (suggestion.Attribution!.Quote, suggestion.Attribution.Claim.Text));
        }
        var errors = App.BrowserErrors(page);
        Assert.True(errors.Count == 0, "The browser reported:\n" + string.Join("\n", errors));
    }

    [Fact]
    public async Task A_queue_longer_than_one_load_says_so_and_the_next_suggestion_comes_in_as_one_is_decided()
    {
        const int count = 1001;
        int sourceId;
        await ClearQueueAsync();
        await using (var db = Db())
        {
            var source = await db.Sources.SingleAsync(s => s.Key == SourceKey);
            sourceId = source.Id;
            db.AttributionSuggestions.AddRange(Enumerable.Range(0, count).Select(i => new AttributionSuggestion
            {
                SourceId = source.Id,
                Anchor = TextAnchor.FromText(source.Text, i, i + 8),
                ActorName = "Someone",
                Stance = Stance.Asserts,
                Mode = AttributionMode.Paraphrase,
                ClaimText = $"Generated claim {i}.",
                Cue = "generated",
            }));
            await db.SaveChangesAsync();
        }
        try
        {
            var page = await App.NewPageAsync(390, 844);
            await App.SignInAsync(page, Demo.Editor);
            await App.GotoAndWaitForInteractiveAsync(page, $"/sources/{sourceId}/review");
            var window = page.GetByTestId("review-window");
            await Expect(window).ToHaveTextAsync("Showing the first 1,000 of 1,001 in text order. The rest come in as you decide these.");
            await E2EFixture.ScreenshotAsync(page, "review-queue-windowed-narrow");
            await E2EFixture.AssertNoSeriousAxeViolationsAsync(page);

            await page.Keyboard.PressAsync("r");
            await Expect(page.GetByTestId("review-notice")).ToContainTextAsync("Rejected");
            await Expect(window).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("review-position")).ToHaveTextAsync("1 of 1000 · 1000 pending");
        }
        finally
        {
            await ClearQueueAsync();
        }
    }

    /// <summary>
    /// Presses E and waits until the edit form has moved the focus into its first field. That focus arrives after the
    /// form is drawn, and it resets Tab order and clears any text selection, so each step after it must wait for it,
    /// as a person who sees the cursor in the field would.
    /// </summary>
    private static async Task<ILocator> OpenEditFormAsync(IPage page)
    {
        await page.Keyboard.PressAsync("e");
        var form = page.GetByTestId("suggestion-edit");
        await Expect(form).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => !!document.activeElement && !!document.activeElement.closest('[data-testid=suggestion-edit]')");
        return form;
    }

    /// <summary>Presses Tab until the focus is inside <paramref name="selector"/>, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, string selector, bool backwards = false)
    {
        for (var i = 0; i < 25; i++)
        {
            if (await page.EvaluateAsync<bool>("s => !!document.activeElement && !!document.activeElement.closest(s)", selector))
            {
                return;
            }
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }
        Assert.Fail($"Tab never reached {selector}.");
    }
}
