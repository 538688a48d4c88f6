using System.Text.Json;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Editing;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Editing;

/// <summary>Validation, conflicts, history and restore, through the service as an editor would call it.</summary>
[BothEngines]
public class RecordEditServiceTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private const string Source = "reuters-ukraine-peace-talks";

    private Task<T> AsEditorAsync<T>(Func<RecordEditService, Task<T>> call, string userId = "editor-1") =>
        app.Services.AsAsync(Roles.Editor, call, userId);

    private async Task<ClaimRecord> NewClaimAsync(string text = "A claim made for this test.")
    {
        var created = await AsEditorAsync(s => s.CreateClaimAsync(new ClaimDraft($"{text} {Guid.NewGuid():N}", ["testing"])));
        Assert.Equal(EditOutcome.Saved, created.Outcome);
        return created.Value!;
    }

    private async Task<List<AuditEntry>> HistoryOfAsync(string entityType, int id)
    {
        await using var db = app.CreateDbContext();
        return await db.AuditEntries.Where(e => e.EntityType == entityType && e.EntityId == id).OrderBy(e => e.Id).ToListAsync();
    }

    private static JsonElement Json(string? json) => JsonDocument.Parse(json!).RootElement;

    // ------------------------------------------------------------------ validation

    [Theory]
    [InlineData("", "Text", "required")]
    [InlineData("   ", "Text", "required")]
    public async Task A_claim_needs_its_text(string text, string field, string message)
    {
        var result = await AsEditorAsync(s => s.CreateClaimAsync(new ClaimDraft(text, [])));
        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Contains(message, result.ErrorFor(field));
    }

    [Fact]
    public async Task Text_and_topics_longer_than_the_columns_allow_are_refused_field_by_field()
    {
        await using var db = app.CreateDbContext();
        var claims = await db.Claims.CountAsync();

        var result = await AsEditorAsync(s => s.CreateClaimAsync(new ClaimDraft(new string('x', 1001), [new string('t', 61)])));

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Contains("at most 1000 characters", result.ErrorFor(nameof(ClaimDraft.Text)));
        Assert.Contains("at most 60 characters", result.ErrorFor(nameof(ClaimDraft.Topics)));
        Assert.Equal(claims, await db.Claims.CountAsync());
        Assert.Equal(EditOutcome.Saved, (await AsEditorAsync(s => s.CreateClaimAsync(new ClaimDraft(new string('x', 1000), [])))).Outcome);
    }

    [Fact]
    public async Task An_actor_needs_a_name_and_fits_its_columns()
    {
        var result = await AsEditorAsync(s => s.CreateActorAsync(new ActorDraft(" ", ActorKind.Person, new string('r', 201), new string('c', 101), [])));
        Assert.Contains("required", result.ErrorFor(nameof(ActorDraft.Name)));
        Assert.Contains("at most 200", result.ErrorFor(nameof(ActorDraft.Role)));
        Assert.Contains("at most 100", result.ErrorFor(nameof(ActorDraft.Country)));
    }

    [Fact]
    public async Task A_claim_cannot_be_related_to_itself_nor_twice_in_the_same_way()
    {
        var (a, b) = (await NewClaimAsync(), await NewClaimAsync());

        var self = await AsEditorAsync(s => s.CreateRelationAsync(new RelationDraft(a.Id, a.Id, RelationType.Supports, "Circular.")));
        Assert.Contains("itself", self.ErrorFor(nameof(RelationDraft.ToClaimId)));

        var noRationale = await AsEditorAsync(s => s.CreateRelationAsync(new RelationDraft(a.Id, b.Id, RelationType.Supports, "")));
        Assert.Contains("required", noRationale.ErrorFor(nameof(RelationDraft.Rationale)));

        var first = await AsEditorAsync(s => s.CreateRelationAsync(new RelationDraft(a.Id, b.Id, RelationType.Supports, "Because.")));
        Assert.Equal(EditOutcome.Saved, first.Outcome);
        var twice = await AsEditorAsync(s => s.CreateRelationAsync(new RelationDraft(a.Id, b.Id, RelationType.Supports, "Again.")));
        Assert.Contains("already recorded", twice.ErrorFor(nameof(RelationDraft.ToClaimId)));

        // Another type between the same claims is a different relation.
        var other = await AsEditorAsync(s => s.CreateRelationAsync(new RelationDraft(a.Id, b.Id, RelationType.Qualifies, "Also.")));
        Assert.Equal(EditOutcome.Saved, other.Outcome);

        // A deleted twin still holds the unique index: the editor is sent to restore it instead.
        Assert.Equal(EditOutcome.Saved, (await AsEditorAsync(s => s.DeleteRelationAsync(first.Value!.Id, first.Value.Version))).Outcome);
        var again = await AsEditorAsync(s => s.CreateRelationAsync(new RelationDraft(a.Id, b.Id, RelationType.Supports, "Once more.")));
        Assert.Contains("restore", again.ErrorFor(nameof(RelationDraft.ToClaimId)));
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(10, 10)]
    [InlineData(20, 10)]
    [InlineData(0, 1_000_000)]
    public async Task An_attribution_span_must_be_a_non_empty_part_of_the_source_text(int start, int end)
    {
        var claim = await NewClaimAsync();
        var result = await AsEditorAsync(async s => s.CreateAttributionAsync(new AttributionDraft(
            await app.ActorId("donald-trump"), claim.Id, await app.SourceId(Source), Stance.Asserts, AttributionMode.Paraphrase, start, end)));
        Assert.Equal(EditOutcome.Invalid, (await result).Outcome);
        Assert.Contains("span", (await result).ErrorFor("Span"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Moving_a_statements_span_keeps_the_old_quote_and_offsets_as_the_entrys_before()
    {
        var claim = await NewClaimAsync();
        const string Longer = "ready to make a deal\" to end"; // as printed, with the quotation mark closing
        var text = TestSeeds.ArticleText(Source);
        var start = text.IndexOf("ready to make a deal", StringComparison.Ordinal);
        Assert.Equal(start, text.IndexOf(Longer, StringComparison.Ordinal));
        var created = (await AsEditorAsync(async s => await s.CreateAttributionAsync(new AttributionDraft(
            await app.ActorId("donald-trump"), claim.Id, await app.SourceId(Source), Stance.Asserts, AttributionMode.DirectQuote, start, start + "ready to make a deal".Length)))).Value!;

        var moved = await AsEditorAsync(async s => await s.UpdateAttributionAsync(created.Id, created.Version, new AttributionDraft(
            created.ActorId, claim.Id, created.SourceId, Stance.Asserts, AttributionMode.DirectQuote, start, start + Longer.Length)));

        Assert.Equal(EditOutcome.Saved, moved.Outcome);
        var update = Assert.Single(await HistoryOfAsync(nameof(Attribution), created.Id), e => e.Action == AuditAction.Updated);
        // The anchor is replaced, not mutated: the entry's before must be the replaced anchor, not the new one.
        Assert.Equal("ready to make a deal", Json(update.Before).GetProperty("Anchor.Exact").GetString());
        Assert.Equal(start + "ready to make a deal".Length, Json(update.Before).GetProperty("Anchor.End").GetInt32());
        Assert.Equal(Longer, Json(update.After).GetProperty("Anchor.Exact").GetString());
        Assert.Contains($"Quote: “ready to make a deal” → “{Longer}”", HistoryWords.Describe(update, new HistoryNames()).Changes.Select(c => c.Text));
    }

    [Fact]
    public async Task An_attribution_is_anchored_in_the_source_text_and_recorded_once()
    {
        var claim = await NewClaimAsync();
        var actorId = await app.ActorId("donald-trump");
        var sourceId = await app.SourceId(Source);
        var text = TestSeeds.ArticleText(Source);
        var start = text.IndexOf("ready to make a deal", StringComparison.Ordinal);
        var draft = new AttributionDraft(actorId, claim.Id, sourceId, Stance.Asserts, AttributionMode.DirectQuote, start, start + "ready to make a deal".Length, SaidWhere: "Oval Office");

        var created = await AsEditorAsync(s => s.CreateAttributionAsync(draft));
        Assert.Equal(EditOutcome.Saved, created.Outcome);
        Assert.Equal("ready to make a deal", created.Value!.Quote);
        await using (var db = app.CreateDbContext())
        {
            var stored = await db.Attributions.SingleAsync(a => a.Id == created.Value.Id);
            Assert.Null(stored.Anchor.FindMismatch(text));
        }

        var duplicate = await AsEditorAsync(s => s.CreateAttributionAsync(draft with { Stance = Stance.Denies }));
        Assert.Contains("already recorded", duplicate.ErrorFor("Span"));

        var missing = await AsEditorAsync(s => s.CreateAttributionAsync(draft with { ActorId = -5, ClaimId = -5, SourceId = -5 }));
        Assert.NotNull(missing.ErrorFor(nameof(AttributionDraft.ActorId)));
        Assert.NotNull(missing.ErrorFor(nameof(AttributionDraft.ClaimId)));
        Assert.NotNull(missing.ErrorFor(nameof(AttributionDraft.SourceId)));
    }

    // ------------------------------------------------------------------ concurrency

    [Fact]
    public async Task The_second_of_two_editors_gets_a_conflict_with_the_first_ones_values_and_nothing_is_lost()
    {
        var claim = await NewClaimAsync("Contested wording.");

        // Both editors load the same version, in circuits of their own.
        await using var scopeA = app.Services.ScopeAs(Roles.Editor, "editor-a");
        await using var scopeB = app.Services.ScopeAs(Roles.Editor, "editor-b");
        var loadedA = (await scopeA.As<RecordEditService>().GetClaimAsync(claim.Id))!;
        var loadedB = (await scopeB.As<RecordEditService>().GetClaimAsync(claim.Id))!;
        Assert.Equal(loadedA.Version, loadedB.Version);

        var savedA = await scopeA.As<RecordEditService>().UpdateClaimAsync(claim.Id, loadedA.Version, new ClaimDraft("A's wording.", ["a"]));
        Assert.Equal(EditOutcome.Saved, savedA.Outcome);
        Assert.NotEqual(loadedA.Version, savedA.Value!.Version);

        var savedB = await scopeB.As<RecordEditService>().UpdateClaimAsync(claim.Id, loadedB.Version, new ClaimDraft("B's wording.", ["b"]));
        Assert.Equal(EditOutcome.Conflict, savedB.Outcome);
        Assert.Equal("A's wording.", savedB.Value!.Text);
        Assert.Equal(["a"], savedB.Value.Topics);
        Assert.Equal(savedA.Value.Version, savedB.Value.Version);

        // A's change stands; B's was not written.
        var stored = await scopeA.As<RecordEditService>().GetClaimAsync(claim.Id);
        Assert.Equal("A's wording.", stored!.Text);
        Assert.Single(await HistoryOfAsync(nameof(Claim), claim.Id), e => e.Action == AuditAction.Updated);

        // B reapplies deliberately, against the version B has now seen.
        var reapplied = await scopeB.As<RecordEditService>().UpdateClaimAsync(claim.Id, savedB.Value.Version, new ClaimDraft("B's wording.", ["b"]));
        Assert.Equal(EditOutcome.Saved, reapplied.Outcome);
        var updates = (await HistoryOfAsync(nameof(Claim), claim.Id)).Where(e => e.Action == AuditAction.Updated).ToList();
        Assert.Equal(2, updates.Count);
        Assert.Equal("A's wording.", Json(updates[1].Before).GetProperty("Text").GetString());
        Assert.Equal("B's wording.", Json(updates[1].After).GetProperty("Text").GetString());
        Assert.Equal("Test Editor editor-b", updates[1].UserName);
    }

    [Fact]
    public async Task Deleting_against_a_stale_version_is_a_conflict_too()
    {
        var claim = await NewClaimAsync();
        var edited = await AsEditorAsync(s => s.UpdateClaimAsync(claim.Id, claim.Version, new ClaimDraft("Changed meanwhile.", [])));
        Assert.True(edited.Succeeded);

        var deleted = await AsEditorAsync(s => s.DeleteClaimAsync(claim.Id, claim.Version));

        Assert.Equal(EditOutcome.Conflict, deleted.Outcome);
        Assert.Equal("Changed meanwhile.", deleted.Value!.Text);
        Assert.False((await AsEditorAsync(s => s.GetClaimAsync(claim.Id)))!.IsDeleted);
    }

    // ------------------------------------------------------------------ history and restore

    [Fact]
    public async Task Each_change_writes_exactly_one_history_entry_with_before_and_after()
    {
        var claim = await NewClaimAsync("History of a claim.");
        var updated = await AsEditorAsync(s => s.UpdateClaimAsync(claim.Id, claim.Version, new ClaimDraft("History, rewritten.", ["history"])));
        var deleted = await AsEditorAsync(s => s.DeleteClaimAsync(claim.Id, updated.Value!.Version));
        var restored = await AsEditorAsync(s => s.RestoreClaimAsync(claim.Id));
        Assert.True(deleted.Succeeded && restored.Succeeded);

        var history = await HistoryOfAsync(nameof(Claim), claim.Id);
        Assert.Equal([AuditAction.Created, AuditAction.Updated, AuditAction.Deleted, AuditAction.Restored], history.Select(e => e.Action));
        Assert.All(history, e => Assert.Equal(claim.Id, e.ClaimId));
        Assert.All(history, e => Assert.Equal("Test Editor editor-1", e.UserName));

        Assert.Null(history[0].Before);
        Assert.Equal(claim.Text, Json(history[0].After).GetProperty("Text").GetString());
        Assert.Equal(claim.Text, Json(history[1].Before).GetProperty("Text").GetString());
        Assert.Equal("History, rewritten.", Json(history[1].After).GetProperty("Text").GetString());
        Assert.Null(history[2].After);
        Assert.True(Json(history[3].After).GetProperty("IsDeleted").GetBoolean() is false);

        // The readable diff shows only what changed.
        var diff = HistoryWords.Describe(history[1], new HistoryNames()).Changes;
        Assert.Equal(2, diff.Count);
        Assert.Contains(new FieldChange("Text", claim.Text, "History, rewritten."), diff);
        Assert.Contains(new FieldChange("Topics", "testing", "history"), diff);
    }

    [Fact]
    public async Task Saving_unchanged_values_writes_no_history()
    {
        var claim = await NewClaimAsync();
        var result = await AsEditorAsync(s => s.UpdateClaimAsync(claim.Id, claim.Version, claim.ToDraft()));
        Assert.True(result.Succeeded);
        Assert.Single(await HistoryOfAsync(nameof(Claim), claim.Id));
    }

    [Fact]
    public async Task A_deleted_claim_leaves_the_dispute_view_with_its_appearances_and_restore_brings_it_all_back()
    {
        var claims = app.GetService<DisputeReader>();
        var id = await app.ClaimId("zelensky-hesitating");
        var before = await claims.GetDisputeAsync(id);
        Assert.NotNull(before);
        var version = (await AsEditorAsync(s => s.GetClaimAsync(id)))!.Version;

        Assert.True((await AsEditorAsync(s => s.DeleteClaimAsync(id, version))).Succeeded);
        Assert.Null(await claims.GetDisputeAsync(id));
        await using (var db = app.CreateDbContext())
        {
            Assert.False(await db.Attributions.AnyAsync(a => a.ClaimId == id));
            Assert.False(await db.ClaimRelations.AnyAsync(r => r.FromClaimId == id || r.ToClaimId == id));
        }

        Assert.True((await AsEditorAsync(s => s.RestoreClaimAsync(id))).Succeeded);
        var after = await claims.GetDisputeAsync(id);
        Assert.NotNull(after);
        Assert.Equal(before.Claim.Text, after.Claim.Text);
        Assert.Equal(before.Assertions.Select(a => a.Id), after.Assertions.Select(a => a.Id));
        Assert.Equal(before.Conflicting.Count, after.Conflicting.Count);
        Assert.Equal(before.Supporting.Count, after.Supporting.Count);
    }

    [Fact]
    public async Task The_history_is_newest_first_and_for_signed_in_readers_only()
    {
        var claim = await NewClaimAsync();
        await AsEditorAsync(s => s.UpdateClaimAsync(claim.Id, claim.Version, new ClaimDraft("Second wording.", [])));

        await using (var anonymous = app.Services.ScopeAs(null))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => anonymous.As<ClaimHistoryService>().GetAsync(claim.Id, 0, 10));
        }
        await using var journalist = app.Services.ScopeAs(Roles.Journalist);
        var page = await journalist.As<ClaimHistoryService>().GetAsync(claim.Id, 0, 10);
        Assert.Equal(2, page.TotalCount);
        Assert.Equal([AuditAction.Updated, AuditAction.Created], page.Items.Select(e => e.Action));
        Assert.Equal("Second wording.", page.Items[0].Summary);
    }
}
