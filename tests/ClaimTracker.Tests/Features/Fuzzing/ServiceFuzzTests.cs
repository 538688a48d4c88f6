using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Sources;
using ClaimTracker.Web.Features.Verdicts;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Features.Fuzzing;

/// <summary>
/// Random and hostile strings (<see cref="HostileStrings"/>) into every text input of the note, span note, edit,
/// relation, verdict and correction services, through the real services over a real database. Each case must end one of
/// two ways: refused with a message, or stored, and then the stored value keeps the stored-text policy and renders
/// inert through the renderer its page uses (<see cref="Inert"/>). An exception, a refusal without a message, or a
/// stored value that breaks either rule fails the test, and CsCheck shrinks it to a smallest case and prints its seed.
/// Each test prints how many cases it ran.
/// </summary>
[BothEngines]
public sealed class ServiceFuzzTests(ClaimTrackerFactory app, ITestOutputHelper output) : IClassFixture<ClaimTrackerFactory>
{
    private const string SeedSource = "reuters-ukraine-peace-talks";
    private const string FuzzSource = "fuzz-long-source";
    private const string CorrectedSource = "fuzz-corrected-source";

    private static readonly Gen<string?> AnyOrNull = Gen.Frequency((19, HostileStrings.Any.Select(s => (string?)s)), (1, Gen.Const((string?)null)));
    private static readonly Gen<string?> FieldOrNull = Gen.Frequency((9, HostileStrings.Field.Select(s => (string?)s)), (1, Gen.Const((string?)null)));

    /// <summary>A list such as topics or aliases: usually a few entries, sometimes just under or over <paramref name="limit"/>.</summary>
    private static Gen<string[]> ListOf(int limit) => Gen.Frequency(
        (5, HostileStrings.Field.Array[0, 4]),
        (1, HostileStrings.Short.Array[limit - 1, limit + 2]));

    // ------------------------------------------------------------------ helpers

    private Task<T> AsAsync<TService, T>(string role, Func<TService, Task<T>> call) where TService : notnull =>
        app.Services.AsAsync(role, call, $"fuzz-{role.ToLowerInvariant()}");

    /// <summary>Runs <paramref name="gen"/> through <paramref name="run"/> (true: stored and checked; false: refused) and prints the count.</summary>
    private async Task FuzzAsync<T>(string input, Gen<T> gen, long iter, Func<T, Task<bool>> run, Func<T, string> print)
    {
        var (stored, refused) = (0, 0);
        await gen.SampleAsync(async value =>
        {
            if (await run(value))
            {
                Interlocked.Increment(ref stored);
            }
            else
            {
                Interlocked.Increment(ref refused);
            }
        }, writeLine: output.WriteLine, iter: iter, threads: 1, print: print);
        output.WriteLine($"fuzz cases run: {stored + refused} into {input} ({stored} stored and rendered inert, {refused} refused with a message)");
        // Both outcomes must really happen, or the generator is not testing what it claims to.
        Assert.True(stored > 0, $"{input}: no case was stored");
        Assert.True(refused > 0, $"{input}: no case was refused");
    }

    private static void AssertRefusedWithMessages(IReadOnlyDictionary<string, string> errors, string what)
    {
        Assert.True(errors.Count > 0, $"{what}: refused without saying why");
        Assert.All(errors.Values, message => Assert.False(string.IsNullOrWhiteSpace(message), $"{what}: an empty message"));
    }

    /// <summary>A source of about 20,000 characters (the seed article ten times), so spans up to the limit and past it fit.</summary>
    private async Task<(int Id, string Text)> LongSourceAsync()
    {
        await using var db = app.CreateDbContext();
        if (await db.Sources.Where(s => s.Key == FuzzSource).Select(s => new { s.Id, s.Text }).SingleOrDefaultAsync() is { } existing)
        {
            return (existing.Id, existing.Text);
        }
        var seed = await db.Sources.Where(s => s.Key == SeedSource).Select(s => s.Text).SingleAsync();
        var source = new Source(FuzzSource, "Fuzz Wire", "A long text for spans", new DateOnly(2026, 1, 15), null,
            string.Join("\n\n", Enumerable.Repeat(seed, 10)));
        db.Sources.Add(source);
        await db.SaveChangesAsync();
        return (source.Id, source.Text);
    }

