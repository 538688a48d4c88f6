using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Data.Seeding;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Live;
using ClaimTracker.Web.Features.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Sources;

/// <summary>
/// Correcting the seed article through the real service and a SQLite file: re-anchoring, the kept revisions,
/// history, conflicts. Each test corrects the text, so each gets a fresh app and database.
/// </summary>
[BothEngines]
public sealed class SourceCorrectionServiceTests : IAsyncLifetime
{
    private const string SourceKey = "reuters-ukraine-peace-talks";
    private const string KremlinSentence = "The Kremlin agreed with Trump's assessment on Thursday, with spokesperson Dmitry Peskov saying the Russian side remains open to talks and its position is well known. ";

    private readonly ClaimTrackerFactory app = new();
    private int sourceId;
    private string original = "";

    public async Task InitializeAsync()
    {
        await app.InitializeAsync();
        sourceId = await app.SourceId(SourceKey);
        await using var db = app.CreateDbContext();
        original = await db.Sources.Where(s => s.Id == sourceId).Select(s => s.Text).SingleAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<T> As<T>(string? role, Func<IServiceProvider, Task<T>> action) => app.Services.AsAsync(role, action);

    private Task<EditResult<SourceCorrection>> Correct(string text, int expectedRevision = 1, string note = "Corrected a quote") =>
        As(Roles.Editor, sp => sp.GetRequiredService<SourceCorrectionService>().CorrectAsync(sourceId, expectedRevision, text, note));

    private async Task<Attribution> Attribution(string key)
    {
        await using var db = app.CreateDbContext();
        return await db.Attributions.AsNoTracking().SingleAsync(a => a.Key == key);
    }

    private async Task<List<Attribution>> Attributions()
    {
        await using var db = app.CreateDbContext();
        return await db.Attributions.AsNoTracking().Where(a => a.SourceId == sourceId).ToListAsync();
    }

    [Fact]
    public async Task Text_inserted_at_the_top_shifts_every_anchor_and_keeps_the_old_text_as_revision_1()
    {
        const string lead = "UPDATED: adds the Kremlin's response.\n";
        var before = await Attributions();
        List<ClaimRelation> evidenceBefore;
        await using (var read = app.CreateDbContext())
        {
            evidenceBefore = await read.ClaimRelations.AsNoTracking().Where(r => r.EvidenceSourceId == sourceId).ToListAsync();
        }
        Assert.NotEmpty(evidenceBefore);

        var result = await Correct(lead + original);

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Value!.Revision);
        Assert.Equal(new AnchorTally(before.Count, 0, 0, 0), result.Value.Tally);
        var after = (await Attributions()).ToDictionary(a => a.Id);
        foreach (var old in before)
        {
            var now = after[old.Id];
            Assert.Equal(old.Anchor.Start + lead.Length, now.Anchor.Start);
            Assert.Equal(old.Anchor.Exact, now.Anchor.Exact);
            Assert.Null(now.Anchor.FindMismatch(lead + original));
            Assert.Equal(AnchorState.Attached, now.AnchorState);
            Assert.Equal(2, now.AnchorRevision);
        }

        await using var db = app.CreateDbContext();
        var source = await db.Sources.SingleAsync(s => s.Id == sourceId);
        Assert.Equal(lead + original, source.Text);
        Assert.Equal(Source.HashOf(lead + original), source.ContentHash);
        Assert.Equal("Corrected a quote", source.RevisionNote);
        var kept = await db.SourceRevisions.SingleAsync(r => r.SourceId == sourceId);
        Assert.Equal((1, original, Source.HashOf(original)), (kept.Number, kept.Text, kept.ContentHash));
        foreach (var relation in evidenceBefore)
        {
            var evidence = (await db.ClaimRelations.AsNoTracking().SingleAsync(r => r.Id == relation.Id)).Evidence!;
            Assert.Equal(relation.Evidence!.Start + lead.Length, evidence.Start);
            Assert.Null(evidence.FindMismatch(lead + original));
        }
        // Every moved anchor went through the record-keeping: one history entry each, by the editor.
        var history = await db.AuditEntries.Where(e => e.EntityType == nameof(ClaimTracker.Web.Domain.Attribution) && e.Action == AuditAction.Updated).ToListAsync();
        Assert.Equal(before.Count, history.Count);
        Assert.All(history, h => Assert.Contains("Test Editor", h.UserName));
    }

