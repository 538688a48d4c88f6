using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Merging;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Editing;

/// <summary>How one history entry is put into words: names for ids, labels for enums, one line per meaningful change.</summary>
public class HistoryWordsTests
{
    private const int Trump = 17;
    private const int Agencies = 18;
    private const int ThisClaim = 40;
    private const int OtherClaim = 41;
    private const int Reuters = 7;
    private const int AgenciesStatement = 301;
    private const int TrumpStatement = 302;

    private static readonly HistoryNames Names = NamesOf();

    private static HistoryNames NamesOf()
    {
        var names = new HistoryNames();
        names.Actors[Trump] = "Donald Trump";
        names.Actors[Agencies] = "Western intelligence agencies";
        names.Claims[ThisClaim] = "Putin is ready to make a deal to end the war in Ukraine.";
        names.Claims[OtherClaim] = "The Kremlin has shown little sign of abandoning its objectives in Ukraine.";
        names.Sources[Reuters] = "Reuters: Trump says Zelensky is holding up a peace deal";
        names.Statements[AgenciesStatement] = ("Western intelligence agencies", "little sign of abandoning its objectives");
        names.Statements[TrumpStatement] = ("Donald Trump", "ready to make a deal");
        names.Ratings[3] = "Misleading";
        names.Ratings[4] = "Unsupported";
        names.NoteAuthors[90] = "Jo Journalist";
        return names;
    }

    private static AuditEntry Entry(string type, AuditAction action, string? before, string? after, int id = 5) => new()
    {
        Id = 1234,
        EntityType = type,
        EntityId = id,
        Action = action,
        UserId = "c7bd5196-8f0e-4d0c-9d7e-5b0a6f3e2a11",
        UserName = "Sam Editor",
        At = DateTimeOffset.UtcNow,
        Before = before,
        After = after,
    };

    private static string Statement(int stance = 0, int mode = 0, string exact = "ready to make a deal", int start = 300, int end = 320, int revision = 1, int state = 0) =>
        $$"""{"ActorId":{{Trump}},"AnchorRevision":{{revision}},"AnchorState":{{state}},"Anchor.End":{{end}},"Anchor.Exact":"{{exact}}","Anchor.Prefix":"Trump said Putin was ","Anchor.Start":{{start}},"Anchor.Suffix":" but Zelensky","ClaimId":{{ThisClaim}},"DeletedAt":null,"DeletedBy":null,"Id":5,"IsDeleted":false,"Key":"trump-deal","Mode":{{mode}},"ReportedById":null,"ReportedVia":null,"SaidWhen":null,"SaidWhere":null,"SourceId":{{Reuters}},"Stance":{{stance}},"Version":"6d1f0b52-3c57-4ac4-8f8e-0e2f2b0d7c11"}""";

    private static string Verdict(int rating, string evidence, int state = 0) =>
        $$"""{"AuthorId":"c7bd5196-8f0e-4d0c-9d7e-5b0a6f3e2a11","AuthorName":"Sam Editor","ClaimId":{{ThisClaim}},"CreatedAt":"2026-01-15T10:00:00+00:00","Evidence":{{evidence}},"Id":9,"IsDeleted":false,"PublishedAt":null,"RatingLabelId":{{rating}},"Rationale":"The record says otherwise.","State":{{state}},"UpdatedAt":"2026-01-15T10:00:00+00:00","Version":"0b6a5c4e-1111-4c2b-9a8e-2d3f4e5a6b7c"}""";

    [Fact]
    public void An_edited_statement_says_its_stance_mode_and_quote_in_the_apps_words_and_hides_the_offsets()
    {
        var entry = Entry(nameof(Attribution), AuditAction.Updated,
            Statement(stance: (int)Stance.Asserts, mode: (int)AttributionMode.DirectQuote),
            Statement(stance: (int)Stance.Denies, mode: (int)AttributionMode.Paraphrase, exact: "ready to make a deal to end the war", end: 335));

        var words = HistoryWords.Describe(entry, Names);

        Assert.Equal("edited a statement", words.What);
        Assert.Equal("Donald Trump's statement “ready to make a deal to end the war”", words.Summary);
        Assert.Equal(
            ["Stance: asserts → denies", "Mode: direct quote → paraphrase", "Quote: “ready to make a deal” → “ready to make a deal to end the war”"],
            words.Changes.Select(c => c.Text));
    }

