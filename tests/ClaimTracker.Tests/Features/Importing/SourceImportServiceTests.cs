using System.Text;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Importing;
using ClaimTracker.Web.Features.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Importing;

/// <summary>
/// The import end to end over a real database: what is stored (source, suggestions, history), what is refused and
/// why, field by field, who may import, and that a failure half-way leaves nothing behind.
/// </summary>
[BothEngines]
public class SourceImportServiceTests : IClassFixture<ImportFactory>
{
    private readonly ImportFactory app;

    public SourceImportServiceTests(ImportFactory app)
    {
        this.app = app;
        app.Suggester.Behaviour = ScriptedSuggester.SaidSentences;
    }

    private static string Unique(string text) => $"{text} ({Guid.NewGuid():N})";

    private async Task<EditResult<ImportReport>> ImportAsync(SourceImportRequest request, string? role = Roles.Editor)
    {
        await using var scope = app.Services.ScopeAs(role);
        return await scope.As<SourceImportService>().ImportAsync(request);
    }

    private static SourceImportRequest Txt(string text, string? title = "Peace talks stall", string? outlet = "Example News",
        string? date = "2026-01-20", string? url = null) =>
        new(outlet, title, date, url, File: new UploadedFile("story.txt", Encoding.UTF8.GetBytes(text)));

