using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Common;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Sources;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Common;

/// <summary>
/// Each limit of <see cref="InputLimits"/> and the stored-text policy, enforced by the service itself, whatever a page
/// or a crafted client sends: refused with a message naming the limit, or stored cleaned.
/// </summary>
[BothEngines]
public class ServiceLimitsTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private const string LongSource = "limits-long-source";

    private Task<T> AsAsync<TService, T>(string role, Func<TService, Task<T>> call) where TService : notnull =>
        app.Services.AsAsync(role, call, $"limits-{role.ToLowerInvariant()}");

    /// <summary>A source longer than a span may be (the seed article is only ~2,000 characters).</summary>
    private async Task<(int Id, string Text)> LongSourceAsync()
    {
        await using var db = app.CreateDbContext();
        if (await db.Sources.Where(s => s.Key == LongSource).Select(s => new { s.Id, s.Text }).SingleOrDefaultAsync() is { } existing)
        {
            return (existing.Id, existing.Text);
        }
        var text = string.Join("\n\n", Enumerable.Range(1, 400).Select(i => $"Paragraph {i} says something quotable about the talks."));
        var source = new Source(LongSource, "Limits Wire", "Long enough", new DateOnly(2026, 1, 15), null, text);
        db.Sources.Add(source);
        await db.SaveChangesAsync();
        return (source.Id, text);
    }

    private async Task<int> NoteCountAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Annotations.IgnoreQueryFilters().CountAsync();
    }

    [Fact]
    public async Task A_note_nested_past_the_limit_is_refused_by_the_service_and_nothing_is_stored()
    {
        var claimId = await app.ClaimId("putin-ready-for-deal");
        var before = await NoteCountAsync();

        var deep = await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Journalist, s => s.AddToClaimAsync(claimId, new string('>', 300) + " x"));
        var nine = await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Journalist, s => s.AddToClaimAsync(claimId, string.Concat(Enumerable.Repeat("> ", 9)) + "x"));
        var lines = await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Journalist, s => s.AddToClaimAsync(claimId, string.Join("\n", Enumerable.Repeat("a", 501))));

        Assert.Equal(EditOutcome.Invalid, deep.Outcome);
        Assert.Contains("nested at most 8 levels deep", deep.Message);
        Assert.Equal(EditOutcome.Invalid, nine.Outcome);
        Assert.Contains("this one goes 9 deep", nine.Message);
        Assert.Equal(EditOutcome.Invalid, lines.Outcome);
        Assert.Contains("at most 500 lines", lines.Message);
        Assert.Equal(before, await NoteCountAsync());
    }

    [Fact]
    public async Task A_note_is_stored_cleaned_and_a_note_of_invisible_characters_is_empty()
    {
        var claimId = await app.ClaimId("putin-ready-for-deal");

        var saved = await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Journalist, s => s.AddToClaimAsync(claimId, "  Check\u0007 \uD800 \u202Ethis\r\n> quoted"));
        var invisible = await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Journalist, s => s.AddToClaimAsync(claimId, "\u200B\u202E\u2060 \n"));

        Assert.True(saved.Succeeded, saved.Message);
        await using var db = app.CreateDbContext();
        Assert.Equal("  Check \uFFFD \u202Ethis\u202C\n> quoted", await db.Annotations.Where(n => n.Id == saved.Value!.Id).Select(n => n.Body).SingleAsync());
        Assert.Equal(EditOutcome.Invalid, invisible.Outcome);
        Assert.Contains("cannot be empty", invisible.Message);
    }

    [Fact]
    public async Task A_span_note_needs_the_selected_words_and_a_span_within_the_limit()
    {
        var (sourceId, text) = await LongSourceAsync();
        var before = await NoteCountAsync();

        // A crafted client sending offsets alone (before, the check was skipped without words).
        var noWords = await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Journalist, s => s.AddToSpanAsync(sourceId, 0, 20, "note", null));
        // The whole text, words included: too long to be a quote.
        var whole = await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Journalist, s => s.AddToSpanAsync(sourceId, 0, text.Length, "note", text));
        var justOver = await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Journalist,
            s => s.AddToSpanAsync(sourceId, 0, InputLimits.SpanLength + 1, "note", text[..(InputLimits.SpanLength + 1)]));
        var atLimit = await AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Journalist,
            s => s.AddToSpanAsync(sourceId, 0, InputLimits.SpanLength, "note", text[..InputLimits.SpanLength]));

        Assert.Equal(EditOutcome.Invalid, noWords.Outcome);
        Assert.Equal(SelectedWords.MissingMessage, noWords.Message);
        Assert.Equal(EditOutcome.Invalid, whole.Outcome);
        Assert.Contains($"at most {InputLimits.SpanLength:N0} characters of the text; this selection has {text.Length:N0}", whole.Message);
        Assert.Equal(EditOutcome.Invalid, justOver.Outcome);
        Assert.True(atLimit.Succeeded, atLimit.Message);
        Assert.Equal(before + 1, await NoteCountAsync());
    }

    [Fact]
    public async Task An_attribution_span_past_the_limit_is_refused_on_its_span()
    {
        var (sourceId, text) = await LongSourceAsync();
        var draft = new AttributionDraft(await app.ActorId("donald-trump"), await app.ClaimId("putin-ready-for-deal"), sourceId,
            Stance.Asserts, AttributionMode.Paraphrase, 0, InputLimits.SpanLength + 1, SelectedText: text[..(InputLimits.SpanLength + 1)]);

        var result = await AsAsync<RecordEditService, EditResult<AttributionRecord>>(Roles.Editor, s => s.CreateAttributionAsync(draft));

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Contains($"at most {InputLimits.SpanLength:N0} characters", result.ErrorFor("Span"));
    }

    [Fact]
    public async Task Names_and_claims_are_stored_on_one_line_without_controls_and_invisible_ones_are_required()
    {
        var actor = await AsAsync<RecordEditService, EditResult<ActorRecord>>(Roles.Editor,
            s => s.CreateActorAsync(new ActorDraft("  Dmitry\tPeskov\u0000\r\n", ActorKind.Person, "Kremlin\u202E spokesman", "\u200B", ["the\nKremlin", "\u2060"])));
        var invisible = await AsAsync<RecordEditService, EditResult<ActorRecord>>(Roles.Editor,
            s => s.CreateActorAsync(new ActorDraft("\u200B\u200D", ActorKind.Person, null, null, [])));
        var claim = await AsAsync<RecordEditService, EditResult<ClaimRecord>>(Roles.Editor,
            s => s.CreateClaimAsync(new ClaimDraft("Talks\u0007 will\r\nresume \uDC00soon.", ["peace\u0085talks"])));

        Assert.True(actor.Succeeded, string.Join(" ", actor.FieldErrors.Values));
        Assert.Equal("Dmitry Peskov", actor.Value!.Name);
        Assert.Equal("Kremlin\u202E spokesman\u202C", actor.Value.Role);
        Assert.Null(actor.Value.Country);
        Assert.Equal(["the Kremlin"], actor.Value.Aliases);
        Assert.Equal(EditOutcome.Invalid, invisible.Outcome);
        Assert.Contains("required", invisible.ErrorFor(nameof(ActorDraft.Name)));
        Assert.True(claim.Succeeded, string.Join(" ", claim.FieldErrors.Values));
        await using var db = app.CreateDbContext();
        var stored = await db.Claims.SingleAsync(c => c.Id == claim.Value!.Id);
        Assert.Equal("Talks will resume \uFFFDsoon.", stored.Text);
        Assert.Equal(["peacetalks"], stored.Topics);
    }

    [Fact]
    public void Verdict_links_and_evidence_are_limited_in_the_service_rules()
    {
        var longLink = "https://example.com/" + new string('p', InputLimits.Url);
        var input = new VerdictInput
        {
            RatingLabelId = 1,
            Rationale = "Because.",
            Urls = [longLink],
            AttributionIds = [.. Enumerable.Range(1, InputLimits.EvidenceRecords + 1)],
            SourceIds = [.. Enumerable.Range(1, InputLimits.EvidenceRecords + 1)],
        };

        var errors = VerdictValidation.Validate(input);

        Assert.Contains($"at most {InputLimits.Url:N0} characters", errors[nameof(VerdictInput.Urls)]);
        // The message quotes the start of the address, not all 2,000 characters of it.
        Assert.True(errors[nameof(VerdictInput.Urls)].Length < 200);
        Assert.Contains($"At most {InputLimits.EvidenceRecords}", errors[nameof(VerdictInput.AttributionIds)]);
        Assert.Contains($"At most {InputLimits.EvidenceRecords}", errors[nameof(VerdictInput.SourceIds)]);
        Assert.Null(VerdictValidation.UrlError(" https://example.com/ok\u0007 "));
        Assert.NotNull(VerdictValidation.UrlError("javascript:alert(1)"));
    }

    [Fact]
    public async Task A_correction_note_is_cleaned_and_one_of_invisible_characters_is_refused()
    {
        int sourceId;
        await using (var db = app.CreateDbContext())
        {
            var source = new Source("limits-corrected", "Limits Wire", "Corrected", new DateOnly(2026, 1, 15), null, "The first text.");
            db.Sources.Add(source);
            await db.SaveChangesAsync();
            sourceId = source.Id;
        }

        var invisible = await AsAsync<SourceCorrectionService, EditResult<SourceCorrection>>(Roles.Editor,
            s => s.CorrectAsync(sourceId, 1, "The second text.", "\u200B\u200B"));
        var saved = await AsAsync<SourceCorrectionService, EditResult<SourceCorrection>>(Roles.Editor,
            s => s.CorrectAsync(sourceId, 1, "The\u0007 second text.\r\n", "Typo\u001b[0m fixed"));

        Assert.Equal(EditOutcome.Invalid, invisible.Outcome);
        Assert.Contains("Say what was corrected", invisible.ErrorFor("Note"));
        Assert.True(saved.Succeeded, string.Join(" ", saved.FieldErrors.Values));
        Assert.Equal("The second text.\n", saved.Value!.Text);
        Assert.Equal("Typo[0m fixed", saved.Value.Note);
    }
}