    [Fact]
    public async Task A_word_changed_inside_a_quote_reanchors_it_approximately_and_flags_it()
    {
        var corrected = original.Replace("ready to make a deal", "ready to strike a deal");

        var result = await Correct(corrected);

        Assert.Equal(1, result.Value!.Tally!.Fuzzy);
        var fuzzy = await Attribution("trump-putin-ready");
        Assert.Equal(AnchorState.Fuzzy, fuzzy.AnchorState);
        Assert.Equal("ready to strike a deal", fuzzy.Anchor.Exact);
        Assert.Null(fuzzy.Anchor.FindMismatch(corrected));
        Assert.Equal(2, fuzzy.AnchorRevision);
        var attention = await As(Roles.Editor, sp => sp.GetRequiredService<AnchorRepairService>().ListNeedingAttentionAsync(sourceId));
        Assert.Equal(fuzzy.Id, Assert.Single(attention).Id);

        // Confirming clears the flag; confirming with a stale version is a conflict.
        var confirmed = await As(Roles.Editor, sp => sp.GetRequiredService<AnchorRepairService>().ConfirmAsync(AnchoredKind.Attribution, fuzzy.Id, fuzzy.Version));
        Assert.True(confirmed.Succeeded);
        Assert.Equal(AnchorState.Attached, (await Attribution("trump-putin-ready")).AnchorState);
        var stale = await As(Roles.Editor, sp => sp.GetRequiredService<AnchorRepairService>().ConfirmAsync(AnchoredKind.Attribution, fuzzy.Id, fuzzy.Version));
        Assert.False(stale.Succeeded);
    }

    [Fact]
    public async Task A_deleted_sentence_orphans_its_statements_which_stay_listed_but_unhighlighted()
    {
        Assert.Contains(KremlinSentence, original);
        var corrected = original.Replace(KremlinSentence, "");
        var before = await Attribution("kremlin-agrees-putin-ready");

        var result = await Correct(corrected);

        // The sentence carries three Kremlin statements and Peskov's.
        Assert.Equal(4, result.Value!.Tally!.Orphaned);
        var orphan = await Attribution("kremlin-agrees-putin-ready");
        Assert.Equal(AnchorState.Orphaned, orphan.AnchorState);
        Assert.Equal(before.Anchor, orphan.Anchor);
        Assert.Equal(1, orphan.AnchorRevision);
        Assert.False(orphan.IsDeleted);

        var reader = await As<SourceReader?>(null, sp => sp.GetRequiredService<SourceService>().GetReaderAsync(sourceId));
        var span = Assert.Single(reader!.Spans, s => s.AttributionId == orphan.Id);
        Assert.Equal(AnchorState.Orphaned, span.State);
        Assert.DoesNotContain(reader.Segments, s => s.Covering.Any(c => c.Id == orphan.Id));
        // The statement after the deleted sentence is still highlighted, on its own words.
        var envoys = await Attribution("reuters-envoys-to-moscow");
        var segment = Assert.Single(reader.Segments, s => s.Starting.Any(c => c.Id == envoys.Id));
        Assert.StartsWith("US special envoy", segment.Text);

        var attention = await As(Roles.Editor, sp => sp.GetRequiredService<AnchorRepairService>().ListNeedingAttentionAsync(sourceId));
        Assert.Equal(4, attention.Count(a => a.State == AnchorState.Orphaned));

        // Re-attach to a selection in the current text.
        var start = corrected.IndexOf("ready to make a deal", StringComparison.Ordinal);
        var reattached = await As(Roles.Editor, sp => sp.GetRequiredService<AnchorRepairService>()
            .ReattachAsync(AnchoredKind.Attribution, orphan.Id, orphan.Version, 2, start, start + 20));
        Assert.True(reattached.Succeeded);
        var now = await Attribution("kremlin-agrees-putin-ready");
        Assert.Equal((AnchorState.Attached, 2, "ready to make a deal"), (now.AnchorState, now.AnchorRevision, now.Anchor.Exact));
        // A selection taken from an older revision's text is refused.
        var stale = await As(Roles.Editor, sp => sp.GetRequiredService<AnchorRepairService>()
            .ReattachAsync(AnchoredKind.Attribution, orphan.Id, now.Version, 1, start, start + 20));
        Assert.Equal("Span", Assert.Single(stale.FieldErrors).Key);
    }