    [Fact]
    public void A_verdicts_rating_is_named_and_each_piece_of_evidence_added_or_removed_is_its_own_line()
    {
        var before = Verdict(4, $$"""[{"attributionId":{{TrumpStatement}},"sourceId":null,"url":null,"note":null},{"attributionId":null,"sourceId":null,"url":"https://example.org/report","note":null}]""");
        var after = Verdict(3, $$"""[{"attributionId":{{TrumpStatement}},"sourceId":null,"url":null,"note":null},{"attributionId":{{AgenciesStatement}},"sourceId":null,"url":null,"note":null},{"attributionId":null,"sourceId":{{Reuters}},"url":null,"note":null}]""");

        var words = HistoryWords.Describe(Entry(nameof(Verdict), AuditAction.Updated, before, after), Names);

        Assert.Equal("edited the verdict", words.What);
        Assert.Equal(
            [
                "Rating: Unsupported → Misleading",
                "Evidence: removed https://example.org/report",
                "Evidence: added Western intelligence agencies' statement “little sign of abandoning its objectives”",
                "Evidence: added Reuters: Trump says Zelensky is holding up a peace deal",
            ],
            words.Changes.Select(c => c.Text));
        Assert.Equal(ChangeKind.Removed, words.Changes[1].Kind);
        Assert.Equal(ChangeKind.Added, words.Changes[2].Kind);
    }

    [Theory]
    [InlineData(AuditAction.Created, null, 0, "drafted the verdict")]
    [InlineData(AuditAction.Created, null, 1, "published the verdict")]
    [InlineData(AuditAction.Updated, 0, 1, "published the verdict")]
    [InlineData(AuditAction.Updated, 1, 0, "reopened the verdict")]
    [InlineData(AuditAction.Updated, 0, 0, "edited the verdict")]
    [InlineData(AuditAction.Deleted, 0, null, "retired the verdict")]
    [InlineData(AuditAction.Restored, 0, 0, "restored the verdict")]
    public void What_happened_to_a_verdict_follows_its_workflow(AuditAction action, int? before, int? after, string what)
    {
        var entry = Entry(nameof(Verdict), action, before is int b ? Verdict(4, "[]", b) : null, after is int a ? Verdict(4, "[]", a) : null);

        Assert.Equal(what, HistoryWords.Describe(entry, Names).What);
    }

    [Fact]
    public void A_new_verdict_lists_its_rating_state_and_evidence_and_a_retired_one_names_its_rating()
    {
        var created = HistoryWords.Describe(Entry(nameof(Verdict), AuditAction.Created, null,
            Verdict(4, $$"""[{"attributionId":{{AgenciesStatement}},"sourceId":null,"url":null,"note":null}]""")), Names);
        Assert.Equal(
            ["Rating: Unsupported", "Rationale: The record says otherwise.", "State: draft", "Evidence: added Western intelligence agencies' statement “little sign of abandoning its objectives”"],
            created.Changes.Select(c => c.Text));

        var retired = HistoryWords.Describe(Entry(nameof(Verdict), AuditAction.Deleted, Verdict(3, "[]"), null), Names);
        Assert.Equal("Rating: Misleading", retired.Summary);
        Assert.Empty(retired.Changes);
    }

    [Fact]
    public void Recording_a_statement_says_whose_it_is_and_lists_what_was_set_without_repeating_it()
    {
        var words = HistoryWords.Describe(Entry(nameof(Attribution), AuditAction.Created, null, Statement(mode: (int)AttributionMode.DirectQuote)), Names);

        Assert.Equal("recorded a statement", words.What);
        Assert.Equal("Donald Trump's statement “ready to make a deal”", words.Summary);
        Assert.Equal(
            ["Source: Reuters: Trump says Zelensky is holding up a peace deal", "Stance: asserts", "Mode: direct quote"],
            words.Changes.Select(c => c.Text));
    }