    private async Task<(int Sources, int Suggestions, int Audit)> CountAsync()
    {
        await using var db = app.CreateDbContext();
        return (await db.Sources.CountAsync(), await db.AttributionSuggestions.IgnoreQueryFilters().CountAsync(), await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task A_text_file_becomes_a_source_with_its_suggestions_waiting_for_review_and_its_import_on_record()
    {
        var text = Unique("Donald Trump said talks had stalled.\r\nNobody else commented. Peskov said Moscow was ready.");

        var result = await ImportAsync(Txt(text, title: "Talks stall in Geneva", date: "2026-01-18", url: "https://example.com/news/1"), Roles.Editor);

        Assert.Equal(EditOutcome.Saved, result.Outcome);
        Assert.Equal(2, result.Value!.Source!.SuggestionCount);
        await using var db = app.CreateDbContext();
        var source = await db.Sources.SingleAsync(s => s.Id == result.Value!.Source.Id);
        var stored = text.Replace("\r\n", "\n");
        Assert.Equal(stored, source.Text);
        Assert.Equal(Source.HashOf(stored), source.ContentHash);
        Assert.Equal(("Example News", "Talks stall in Geneva", new DateOnly(2026, 1, 18), "https://example.com/news/1"),
            (source.Outlet, source.Title, source.PublishedOn, source.Url));
        Assert.Equal("2026-01-18-example-news-talks-stall-in-geneva", source.Key);
        Assert.Equal(source.Key, result.Value!.Source.Key);

        var suggestions = await db.AttributionSuggestions.Where(s => s.SourceId == source.Id).OrderBy(s => s.Anchor.Start).ToListAsync();
        Assert.Equal(["Donald Trump said talks had stalled.", "Peskov said Moscow was ready."], suggestions.Select(s => s.Anchor.Exact));
        var trump = await app.ActorId("donald-trump");
        Assert.All(suggestions, s =>
        {
            Assert.Null(s.Anchor.FindMismatch(stored));
            Assert.Equal(SuggestionStatus.Pending, s.Status);
            Assert.Equal(trump, s.ActorId);
            Assert.Equal("reporting verb 'said'", s.Cue);
        });

        var history = await db.AuditEntries.Where(e => (e.EntityType == nameof(Source) && e.EntityId == source.Id)
            || (e.EntityType == nameof(AttributionSuggestion) && suggestions.Select(s => s.Id).Contains(e.EntityId))).ToListAsync();
        Assert.Equal(3, history.Count);
        Assert.All(history, e => Assert.Equal(("test-editor", "Test Editor test-editor", AuditAction.Created), (e.UserId, e.UserName, e.Action)));
    }

    [Fact]
    public async Task The_engine_is_given_every_known_actor_and_claim()
    {
        await using var db = app.CreateDbContext();
        var (actors, claims) = (await db.Actors.CountAsync(), await db.Claims.CountAsync());

        await ImportAsync(Txt(Unique("A text.")));

        Assert.Equal((actors, claims), (app.Suggester.LastActorCount, app.Suggester.LastClaimCount));
    }

    [Fact]
    public async Task The_engine_is_told_the_outlet_so_it_can_propose_the_outlet_s_own_assertions()
    {
        await ImportAsync(Txt(Unique("An outlet's text."), outlet: "  Coastal Herald "));

        Assert.Equal("Coastal Herald", app.Suggester.LastOutlet);
    }

    [Fact]
    public async Task A_markdown_file_is_stored_as_its_readable_text()
    {
        var marker = Guid.NewGuid().ToString("N");
        var markdown = $"# Heading {marker}\n\nThe **Kremlin** said it was [ready](https://example.com).\n\n- first\n- second\n";

        var result = await ImportAsync(new SourceImportRequest("Example News", "", "2026-01-20", null, File: new UploadedFile("story.md", Encoding.UTF8.GetBytes(markdown))));

        Assert.True(result.Succeeded, string.Join("; ", result.FieldErrors.Values));
        await using var db = app.CreateDbContext();
        var source = await db.Sources.SingleAsync(s => s.Id == result.Value!.Source!.Id);
        Assert.Equal($"Heading {marker}\n\nThe Kremlin said it was ready.\n\nfirst\n\nsecond", source.Text);
        Assert.Equal($"Heading {marker}", source.Title);
        Assert.Equal(1, result.Value!.Source!.SuggestionCount);
    }

    [Fact]
    public async Task A_web_page_is_stored_without_its_navigation_and_scripts_and_its_headline_fills_an_empty_title()
    {
        var marker = Guid.NewGuid().ToString("N");
        var html = $"""
            <html><head><title>Site | Headline</title><script>track("Peskov said nothing.")</script></head>
            <body><nav>Home · World · Peskov said menu.</nav>
            <article><h1>Kremlin ready {marker}</h1><p>Peskov said Moscow was <b>ready</b>.</p><p>Kyiv doubts it.</p></article>
            <footer>© 2026</footer></body></html>
            """;

        var result = await ImportAsync(new SourceImportRequest("Example News", null, "2026-01-20", null, File: new UploadedFile("page.html", Encoding.UTF8.GetBytes(html))));

        Assert.True(result.Succeeded, string.Join("; ", result.FieldErrors.Values));
        await using var db = app.CreateDbContext();
        var source = await db.Sources.SingleAsync(s => s.Id == result.Value!.Source!.Id);
        Assert.Equal($"Kremlin ready {marker}\n\nPeskov said Moscow was ready.\n\nKyiv doubts it.", source.Text);
        Assert.Equal($"Kremlin ready {marker}", source.Title);
        Assert.Equal(1, result.Value!.Source!.SuggestionCount);
    }

    [Fact]
    public async Task Pasted_text_is_imported_the_same_way()
    {
        var text = Unique("Peskov said the talks would go on.");

        var result = await ImportAsync(new SourceImportRequest("Example News", "Pasted", "2026-01-20", null, PastedText: "\n" + text + "\r\n"));

        Assert.True(result.Succeeded);
        await using var db = app.CreateDbContext();
        Assert.Equal(text, (await db.Sources.SingleAsync(s => s.Id == result.Value!.Source!.Id)).Text);
    }

    [Theory]
    [InlineData(null, "Outlet", "Outlet is required.")]
    [InlineData("  ", "Outlet", "Outlet is required.")]
    public async Task A_missing_outlet_is_refused_next_to_the_outlet(string? outlet, string field, string message)
    {
        var result = await ImportAsync(Txt(Unique("Text."), outlet: outlet));

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Equal(message, result.ErrorFor(field));
    }

    [Fact]
    public async Task A_missing_title_is_refused_when_the_file_offers_none()
    {
        var result = await ImportAsync(Txt(Unique("Text."), title: " "));

        Assert.Equal("Title is required.", result.ErrorFor(ImportFields.Title));
    }

    [Theory]
    [InlineData("example.com/news", "http:// or https://")]
    [InlineData("ftp://example.com/news.txt", "http:// or https://")]
    [InlineData("javascript:alert(1)", "http:// or https://")]
    [InlineData("/news/1", "http:// or https://")]
    [InlineData("https://", "http:// or https://")]
    public async Task A_link_that_is_not_an_absolute_web_address_is_refused(string url, string message)
    {
        var result = await ImportAsync(Txt(Unique("Text."), url: url));

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Contains(message, result.ErrorFor(ImportFields.Url));
    }

    [Theory]
    [InlineData("15/01/2026", "is not a date; write it as yyyy-mm-dd")]
    [InlineData("2026-02-30", "is not a date; write it as yyyy-mm-dd")]
    [InlineData("yesterday", "is not a date; write it as yyyy-mm-dd")]
    [InlineData("", "Give the date the source was published.")]
    [InlineData("2999-01-01", "2999-01-01 is in the future")]
    public async Task An_unreadable_or_future_date_is_refused(string date, string message)
    {
        var result = await ImportAsync(Txt(Unique("Text."), date: date));

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Contains(message, result.ErrorFor(ImportFields.PublishedOn));
    }

    [Fact]
    public async Task Tomorrow_is_in_the_future_only_once_it_is_tomorrow_everywhere()
    {
        var dayAfterTomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)).ToString("yyyy-MM-dd");
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");

        Assert.Contains("in the future", (await ImportAsync(Txt(Unique("Text."), date: dayAfterTomorrow))).ErrorFor(ImportFields.PublishedOn));
        Assert.True((await ImportAsync(Txt(Unique("Text."), date: today))).Succeeded);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once_each_next_to_its_field_and_nothing_is_stored()
    {
        var before = await CountAsync();

        var result = await ImportAsync(new SourceImportRequest("", "", "soon", "nowhere", File: new UploadedFile("a.pdf", [1, 2, 3])));

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Equal([ImportFields.File, ImportFields.Outlet, ImportFields.PublishedOn, ImportFields.Title, ImportFields.Url], result.FieldErrors.Keys.Order());
        Assert.Equal(before, await CountAsync());
        Assert.Null(result.Value!.Source);
    }

    [Theory]
    [InlineData("empty.txt", new byte[0], "empty")]
    [InlineData("bad.txt", new byte[] { 0x63, 0x61, 0x66, 0xE9 }, "not valid UTF-8 text (save it as UTF-8)")]
    [InlineData("image.txt", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00 }, "binary")]
    [InlineData("story.docx", new byte[] { 0x50, 0x4B, 0x03, 0x04 }, "only .txt, .md, .html and .htm")]
    public async Task Files_that_are_not_usable_text_are_refused_next_to_the_file(string name, byte[] bytes, string message)
    {
        var before = await CountAsync();

        var result = await ImportAsync(new SourceImportRequest("Example News", "Title", "2026-01-20", null, File: new UploadedFile(name, bytes)));

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Contains(message, result.ErrorFor(ImportFields.File));
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("deep.html", "<div>", "more than 256 levels deep")]
    [InlineData("deep.md", ">", "more than 64 levels deep")]
    public async Task A_file_nested_past_the_limit_is_refused_next_to_the_file_keeping_the_other_fields_valid(string name, string open, string message)
    {
        var before = await CountAsync();
        var content = string.Concat(Enumerable.Repeat(open, 100_000)) + " Peskov said so.";

        var result = await ImportAsync(new SourceImportRequest("Example News", "Title", "2026-01-20", "https://example.com/a",
            File: new UploadedFile(name, Encoding.UTF8.GetBytes(content))));

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Equal([ImportFields.File], result.FieldErrors.Keys);
        Assert.Contains(message, result.ErrorFor(ImportFields.File));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Control_characters_and_half_characters_in_the_outlet_and_title_are_stored_as_spaces_and_replacement_characters()
    {
        var result = await ImportAsync(Txt(Unique("Peskov said so."), title: "Talks\nstall \ud800 again", outlet: "Example\tNews\u0000"));

        Assert.Equal(EditOutcome.Saved, result.Outcome);
        await using var db = app.CreateDbContext();
        var source = await db.Sources.SingleAsync(s => s.Id == result.Value!.Source!.Id);
        Assert.Equal(("Example News", "Talks stall \ufffd again"), (source.Outlet, source.Title));
    }

    [Fact]
    public async Task A_date_that_is_not_one_is_quoted_back_shortened()
    {
        var result = await ImportAsync(Txt(Unique("Peskov said so."), date: new string('9', 100_000)));

        var message = result.ErrorFor(ImportFields.PublishedOn)!;
        Assert.EndsWith("…\" is not a date; write it as yyyy-mm-dd, e.g. 2026-01-15.", message);
        Assert.True(message.Length < 120, message);
    }

    [Fact]
    public async Task A_file_over_the_configured_limit_is_refused_naming_the_limit()
    {
        var result = await ImportAsync(Txt(new string('a', ImportOptions.DefaultMaxBytes + 1)));

        Assert.Equal("\"story.txt\" is 2,097,153 bytes; the limit is 2,097,152 bytes (2 MB).", result.ErrorFor(ImportFields.File));
    }

    [Fact]
    public async Task The_same_text_again_is_refused_naming_the_source_that_has_it()
    {
        var seedText = await File.ReadAllTextAsync(Path.Combine(TestSeeds.Folder, "reuters-2026-01-15-ukraine-peace-talks.txt"));
        var seeded = await app.SourceId("reuters-ukraine-peace-talks");
        var before = await CountAsync();

        var result = await ImportAsync(new SourceImportRequest("Another outlet", "Copy", "2026-01-16", null, PastedText: seedText + "\n"));

        Assert.Equal(EditOutcome.Conflict, result.Outcome);
        Assert.Equal(seeded, result.Value!.Duplicate!.Id);
        Assert.Equal("Trump blames Zelensky, not Putin, for stalled Ukraine peace talks", result.Value!.Duplicate.Title);
        Assert.Contains("already in the record as \"Trump blames Zelensky", result.ErrorFor(ImportFields.PastedText));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Of_the_same_text_imported_by_three_editors_at_once_one_is_stored_and_the_others_are_told_it_is_a_duplicate()
    {
        var text = Unique("Peskov said talks would go on.");
        // Every import waits inside the engine until all three got there, so all three have passed the first
        // duplicate check before any of them stores: only the check inside the write transaction can stop the copies.
        using var allRead = new Barrier(3);
        app.Suggester.Behaviour = (t, actors, claims) =>
        {
            Assert.True(allRead.SignalAndWait(TimeSpan.FromSeconds(30)), "the three imports did not run side by side");
            return ScriptedSuggester.SaidSentences(t, actors, claims);
        };

        var results = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => Task.Run(() => ImportAsync(Txt(text, title: $"Copy {i}")))));

        Assert.Single(results, r => r.Outcome == EditOutcome.Saved);
        Assert.Equal(2, results.Count(r => r.Outcome == EditOutcome.Conflict));
        var stored = results.Single(r => r.Outcome == EditOutcome.Saved).Value!.Source!.Id;
        Assert.All(results.Where(r => r.Outcome == EditOutcome.Conflict), r => Assert.Equal(stored, r.Value!.Duplicate!.Id));
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.Sources.CountAsync(s => s.ContentHash == Source.HashOf(text)));
    }

    [Fact]
    public async Task A_duplicate_is_said_first_even_before_the_missing_details()
    {
        var seedText = await File.ReadAllTextAsync(Path.Combine(TestSeeds.Folder, "reuters-2026-01-15-ukraine-peace-talks.txt"));
        var calls = app.Suggester.Calls;

        var result = await ImportAsync(new SourceImportRequest(null, null, null, null, File: new UploadedFile("copy.txt", Encoding.UTF8.GetBytes(seedText))));

        Assert.Equal(EditOutcome.Conflict, result.Outcome);
        Assert.Equal([ImportFields.File], result.FieldErrors.Keys);
        Assert.Equal(calls, app.Suggester.Calls); // the engine never read it
    }

    [Fact]
    public async Task The_same_date_outlet_and_title_with_another_text_gets_a_key_of_its_own()
    {
        var first = await ImportAsync(Txt(Unique("First version."), title: "Same headline", date: "2026-01-21"));
        var second = await ImportAsync(Txt(Unique("Second version."), title: "Same headline", date: "2026-01-21"));

        Assert.Equal("2026-01-21-example-news-same-headline", first.Value!.Source!.Key);
        Assert.Equal("2026-01-21-example-news-same-headline-2", second.Value!.Source!.Key);
    }

    [Fact]
    public async Task If_the_engine_fails_nothing_of_the_import_is_left_behind()
    {
        app.Suggester.Behaviour = (_, _, _) => throw new InvalidOperationException("engine broke");
        var before = await CountAsync();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => ImportAsync(Txt(Unique("Peskov said so."))));

        Assert.Equal("engine broke", ex.Message);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task If_saving_a_suggestion_fails_the_source_is_not_stored_either()
    {
        // A suggestion whose actor name is null passes the engine but fails the database's NOT NULL: the source, saved
        // in the same transaction just before it, must be rolled back with it.
        app.Suggester.Behaviour = (text, _, _) => [new SuggestedAttribution(null!, null, Stance.Asserts, AttributionMode.Paraphrase, text[..4], 0, 4, "c", null, null, "cue")];
        var before = await CountAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => ImportAsync(Txt(Unique("Peskov said so."))));

        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_proposal_whose_span_does_not_hold_its_quote_or_names_unknown_records_is_not_stored_wrong()
    {
        app.Suggester.Behaviour = (text, _, _) =>
        [
            new SuggestedAttribution("A", null, Stance.Asserts, AttributionMode.Paraphrase, "not there", 0, 9, "c", null, null, "cue"),
            new SuggestedAttribution("B", null, Stance.Asserts, AttributionMode.Paraphrase, "x", 5, text.Length + 3, "c", null, null, "cue"),
            new SuggestedAttribution("C", 999_999, Stance.Denies, AttributionMode.DirectQuote, text[..6], 0, 6, "c", 888_888, 0.9, "cue"),
        ];

        var result = await ImportAsync(Txt(Unique("Peskov said so.")));

        Assert.Equal(1, result.Value!.Source!.SuggestionCount);
        await using var db = app.CreateDbContext();
        var stored = await db.AttributionSuggestions.SingleAsync(s => s.SourceId == result.Value!.Source.Id);
        Assert.Equal(("C", null, null, null, "Peskov"), (stored.ActorName, stored.ActorId, stored.ClaimId, stored.Similarity, stored.Anchor.Exact));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Roles.Journalist)]
    public async Task Only_editors_may_import_and_a_refusal_writes_nothing(string? role)
    {
        var before = await CountAsync();
        var calls = app.Suggester.Calls;

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => ImportAsync(Txt(Unique("Peskov said so.")), role));

        Assert.Equal(role is not null, denied.SignedIn);
        Assert.Equal(before, await CountAsync());
        Assert.Equal(calls, app.Suggester.Calls);
    }

    [Fact]
    public async Task Admins_may_import_too()
    {
        Assert.True((await ImportAsync(Txt(Unique("Admin text.")), Roles.Admin)).Succeeded);
    }

    [Fact]
    public async Task Known_outlets_are_offered_most_used_first()
    {
        var rare = Unique("Zeitung am Abend");
        await ImportAsync(Txt(Unique("Outlet text one."), outlet: "Süddeutsche Zeitung"));
        await ImportAsync(Txt(Unique("Outlet text two."), outlet: "Süddeutsche Zeitung"));
        await ImportAsync(Txt(Unique("Outlet text three."), outlet: rare));
        await using var scope = app.Services.ScopeAs(Roles.Editor);
        var known = (await scope.As<SourceImportService>().KnownOutletsAsync()).ToList();

        Assert.Equal(known.Distinct().Count(), known.Count);
        var (usedTwice, usedOnce) = (known.IndexOf("Süddeutsche Zeitung"), known.IndexOf(rare));
        Assert.True(usedTwice >= 0 && usedOnce > usedTwice, string.Join(", ", known));
        Assert.Single(await scope.As<SourceImportService>().KnownOutletsAsync(max: 1));
    }
}
