using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using ClaimTracker.Tests.Features.Annotations;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Merging;
using ClaimTracker.Web.Features.Verdicts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Editing;

/// <summary>
/// Every kind of history entry the app writes (<see cref="HistoryScenario"/>), read through the service and rendered as
/// the History renders it: the words name things as the pages do, and no id, GUID, enum identifier, JSON or "id:" gets
/// into them. The stored fields are in the editors' Details, and nowhere for anyone else.
/// </summary>
public sealed partial class HistoryInWordsTests(HistoryScenario app) : ComponentTest, IClassFixture<HistoryScenario>
{
    /// <summary>Every kind of record and action the history holds: the scenario must produce each, and each must read in words.</summary>
    private static readonly (string Type, AuditAction[] Actions)[] Expected =
    [
        (nameof(Claim), [AuditAction.Created, AuditAction.Updated, AuditAction.Deleted, AuditAction.Restored]),
        (nameof(Attribution), [AuditAction.Created, AuditAction.Updated, AuditAction.Deleted, AuditAction.Restored]),
        (nameof(ClaimRelation), [AuditAction.Created, AuditAction.Updated, AuditAction.Deleted, AuditAction.Restored]),
        (nameof(Annotation), [AuditAction.Created, AuditAction.Updated, AuditAction.Deleted, AuditAction.Restored]),
        (nameof(Verdict), [AuditAction.Created, AuditAction.Updated, AuditAction.Deleted, AuditAction.Restored]),
        (nameof(Actor), [AuditAction.Created, AuditAction.Updated, AuditAction.Deleted, AuditAction.Restored]),
        (nameof(AttributionSuggestion), [AuditAction.Created, AuditAction.Updated, AuditAction.Deleted]),
        (nameof(Source), [AuditAction.Created]),
        (ClaimMergeService.HistoryEntityType, [AuditAction.Merged, AuditAction.MergeUndone]),
        (AccountHistory.EntityType, [AuditAction.Created, AuditAction.RoleGranted, AuditAction.RoleRemoved, AuditAction.Deactivated, AuditAction.Reactivated, AuditAction.Unlocked]),
    ];

    private readonly SqlRecorder sql = new();
    private BunitAuthorizationContext auth = null!;

    public override Task InitializeAsync()
    {
        Services.AddDbContextFactory<ClaimTrackerDbContext>(o => o.UseSqlite($"Data Source={app.DatabasePath};Pooling=false").AddInterceptors(sql));
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        auth = this.AddAnnotationComponents();
        Services.AddEditing();
        Services.AddMerging();
        Services.AddClaims();
        Services.AddVerdicts();
        Services.AddSingleton(new ClaimTracker.Web.Features.Serving.PublicBaseUrl(server: null!, new Uri("https://claims.example.test/")));
        return Task.CompletedTask;
    }