    [Fact]
    public async Task Pending_suggestions_follow_their_words_and_are_withdrawn_when_the_words_are_gone()
    {
        const string lead = "UPDATED: adds the Kremlin's response.\n";
        var keptWords = "little sign of abandoning";
        var goneWords = "remains open to talks";
        int kept, gone, decided;
        await using (var db = app.CreateDbContext())
        {
            AttributionSuggestion Suggest(string words, SuggestionStatus status = SuggestionStatus.Pending)
            {
                var start = original.IndexOf(words, StringComparison.Ordinal);
                var suggestion = new AttributionSuggestion
                {
                    SourceId = sourceId,
                    Anchor = TextAnchor.FromText(original, start, start + words.Length),
                    ActorName = "Someone",
                    ClaimText = words,
                    Cue = "test",
                    Status = status,
                };
                db.AttributionSuggestions.Add(suggestion);
                return suggestion;
            }
            var a = Suggest(keptWords);
            var b = Suggest(goneWords);
            var c = Suggest(goneWords, SuggestionStatus.Rejected);
            await db.SaveChangesAsync();
            (kept, gone, decided) = (a.Id, b.Id, c.Id);
        }

        var result = await Correct(lead + original.Replace(KremlinSentence, ""));

        Assert.True(result.Succeeded);
        await using var check = app.CreateDbContext();
        var moved = await check.AttributionSuggestions.SingleAsync(x => x.Id == kept);
        var corrected = lead + original.Replace(KremlinSentence, "");
        Assert.Equal(keptWords, corrected[moved.Anchor.Start..moved.Anchor.End]);
        Assert.True((await check.AttributionSuggestions.IgnoreQueryFilters().SingleAsync(x => x.Id == gone)).IsDeleted);
        Assert.False((await check.AttributionSuggestions.IgnoreQueryFilters().SingleAsync(x => x.Id == decided)).IsDeleted);
    }

    [Fact]
    public async Task Notes_on_spans_are_reanchored_too()
    {
        var shiftedAt = original.IndexOf("little sign", StringComparison.Ordinal);
        var doomedAt = original.IndexOf("remains open to talks", StringComparison.Ordinal);
        var shifted = await As(Roles.Journalist, sp => sp.GetRequiredService<AnnotationService>().AddToSpanAsync(sourceId, shiftedAt, shiftedAt + 11, "Which signs?", "little sign"));
        var doomed = await As(Roles.Journalist, sp => sp.GetRequiredService<AnnotationService>().AddToSpanAsync(sourceId, doomedAt, doomedAt + 21, "Open to talks?", "remains open to talks"));
        const string lead = "Correction appended.\n";
        var corrected = lead + original.Replace(KremlinSentence, "");

        var result = await Correct(corrected);

        Assert.Equal(5, result.Value!.Tally!.Orphaned); // four statements and one note
        await using var db = app.CreateDbContext();
        var moved = await db.Annotations.AsNoTracking().SingleAsync(n => n.Id == shifted.Value!.Id);
        Assert.Equal((AnchorState.Attached, 2, shiftedAt + lead.Length), (moved.AnchorState, moved.AnchorRevision, moved.Anchor!.Start));
        var orphan = await db.Annotations.AsNoTracking().SingleAsync(n => n.Id == doomed.Value!.Id);
        Assert.Equal((AnchorState.Orphaned, 1, doomedAt), (orphan.AnchorState, orphan.AnchorRevision, orphan.Anchor!.Start));
        var attention = await As(Roles.Editor, sp => sp.GetRequiredService<AnchorRepairService>().ListNeedingAttentionAsync(sourceId));
        Assert.Contains(attention, a => a.Kind == AnchoredKind.Note && a.Id == doomed.Value!.Id && a.NoteBody == "Open to talks?");
    }

