using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Live;
using ClaimTracker.Web.Features.Review;
using ClaimTracker.Web.Features.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Review;

/// <summary>
/// Accepting, editing, rejecting and reopening suggestions against the real services and a fresh seeded database per test
/// (decisions change the record, so tests must not see each other's).
/// </summary>
[BothEngines]
public sealed class ReviewQueueServiceTests : IAsyncLifetime
{
    private const string OneWordAnswer = "Trump's one-word answer was: \"Zelensky.\"";
    private const string UsLedEfforts = "US-led efforts have yet to resolve Europe's biggest land war since World War II";
    private const string KremlinAgreed = "The Kremlin agreed with Trump's assessment on Thursday";

    private readonly ClaimTrackerFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync().AsTask();

    private async Task<AttributionSuggestion> AddAsync(string phrase, string actorName, string? actorKey, Stance stance, AttributionMode mode,
        string claimText, string? claimKey = null, double? similarity = null)
    {
        await using var db = app.CreateDbContext();
        return await ReviewSuggestions.AddAsync(db, phrase, actorName, actorKey is null ? null : await app.ActorId(actorKey),
            stance, mode, claimText, claimKey is null ? null : await app.ClaimId(claimKey), similarity);
    }

    private async Task<SuggestionItem> ItemAsync(int id, string role = Roles.Editor)
    {
        await using var scope = app.Services.ScopeAs(role);
        return (await scope.As<ReviewQueueService>().GetAsync(id))!;
    }

