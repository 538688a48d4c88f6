using System.Text.Json;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Live;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Verdicts;

/// <summary>The role × action matrix, the workflow, validation, concurrency and history of verdicts. One database for the class; each test uses its own claims.</summary>
[BothEngines]
public class VerdictWorkflowTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    public static TheoryData<string?, string> RefusedCalls()
    {
        var data = new TheoryData<string?, string>();
        foreach (var role in new[] { null, Roles.Journalist })
        {
            foreach (var action in new[] { "start", "draft", "publish", "reopen" })
            {
                data.Add(role, action);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedCalls))]
    public async Task Anonymous_and_journalists_cannot_move_the_workflow_or_write_verdicts(string? role, string action)
    {
        // A claim with a draft, so that every action would be valid for an editor.
        var claimId = await app.ClaimId($"kyiv-to-blame");
        await EnsureDraftAsync(claimId);
        await using var before = app.CreateDbContext();
        var verdictBefore = await before.Verdicts.AsNoTracking().SingleAsync(v => v.ClaimId == claimId);
        var historyBefore = (await app.HistoryAsync(claimId)).Count;

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => app.AsAsync(role, s => action switch
        {
            "start" => s.StartReviewAsync(claimId),
            "draft" => s.SaveDraftAsync(claimId, VerdictTestHelpers.Input("Overwritten by an intruder."), verdictBefore.Version),
            "publish" => s.PublishAsync(claimId, verdictBefore.Version),
            _ => s.ReopenAsync(claimId, verdictBefore.Version),
        }));

        Assert.Equal(Permission.RateClaims, denied.Permission);
        Assert.Equal(role is not null, denied.SignedIn);
        Assert.Equal(ClaimStatus.VerdictDrafted, await app.StatusAsync(claimId));
        await using var after = app.CreateDbContext();
        var verdictAfter = await after.Verdicts.AsNoTracking().SingleAsync(v => v.ClaimId == claimId);
        Assert.Equal(verdictBefore.Version, verdictAfter.Version);
        Assert.Equal(VerdictState.Draft, verdictAfter.State);
        Assert.Equal(historyBefore, (await app.HistoryAsync(claimId)).Count);
    }

    [Theory]
    [InlineData(Roles.Editor, "trump-trust-in-putin-objectionable")]
    [InlineData(Roles.Admin, "kremlin-keeps-objectives")]
    public async Task Editors_and_admins_take_a_claim_through_the_whole_workflow(string role, string claimKey)
    {
        var claimId = await app.ClaimId(claimKey);
        Assert.Equal(ClaimStatus.New, await app.StatusAsync(claimId));

        Assert.True((await app.AsAsync(role, s => s.StartReviewAsync(claimId))).Succeeded);
        Assert.Equal(ClaimStatus.InReview, await app.StatusAsync(claimId));

        var drafted = await app.AsAsync(role, s => s.SaveDraftAsync(claimId, VerdictTestHelpers.Input("First reading."), null));
        Assert.True(drafted.Succeeded, drafted.Message);
        Assert.Equal(ClaimStatus.VerdictDrafted, await app.StatusAsync(claimId));
        Assert.Equal(VerdictState.Draft, drafted.Value!.State);
        Assert.Equal($"Test {role} test-{role.ToLowerInvariant()}", drafted.Value.AuthorName);

        var published = await app.AsAsync(role, s => s.PublishAsync(claimId, drafted.Value.Version));
        Assert.True(published.Succeeded, published.Message);
        Assert.Equal(ClaimStatus.Published, await app.StatusAsync(claimId));
        Assert.Equal(VerdictState.Published, published.Value!.State);
        Assert.NotNull(published.Value.PublishedAt);

        var reopened = await app.AsAsync(role, s => s.ReopenAsync(claimId, published.Value.Version));
        Assert.True(reopened.Succeeded, reopened.Message);
        Assert.Equal(ClaimStatus.InReview, await app.StatusAsync(claimId));
        Assert.Equal(VerdictState.Draft, reopened.Value!.State);
        Assert.Null(reopened.Value.PublishedAt);
    }

    [Fact]
    public async Task Drafts_are_seen_only_by_those_who_may_read_drafts_and_published_verdicts_by_everyone()
    {
        var claimId = await app.ClaimId("putin-aims-to-seize-ukraine");
        var draft = await app.DraftAsync(claimId, "Not yet public.");

        foreach (var role in new[] { null, Roles.Journalist })
        {
            Assert.Null(await app.AsAsync(role, s => s.GetAsync(claimId)));
            var panel = await app.AsAsync(role, s => s.GetPanelAsync(claimId));
            Assert.Null(panel!.Verdict);
            Assert.False(panel.CanRate);
            Assert.Empty(panel.Evidence.Statements);
        }
        foreach (var role in new[] { Roles.Editor, Roles.Admin })
        {
            var seen = await app.AsAsync(role, s => s.GetAsync(claimId));
            Assert.Equal("Not yet public.", seen!.Rationale);
            Assert.True(seen.IsDraft);
            Assert.True((await app.AsAsync(role, s => s.GetPanelAsync(claimId)))!.CanRate);
        }

        Assert.True((await app.AsAsync(Roles.Editor, s => s.PublishAsync(claimId, draft.Version))).Succeeded);
        foreach (var role in Acting.EveryRole)
        {
            var seen = await app.AsAsync(role, s => s.GetAsync(claimId));
            Assert.Equal(VerdictState.Published, seen!.State);
        }
    }

    [Fact]
    public async Task Steps_out_of_order_are_refused_with_a_reason_and_change_nothing()
    {
        var claimId = await app.ClaimId("ukraine-should-cede-donbas");

        // New: nothing but "start review".
        await AssertRefusedAsync(claimId, s => s.SaveDraftAsync(claimId, VerdictTestHelpers.Input(), null), "Start the review");
        await AssertRefusedAsync(claimId, s => s.PublishAsync(claimId, Guid.NewGuid()), "save a draft first");
        await AssertRefusedAsync(claimId, s => s.ReopenAsync(claimId, Guid.NewGuid()), "Only a claim with a verdict");
        Assert.Equal(ClaimStatus.New, await app.StatusAsync(claimId));

        // In review without a draft: no publishing, no second start.
        Assert.True((await app.AsAsync(Roles.Editor, s => s.StartReviewAsync(claimId))).Succeeded);
        await AssertRefusedAsync(claimId, s => s.StartReviewAsync(claimId), "Only a new claim");
        await AssertRefusedAsync(claimId, s => s.PublishAsync(claimId, Guid.NewGuid()), "save a draft first");

        // Published: the verdict is frozen until reopened.
        var draft = (await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(claimId, VerdictTestHelpers.Input(), null))).Value!;
        var published = (await app.AsAsync(Roles.Editor, s => s.PublishAsync(claimId, draft.Version))).Value!;
        await AssertRefusedAsync(claimId, s => s.SaveDraftAsync(claimId, VerdictTestHelpers.Input("Changed after publishing."), published.Version), "reopen");
        await AssertRefusedAsync(claimId, s => s.PublishAsync(claimId, published.Version), "already published");
        Assert.Equal(ClaimStatus.Published, await app.StatusAsync(claimId));
        Assert.Equal("The record shows otherwise.", (await app.AsAsync(null, s => s.GetAsync(claimId)))!.Rationale);

        // After reopening, the draft must be saved again before it can be published.
        var reopened = (await app.AsAsync(Roles.Editor, s => s.ReopenAsync(claimId, published.Version))).Value!;
        await AssertRefusedAsync(claimId, s => s.PublishAsync(claimId, reopened.Version), "save a draft first");
    }

    [Fact]
    public async Task Unknown_claims_are_reported_as_not_found()
    {
        Assert.Null(await app.AsAsync(Roles.Editor, s => s.GetPanelAsync(987654)));
        Assert.Equal(EditOutcome.NotFound, (await app.AsAsync(Roles.Editor, s => s.StartReviewAsync(987654))).Outcome);
        Assert.Equal(EditOutcome.NotFound, (await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(987654, VerdictTestHelpers.Input(), null))).Outcome);
    }

    public static TheoryData<string, VerdictInput> InvalidInputs() => new()
    {
        { nameof(VerdictInput.RatingLabelId), VerdictTestHelpers.Input(rating: null) },
        { nameof(VerdictInput.RatingLabelId), VerdictTestHelpers.Input(rating: 999) },
        { nameof(VerdictInput.Rationale), VerdictTestHelpers.Input("   ") },
        { nameof(VerdictInput.Rationale), VerdictTestHelpers.Input(new string('x', InputLimits.VerdictRationale + 1)) },
        { nameof(VerdictInput.AttributionIds), VerdictTestHelpers.Input("Cites a ghost.", VerdictTestHelpers.False, 987654) },
        { nameof(VerdictInput.SourceIds), new VerdictInput { RatingLabelId = 1, Rationale = "Cites a ghost.", SourceIds = [987654] } },
        { nameof(VerdictInput.Urls), new VerdictInput { RatingLabelId = 1, Rationale = "Bad link.", Urls = ["javascript:alert(1)"] } },
        { nameof(VerdictInput.Urls), new VerdictInput { RatingLabelId = 1, Rationale = "Bad link.", Urls = ["ftp://example.org/x"] } },
        { nameof(VerdictInput.Urls), new VerdictInput { RatingLabelId = 1, Rationale = "Bad link.", Urls = ["not a url"] } },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public async Task Invalid_drafts_are_refused_field_by_field_and_nothing_is_written(string field, VerdictInput input)
    {
        var claimId = await app.ClaimId("kyiv-should-withdraw-troops");
        if (await app.StatusAsync(claimId) == ClaimStatus.New)
        {
            await app.AsAsync(Roles.Editor, s => s.StartReviewAsync(claimId));
        }
        var historyBefore = (await app.HistoryAsync(claimId)).Count;

        var result = await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(claimId, input, null));

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.True(result.FieldErrors!.ContainsKey(field), $"expected an error on {field}; got {string.Join(", ", result.FieldErrors.Keys)}");
        Assert.Null(await app.AsAsync(Roles.Editor, s => s.GetAsync(claimId)));
        Assert.Equal(ClaimStatus.InReview, await app.StatusAsync(claimId));
        Assert.Equal(historyBefore, (await app.HistoryAsync(claimId)).Count);
    }

    [Fact]
    public async Task Valid_evidence_is_kept_and_resolved_to_links()
    {
        var claimId = await app.ClaimId("kyiv-cannot-cede-land");
        await app.AsAsync(Roles.Editor, s => s.StartReviewAsync(claimId));
        await using var db = app.CreateDbContext();
        var attributionId = await db.Attributions.Where(a => a.ClaimId == claimId).Select(a => a.Id).FirstAsync();
        var sourceId = await db.Sources.Select(s => s.Id).FirstAsync();
        var input = new VerdictInput
        {
            RatingLabelId = 2,
            Rationale = "Backed by the constitution.",
            AttributionIds = [attributionId],
            SourceIds = [sourceId],
            Urls = ["https://example.org/constitution"],
        };

        var saved = await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(claimId, input, null));

        Assert.True(saved.Succeeded, saved.Message);
        var evidence = saved.Value!.Evidence;
        Assert.Collection(evidence,
            e => { Assert.Equal(EvidenceKind.Attribution, e.Kind); Assert.Equal($"/sources/{sourceId}?attribution={attributionId}#a-{attributionId}", e.Href); Assert.Contains("Zelensky", e.Text); },
            e => { Assert.Equal(EvidenceKind.Source, e.Kind); Assert.Equal($"/sources/{sourceId}", e.Href); Assert.Contains("Reuters", e.Text); },
            e => { Assert.Equal(EvidenceKind.Link, e.Kind); Assert.Equal("https://example.org/constitution", e.Href); });
        Assert.Equal("Mostly accurate", saved.Value.Label);
    }

    [Fact]
    public async Task A_save_against_a_stale_version_is_refused_with_the_other_editors_version_and_nothing_is_lost()
    {
        var claimId = await app.ClaimId("talks-cover-security-guarantees");
        var loaded = await app.DraftAsync(claimId, "Original.");

        // Both editors opened the same draft; the first saves.
        var first = await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(claimId, VerdictTestHelpers.Input("Editor one's reading."), loaded.Version), "editor-one");
        Assert.True(first.Succeeded);

        var second = await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(claimId, VerdictTestHelpers.Input("Editor two's reading."), loaded.Version), "editor-two");
        Assert.Equal(EditOutcome.Conflict, second.Outcome);
        Assert.Equal("Editor one's reading.", second.Value!.Rationale);
        Assert.Equal(first.Value!.Version, second.Value.Version);
        Assert.Equal("Editor one's reading.", (await app.AsAsync(Roles.Editor, s => s.GetAsync(claimId)))!.Rationale);

        // Publishing what one has not seen is refused too.
        Assert.Equal(EditOutcome.Conflict, (await app.AsAsync(Roles.Editor, s => s.PublishAsync(claimId, loaded.Version))).Outcome);
        Assert.Equal(ClaimStatus.VerdictDrafted, await app.StatusAsync(claimId));

        // Having seen it, editor two may deliberately save over it.
        var reapplied = await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(claimId, VerdictTestHelpers.Input("Editor two's reading."), second.Value.Version), "editor-two");
        Assert.True(reapplied.Succeeded);
        Assert.Equal("Editor two's reading.", reapplied.Value!.Rationale);
    }

    [Fact]
    public async Task Two_editors_creating_the_first_draft_at_once_do_not_both_win()
    {
        var claimId = await app.ClaimId("putin-would-accept-framework");
        await app.AsAsync(Roles.Editor, s => s.StartReviewAsync(claimId));

        var first = await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(claimId, VerdictTestHelpers.Input("First."), null), "editor-one");
        var second = await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(claimId, VerdictTestHelpers.Input("Second."), null), "editor-two");

        Assert.True(first.Succeeded);
        Assert.Equal(EditOutcome.Conflict, second.Outcome);
        Assert.Equal("First.", second.Value!.Rationale);
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.Verdicts.CountAsync(v => v.ClaimId == claimId));
    }

    [Fact]
    public async Task Each_change_writes_exactly_one_history_entry_per_changed_record_with_before_and_after()
    {
        var claimId = await app.ClaimId("trump-takes-putin-at-word");
        var start = (await app.HistoryAsync(claimId)).Count;

        await app.AsAsync(Roles.Editor, s => s.StartReviewAsync(claimId));
        var afterStart = (await app.HistoryAsync(claimId)).Skip(start).ToList();
        var claimEntry = Assert.Single(afterStart);
        Assert.Equal(("Claim", AuditAction.Updated), (claimEntry.EntityType, claimEntry.Action));
        Assert.Equal((int)ClaimStatus.New, Json(claimEntry.Before).GetProperty("Status").GetInt32());
        Assert.Equal((int)ClaimStatus.InReview, Json(claimEntry.After).GetProperty("Status").GetInt32());
        Assert.Equal("test-editor", claimEntry.UserId);

        var draft = (await app.AsAsync(Roles.Editor, s => s.SaveDraftAsync(claimId, VerdictTestHelpers.Input("History test."), null))).Value!;
        var afterDraft = (await app.HistoryAsync(claimId)).Skip(start + 1).ToList();
        Assert.Equal(2, afterDraft.Count);
        var created = Assert.Single(afterDraft, e => e.EntityType == "Verdict");
        Assert.Equal(AuditAction.Created, created.Action);
        Assert.Null(created.Before);
        Assert.Equal("History test.", Json(created.After).GetProperty("Rationale").GetString());
        Assert.Equal(draft.Id, created.EntityId);
        Assert.Single(afterDraft, e => e.EntityType == "Claim" && e.Action == AuditAction.Updated);

        await app.AsAsync(Roles.Editor, s => s.PublishAsync(claimId, draft.Version));
        var afterPublish = (await app.HistoryAsync(claimId)).Skip(start + 3).ToList();
        Assert.Equal(2, afterPublish.Count);
        var publish = Assert.Single(afterPublish, e => e.EntityType == "Verdict");
        Assert.Equal(AuditAction.Updated, publish.Action);
        Assert.Equal((int)VerdictState.Draft, Json(publish.Before).GetProperty("State").GetInt32());
        Assert.Equal((int)VerdictState.Published, Json(publish.After).GetProperty("State").GetInt32());
    }

    [Fact]
    public async Task Open_pages_are_told_after_each_save()
    {
        var claimId = await app.ClaimId("russia-open-to-talks");
        var notifier = app.Services.GetRequiredService<IClaimChangeNotifier>();
        var heard = new TaskCompletionSource<ClaimChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = notifier.Subscribe(claimId, change => { heard.TrySetResult(change); return Task.CompletedTask; });

        await app.AsAsync(Roles.Editor, s => s.StartReviewAsync(claimId));

        var change = await heard.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(new ClaimChange(claimId, ClaimChangeKind.Verdict), change);
    }

    private async Task AssertRefusedAsync(int claimId, Func<VerdictWorkflow, Task<EditResult<VerdictView>>> action, string reason)
    {
        var history = (await app.HistoryAsync(claimId)).Count;
        var result = await app.AsAsync(Roles.Editor, action);
        Assert.Equal(EditOutcome.Refused, result.Outcome);
        Assert.Contains(reason, result.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(history, (await app.HistoryAsync(claimId)).Count);
    }

    private async Task EnsureDraftAsync(int claimId)
    {
        if (await app.StatusAsync(claimId) != ClaimStatus.VerdictDrafted)
        {
            await app.DraftAsync(claimId);
        }
    }

    private static JsonElement Json(string? json) => JsonDocument.Parse(json!).RootElement;
}