    [Fact]
    public async Task A_selection_made_on_a_page_loaded_before_a_correction_is_refused_where_its_words_have_moved()
    {
        const string phrase = "the Russian side remains open to talks";
        var staleAt = original.IndexOf(phrase, StringComparison.Ordinal);
        const string lead = "UPDATED: adds the Kremlin's response.\n";
        Assert.True((await Correct(lead + original)).Succeeded);
        var (actorId, claimId) = (await app.ActorId("reuters"), await app.ClaimId("russia-open-to-talks"));
        StatementDraft Statement(int at) => new(actorId, null, claimId, null, sourceId, Stance.Asserts, AttributionMode.Paraphrase,
            at, at + phrase.Length, SelectedText: phrase);
        await using var db = app.CreateDbContext();
        var before = (await db.Attributions.CountAsync(), await db.Annotations.CountAsync());

        // The old offsets now hold other words: the statement and the note are refused, with the reason, and nothing is written.
        var statement = await As(Roles.Editor, sp => sp.GetRequiredService<RecordEditService>().CreateStatementAsync(Statement(staleAt)));
        Assert.Equal(SelectedWords.ChangedMessage, statement.ErrorFor(StatementFields.Span));
        var note = await As(Roles.Journalist, sp => sp.GetRequiredService<AnnotationService>().AddToSpanAsync(sourceId, staleAt, staleAt + phrase.Length, "Open?", phrase));
        Assert.Equal((EditOutcome.Invalid, SelectedWords.ChangedMessage), (note.Outcome, note.Message));
        Assert.Equal(before, (await db.Attributions.CountAsync(), await db.Annotations.CountAsync()));

        // Selected again on the reloaded page, the same words are recorded where they are now.
        var again = await As(Roles.Editor, sp => sp.GetRequiredService<RecordEditService>().CreateStatementAsync(Statement(staleAt + lead.Length)));
        Assert.True(again.Succeeded, string.Join("; ", again.FieldErrors.Values));
        var recorded = await db.Attributions.AsNoTracking().SingleAsync(a => a.Id == again.Value!.Id);
        Assert.Equal((phrase, staleAt + lead.Length, 2), (recorded.Anchor.Exact, recorded.Anchor.Start, recorded.AnchorRevision));
    }

    [Fact]
    public async Task Open_readers_of_the_source_are_told_of_a_correction_and_readers_of_other_sources_are_not()
    {
        var told = new TaskCompletionSource<SourceChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherTold = false;
        var notifier = app.Services.GetRequiredService<ISourceChangeNotifier>();
        using var listening = notifier.Subscribe(sourceId, change => { told.TrySetResult(change); return Task.CompletedTask; });
        using var elsewhere = notifier.Subscribe(sourceId + 1000, _ => { otherTold = true; return Task.CompletedTask; });

        Assert.True((await Correct("Lead line.\n" + original)).Succeeded);

        var change = await told.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((sourceId, 2), (change.SourceId, change.Revision));
        Assert.False(string.IsNullOrWhiteSpace(change.By));
        Assert.False(otherTold);
    }

