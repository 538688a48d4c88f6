using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Annotations;

/// <summary>The annotation service against the real app and a SQLite file: who may do what, threads, conflicts, history.</summary>
[BothEngines]
public class AnnotationServiceTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private const string SourceKey = "reuters-ukraine-peace-talks";
    private const string ClaimKey = "putin-ready-for-deal";

    // Trump's "ready to make a deal" in the seed article.
    private const int QuoteStart = 171;
    private const int QuoteEnd = 191;

    private async Task<int> AttributionId()
    {
        await using var db = app.CreateDbContext();
        var claimId = await app.ClaimId(ClaimKey);
        return await db.Attributions.Where(a => a.ClaimId == claimId && a.Anchor.Start == QuoteStart).Select(a => a.Id).SingleAsync();
    }

    private Task<T> As<T>(string? role, Func<AnnotationService, Task<T>> action, string? userId = null) => app.Services.AsAsync(role, action, userId);

    private async Task<EditResult<StoredNote>> NoteBy(string role, string userId, string body = "A note")
    {
        var claimId = await app.ClaimId(ClaimKey);
        var result = await As(role, s => s.AddToClaimAsync(claimId, body), userId);
        Assert.Equal(EditOutcome.Saved, result.Outcome);
        return result;
    }

    private async Task<Annotation> Load(int id)
    {
        await using var db = app.CreateDbContext();
        return await db.Annotations.IgnoreQueryFilters().AsNoTracking().SingleAsync(n => n.Id == id);
    }

    private async Task<int> CountNotes()
    {
        await using var db = app.CreateDbContext();
        return await db.Annotations.IgnoreQueryFilters().CountAsync();
    }

    public enum Action
    {
        AddToClaim,
        AddToAttribution,
        AddToSpan,
        Reply,
        EditOwn,
        DeleteOwn,
        EditOthers,
        DeleteOthers,
    }

    // The matrix as the product states it: signed-in users write and change their own notes; only editors and admins change others'.
    public static TheoryData<string?, Action, bool> Matrix()
    {
        var data = new TheoryData<string?, Action, bool>();
        foreach (var role in Acting.EveryRole)
        {
            foreach (var action in Enum.GetValues<Action>())
            {
                var allowed = role is not null
                    && (action is not (Action.EditOthers or Action.DeleteOthers) || role is Roles.Editor or Roles.Admin);
                data.Add(role, action, allowed);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_may_do_exactly_what_the_matrix_says(string? role, Action action, bool allowed)
    {
        var claimId = await app.ClaimId(ClaimKey);
        var sourceId = await app.SourceId(SourceKey);
        var attributionId = await AttributionId();
        var actor = $"matrix-{role ?? "anon"}-{action}";
        // A note by the acting user (for "own"; anonymous has none, so it gets one by a journalist of the same id) and one by somebody else.
        var own = await NoteBy(role ?? Roles.Journalist, actor, "own note");
        var others = await NoteBy(Roles.Journalist, "someone-else", "someone else's note");
        var ownVersion = (await Load(own.Value!.Id)).Version;
        var othersVersion = (await Load(others.Value!.Id)).Version;
        var before = await CountNotes();

        Task<EditResult<StoredNote>> Act(AnnotationService s) => action switch
        {
            Action.AddToClaim => s.AddToClaimAsync(claimId, "new note"),
            Action.AddToAttribution => s.AddToAttributionAsync(attributionId, "new note"),
            Action.AddToSpan => s.AddToSpanAsync(sourceId, QuoteStart, QuoteEnd, "new note", "ready to make a deal"),
            Action.Reply => s.ReplyAsync(others.Value!.Id, "a reply"),
            Action.EditOwn => s.EditAsync(own.Value!.Id, ownVersion, "edited"),
            Action.DeleteOwn => s.DeleteAsync(own.Value!.Id, ownVersion),
            Action.EditOthers => s.EditAsync(others.Value!.Id, othersVersion, "edited"),
            Action.DeleteOthers => s.DeleteAsync(others.Value!.Id, othersVersion),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };

        if (allowed)
        {
            var result = await As(role, Act, actor);
            Assert.Equal(EditOutcome.Saved, result.Outcome);
        }
        else
        {
            var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => As(role, Act, actor));
            Assert.Equal(role is not null, denied.SignedIn);
            // Refused before anything was written.
            Assert.Equal(before, await CountNotes());
            Assert.Equal("own note", (await Load(own.Value!.Id)).Body);
            var untouched = await Load(others.Value!.Id);
            Assert.Equal("someone else's note", untouched.Body);
            Assert.False(untouched.IsDeleted);
            Assert.Equal(othersVersion, untouched.Version);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public async Task An_empty_body_is_refused_with_a_message(string? body)
    {
        var claimId = await app.ClaimId(ClaimKey);
        var before = await CountNotes();

        var result = await As(Roles.Journalist, s => s.AddToClaimAsync(claimId, body));

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Contains("empty", result.Message);
        Assert.Equal(before, await CountNotes());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_and_one_at_the_limit_is_saved()
    {
        var claimId = await app.ClaimId(ClaimKey);

        var tooLong = await As(Roles.Journalist, s => s.AddToClaimAsync(claimId, new string('x', InputLimits.NoteLength + 1)));
        var atLimit = await As(Roles.Journalist, s => s.AddToClaimAsync(claimId, new string('x', InputLimits.NoteLength)));

        Assert.Equal(EditOutcome.Invalid, tooLong.Outcome);
        Assert.Contains("at most 10,000 characters", tooLong.Message);
        Assert.Equal(EditOutcome.Saved, atLimit.Outcome);
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(10, 10)]
    [InlineData(20, 10)]
    [InlineData(0, 1_000_000)]
    public async Task A_span_outside_the_text_is_refused(int start, int end)
    {
        var sourceId = await app.SourceId(SourceKey);

        var result = await As(Roles.Editor, s => s.AddToSpanAsync(sourceId, start, end, "note", null));

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Contains("not inside the text", result.Message);
    }

    [Fact]
    public async Task A_span_whose_quote_does_not_match_the_text_is_refused()
    {
        var sourceId = await app.SourceId(SourceKey);

        var result = await As(Roles.Editor, s => s.AddToSpanAsync(sourceId, QuoteStart, QuoteEnd, "note", "ready to make a dea"));

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
    }

    [Fact]
    public async Task A_span_note_is_anchored_to_the_stored_text_and_listed_with_the_source()
    {
        var sourceId = await app.SourceId(SourceKey);

        var result = await As(Roles.Journalist, s => s.AddToSpanAsync(sourceId, QuoteStart, QuoteEnd, "On Trump's words", "ready to make a deal"));

        var note = await Load(result.Value!.Id);
        Assert.Equal(new TextAnchor(QuoteStart, QuoteEnd, "ready to make a deal", "sserted that Vladimir Putin is \"", "\" to end Russia's nearly four-ye"), note.Anchor);
        Assert.Null(note.ClaimId);
        var threads = await As<IReadOnlyList<NoteView>>(null, s => s.ListForSourceAsync(sourceId));
        var listed = Assert.Single(threads, t => t.Id == note.Id);
        Assert.Equal("ready to make a deal", listed.Target.Quote);
    }

    [Fact]
    public async Task A_claims_thread_holds_its_notes_and_its_attributions_notes_with_replies_in_order()
    {
        // A claim of its own, so other tests' notes do not interfere.
        var claimId = await app.ClaimId("kremlin-keeps-objectives");
        int attributionId;
        await using (var db = app.CreateDbContext())
        {
            attributionId = await db.Attributions.Where(a => a.ClaimId == claimId).Select(a => a.Id).FirstAsync();
        }
        var first = await As(Roles.Editor, s => s.AddToClaimAsync(claimId, "first"));
        var second = await As(Roles.Journalist, s => s.AddToAttributionAsync(attributionId, "on the attribution"));
        var reply1 = await As(Roles.Journalist, s => s.ReplyAsync(first.Value!.Id, "reply 1"));
        var reply2 = await As(Roles.Admin, s => s.ReplyAsync(first.Value!.Id, "reply 2"));
        var nested = await As(Roles.Editor, s => s.ReplyAsync(reply1.Value!.Id, "reply to reply 1"));
        var replyOnAttribution = await As(Roles.Editor, s => s.ReplyAsync(second.Value!.Id, "reply on attribution"));

        var threads = await As<IReadOnlyList<NoteView>>(null, s => s.ListForClaimAsync(claimId));

        Assert.Equal([first.Value!.Id, second.Value!.Id], threads.Select(t => (int?)t.Id));
        Assert.Equal(["reply 1", "reply 2"], threads[0].Replies.Select(r => r.Body));
        Assert.Equal("reply to reply 1", Assert.Single(threads[0].Replies[0].Replies).Body);
        Assert.Equal(attributionId, threads[1].Target.AttributionId);
        Assert.NotNull(threads[1].Target.AttributionActor);
        var attributionReply = Assert.Single(threads[1].Replies);
        Assert.Equal(replyOnAttribution.Value!.Id, attributionReply.Id);
        Assert.Equal(attributionId, attributionReply.Target.AttributionId); // a reply takes its parent's target
        Assert.Equal("Test Admin test-admin", threads[0].Replies[1].AuthorName);

        // Deleting a note with answers keeps the answers visible.
        var version = (await Load(reply1.Value!.Id)).Version;
        Assert.True((await As(Roles.Journalist, s => s.DeleteAsync(reply1.Value!.Id, version))).Succeeded);
        threads = await As<IReadOnlyList<NoteView>>(null, s => s.ListForClaimAsync(claimId));
        Assert.DoesNotContain(threads.SelectMany(t => t.Replies.Prepend(t)), n => n.Id == reply1.Value!.Id);
        Assert.Contains(threads, t => t.Id == nested.Value!.Id);
        Assert.Equal(["reply 2"], threads[0].Replies.Select(r => r.Body));
    }

    [Fact]
    public async Task An_edit_against_a_stale_version_is_refused_and_shows_the_other_version()
    {
        var note = await NoteBy(Roles.Journalist, "conflict-author", "original");
        var loaded = (await Load(note.Value!.Id)).Version;

        var moderator = await As(Roles.Editor, s => s.EditAsync(note.Value!.Id, loaded, "the editor's version"));
        var stale = await As(Roles.Journalist, s => s.EditAsync(note.Value!.Id, loaded, "the author's version"), "conflict-author");
        var staleDelete = await As(Roles.Journalist, s => s.DeleteAsync(note.Value!.Id, loaded), "conflict-author");

        Assert.Equal(EditOutcome.Saved, moderator.Outcome);
        Assert.Equal(EditOutcome.Conflict, stale.Outcome);
        Assert.Equal("the editor's version", stale.Value!.Body);
        Assert.Equal(EditOutcome.Conflict, staleDelete.Outcome);
        var current = await Load(note.Value!.Id);
        Assert.Equal("the editor's version", current.Body);
        Assert.False(current.IsDeleted);
        Assert.Equal(current.Version, stale.Value!.Version);

        // Reapplying deliberately, against the version now shown, works.
        var reapplied = await As(Roles.Journalist, s => s.EditAsync(note.Value!.Id, stale.Value!.Version, "the author's version"), "conflict-author");
        Assert.Equal(EditOutcome.Saved, reapplied.Outcome);
        Assert.Equal("the author's version", (await Load(note.Value!.Id)).Body);
    }

    [Fact]
    public async Task Each_change_writes_exactly_one_history_entry()
    {
        var claimId = await app.ClaimId(ClaimKey);
        var attributionId = await AttributionId();
        var created = await As(Roles.Journalist, s => s.AddToAttributionAsync(attributionId, "before"), "history-author");
        var id = created.Value!.Id;
        var v1 = (await Load(id)).Version;
        var edited = await As(Roles.Journalist, s => s.EditAsync(id, v1, "after"), "history-author");
        var v2 = (await Load(id)).Version;
        var deleted = await As(Roles.Editor, s => s.DeleteAsync(id, v2));
        Assert.True(edited.Succeeded && deleted.Succeeded);

        await using var db = app.CreateDbContext();
        var history = await db.AuditEntries.Where(e => e.EntityType == nameof(Annotation) && e.EntityId == id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Updated, AuditAction.Deleted], history.Select(h => h.Action));
        Assert.All(history, h => Assert.Equal(claimId, h.ClaimId)); // an attribution's note belongs to the claim's history
        Assert.Equal(["history-author", "history-author", "test-editor"], history.Select(h => h.UserId));
        Assert.Contains("\"Body\":\"before\"", history[1].Before);
        Assert.Contains("\"Body\":\"after\"", history[1].After);
        Assert.Null(history[2].After);
        var stored = await db.Annotations.IgnoreQueryFilters().SingleAsync(n => n.Id == id);
        Assert.True(stored.IsDeleted); // soft: still there for a restore
        Assert.Equal("Test Editor test-editor", stored.DeletedBy);
    }

    [Fact]
    public async Task Saving_a_note_tells_pages_showing_the_claim()
    {
        var claimId = await app.ClaimId(ClaimKey);
        var sourceId = await app.SourceId(SourceKey);
        var notifier = app.Services.GetRequiredService<IClaimChangeNotifier>();
        var changes = new System.Collections.Concurrent.ConcurrentQueue<ClaimChange>();
        using var subscription = notifier.Subscribe(claimId, change =>
        {
            changes.Enqueue(change);
            return Task.CompletedTask;
        });

        await As(Roles.Editor, s => s.AddToClaimAsync(claimId, "live"));
        await As(Roles.Editor, s => s.AddToSpanAsync(sourceId, QuoteStart, QuoteEnd, "live span", "ready to make a deal"));

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (changes.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.Equal(new ClaimChange(claimId, ClaimChangeKind.Annotation), c));
    }
}
