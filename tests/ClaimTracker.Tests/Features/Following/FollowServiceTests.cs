using ClaimTracker.Tests.Features.Verdicts;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Following;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Following;

/// <summary>
/// Following claims and actors against the real app: what counts as a change since the reader last looked, whose changes
/// are left out, what a journalist may not see of a draft, and what the list says of things that left the record.
/// Every test follows as an account of its own, on claims and actors of its own, so the tests share the app safely.
/// </summary>
[BothEngines]
public class FollowServiceTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private const string SourceKey = "reuters-ukraine-peace-talks";

    [Fact]
    public async Task Nobody_signed_in_follows_nothing_and_may_not_follow()
    {
        var claim = await NewClaimAsync();

        Assert.Null(await app.Services.AsAsync<FollowService, bool?>(null, s => s.IsFollowingAsync(FollowKind.Claim, claim)));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            app.Services.AsAsync<FollowService, FollowOutcome>(null, s => s.FollowAsync(FollowKind.Claim, claim)));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            app.Services.AsAsync<FollowService, object>(null, async s => await s.GetPageAsync(0)));
    }

    [Fact]
    public async Task A_followed_claim_lists_what_others_changed_since_the_reader_looked_and_nothing_after_marking_it_seen()
    {
        var reader = await NewAccountAsync(Roles.Journalist);
        var claim = await NewClaimAsync();
        await EditClaimAsync(claim, "Text before anyone followed");

        Assert.True((await As(reader, s => s.FollowAsync(FollowKind.Claim, claim))).IsFollowing);
        Assert.True(await As(reader, s => s.IsFollowingAsync(FollowKind.Claim, claim)));
        var item = await ItemAsync(reader, FollowKind.Claim, claim);
        Assert.Equal(0, item.NewChanges); // what happened before following is not news
        Assert.Empty(item.Latest);

        await EditClaimAsync(claim, "The claim as an editor reworded it");
        // The reader's own note is no news to them.
        await As<AnnotationService, EditResult<StoredNote>>(reader, s => s.AddToClaimAsync(claim, "My own note"));

        item = await ItemAsync(reader, FollowKind.Claim, claim);
        Assert.Equal(1, item.NewChanges);
        var change = Assert.Single(item.Latest);
        Assert.Equal(AuditAction.Updated, change.Action);
        Assert.Contains(change.Changes, c => c.After?.Contains("The claim as an editor reworded it", StringComparison.Ordinal) == true);

        await As(reader, async s => { await s.MarkSeenAsync(item.FollowId); return 0; });
        item = await ItemAsync(reader, FollowKind.Claim, claim);
        Assert.Equal(0, item.NewChanges);
        Assert.True(item.LastSeenAt > item.FollowedAt);
    }

    [Fact]
    public async Task A_followed_actor_lists_new_and_removed_statements_on_any_claim_including_claims_made_after_following()
    {
        var reader = await NewAccountAsync(Roles.Journalist);
        var actor = await NewActorAsync();
        await As(reader, s => s.FollowAsync(FollowKind.Actor, actor));

        var claimMadeLater = await NewClaimAsync();
        var statement = await StatementAsync(actor, claimMadeLater, Stance.Denies);
        var item = await ItemAsync(reader, FollowKind.Actor, actor);
        Assert.Equal(1, item.NewChanges);
        Assert.Equal(AuditAction.Created, Assert.Single(item.Latest).Action);

        await As(reader, async s => { await s.MarkAllSeenAsync(); return 0; });
        await app.Services.AsAsync<RecordEditService, EditResult<AttributionRecord>>(Roles.Editor, s => s.DeleteAttributionAsync(statement.Id, statement.Version));
        item = await ItemAsync(reader, FollowKind.Actor, actor);
        Assert.Equal(1, item.NewChanges);
        Assert.Equal(AuditAction.Deleted, Assert.Single(item.Latest).Action);

        // Another actor's statement on the same claim is not this actor's news.
        await As(reader, async s => { await s.MarkAllSeenAsync(); return 0; });
        await StatementAsync(await NewActorAsync(), claimMadeLater, Stance.Asserts);
        Assert.Equal(0, (await ItemAsync(reader, FollowKind.Actor, actor)).NewChanges);
    }

    [Fact]
    public async Task A_journalist_hears_that_a_verdict_is_drafted_but_never_reads_the_draft()
    {
        const string draftWords = "Draft rationale the desk has not cleared 7d1c";
        var journalist = await NewAccountAsync(Roles.Journalist);
        var editor = await NewAccountAsync(Roles.Editor);
        var claim = await NewClaimAsync();
        await As(journalist, s => s.FollowAsync(FollowKind.Claim, claim));
        await As(editor, s => s.FollowAsync(FollowKind.Claim, claim));

        Assert.Equal(EditOutcome.Saved, (await app.Services.AsAsync<VerdictWorkflow, EditResult<VerdictView>>(Roles.Editor, s => s.StartReviewAsync(claim))).Outcome);
        Assert.Equal(EditOutcome.Saved, (await app.Services.AsAsync<VerdictWorkflow, EditResult<VerdictView>>(Roles.Editor, s => s.SaveDraftAsync(claim,
            new VerdictInput { RatingLabelId = VerdictTestHelpers.False, Rationale = draftWords }, null))).Outcome);

        var seenByJournalist = await ItemAsync(journalist, FollowKind.Claim, claim);
        Assert.True(seenByJournalist.NewChanges > 0);
        Assert.Contains(seenByJournalist.Latest, e => e.Withheld is not null);
        Assert.DoesNotContain(draftWords, Everything(seenByJournalist), StringComparison.Ordinal);

        // The check above can fail: an editor following the same claim reads the draft's words in the same list.
        Assert.Contains(draftWords, Everything(await ItemAsync(editor, FollowKind.Claim, claim)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Things_with_unseen_changes_come_first_newest_change_first()
    {
        var reader = await NewAccountAsync(Roles.Journalist);
        var quiet = await NewClaimAsync();
        var older = await NewClaimAsync();
        var newer = await NewClaimAsync();
        foreach (var claim in new[] { older, newer, quiet })
        {
            await As(reader, s => s.FollowAsync(FollowKind.Claim, claim));
        }
        await EditClaimAsync(older, "Changed first");
        await EditClaimAsync(newer, "Changed second");

        var page = await As(reader, s => s.GetPageAsync(0));
        Assert.Equal([newer, older, quiet], page.Items.Select(i => i.TargetId));
        Assert.Equal(3, page.TotalCount);
    }

    [Fact]
    public async Task Following_twice_is_one_follow_unfollowing_ends_it_and_an_unknown_claim_cannot_be_followed()
    {
        var reader = await NewAccountAsync(Roles.Editor);
        var claim = await NewClaimAsync();
        await As(reader, s => s.FollowAsync(FollowKind.Claim, claim));
        Assert.True((await As(reader, s => s.FollowAsync(FollowKind.Claim, claim))).IsFollowing);
        Assert.Equal(1, (await As(reader, s => s.GetPageAsync(0))).TotalCount);

        await As(reader, async s => { await s.UnfollowAsync(FollowKind.Claim, claim); return 0; });
        Assert.False(await As(reader, s => s.IsFollowingAsync(FollowKind.Claim, claim)));
        Assert.Equal(0, (await As(reader, s => s.GetPageAsync(0))).TotalCount);

        var unknown = await As(reader, s => s.FollowAsync(FollowKind.Claim, int.MaxValue));
        Assert.False(unknown.IsFollowing);
        Assert.Contains($"no claim {int.MaxValue}", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_claim_stays_in_the_list_saying_so()
    {
        var reader = await NewAccountAsync(Roles.Journalist);
        var claim = await NewClaimAsync();
        await As(reader, s => s.FollowAsync(FollowKind.Claim, claim));
        var version = await VersionOfAsync(claim);
        Assert.Equal(EditOutcome.Saved, (await app.Services.AsAsync<RecordEditService, EditResult<ClaimRecord>>(Roles.Editor, s => s.DeleteClaimAsync(claim, version))).Outcome);

        var item = await ItemAsync(reader, FollowKind.Claim, claim);
        Assert.Equal("This claim was deleted.", item.Gone);
        Assert.Contains(item.Latest, e => e.Action == AuditAction.Deleted);
    }

    [Fact]
    public async Task An_account_removed_takes_its_follows_with_it()
    {
        var reader = await NewAccountAsync(Roles.Journalist);
        var claim = await NewClaimAsync();
        await As(reader, s => s.FollowAsync(FollowKind.Claim, claim));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByIdAsync(reader.Id))!)).Succeeded);
        }
        await using var db = app.CreateDbContext();
        Assert.False(await db.Follows.AnyAsync(f => f.UserId == reader.Id));
    }

    private sealed record Account(string Id, string Role);

    private Task<T> As<T>(Account account, Func<FollowService, Task<T>> call) => As<FollowService, T>(account, call);

    private Task<T> As<TService, T>(Account account, Func<TService, Task<T>> call) where TService : notnull =>
        app.Services.AsAsync(account.Role, call, account.Id);

    private async Task<FollowedItem> ItemAsync(Account reader, FollowKind kind, int targetId) =>
        Assert.Single((await As(reader, s => s.GetPageAsync(0))).Items, i => i.Kind == kind && i.TargetId == targetId);

    /// <summary>Every word the list shows of an item.</summary>
    private static string Everything(FollowedItem item) => string.Join("\n", item.Latest.SelectMany(e =>
        new[] { e.What, e.Summary, e.Withheld }.Concat(e.Changes.SelectMany(c => new[] { c.Field, c.Before, c.After }))));

    /// <summary>A real account (a follow belongs to one), with the id the test acts under.</summary>
    private async Task<Account> NewAccountAsync(string role) => new(await app.Services.NewAccountAsync("follow"), role);

    private async Task<int> NewClaimAsync()
    {
        var created = await app.Services.AsAsync<RecordEditService, EditResult<ClaimRecord>>(Roles.Editor,
            s => s.CreateClaimAsync(new ClaimDraft("A claim to follow " + Guid.NewGuid().ToString("N"), ["following"])));
        Assert.Equal(EditOutcome.Saved, created.Outcome);
        return created.Value!.Id;
    }

    private async Task<int> NewActorAsync()
    {
        var created = await app.Services.AsAsync<RecordEditService, EditResult<ActorRecord>>(Roles.Editor,
            s => s.CreateActorAsync(new ActorDraft("Followed official " + Guid.NewGuid().ToString("N")[..8], ActorKind.Person, null, null, [])));
        Assert.Equal(EditOutcome.Saved, created.Outcome);
        return created.Value!.Id;
    }

    private async Task EditClaimAsync(int claim, string text)
    {
        var version = await VersionOfAsync(claim);
        var saved = await app.Services.AsAsync<RecordEditService, EditResult<ClaimRecord>>(Roles.Editor,
            s => s.UpdateClaimAsync(claim, version, new ClaimDraft(text + " " + Guid.NewGuid().ToString("N")[..6], ["following"])));
        Assert.Equal(EditOutcome.Saved, saved.Outcome);
    }

    private async Task<AttributionRecord> StatementAsync(int actor, int claim, Stance stance)
    {
        var source = await app.SourceId(SourceKey);
        // The seed article's first words: any span will do for a statement these tests only count.
        var saved = await app.Services.AsAsync<RecordEditService, EditResult<AttributionRecord>>(Roles.Editor,
            s => s.CreateAttributionAsync(new AttributionDraft(actor, claim, source, stance, AttributionMode.Paraphrase, 0, 20)));
        Assert.Equal(EditOutcome.Saved, saved.Outcome);
        return saved.Value!;
    }

    private async Task<Guid> VersionOfAsync(int claim)
    {
        await using var db = app.CreateDbContext();
        return await db.Claims.Where(c => c.Id == claim).Select(c => c.Version).SingleAsync();
    }
}