    private static Gen<(int Start, int End)> Spans(int textLength) =>
        from start in Gen.Frequency((6, Gen.Int[0, textLength]), (1, Gen.Int[-10, 0]), (1, Gen.Int))
        from length in Gen.Frequency((6, Gen.Int[1, 300]), (2, Gen.Int[InputLimits.SpanLength - 3, InputLimits.SpanLength + 3]), (1, Gen.Int[-3, 0]), (1, Gen.Int))
        select (start, (int)Math.Clamp((long)start + length, int.MinValue, int.MaxValue));

    /// <summary>What a client sends as the selected words: the right ones, none, one character off, or anything.</summary>
    public enum Words
    {
        Right,
        Missing,
        OneOff,
        Hostile,
    }

    private static string? WordsFor(Words kind, string text, int start, int end, string hostile)
    {
        var inside = start >= 0 && end <= text.Length && start < end;
        return kind switch
        {
            Words.Right when inside => text[start..end],
            Words.OneOff when inside => text[start..(end - 1)] + (text[end - 1] == 'x' ? 'y' : 'x'),
            Words.Missing => null,
            _ => hostile,
        };
    }

    // ------------------------------------------------------------------ notes

    public enum NoteAction
    {
        AddToClaim,
        Reply,
        Edit,
    }

    [Fact]
    public async Task Notes_added_replied_and_edited_are_stored_inert_or_refused()
    {
        var claimId = await app.ClaimId("putin-ready-for-deal");
        var root = await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Journalist, s => s.AddToClaimAsync(claimId, "The root note of the fuzz."));
        Assert.True(root.Succeeded);