    private async Task<(int Actors, int Claims, int Attributions, int Audit)> CountAsync()
    {
        await using var db = app.CreateDbContext();
        return (await db.Actors.CountAsync(), await db.Claims.CountAsync(), await db.Attributions.CountAsync(), await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task The_queue_lists_a_sources_suggestions_in_text_order_with_counts_by_status()
    {
        var later = await AddAsync(KremlinAgreed, "Kremlin", "russian-government", Stance.Endorses, AttributionMode.Paraphrase, "Trump's assessment is right.");
        var earlier = await AddAsync(OneWordAnswer, "Donald Trump", "donald-trump", Stance.Asserts, AttributionMode.DirectQuote,
            "Volodymyr Zelensky is the one hesitating to reach a peace deal.", "zelensky-hesitating", 0.82);
        var rejected = await AddAsync(UsLedEfforts, "Reuters", "reuters", Stance.Asserts, AttributionMode.Narration, "US-led efforts have not ended the war.");
        await using var scope = app.Services.ScopeAs(Roles.Editor);
        var service = scope.As<ReviewQueueService>();
        Assert.True((await service.RejectAsync(rejected.Id, rejected.Version)).Succeeded);

        var sourceId = await app.SourceId(ReviewSuggestions.SourceKey);
        var pending = (await service.GetQueueAsync(sourceId, ReviewFilter.Pending))!;
        Assert.Equal([earlier.Id, later.Id], pending.Items.Select(i => i.Id));
        Assert.Equal(new SuggestionCounts(2, 0, 1), pending.Counts);
        Assert.Equal("Volodymyr Zelensky is the one hesitating to reach a peace deal.", pending.Items[0].ExistingClaimText);
        Assert.Equal(OneWordAnswer, pending.Items[0].Quote);

        var all = (await service.GetQueueAsync(sourceId, ReviewFilter.All))!;
        Assert.Equal([rejected.Id, earlier.Id, later.Id], all.Items.Select(i => i.Id));
        Assert.Equal([rejected.Id], (await service.GetQueueAsync(sourceId, ReviewFilter.Rejected))!.Items.Select(i => i.Id));
        Assert.Null(await service.GetQueueAsync(987654, ReviewFilter.Pending));
        Assert.Equal(2, await service.PendingCountAsync(sourceId));
        Assert.Contains(await service.PendingQueuesAsync(), q => q.SourceId == sourceId && q.Pending == 2);
    }

    [Fact]
    public async Task A_queue_longer_than_the_page_loads_shows_the_first_ones_in_text_order_and_the_next_come_in_as_they_are_decided()
    {
        var sourceId = await app.SourceId(ReviewSuggestions.SourceKey);
        await using (var db = app.CreateDbContext())
        {
            var text = await db.Sources.Where(s => s.Id == sourceId).Select(s => s.Text).SingleAsync();
            // Added in reverse text order, so text order is not simply insertion order.
            db.AttributionSuggestions.AddRange(Enumerable.Range(0, ReviewQueueService.MaxItems + 1).Reverse().Select(i => new AttributionSuggestion
            {
                SourceId = sourceId,
                Anchor = TextAnchor.FromText(text, i, i + 5),
                ActorName = "Someone",
                Stance = Stance.Asserts,
                Mode = AttributionMode.Paraphrase,
                ClaimText = $"Claim {i}.",
                Cue = "test",
            }));
            await db.SaveChangesAsync();
        }
        await using var scope = app.Services.ScopeAs(Roles.Editor);
        var service = scope.As<ReviewQueueService>();

        var queue = (await service.GetQueueAsync(sourceId, ReviewFilter.Pending))!;
        Assert.Equal(ReviewQueueService.MaxItems, queue.Items.Count);
        Assert.Equal(ReviewQueueService.MaxItems + 1, queue.Counts.Pending);
        Assert.True(queue.IsWindowed);
        Assert.Equal(Enumerable.Range(0, ReviewQueueService.MaxItems), queue.Items.Select(i => i.Start));

        Assert.True((await service.RejectAsync(queue.Items[0].Id, queue.Items[0].Version)).Succeeded);
        var next = (await service.GetQueueAsync(sourceId, ReviewFilter.Pending))!;
        Assert.False(next.IsWindowed);
        Assert.Equal(ReviewQueueService.MaxItems, next.Items[^1].Start);
        Assert.False((await service.GetQueueAsync(sourceId, ReviewFilter.Rejected))!.IsWindowed);
    }

    [Fact]
    public async Task Accepting_a_known_actor_on_an_existing_claim_records_the_statement_and_tells_the_claim_page()
    {
        var suggestion = await AddAsync(OneWordAnswer, "Donald Trump", "donald-trump", Stance.Asserts, AttributionMode.DirectQuote,
            "Zelensky is hesitating.", "zelensky-hesitating", 0.82);
        var claimId = await app.ClaimId("zelensky-hesitating");
        var changes = new List<ClaimChange>();
        using var listening = app.Services.GetRequiredService<IClaimChangeNotifier>().Subscribe(claimId, c => { lock (changes) { changes.Add(c); } return Task.CompletedTask; });
        var before = await CountAsync();

        await using var scope = app.Services.ScopeAs(Roles.Editor, "editor-a");
        var item = await ItemAsync(suggestion.Id);
        var result = await scope.As<ReviewQueueService>().AcceptAsync(item.Id, item.AsProposed(), item.Version);

        Assert.True(result.Succeeded, string.Join("; ", result.FieldErrors.Values));
        Assert.Equal(SuggestionStatus.Accepted, result.Value!.Status);
        Assert.Equal("Test Editor editor-a", result.Value.DecidedBy);
        Assert.NotNull(result.Value.DecidedAt);
        var after = await CountAsync();
        Assert.Equal((before.Actors, before.Claims, before.Attributions + 1), (after.Actors, after.Claims, after.Attributions));

        await using var db = app.CreateDbContext();
        var attribution = await db.Attributions.Include(a => a.Actor).SingleAsync(a => a.Id == result.Value.AttributionId);
        Assert.Equal(("donald-trump", claimId, Stance.Asserts, AttributionMode.DirectQuote, OneWordAnswer),
            (attribution.Actor.Key, attribution.ClaimId, attribution.Stance, attribution.Mode, attribution.Quote));
        Assert.Equal(suggestion.Anchor, attribution.Anchor);
        await WaitForAsync(() => { lock (changes) { return changes.Any(c => c.Kind == ClaimChangeKind.Attribution); } });
    }

    [Fact]
    public async Task Accepting_a_new_actor_and_a_new_claim_creates_both_with_history_in_one_save()
    {
        var suggestion = await AddAsync(UsLedEfforts, "Western diplomats", null, Stance.Asserts, AttributionMode.Paraphrase,
            "US-led efforts have not yet ended the war in Ukraine.");
        var item = await ItemAsync(suggestion.Id);
        var decision = item.AsProposed() with { NewActorKind = ActorKind.OfficialsGroup };

        await using var scope = app.Services.ScopeAs(Roles.Editor, "editor-a");
        var result = await scope.As<ReviewQueueService>().AcceptAsync(item.Id, decision, item.Version);

        Assert.True(result.Succeeded, string.Join("; ", result.FieldErrors.Values));
        await using var db = app.CreateDbContext();
        var attribution = await db.Attributions.Include(a => a.Actor).Include(a => a.Claim).SingleAsync(a => a.Id == result.Value!.AttributionId);
        Assert.Equal(("Western diplomats", ActorKind.OfficialsGroup), (attribution.Actor.Name, attribution.Actor.Kind));
        Assert.Equal("US-led efforts have not yet ended the war in Ukraine.", attribution.Claim.Text);

        // One history entry per record, all from the same save (same time), all signed by the editor.
        var history = await db.AuditEntries.Where(e => e.UserId == "editor-a").ToListAsync();
        Assert.Equal(
            [("Actor", attribution.ActorId, AuditAction.Created), ("Attribution", attribution.Id, AuditAction.Created),
             ("AttributionSuggestion", suggestion.Id, AuditAction.Updated), ("Claim", attribution.ClaimId, AuditAction.Created)],
            history.Select(e => (e.EntityType, e.EntityId, e.Action)).Order());
        Assert.Single(history.Select(e => e.At).Distinct());
        Assert.Equal(attribution.ClaimId, history.Single(e => e.EntityType == "Attribution").ClaimId);
    }

    [Fact]
    public async Task Once_accepted_or_recorded_by_a_neighbour_a_new_actor_and_claim_are_shown_as_the_records_they_are()
    {
        // Two suggestions proposing the same new actor and claim; nothing of either is in the record yet.
        var first = await AddAsync(UsLedEfforts, "Western diplomats", null, Stance.Asserts, AttributionMode.Paraphrase,
            "US-led efforts have not yet ended the war in Ukraine.");
        var second = await AddAsync(KremlinAgreed, "Western diplomats", null, Stance.Asserts, AttributionMode.Paraphrase,
            "US-led efforts have not yet ended the war in Ukraine.");
        Assert.Equal((null, null), ((await ItemAsync(first.Id)).ActorId, (await ItemAsync(first.Id)).ClaimId));

        var item = await ItemAsync(first.Id);
        await using (var scope = app.Services.ScopeAs(Roles.Editor))
        {
            Assert.True((await scope.As<ReviewQueueService>().AcceptAsync(item.Id, item.AsProposed(), item.Version)).Succeeded);
        }

        // The accepted one shows the statement it became: its actor and claim exist, so no "new" badge.
        await using var db = app.CreateDbContext();
        var actorId = await db.Actors.Where(a => a.Name == "Western diplomats").Select(a => a.Id).SingleAsync();
        var claimId = await db.Claims.Where(c => c.Text == "US-led efforts have not yet ended the war in Ukraine.").Select(c => c.Id).SingleAsync();
        var accepted = await ItemAsync(first.Id);
        Assert.Equal((actorId, claimId), (accepted.ActorId, accepted.ClaimId));

        // The pending neighbour now points at them, so accepting it would not make a second "Western diplomats".
        var pending = await ItemAsync(second.Id);
        Assert.Equal((actorId, claimId), (pending.ActorId, pending.ClaimId));
    }

    [Fact]
    public async Task An_edited_decision_is_what_gets_recorded()
    {
        // The engine read "the Kremlin" as a new actor with a claim of its own; the editor corrects all of it.
        var suggestion = await AddAsync(KremlinAgreed, "the Kremlin", null, Stance.Asserts, AttributionMode.Paraphrase, "Trump's assessment is correct.");
        var item = await ItemAsync(suggestion.Id);
        var peskov = await app.ActorId("dmitry-peskov");
        var claim = await app.ClaimId("zelensky-hesitating");
        var source = await SourceTextAsync();
        var start = source.IndexOf("agreed with Trump's assessment", StringComparison.Ordinal);
        var decision = new SuggestionDecision(peskov, null, ActorKind.Person, Stance.Endorses, AttributionMode.Reported,
            start, start + "agreed with Trump's assessment".Length, claim, null);
        var before = await CountAsync();

        await using var scope = app.Services.ScopeAs(Roles.Admin);
        var result = await scope.As<ReviewQueueService>().AcceptAsync(item.Id, decision, item.Version);

        Assert.True(result.Succeeded, string.Join("; ", result.FieldErrors.Values));
        var after = await CountAsync();
        Assert.Equal((before.Actors, before.Claims), (after.Actors, after.Claims));
        await using var db = app.CreateDbContext();
        var attribution = await db.Attributions.SingleAsync(a => a.Id == result.Value!.AttributionId);
        Assert.Equal((peskov, claim, Stance.Endorses, AttributionMode.Reported, "agreed with Trump's assessment"),
            (attribution.ActorId, attribution.ClaimId, attribution.Stance, attribution.Mode, attribution.Quote));
    }

    [Fact]
    public async Task A_decision_whose_span_no_longer_holds_the_words_the_page_showed_is_refused_and_nothing_is_created()
    {
        var suggestion = await AddAsync(KremlinAgreed, "the Kremlin", null, Stance.Asserts, AttributionMode.Paraphrase, "Trump's assessment is correct.");
        var item = await ItemAsync(suggestion.Id);
        // As if the page had loaded the text before a correction: its words at these offsets differ from the stored ones.
        var stale = item.AsProposed() with { SelectedText = "The Kremlin disagreed with Trump's assessment" };
        var before = await CountAsync();

        await using var scope = app.Services.ScopeAs(Roles.Editor);
        var result = await scope.As<ReviewQueueService>().AcceptAsync(item.Id, stale, item.Version);

        Assert.Equal(SelectedWords.ChangedMessage, result.ErrorFor(StatementFields.Span));
        Assert.Equal(before, await CountAsync());
        Assert.Equal(SuggestionStatus.Pending, (await ItemAsync(item.Id)).Status);
        Assert.True((await scope.As<ReviewQueueService>().AcceptAsync(item.Id, item.AsProposed(), item.Version)).Succeeded);
    }

    [Fact]
    public async Task Rejecting_keeps_the_record_as_it_was_and_reopening_puts_it_back_in_the_queue()
    {
        var suggestion = await AddAsync(UsLedEfforts, "Reuters", "reuters", Stance.Asserts, AttributionMode.Narration, "US-led efforts have not ended the war.");
        var before = await CountAsync();
        await using var scope = app.Services.ScopeAs(Roles.Editor, "editor-a");
        var service = scope.As<ReviewQueueService>();

        var rejected = await service.RejectAsync(suggestion.Id, suggestion.Version);
        Assert.True(rejected.Succeeded);
        Assert.Equal((SuggestionStatus.Rejected, "Test Editor editor-a"), (rejected.Value!.Status, rejected.Value.DecidedBy));
        var after = await CountAsync();
        Assert.Equal((before.Actors, before.Claims, before.Attributions), (after.Actors, after.Claims, after.Attributions));

        var reopened = await service.ReopenAsync(suggestion.Id, rejected.Value.Version);
        Assert.True(reopened.Succeeded);
        Assert.Equal((SuggestionStatus.Pending, null, null), (reopened.Value!.Status, reopened.Value.DecidedBy, reopened.Value.DecidedAt));
    }

    [Fact]
    public async Task Reopening_an_unused_acceptance_removes_what_it_created_but_not_once_the_statement_is_edited()
    {
        var suggestion = await AddAsync(UsLedEfforts, "Western diplomats", null, Stance.Asserts, AttributionMode.Paraphrase, "US-led efforts have not ended the war.");
        var before = await CountAsync();
        await using var scope = app.Services.ScopeAs(Roles.Editor);
        var service = scope.As<ReviewQueueService>();
        var item = await ItemAsync(suggestion.Id);
        var accepted = (await service.AcceptAsync(item.Id, item.AsProposed(), item.Version)).Value!;

        var reopened = await service.ReopenAsync(accepted.Id, accepted.Version);
        Assert.True(reopened.Succeeded, string.Join("; ", reopened.FieldErrors.Values));
        Assert.Equal((SuggestionStatus.Pending, null), (reopened.Value!.Status, reopened.Value.AttributionId));
        var after = await CountAsync();
        Assert.Equal((before.Actors, before.Claims, before.Attributions), (after.Actors, after.Claims, after.Attributions));

        // Accepted again, then the statement is edited on the claim page: now reopening would undo someone's work.
        var again = (await service.AcceptAsync(item.Id, item.AsProposed(), reopened.Value.Version)).Value!;
        var editing = scope.As<RecordEditService>();
        var statement = (await editing.GetAttributionAsync(again.AttributionId!.Value))!;
        Assert.True((await editing.UpdateAttributionAsync(statement.Id, statement.Version, new AttributionDraft(
            statement.ActorId, statement.ClaimId, statement.SourceId, Stance.Doubts, statement.Mode, statement.SpanStart, statement.SpanEnd))).Succeeded);
        var refused = await service.ReopenAsync(again.Id, again.Version);
        Assert.Equal(EditOutcome.Invalid, refused.Outcome);
        Assert.Contains("edited", refused.ErrorFor("Suggestion"));
        Assert.Equal(SuggestionStatus.Accepted, (await ItemAsync(item.Id)).Status);
    }

    [Fact]
    public async Task The_second_editor_to_decide_gets_a_conflict_naming_the_first_and_nothing_is_duplicated()
    {
        var suggestion = await AddAsync(OneWordAnswer, "Donald Trump", "donald-trump", Stance.Asserts, AttributionMode.DirectQuote,
            "Zelensky is hesitating.", "zelensky-hesitating", 0.82);
        var seenByBoth = await ItemAsync(suggestion.Id);
        await using var first = app.Services.ScopeAs(Roles.Editor, "editor-a");
        await using var second = app.Services.ScopeAs(Roles.Editor, "editor-b");
        Assert.True((await first.As<ReviewQueueService>().AcceptAsync(seenByBoth.Id, seenByBoth.AsProposed(), seenByBoth.Version)).Succeeded);
        var before = await CountAsync();

        var late = await second.As<ReviewQueueService>().AcceptAsync(seenByBoth.Id, seenByBoth.AsProposed(), seenByBoth.Version);
        var lateReject = await second.As<ReviewQueueService>().RejectAsync(seenByBoth.Id, seenByBoth.Version);

        Assert.Equal(EditOutcome.Conflict, late.Outcome);
        Assert.Equal(EditOutcome.Conflict, lateReject.Outcome);
        Assert.StartsWith("Already accepted by Test Editor editor-a at ", late.Value!.DecidedMessage);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_even_while_the_suggestion_is_pending()
    {
        var suggestion = await AddAsync(OneWordAnswer, "Donald Trump", "donald-trump", Stance.Asserts, AttributionMode.DirectQuote, "Zelensky is hesitating.", "zelensky-hesitating", 0.82);
        await using var scope = app.Services.ScopeAs(Roles.Editor);
        var service = scope.As<ReviewQueueService>();
        var rejected = (await service.RejectAsync(suggestion.Id, suggestion.Version)).Value!;
        Assert.True((await service.ReopenAsync(rejected.Id, rejected.Version)).Succeeded);
        var before = await CountAsync();

        var stale = await service.AcceptAsync(suggestion.Id, (await ItemAsync(suggestion.Id)).AsProposed(), suggestion.Version);

        Assert.Equal(EditOutcome.Conflict, stale.Outcome);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_span_that_repeats_a_recorded_statement_is_refused()
    {
        // The seed already has Trump asserting this claim over "ready to make a deal".
        var suggestion = await AddAsync("Putin is \"ready to make a deal\"", "Donald Trump", "donald-trump", Stance.Asserts, AttributionMode.DirectQuote,
            "Vladimir Putin is ready to make a deal to end the war in Ukraine.", "putin-ready-for-deal", 0.97);
        var item = await ItemAsync(suggestion.Id);
        var before = await CountAsync();
        await using var scope = app.Services.ScopeAs(Roles.Editor);

        var result = await scope.As<ReviewQueueService>().AcceptAsync(item.Id, item.AsProposed(), item.Version);

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Contains("already recorded over an overlapping span (171–191", result.ErrorFor(StatementFields.Span));
        Assert.Equal(before, await CountAsync());
        Assert.Equal(SuggestionStatus.Pending, (await ItemAsync(item.Id)).Status);
    }

    [Theory]
    [InlineData(-1, 10, "must be a non-empty part of the source text")]
    [InlineData(2150, 2200, "must be a non-empty part of the source text (0–2156)")]
    [InlineData(40, 40, "must be a non-empty part")]
    [InlineData(89, 90, "only white space")]
    public async Task A_bad_span_is_refused_and_nothing_is_created_not_even_the_new_actor_or_claim(int start, int end, string message)
    {
        var suggestion = await AddAsync(UsLedEfforts, "Western diplomats", null, Stance.Asserts, AttributionMode.Paraphrase, "US-led efforts have not ended the war.");
        var item = await ItemAsync(suggestion.Id);
        var before = await CountAsync();
        await using var scope = app.Services.ScopeAs(Roles.Editor);

        var result = await scope.As<ReviewQueueService>().AcceptAsync(item.Id, item.AsProposed() with { SpanStart = start, SpanEnd = end, SelectedText = null }, item.Version);

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Contains(message, result.ErrorFor(StatementFields.Span));
        Assert.Equal(before, await CountAsync());
        Assert.Equal(SuggestionStatus.Pending, (await ItemAsync(item.Id)).Status);
    }

    [Fact]
    public async Task Each_bad_field_of_an_edited_decision_gets_its_own_message_and_nothing_is_written()
    {
        var suggestion = await AddAsync(UsLedEfforts, "Western diplomats", null, Stance.Asserts, AttributionMode.Paraphrase, "US-led efforts have not ended the war.");
        var item = await ItemAsync(suggestion.Id);
        var before = await CountAsync();
        await using var scope = app.Services.ScopeAs(Roles.Editor);

        var result = await scope.As<ReviewQueueService>().AcceptAsync(item.Id,
            item.AsProposed() with { NewActorName = "  ", NewClaimText = new string('x', InputLimits.ClaimText + 1), Stance = (Stance)99 }, item.Version);

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.NotNull(result.ErrorFor(StatementFields.Actor));
        Assert.Contains("at most 1000", result.ErrorFor(StatementFields.NewClaimText));
        Assert.NotNull(result.ErrorFor(nameof(AttributionDraft.Stance)));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_refused_save_rolls_back_the_new_actor_and_claim_already_written_in_its_transaction()
    {
        // Force the failure at the very end: another save changes the suggestion between the check and the save.
        var suggestion = await AddAsync(UsLedEfforts, "Western diplomats", null, Stance.Asserts, AttributionMode.Paraphrase, "US-led efforts have not ended the war.");
        var item = await ItemAsync(suggestion.Id);
        // A trigger cannot take parameters; both values are the test's own.
        await using var bump = await EngineSql.BeforeInsertAsync(app, "bump_suggestion", "Attributions",
            $"UPDATE \"AttributionSuggestions\" SET \"Version\" = '{Guid.NewGuid().ToString().ToUpperInvariant()}' WHERE \"Id\" = {item.Id}");
        var before = await CountAsync();
        await using var scope = app.Services.ScopeAs(Roles.Editor);

        var result = await scope.As<ReviewQueueService>().AcceptAsync(item.Id, item.AsProposed(), item.Version);

        Assert.Equal(EditOutcome.Conflict, result.Outcome);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Only_editors_and_admins_review_and_refusals_write_nothing()
    {
        var suggestion = await AddAsync(UsLedEfforts, "Western diplomats", null, Stance.Asserts, AttributionMode.Paraphrase, "US-led efforts have not ended the war.");
        var sourceId = await app.SourceId(ReviewSuggestions.SourceKey);
        var item = await ItemAsync(suggestion.Id);
        foreach (var role in new string?[] { null, Roles.Journalist })
        {
            await using var scope = app.Services.ScopeAs(role);
            var service = scope.As<ReviewQueueService>();
            var before = await CountAsync();
            Func<Task>[] calls =
            [
                () => service.GetQueueAsync(sourceId, ReviewFilter.Pending),
                () => service.GetAsync(item.Id),
                () => service.PendingQueuesAsync(),
                () => service.AcceptAsync(item.Id, item.AsProposed(), item.Version),
                () => service.RejectAsync(item.Id, item.Version),
                () => service.ReopenAsync(item.Id, item.Version),
            ];
            foreach (var call in calls)
            {
                var denied = await Assert.ThrowsAsync<AccessDeniedException>(call);
                Assert.Equal(role is not null, denied.SignedIn);
            }
            Assert.Equal(0, await service.PendingCountAsync(sourceId));
            Assert.Equal(before, await CountAsync());
            Assert.Equal(SuggestionStatus.Pending, (await ItemAsync(item.Id)).Status);
        }
        foreach (var role in new[] { Roles.Editor, Roles.Admin })
        {
            await using var scope = app.Services.ScopeAs(role);
            var service = scope.As<ReviewQueueService>();
            Assert.NotNull(await service.GetQueueAsync(sourceId, ReviewFilter.Pending));
            var current = await ItemAsync(item.Id);
            var rejected = await service.RejectAsync(current.Id, current.Version);
            Assert.True(rejected.Succeeded);
            Assert.True((await service.ReopenAsync(current.Id, rejected.Value!.Version)).Succeeded);
        }
    }

    private async Task<string> SourceTextAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Sources.Where(s => s.Key == ReviewSuggestions.SourceKey).Select(s => s.Text).SingleAsync();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        // The notifier hands changes to subscribers on the thread pool.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the change was not announced");
            await Task.Delay(20);
        }
    }
}