    [Fact]
    public void Deleting_and_restoring_name_the_record_and_list_no_fields()
    {
        var deleted = HistoryWords.Describe(Entry(nameof(Attribution), AuditAction.Deleted, Statement(), null), Names);
        var restored = HistoryWords.Describe(Entry(nameof(Attribution), AuditAction.Restored, Statement(), Statement()), Names);

        Assert.Equal(("deleted a statement", "Donald Trump's statement “ready to make a deal”"), (deleted.What, deleted.Summary));
        Assert.Equal(("restored a statement", deleted.Summary), (restored.What, restored.Summary));
        Assert.Empty(deleted.Changes);
        Assert.Empty(restored.Changes);
    }

    [Fact]
    public void A_relation_is_named_by_its_claims_words_and_its_type_by_the_apps_label()
    {
        const string before = """{"Evidence.End":null,"Evidence.Exact":null,"Evidence.Prefix":null,"Evidence.Start":null,"Evidence.Suffix":null,"EvidenceSourceId":null,"FromClaimId":40,"Id":3,"Key":"r","Rationale":"Old.","ToClaimId":41,"Type":0,"Version":"a"}""";
        const string after = """{"Evidence.End":null,"Evidence.Exact":null,"Evidence.Prefix":null,"Evidence.Start":null,"Evidence.Suffix":null,"EvidenceSourceId":null,"FromClaimId":40,"Id":3,"Key":"r","Rationale":"New.","ToClaimId":41,"Type":2,"Version":"b"}""";

        var words = HistoryWords.Describe(Entry(nameof(ClaimRelation), AuditAction.Updated, before, after), Names);

        Assert.Equal("“Putin is ready to make a deal to end the war in Ukraine.” qualifies “The Kremlin has shown little sign of abandoning its objectives in Ukraine.”", words.Summary);
        Assert.Equal(["Relation: contradicts → qualifies", "Rationale: Old. → New."], words.Changes.Select(c => c.Text));
    }

    [Fact]
    public void What_is_no_longer_in_the_database_gets_a_neutral_phrase_never_its_number()
    {
        var moved = Statement().Replace($"\"ClaimId\":{ThisClaim}", "\"ClaimId\":999").Replace($"\"ActorId\":{Trump}", "\"ActorId\":998");
        var words = HistoryWords.Describe(Entry(nameof(Attribution), AuditAction.Updated, Statement(), moved), Names);

        Assert.Equal("a removed actor's statement “ready to make a deal”", words.Summary);
        Assert.Equal(
            ["Actor: Donald Trump → a removed actor", "Claim: “Putin is ready to make a deal to end the war in Ukraine.” → a removed claim"],
            words.Changes.Select(c => c.Text));
        Assert.DoesNotContain(words.Changes, c => c.Text.Contains("99", StringComparison.Ordinal));
    }

    [Fact]
    public void A_statement_re_anchored_by_a_correction_says_so_in_one_line_instead_of_offsets()
    {
        var words = HistoryWords.Describe(Entry(nameof(Attribution), AuditAction.Updated,
            Statement(), Statement(start: 333, end: 353, revision: 2)), Names);
        Assert.Equal(["Place in the text: found again in revision 2 of the source's text"], words.Changes.Select(c => c.Text));

        var orphaned = HistoryWords.Describe(Entry(nameof(Attribution), AuditAction.Updated,
            Statement(), Statement(state: (int)AnchorState.Orphaned)), Names);
        Assert.Equal(["Anchoring: attached → orphaned"], orphaned.Changes.Select(c => c.Text));
    }