    private void SignIn(string role)
    {
        var (id, name) = role == Roles.Editor ? (app.EditorId, HistoryScenario.EditorName) : (app.JournalistId, "Jo Journalist");
        auth.SetAuthorized($"{role.ToLowerInvariant()}@claimtracker.test");
        auth.SetRoles(role);
        auth.SetClaims(
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, id),
            new System.Security.Claims.Claim(AccountClaims.DisplayName, name));
    }

    private async Task<List<AuditEntry>> AllEntriesAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    [GeneratedRegex(@"\b[78]\d{4}\b")]
    private static partial Regex ScenarioId();

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Guid();

    /// <summary>"DirectQuote", "InReview", "ClaimRelation", "RatingLabelId": a name from the code, not from the page.</summary>
    [GeneratedRegex(@"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b")]
    private static partial Regex CodeName();

    [GeneratedRegex(@"\bid\b|\bnull\b|\d{4}-\d{2}-\d{2}T", RegexOptions.IgnoreCase)]
    private static partial Regex StorageWord();

    /// <summary>The fields' own names, which the words replace ("Anchor start", "Prefix", "Version").</summary>
    [GeneratedRegex(@"\b(Anchor|Prefix|Suffix|Version|Key|Rating label|Actor kind)\b")]
    private static partial Regex FieldName();

    /// <summary>What is wrong with <paramref name="text"/> as words for people, or nothing.</summary>
    private static IEnumerable<string> Problems(string text)
    {
        text = text.Replace(ChangeAuthor.System.UserName, "the app", StringComparison.Ordinal); // the seed's author: a name, not code
        foreach (var (pattern, what) in new[] { (ScenarioId(), "an id"), (Guid(), "a GUID"), (CodeName(), "a name from the code"), (StorageWord(), "a storage word"), (FieldName(), "a stored field's name") })
        {
            foreach (Match m in pattern.Matches(text))
            {
                yield return $"{what} “{m.Value}” in: {text}";
            }
        }
        if (text.IndexOfAny(['{', '}', '[', ']']) is >= 0 and var at)
        {
            yield return $"JSON bracket “{text[at]}” in: {text}";
        }
    }

    /// <summary>The entry's words as a reader sees them: what it says, not who (names are people's own) or when, nor the editors' Details.</summary>
    private static string Words(IElement entry)
    {
        var copy = (IElement)entry.Clone(deep: true);
        foreach (var skipped in copy.QuerySelectorAll("strong, time, [data-testid=history-details]").ToList())
        {
            skipped.Remove();
        }
        // Text node by text node: the lines are separate blocks on the page, and textContent would run them together.
        var text = string.Join(' ', copy.GetDescendants().OfType<IText>().Select(t => t.Data));
        return Regex.Replace(text, @"\s+", " ").Trim();
    }

    [Fact]
    public async Task The_scenario_writes_every_kind_of_entry_the_history_holds()
    {
        var written = (await AllEntriesAsync()).Select(e => (e.EntityType, e.Action)).ToHashSet();

        var missing = Expected.SelectMany(x => x.Actions.Select(a => (x.Type, Action: a))).Where(x => !written.Contains(x)).ToList();

        Assert.True(missing.Count == 0, "Not in the scenario: " + string.Join(", ", missing));
        Assert.All(written, w => Assert.Contains(w.EntityType, HistoryWords.EntityTypes)); // no kind of record falls back to "a record"
    }

    [Theory]
    [InlineData(Roles.Editor)]
    [InlineData(Roles.Journalist)]
    public async Task Every_entry_of_every_kind_reads_in_words_without_ids_guids_enum_names_or_json(string role)
    {
        SignIn(role);
        var entries = await AllEntriesAsync();
        var described = await Services.GetRequiredService<ClaimHistoryService>().DescribeAsync(entries);

        var problems = new List<string>();
        foreach (var entry in described)
        {
            // Rendered as the History renders an entry: its head's words, then its body, in the list item.
            var rendered = Render(builder =>
            {
                builder.OpenElement(0, "li");
                builder.AddContent(1, HistoryEntryBody.Render(entry));
                builder.CloseElement();
            });
            var item = rendered.Find("li");
            problems.AddRange(Problems($"{entry.What}. {Words(item)}").Select(p => $"{entry.EntityType} {entry.Action}: {p}"));
            Assert.Equal(role == Roles.Editor, item.QuerySelectorAll("[data-testid=history-details]").Length == 1);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)));
    }

    [Theory]
    [InlineData(Roles.Editor)]
    [InlineData(Roles.Journalist)]
    public async Task The_claims_history_names_what_changed_as_the_pages_do(string role)
    {
        SignIn(role);
        var history = Render<ClaimHistory>(p => p.Add(x => x.ClaimId, app.MainClaim));
        history.WaitForAssertion(() => Assert.NotEmpty(history.FindAll("[data-testid=history-entry]")), TimeSpan.FromSeconds(30));
        while (history.FindAll("[data-testid=history-more]").Count > 0)
        {
            var shown = history.FindAll("[data-testid=history-entry]").Count;
            history.Find("[data-testid=history-more]").Click();
            history.WaitForAssertion(() => Assert.True(history.FindAll("[data-testid=history-entry]").Count > shown), TimeSpan.FromSeconds(30));
        }

        var entries = history.FindAll("[data-testid=history-entry]");
        var words = entries.Select(Words).ToList();
        var problems = words.SelectMany(Problems).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // The statements: whose, stance and mode in the app's words, the quote instead of its offsets.
        Assert.Contains(words, w => w.StartsWith("recorded a statement", StringComparison.Ordinal)
            && w.Contains($"Western intelligence agencies' statement “{HistoryScenario.AgenciesQuote}”", StringComparison.Ordinal)
            && w.Contains("Stance: asserts", StringComparison.Ordinal) && w.Contains("Mode: direct quote", StringComparison.Ordinal));
        Assert.Contains(words, w => w.StartsWith("edited a statement", StringComparison.Ordinal)
            && w.Contains("Stance: asserts → denies", StringComparison.Ordinal)
            && w.Contains("Mode: direct quote → paraphrase", StringComparison.Ordinal)
            && w.Contains($"Quote: “{HistoryScenario.AgenciesQuote}” → “{HistoryScenario.AgenciesQuote} in Ukraine”", StringComparison.Ordinal)
            && w.Contains("Said when: in December", StringComparison.Ordinal));
        Assert.Contains(words, w => w.StartsWith("deleted a statement", StringComparison.Ordinal) && w.Contains("Anonymous adviser's statement", StringComparison.Ordinal));
        Assert.Contains(words, w => w.Contains("Anchoring: attached → orphaned", StringComparison.Ordinal));
        Assert.Contains(words, w => w.Contains("Place in the text: found again in revision 2 of the source's text", StringComparison.Ordinal));
        // The claim: its status by the label the verdict panel shows.
        Assert.Contains(words, w => w.StartsWith("edited the claim", StringComparison.Ordinal) && w.Contains("Status: New → In review", StringComparison.Ordinal));
        Assert.Contains(words, w => w.StartsWith("created a relation", StringComparison.Ordinal)
            && w.Contains("“The Kremlin is not ready to end the war.” contradicts “Putin wants a quick settlement.”", StringComparison.Ordinal));
        if (role == Roles.Editor)
        {
            Assert.Contains(words, w => w.StartsWith("edited the verdict", StringComparison.Ordinal)
                && w.Contains("Rating: Unsupported → Misleading", StringComparison.Ordinal)
                && w.Contains($"Evidence: removed Donald Trump's statement “{HistoryScenario.TrumpQuote}”", StringComparison.Ordinal)
                && w.Contains($"Evidence: added Western intelligence agencies' statement “{HistoryScenario.AgenciesQuote} in Ukraine”", StringComparison.Ordinal)
                && w.Contains("Evidence: added https://example.org/assessment", StringComparison.Ordinal));
            Assert.Contains(words, w => w.StartsWith("published the verdict", StringComparison.Ordinal) && w.Contains("State: draft → published", StringComparison.Ordinal));
            Assert.Contains(words, w => w.StartsWith("retired the verdict", StringComparison.Ordinal) && w.Contains("Rating: Misleading", StringComparison.Ordinal));
            Assert.Contains(words, w => w.StartsWith("replied to a note", StringComparison.Ordinal) && w.Contains("Reply to: a note by Jo Journalist", StringComparison.Ordinal));

            // The Details: every entry has them, with the stored fields as they are.
            Assert.All(entries, e => Assert.Single(e.QuerySelectorAll("[data-testid=history-details]")));
            var stanceEdit = entries.First(e => Words(e).Contains("Stance: asserts → denies", StringComparison.Ordinal));
            var details = stanceEdit.QuerySelector("[data-testid=history-details]")!.TextContent;
            Assert.Contains("Stance: 0 → 2", details);
            Assert.Contains("Anchor.End: ", details);
            Assert.Contains("Version: ", details);
            Assert.Matches(Guid(), details);
            Assert.Contains($"UserId: {app.EditorId}", details);
        }
        else
        {
            Assert.Empty(history.FindAll("[data-testid=history-details]"));
            Assert.DoesNotContain(app.EditorId, history.Markup);
            Assert.Contains(words, w => w.StartsWith("edited the verdict", StringComparison.Ordinal) && w.Contains("Verdict draft changed (in review, visible to editors)", StringComparison.Ordinal));
            Assert.DoesNotContain(words, w => w.Contains("Rating:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_merge_reads_as_a_sentence_on_both_claims_and_moved_statements_name_the_claims()
    {
        SignIn(Roles.Editor);
        var page = await Services.GetRequiredService<ClaimHistoryService>().GetAsync(app.SurvivorClaim, 0, ClaimHistoryService.MaxPageSize);

        var merged = Assert.Single(page.Items, e => e.Action == AuditAction.Merged);
        Assert.Equal("merged two claims", merged.What);
        Assert.StartsWith("Merged “The peace deal is held up by Zelensky.” into “Zelensky is the obstacle to a peace deal.”: 1 statement", merged.Summary);
        Assert.Equal("undid a merge", Assert.Single(page.Items, e => e.Action == AuditAction.MergeUndone).What);
        Assert.Contains(page.Items.SelectMany(e => e.Changes), c => c.Text == "Claim: “The peace deal is held up by Zelensky.” → “Zelensky is the obstacle to a peace deal.”");
    }

    [Fact]
    public async Task A_page_of_history_loads_its_names_in_one_query_per_kind_however_many_entries_it_has()
    {
        SignIn(Roles.Editor);
        var service = Services.GetRequiredService<ClaimHistoryService>();
        sql.Take();

        var page = await service.GetAsync(app.MainClaim, 0, ClaimHistoryService.MaxPageSize);

        var statements = sql.Take();
        Assert.True(page.Items.Count >= 30, $"{page.Items.Count} entries: too few to tell one query per kind from one per entry");
        // The count and the page, then at most one query each for actors, claims, sources, statements, ratings and notes.
        Assert.True(statements.Count <= 2 + Enum.GetValues<HistoryRef>().Length, $"{statements.Count} queries:\n" + string.Join("\n\n", statements));
    }

    [Fact]
    public async Task Deleted_things_keep_their_names_and_missing_ones_get_a_neutral_phrase()
    {
        SignIn(Roles.Editor);
        var service = Services.GetRequiredService<ClaimHistoryService>();
        int actorId;
        await using (var db = app.CreateDbContext())
        {
            // The statement's actor deleted since (soft, as the app deletes): the entries still name them.
            db.ChangedBy = new ChangeAuthor(app.EditorId, HistoryScenario.EditorName);
            var actor = await db.Actors.SingleAsync(a => a.Name == "Anonymous adviser");
            actorId = actor.Id;
            db.Actors.Remove(actor);
            await db.SaveChangesAsync();
        }
        var page = await service.GetAsync(app.MainClaim, 0, ClaimHistoryService.MaxPageSize);
        Assert.Contains(page.Items, e => e.Summary?.StartsWith("Anonymous adviser's statement", StringComparison.Ordinal) == true);

        // An entry pointing at a row that is not in the database at all (removed by hand): a phrase, never the number.
        var orphan = new AuditEntry
        {
            Id = 1,
            EntityType = nameof(Attribution),
            EntityId = 99999,
            Action = AuditAction.Updated,
            UserName = "Hand Edit",
            Before = $$"""{"ActorId":{{actorId}},"ClaimId":{{app.MainClaim}},"Anchor.Exact":"words"}""",
            After = """{"ActorId":99998,"ClaimId":99997,"Anchor.Exact":"words"}""",
        };
        var described = Assert.Single(await service.DescribeAsync([orphan]));
        Assert.Equal(["Actor: Anonymous adviser → a removed actor", "Claim: “The Kremlin is not ready to end the war.” → a removed claim"], described.Changes.Select(c => c.Text));
    }
}