        await FuzzAsync("notes (add, reply, edit)", Gen.Select(Gen.Enum<NoteAction>(), AnyOrNull), iter: 200, async c =>
        {
            var (action, body) = c;
            Guid version;
            await using (var db = app.CreateDbContext())
            {
                version = await db.Annotations.Where(n => n.Id == root.Value!.Id).Select(n => n.Version).SingleAsync();
            }
            var result = await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Journalist, s => action switch
            {
                NoteAction.AddToClaim => s.AddToClaimAsync(claimId, body),
                NoteAction.Reply => s.ReplyAsync(root.Value!.Id, body),
                _ => s.EditAsync(root.Value!.Id, version, body),
            });
            if (!result.Succeeded)
            {
                Assert.Equal(EditOutcome.Invalid, result.Outcome);
                Assert.False(string.IsNullOrWhiteSpace(result.Message), "refused without a message");
                return false;
            }
            await using var check = app.CreateDbContext();
            var stored = await check.Annotations.Where(n => n.Id == result.Value!.Id).Select(n => n.Body).SingleAsync();
            Assert.True(stored.Length <= InputLimits.NoteLength);
            Inert.StoredText(stored, multiline: true, "note");
            Inert.NoteHtml(stored, "note");
            return true;
        }, c => $"{c.Item1}: {HostileStrings.Describe(c.Item2)}");
    }

    [Fact]
    public async Task Span_notes_are_stored_on_the_words_selected_or_refused()
    {
        var (sourceId, text) = await LongSourceAsync();
        var gen = Gen.Select(Spans(text.Length), Gen.Enum<Words>(), HostileStrings.Any, HostileStrings.Any);

        await FuzzAsync("span notes (range, selected words, body)", gen, iter: 200, async c =>
        {
            var ((start, end), words, hostileWords, body) = c;
            var selected = WordsFor(words, text, start, end, hostileWords);
            var result = await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Journalist, s => s.AddToSpanAsync(sourceId, start, end, body, selected));
            if (!result.Succeeded)
            {
                Assert.Equal(EditOutcome.Invalid, result.Outcome);
                Assert.False(string.IsNullOrWhiteSpace(result.Message), "refused without a message");
                return false;
            }
            // Stored only on the words the client really selected, and never on more than the limit.
            Assert.Equal(text[start..end], selected);
            await using var check = app.CreateDbContext();
            var stored = await check.Annotations.Where(n => n.Id == result.Value!.Id).Select(n => new { n.Body, n.Anchor!.Exact }).SingleAsync();
            Assert.Equal(text[start..end], stored.Exact);
            Assert.True(stored.Exact.Length <= InputLimits.SpanLength);
            Inert.StoredText(stored.Body, multiline: true, "span note");
            Inert.NoteHtml(stored.Body, "span note");
            return true;
        }, c => $"{c.Item1} words={c.Item2} hostile words={HostileStrings.Describe(c.Item3)} body={HostileStrings.Describe(c.Item4)}");
    }

    // ------------------------------------------------------------------ edits of the record

    [Fact]
    public async Task Claims_are_stored_clean_or_refused_field_by_field()
    {
        var gen = Gen.Select(AnyOrNull, ListOf(InputLimits.Topics));

        await FuzzAsync("claims (text, topics)", gen, iter: 100, async c =>
        {
            var (text, topics) = c;
            var result = await AsAsync<RecordEditService, EditResult<ClaimRecord>>(Roles.Editor, s => s.CreateClaimAsync(new ClaimDraft(text!, topics)));
            if (!result.Succeeded)
            {
                Assert.Equal(EditOutcome.Invalid, result.Outcome);
                AssertRefusedWithMessages(result.FieldErrors, "claim");
                return false;
            }
            await using var check = app.CreateDbContext();
            var stored = await check.Claims.Where(x => x.Id == result.Value!.Id).Select(x => new { x.Text, x.Topics }).SingleAsync();
            Assert.InRange(stored.Text.Length, 1, InputLimits.ClaimText);
            Inert.StoredText(stored.Text, multiline: false, "claim text");
            Inert.InJsonLd(stored.Text, "claim text");
            Assert.True(stored.Topics.Count <= InputLimits.Topics);
            Assert.All(stored.Topics, topic =>
            {
                Assert.InRange(topic.Length, 1, InputLimits.Topic);
                Inert.StoredText(topic, multiline: false, "topic");
            });
            return true;
        }, c => $"text={HostileStrings.Describe(c.Item1)} topics=[{string.Join(", ", c.Item2.Select(HostileStrings.Describe))}]");
    }

    [Fact]
    public async Task Actors_are_stored_clean_or_refused_field_by_field()
    {
        var gen = Gen.Select(FieldOrNull, Gen.Frequency((6, Gen.Int[0, 5]), (1, Gen.Int[-1, 8])), FieldOrNull, FieldOrNull, ListOf(InputLimits.Aliases));

        await FuzzAsync("actors (name, kind, role, country, aliases)", gen, iter: 100, async c =>
        {
            var (name, kind, role, country, aliases) = c;
            var draft = new ActorDraft(name!, (ActorKind)kind, role, country, aliases);
            var result = await AsAsync<RecordEditService, EditResult<ActorRecord>>(Roles.Editor, s => s.CreateActorAsync(draft));
            if (!result.Succeeded)
            {
                Assert.Equal(EditOutcome.Invalid, result.Outcome);
                AssertRefusedWithMessages(result.FieldErrors, "actor");
                return false;
            }
            await using var check = app.CreateDbContext();
            var stored = await check.Actors.SingleAsync(x => x.Id == result.Value!.Id);
            Assert.InRange(stored.Name.Length, 1, InputLimits.ActorName);
            Inert.StoredText(stored.Name, multiline: false, "actor name");
            Inert.InJsonLd(stored.Name, "actor name");
            Assert.True(stored.Role is null || stored.Role.Length <= InputLimits.ActorRole);
            Assert.True(stored.Country is null || stored.Country.Length <= InputLimits.ActorCountry);
            Inert.StoredText(stored.Role ?? "", multiline: false, "role");
            Inert.StoredText(stored.Country ?? "", multiline: false, "country");
            Assert.True(stored.Aliases.Count <= InputLimits.Aliases);
            Assert.All(stored.Aliases, alias => Inert.StoredText(alias, multiline: false, "alias"));
            return true;
        }, c => $"name={HostileStrings.Describe(c.Item1)} kind={c.Item2} role={HostileStrings.Describe(c.Item3)} country={HostileStrings.Describe(c.Item4)} aliases={c.Item5.Length}");
    }

    [Fact]
    public async Task Attributions_are_stored_on_a_capped_span_with_clean_details_or_refused()
    {
        var (sourceId, text) = await LongSourceAsync();
        var actorId = await app.ActorId("donald-trump");
        var claimId = await app.ClaimId("putin-ready-for-deal");
        var details = Gen.Select(FieldOrNull, FieldOrNull, FieldOrNull);
        var gen = Gen.Select(Spans(text.Length), Gen.Enum<Words>(), HostileStrings.Any, details);

        await FuzzAsync("attributions (span, selected words, when, where, reported via)", gen, iter: 100, async c =>
        {
            var ((start, end), words, hostileWords, (when, where, via)) = c;
            var draft = new AttributionDraft(actorId, claimId, sourceId, Stance.Asserts, AttributionMode.Paraphrase, start, end,
                when, where, via, WordsFor(words, text, start, end, hostileWords));
            var result = await AsAsync<RecordEditService, EditResult<AttributionRecord>>(Roles.Editor, s => s.CreateAttributionAsync(draft));
            if (!result.Succeeded)
            {
                Assert.Equal(EditOutcome.Invalid, result.Outcome);
                AssertRefusedWithMessages(result.FieldErrors, "attribution");
                return false;
            }
            await using var check = app.CreateDbContext();
            var stored = await check.Attributions.SingleAsync(x => x.Id == result.Value!.Id);
            Assert.Equal(text[start..end], stored.Anchor.Exact);
            Assert.True(stored.Anchor.Exact.Length <= InputLimits.SpanLength);
            Inert.StoredText(stored.SaidWhen ?? "", multiline: false, "said when");
            Inert.StoredText(stored.SaidWhere ?? "", multiline: false, "said where");
            Inert.StoredText(stored.ReportedVia ?? "", multiline: false, "reported via");
            Assert.True((stored.SaidWhen?.Length ?? 0) <= InputLimits.SaidWhen);
            Assert.True((stored.SaidWhere?.Length ?? 0) <= InputLimits.SaidWhere);
            Assert.True((stored.ReportedVia?.Length ?? 0) <= InputLimits.ReportedVia);
            return true;
        }, c => $"{c.Item1} words={c.Item2} when={HostileStrings.Describe(c.Item4.Item1)} where={HostileStrings.Describe(c.Item4.Item2)} via={HostileStrings.Describe(c.Item4.Item3)}");
    }

    [Fact]
    public async Task Relation_rationales_are_stored_clean_or_refused()
    {
        var from = await app.ClaimId("putin-ready-for-deal");
        var to = await app.ClaimId("russia-open-to-talks");
        var created = await AsAsync<RecordEditService, EditResult<RelationRecord>>(Roles.Editor,
            s => s.CreateRelationAsync(new RelationDraft(from, to, RelationType.Qualifies, "Made for the fuzz.")));
        Assert.True(created.Succeeded, string.Join(" ", created.FieldErrors.Values));
        var id = created.Value!.Id;

        await FuzzAsync("relations (rationale, type)", Gen.Select(AnyOrNull, Gen.Frequency((8, Gen.Const((int)RelationType.Qualifies)), (1, Gen.Int[-2, 6]))), iter: 100, async c =>
        {
            var (rationale, type) = c;
            var version = (await AsAsync<RecordEditService, RelationRecord?>(Roles.Editor, s => s.GetRelationAsync(id)))!.Version;
            var result = await AsAsync<RecordEditService, EditResult<RelationRecord>>(Roles.Editor,
                s => s.UpdateRelationAsync(id, version, new RelationDraft(from, to, (RelationType)type, rationale!)));
            if (!result.Succeeded)
            {
                Assert.Equal(EditOutcome.Invalid, result.Outcome);
                AssertRefusedWithMessages(result.FieldErrors, "relation");
                return false;
            }
            await using var check = app.CreateDbContext();
            var stored = await check.ClaimRelations.Where(r => r.Id == id).Select(r => r.Rationale).SingleAsync();
            Assert.InRange(stored.Length, 1, InputLimits.RelationRationale);
            Inert.StoredText(stored, multiline: true, "relation rationale");
            return true;
        }, c => $"rationale={HostileStrings.Describe(c.Item1)} type={c.Item2}");
    }

    // ------------------------------------------------------------------ verdicts

    [Fact]
    public async Task Verdict_rationales_and_evidence_links_are_stored_clean_or_refused()
    {
        var claimId = await app.ClaimId("kremlin-keeps-objectives");
        var started = await AsAsync<VerdictWorkflow, EditResult<VerdictView>>(Roles.Editor, s => s.StartReviewAsync(claimId));
        Assert.True(started.Succeeded, started.Message);
        int[] attributionIds;
        await using (var db = app.CreateDbContext())
        {
            attributionIds = await db.Attributions.Where(a => a.ClaimId == claimId).Select(a => a.Id).ToArrayAsync();
        }
        var url = Gen.Frequency(
            (6, HostileStrings.Field.Select(s => "https://example.com/" + s)),
            (1, HostileStrings.Any),
            (1, Gen.Int[InputLimits.Url - 25, InputLimits.Url + 5].Select(n => "https://example.com/" + new string('p', n))));
        var ids = Gen.Frequency(
            (6, Gen.OneOf(attributionIds).Array[0, 3]),
            (1, Gen.Int.Array[0, 3]),
            (1, Gen.Int[InputLimits.EvidenceRecords, InputLimits.EvidenceRecords + 2].Select(n => Enumerable.Repeat(attributionIds[0], n).ToArray())));
        var urls = Gen.Frequency((6, url.Array[0, 3]), (1, url.Array[InputLimits.EvidenceLinks - 1, InputLimits.EvidenceLinks + 2]));
        var gen = Gen.Select(AnyOrNull, urls, ids, Gen.Frequency((8, Gen.Const<int?>(VerdictTestRating)), (1, Gen.Int[-1, 9].Select(i => (int?)i))));

        await FuzzAsync("verdicts (rationale, links, evidence, rating)", gen, iter: 100, async c =>
        {
            var (rationale, urls, evidence, rating) = c;
            var current = await AsAsync<VerdictReader, VerdictView?>(Roles.Editor, s => s.GetAsync(claimId));
            var input = new VerdictInput { RatingLabelId = rating, Rationale = rationale!, Urls = [.. urls], AttributionIds = [.. evidence] };
            var result = await AsAsync<VerdictWorkflow, EditResult<VerdictView>>(Roles.Editor, s => s.SaveDraftAsync(claimId, input, current?.Version));
            if (!result.Succeeded)
            {
                Assert.Equal(EditOutcome.Invalid, result.Outcome);
                AssertRefusedWithMessages(result.FieldErrors, "verdict");
                return false;
            }
            await using var check = app.CreateDbContext();
            var stored = await check.Verdicts.SingleAsync(v => v.ClaimId == claimId);
            Assert.InRange(stored.Rationale.Length, 1, InputLimits.VerdictRationale);
            Inert.StoredText(stored.Rationale, multiline: true, "verdict rationale");
            var links = stored.Evidence.Where(e => e.Url is not null).Select(e => e.Url!).ToList();
            Assert.True(links.Count <= InputLimits.EvidenceLinks);
            Assert.All(links, link =>
            {
                // The page makes each one a link (VerdictDisplay): only http(s), never script.
                Assert.Null(VerdictValidation.UrlError(link));
                Assert.True(link.Length <= InputLimits.Url);
                Inert.StoredText(link, multiline: false, "evidence link");
            });
            return true;
        }, c => $"rationale={HostileStrings.Describe(c.Item1)} urls=[{string.Join(", ", c.Item2.Select(HostileStrings.Describe))}] ids={c.Item3.Length} rating={c.Item4}");
    }

    /// <summary>A rating on the seed's scale.</summary>
    private const int VerdictTestRating = 5;

    // ------------------------------------------------------------------ corrections

    [Fact]
    public async Task Corrections_store_a_clean_text_and_note_or_are_refused()
    {
        int sourceId;
        await using (var db = app.CreateDbContext())
        {
            var source = new Source(CorrectedSource, "Fuzz Wire", "A text corrected again and again", new DateOnly(2026, 1, 16), null, "The first printing of a short text.");
            db.Sources.Add(source);
            await db.SaveChangesAsync();
            sourceId = source.Id;
        }

        await FuzzAsync("source corrections (text, note)", Gen.Select(AnyOrNull, AnyOrNull), iter: 40, async c =>
        {
            var (text, note) = c;
            var current = await AsAsync<SourceService, SourceCorrection?>(Roles.Editor, s => s.GetCurrentAsync(sourceId));
            var result = await AsAsync<SourceCorrectionService, EditResult<SourceCorrection>>(Roles.Editor,
                s => s.CorrectAsync(sourceId, current!.Revision, text, note));
            if (!result.Succeeded)
            {
                Assert.Equal(EditOutcome.Invalid, result.Outcome);
                AssertRefusedWithMessages(result.FieldErrors, "correction");
                return false;
            }
            await using var check = app.CreateDbContext();
            var stored = await check.Sources.Where(s => s.Id == sourceId).Select(s => new { s.Text, s.RevisionNote }).SingleAsync();
            Assert.InRange(stored.Text.Length, 1, InputLimits.SourceText);
            Inert.StoredText(stored.Text, multiline: true, "corrected text");
            Assert.InRange(stored.RevisionNote!.Length, 1, InputLimits.CorrectionNote);
            Inert.StoredText(stored.RevisionNote, multiline: true, "correction note");
            return true;
        }, c => $"text={HostileStrings.Describe(c.Item1)} note={HostileStrings.Describe(c.Item2)}");
    }
}