    [Fact]
    public void A_reply_says_so_and_names_the_note_by_its_author_not_its_number()
    {
        const string reply = """{"Anchor.End":null,"Anchor.Exact":null,"Anchor.Prefix":null,"Anchor.Start":null,"Anchor.Suffix":null,"AnchorRevision":1,"AnchorState":0,"AttributionId":302,"AuthorId":"c7bd5196-8f0e-4d0c-9d7e-5b0a6f3e2a11","AuthorName":"Sam Editor","Body":"Agreed, linking it.","ClaimId":null,"CreatedAt":"2026-01-15T10:00:00+00:00","EditedAt":null,"Id":91,"ParentId":90,"SourceId":null,"Version":"x"}""";

        var words = HistoryWords.Describe(Entry(nameof(Annotation), AuditAction.Created, null, reply), Names);

        Assert.Equal("replied to a note", words.What);
        Assert.Equal("“Agreed, linking it.”", words.Summary);
        Assert.Equal(["On statement: Donald Trump's statement “ready to make a deal”", "Reply to: a note by Jo Journalist"], words.Changes.Select(c => c.Text));
    }

    [Fact]
    public void Long_texts_are_cut_at_a_word_with_an_ellipsis()
    {
        var quote = string.Join(' ', Enumerable.Repeat("negotiations", 40));
        var words = HistoryWords.Describe(Entry(nameof(Attribution), AuditAction.Updated, Statement(), Statement(exact: quote)), Names);

        var after = Assert.Single(words.Changes).After!;
        Assert.True(after.Length <= 203, after);
        Assert.EndsWith("negotiations…”", after);
        Assert.EndsWith("negotiations…”", words.Summary);
    }

    [Fact]
    public void A_merge_reads_as_its_sentence_without_the_claims_numbers_even_in_entries_written_before()
    {
        const string stored = """{"summary":"Merged “The deal is held up by Zelensky” (claim 12) into “Zelensky is the obstacle” (claim 10): 1 statement moved.","survivorId":10,"mergedId":12}""";

        var words = HistoryWords.Describe(Entry(ClaimMergeService.HistoryEntityType, AuditAction.Merged, null, stored), Names);

        Assert.Equal("merged two claims", words.What);
        Assert.Equal("Merged “The deal is held up by Zelensky” into “Zelensky is the obstacle”: 1 statement moved.", words.Summary);
        Assert.Empty(words.Changes);
    }

    [Fact]
    public void Accepting_a_suggestion_says_so_and_names_what_it_became()
    {
        const string pending = """{"ActorId":17,"ActorName":"Trump","Anchor.End":320,"Anchor.Exact":"ready to make a deal","Anchor.Prefix":"p","Anchor.Start":300,"Anchor.Suffix":"s","AttributionId":null,"ClaimId":null,"ClaimText":"Putin is ready to make a deal.","Cue":"reporting verb 'said'","DecidedAt":null,"DecidedBy":null,"Id":4,"Similarity":0.8,"SourceId":7,"Stance":0,"Mode":0,"Status":0,"Version":"a"}""";
        var accepted = pending.Replace("\"AttributionId\":null", "\"AttributionId\":302").Replace("\"Status\":0", "\"Status\":1")
            .Replace("\"DecidedBy\":null", "\"DecidedBy\":\"Sam Editor\"").Replace("\"DecidedAt\":null", "\"DecidedAt\":\"2026-01-15T10:00:00+00:00\"");

        var words = HistoryWords.Describe(Entry(nameof(AttributionSuggestion), AuditAction.Updated, pending, accepted), Names);

        Assert.Equal("accepted a suggestion", words.What);
        Assert.Equal("Trump asserts “Putin is ready to make a deal.”", words.Summary);
        Assert.Equal(["Status: pending → accepted", "Decided by: Sam Editor", "Became: Donald Trump's statement “ready to make a deal”"], words.Changes.Select(c => c.Text));
    }