    [Fact]
    public async Task Of_two_corrections_of_the_same_revision_the_second_is_a_conflict_showing_the_first()
    {
        var first = await Correct("First editor's lead.\n" + original, note: "first");
        var second = await Correct("Second editor's lead.\n" + original, note: "second");

        Assert.True(first.Succeeded);
        Assert.True(second.IsConflict);
        Assert.Equal(2, second.Value!.Revision);
        Assert.StartsWith("First editor's lead.", second.Value.Text);
        Assert.Equal("first", second.Value.Note);
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.SourceRevisions.CountAsync());
    }

    [Fact]
    public async Task Two_corrections_racing_on_the_same_revision_cannot_both_win()
    {
        var results = await Task.WhenAll(
            Correct("Racer A.\n" + original, note: "A"),
            Correct("Racer B.\n" + original, note: "B"));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.Equal(1, results.Count(r => r.IsConflict));
        await using var db = app.CreateDbContext();
        var source = await db.Sources.SingleAsync(s => s.Id == sourceId);
        Assert.Equal(2, source.Revision);
        Assert.Equal(results.Single(r => r.Succeeded).Value!.Text, source.Text);
        // Anchors were moved once, by the winner only.
        var trump = await Attribution("trump-putin-ready");
        Assert.Null(trump.Anchor.FindMismatch(source.Text));
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_journalists_may_not_correct()
    {
        var noNote = await Correct(original + " More.", note: "  ");
        Assert.Equal("Say what was corrected.", noNote.ErrorFor("Note"));
        var empty = await Correct("   ");
        Assert.NotNull(empty.ErrorFor("Text"));
        var unchanged = await Correct(original);
        Assert.NotNull(unchanged.ErrorFor("Text"));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            As(Roles.Journalist, sp => sp.GetRequiredService<SourceCorrectionService>().CorrectAsync(sourceId, 1, original + " x", "note")));
        var missing = await As(Roles.Editor, sp => sp.GetRequiredService<SourceCorrectionService>().CorrectAsync(999_999, 1, "text", "note"));
        Assert.Equal(EditOutcome.NotFound, missing.Outcome);
    }

    [Fact]
    public async Task Earlier_revisions_stay_readable_and_the_seed_still_loads_over_a_corrected_source()
    {
        await Correct("Lead.\n" + original);

        var revisions = await As(null, sp => sp.GetRequiredService<SourceService>().ListRevisionsAsync(sourceId));
        Assert.Equal([2, 1], revisions.Select(r => r.Number));
        var first = await As(null, sp => sp.GetRequiredService<SourceService>().GetRevisionAsync(sourceId, 1));
        Assert.Equal(original, first!.Text);
        Assert.Null(await As(null, sp => sp.GetRequiredService<SourceService>().GetRevisionAsync(sourceId, 7)));

        // The seed is revision 1: a corrected source does not make it "changed"; a changed seed text still does.
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(0, await DatabaseSeeder.SeedAsync(db, TestSeeds.Loaded));
        }
        var altered = TestSeeds.Loaded with { SourceTexts = TestSeeds.Loaded.SourceTexts.ToDictionary(p => p.Key, p => p.Value + " (altered)") };
        await using (var db = app.CreateDbContext())
        {
            var refused = await Assert.ThrowsAsync<SeedDataException>(() => DatabaseSeeder.SeedAsync(db, altered));
            Assert.Contains(SourceKey, refused.Message);
        }
    }

    [Fact]
    public async Task Editing_an_orphaned_statement_without_touching_its_span_keeps_it_orphaned()
    {
        await Correct(original.Replace(KremlinSentence, ""));
        var orphan = await Attribution("peskov-open-to-talks");

        var result = await As(Roles.Editor, sp => sp.GetRequiredService<RecordEditService>().UpdateAttributionAsync(orphan.Id, orphan.Version,
            new AttributionDraft(orphan.ActorId, orphan.ClaimId, orphan.SourceId, Stance.Endorses, orphan.Mode, orphan.Anchor.Start, orphan.Anchor.End, orphan.SaidWhen)));

        Assert.True(result.Succeeded, string.Join("; ", result.FieldErrors.Values));
        var now = await Attribution("peskov-open-to-talks");
        Assert.Equal((Stance.Endorses, AnchorState.Orphaned, 1), (now.Stance, now.AnchorState, now.AnchorRevision));
        Assert.Equal(orphan.Anchor, now.Anchor);
    }
}