    [Fact]
    public void An_account_change_is_the_sentence_the_admin_page_shows()
    {
        const string details = """{"name":"Eddie Editor","email":"eddie@claimtracker.test","role":"Editor"}""";
        var entry = Entry(AccountHistory.EntityType, AuditAction.RoleRemoved, null, details, id: 0);

        var words = HistoryWords.Describe(entry, Names);

        Assert.Equal("removed a role", words.What);
        Assert.Equal(AccountHistory.Describe(entry).Text, words.Summary);
    }

    [Theory]
    [InlineData("{\"Body\": [[[[")]
    [InlineData("not json at all")]
    [InlineData("[1, 2]")]
    public void Values_that_cannot_be_read_are_said_to_be_unreadable_instead_of_failing_the_history(string damaged)
    {
        var words = HistoryWords.Describe(Entry(nameof(Annotation), AuditAction.Updated, """{"Body":"Before."}""", damaged), Names);

        Assert.Contains("Values: these values cannot be read", words.Changes.Select(c => c.Text));
        Assert.Contains(HistoryWords.Raw(Entry(nameof(Annotation), AuditAction.Updated, null, damaged), HistorySnapshot.None, HistorySnapshot.Parse(damaged)),
            f => f.Name == "Stored values" && f.After == damaged);
    }

    [Fact]
    public void An_unknown_kind_of_record_is_a_record_never_its_type_name()
    {
        var words = HistoryWords.Describe(Entry("SomethingNew", AuditAction.Updated, """{"OtherId":4}""", """{"OtherId":5}"""), Names);

        Assert.Equal("edited a record", words.What);
        Assert.Null(words.Summary);
        Assert.Empty(words.Changes);
    }

    [Fact]
    public void The_details_keep_the_stored_fields_as_they_are_ids_offsets_and_versions_included()
    {
        var entry = Entry(nameof(Attribution), AuditAction.Updated, Statement(), Statement(stance: (int)Stance.Denies, start: 333, end: 353));

        var raw = HistoryWords.Raw(entry, HistorySnapshot.Parse(entry.Before), HistorySnapshot.Parse(entry.After));

        Assert.Contains(new RawField("Record", null, "Attribution 5"), raw);
        Assert.Contains(new RawField("UserId", null, entry.UserId), raw);
        Assert.Contains(new RawField("Stance", "0", "2"), raw);
        Assert.Contains(new RawField("Anchor.Start", "300", "333"), raw);
        Assert.DoesNotContain(raw, f => f.Name == "ActorId"); // an edit's details: what changed
    }

    /// <summary>
    /// Every field the record-keeping stores (see RecordKeeping.Snapshot) is either put into words or declared bookkeeping:
    /// a field added to an entity later must be placed on purpose, not silently hidden or shown as an id.
    /// </summary>
    [Fact]
    public void Every_stored_field_of_every_recorded_entity_is_either_worded_or_declared_bookkeeping()
    {
        using var db = new ClaimTrackerDbContext(new DbContextOptionsBuilder<ClaimTrackerDbContext>().UseSqlite("Data Source=:memory:").Options);
        var recorded = db.Model.GetEntityTypes().Where(t => typeof(IEditableRecord).IsAssignableFrom(t.ClrType)).ToList();
        Assert.NotEmpty(recorded);
        var problems = new List<string>();
        foreach (var type in recorded)
        {
            var name = type.ClrType.Name;
            Assert.Contains(name, HistoryWords.EntityTypes);
            var keys = type.GetProperties().Where(p => !p.IsShadowProperty() || p.IsForeignKey()).Select(p => p.Name)
                .Concat(type.GetNavigations().Where(n => n.TargetEntityType.IsOwned())
                    .SelectMany(n => n.TargetEntityType.GetProperties().Where(p => !p.IsPrimaryKey()).Select(p => $"{n.Name}.{p.Name}")));
            var (shown, hidden) = HistoryWords.FieldsOf(name);
            problems.AddRange(keys.Where(k => !shown.Contains(k) && !hidden.Contains(k)).Select(k => $"{name}.{k} is neither worded nor hidden"));
            problems.AddRange(shown.Intersect(hidden).Select(k => $"{name}.{k} is both"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
