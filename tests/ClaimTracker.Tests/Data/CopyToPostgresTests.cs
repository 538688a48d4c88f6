using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ClaimTracker.Tests.Features.Editing;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Data.Postgres;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Generating;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SecurityClaim = System.Security.Claims.Claim;

namespace ClaimTracker.Tests.Data;

/// <summary>
/// <c>copy-to-postgres "&lt;connection string&gt;"</c>: a newsroom's SQLite database moved into PostgreSQL. The source is
/// <see cref="HistoryScenario"/> (every kind of record created, edited, deleted, restored, merged, corrected, every kind of
/// account change) with the account tables, the data-protection keys and a follow filled too, so that every table of the model has
/// rows. Needs the PostgreSQL test server (<c>CLAIMTRACKER_TEST_POSTGRES</c>, which ./scripts/test.sh always sets) on
/// both legs: the source is SQLite whatever engine the other tests run on.
/// </summary>
public sealed partial class CopyToPostgresTests(CopyToPostgresTests.Source source) : IClassFixture<CopyToPostgresTests.Source>, IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>Where the source's claim ids stood once, above every claim it still has: AUTOINCREMENT never gives such an id again.</summary>
    private const int ClaimsHighWater = 90_000;

    /// <summary>The history scenario, plus what it leaves empty: an account's claims, login and token, a role's claim, a data-protection key.</summary>
    public sealed class Source : IAsyncLifetime
    {
        public HistoryScenario App { get; } = new();

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            await using var scope = App.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync("pat.history@claimtracker.test"))!;
            Assert.True((await users.AddClaimAsync(user, new SecurityClaim("desk", "politics"))).Succeeded);
            Assert.True((await users.AddLoginAsync(user, new UserLoginInfo("NewsroomSSO", "pat-7781", "Newsroom SSO"))).Succeeded);
            Assert.True((await users.SetAuthenticationTokenAsync(user, "NewsroomSSO", "refresh_token", "r-7781")).Succeeded);
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            Assert.True((await roles.AddClaimAsync((await roles.FindByNameAsync(Roles.Editor))!, new SecurityClaim("desk", "all"))).Succeeded);
            // The first protected value creates the key ring's first key, in the database.
            scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("copy-test").Protect("payload");
            await using var db = App.CreateDbContext();
            db.Follows.Add(new Follow { UserId = user.Id, ClaimId = App.MainClaim, FollowedAt = DateTimeOffset.UtcNow, LastSeenAt = DateTimeOffset.UtcNow, SeenThroughEntryId = 1 });
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE sqlite_sequence SET seq = {ClaimsHighWater} WHERE name = 'Claims'");
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [GeneratedRegex(@"^copied source=(?<source>.+) target=(?<target>\S+) tables=(?<tables>\d+) rows=(?<rows>\d+) seconds=[\d.]+ rows_per_second=\d+$", RegexOptions.Multiline)]
    private static partial Regex Summary();

    /// <summary>A database of its own on the test server, which these tests need in every leg (a clear failure without one).</summary>
    private static PostgresTestDatabase NewDatabase(bool seeded)
    {
        TestEngine.ServerFor("Moving data between SQLite and PostgreSQL (copy-to-postgres, generate on PostgreSQL)");
        return PostgresTestDatabase.Create(seeded);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(IServiceProvider services, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.Commands[CopyToPostgresCommand.Name](services, [CopyToPostgresCommand.Name, .. args], new StringReader(""), output, error);
        return (exit, output.ToString().Replace("\r\n", "\n"), error.ToString());
    }

    private static PostgresClaimTrackerDbContext Postgres(string connectionString)
    {
        var options = new DbContextOptionsBuilder<PostgresClaimTrackerDbContext>();
        options.UsePostgres(connectionString);
        return new PostgresClaimTrackerDbContext(options.Options);
    }

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static async Task<(int Mixed, int Rivals)> PositionRowsAsync(ClaimTrackerDbContext db) =>
        (await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM \"MixedPositions\"").SingleAsync(),
         await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM \"BackedRivals\"").SingleAsync());

    [Fact]
    public async Task Every_table_arrives_row_for_row_with_its_ids_and_the_app_goes_on_on_PostgreSQL_with_new_ids_search_and_counts()
    {
        await using var target = NewDatabase(seeded: false);
        SortedDictionary<string, List<string>> expected;
        await using (var db = source.App.CreateDbContext())
        {
            expected = await RecordDump.OfAsync(db);
        }
        // The source has rows in every table of the model, so the comparison below covers them all.
        List<(string Table, long Rows)> tables;
        await using (var db = source.App.CreateDbContext())
        {
            tables = await RecordDump.TablesAsync(db);
        }
        Assert.All(tables, t => Assert.True(t.Rows > 0, $"The source's table {t.Table} is empty: the test would not cover it."));
        var fileBefore = Sha256(source.App.DatabasePath);

        var (exit, output, error) = await RunAsync(source.App.Services, target.ConnectionString);

        Assert.True(exit == 0, error + output);
        Assert.Equal("", error);
        var summary = Summary().Match(output);
        Assert.True(summary.Success, output);
        Assert.Equal(source.App.DatabasePath, summary.Groups["source"].Value);
        Assert.Equal(tables.Count, int.Parse(summary.Groups["tables"].Value));
        Assert.Equal(tables.Sum(t => t.Rows), long.Parse(summary.Groups["rows"].Value));
        foreach (var (table, rows) in tables)
        {
            Assert.Matches(new Regex($@"^  {table}: {rows:N0} rows in ", RegexOptions.Multiline), output); // progress per table
            Assert.Matches(new Regex($@"^{table} +{rows:N0} +{rows:N0}$", RegexOptions.Multiline), output); // the summary table
        }
        Assert.Contains("Dispute counts: every claim's as in the source, checked against a recount.", output);
        // The source is only read.
        Assert.Equal(fileBefore, Sha256(source.App.DatabasePath));

        // Every value of every row, as EF reads it on each engine: enums, lists, instants, JSON columns, owned anchors,
        // the counts the triggers keep, the accounts and the keys.
        await using (var db = Postgres(target.ConnectionString))
        {
            var actual = await RecordDump.OfAsync(db);
            var differences = RecordDump.Differences(expected, actual);
            Assert.True(differences.Count == 0, string.Join("\n", differences));
        }

        await using (var db = Postgres(target.ConnectionString))
        {
            // The indexes and foreign keys set aside for the load are back as the migrations made them.
            await using var migrated = NewDatabase(seeded: true);
            await using var fresh = Postgres(migrated.ConnectionString);
            Assert.Equal(await SchemaAsync(fresh), await SchemaAsync(db));
            // The search index rebuilt in one pass holds the words the triggers' own function indexes, claim by claim.
            var rebuilt = await SearchWordsAsync(db);
            await db.Database.ExecuteSqlAsync($"SELECT claim_search_refresh(ARRAY(SELECT \"Id\" FROM \"Claims\"))");
            Assert.Equal(await SearchWordsAsync(db), rebuilt);
            // The position index behind the consistency ranking, rebuilt too: the record's, row for row the source's.
            Assert.Empty(await PositionIndexCheck.MismatchesAsync(db));
            await using var sourceDb = source.App.CreateDbContext();
            Assert.Equal(await PositionRowsAsync(sourceDb), await PositionRowsAsync(db));
        }

        // The app on the copy: start-up finds its schema and triggers, and the seed already there.
        await using var app = new PostgresDatabaseApp(target.ConnectionString);
        var services = app.Start();
        await using (var db = Postgres(target.ConnectionString))
        {
            // The triggers are on again: start-up checked they exist, this that they fire.
            var disabled = await db.Database.SqlQuery<string>($"SELECT tgname::text AS \"Value\" FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'").ToListAsync();
            Assert.Empty(disabled);
        }
        await using (var editor = services.ScopeAs(Roles.Editor, "copy-editor"))
        {
            var edits = editor.As<RecordEditService>();
            // The sequence continues past the highest id the source ever gave, not only past the highest it still has.
            var created = await edits.CreateClaimAsync(new ClaimDraft("Sanctions relief was discussed in Riyadh.", ["sanctions"]));
            Assert.True(created.Succeeded, string.Join("; ", created.FieldErrors.Values));
            Assert.Equal(ClaimsHighWater + 1, created.Value!.Id);
            var note = await editor.As<AnnotationService>().AddToClaimAsync(created.Value.Id, "Ask the ministry.");
            Assert.True(note.Succeeded, note.Message);

            // A copied claim found by the search index the copy rebuilt, with the counts it had on SQLite.
            var claims = editor.As<ClaimService>();
            var found = await claims.SearchAsync(new ClaimSearchQuery("Kremlin ready", PageSize: 50));
            Assert.Null(found.SearchError);
            Assert.Single(found.Items, c => c.Id == source.App.MainClaim);
            int conflicts;
            await using (var sqlite = source.App.CreateDbContext())
            {
                conflicts = await sqlite.Claims.Where(c => c.Id == source.App.MainClaim).Select(c => EF.Property<int>(c, DisputeCountTriggers.ConflictCount)).SingleAsync();
            }
            await using (var db = Postgres(target.ConnectionString))
            {
                Assert.Equal(conflicts, await db.Claims.Where(c => c.Id == source.App.MainClaim).Select(c => EF.Property<int>(c, DisputeCountTriggers.ConflictCount)).SingleAsync());
            }
            Assert.True(conflicts > 0);
            Assert.Single((await claims.SearchAsync(new ClaimSearchQuery("Riyadh", PageSize: 50))).Items, c => c.Id == ClaimsHighWater + 1);
        }
    }

    [Fact]
    public async Task A_database_that_holds_data_is_refused_and_left_exactly_as_it_was()
    {
        // The template of the PostgreSQL leg: migrated and seeded by the app.
        await using var target = NewDatabase(seeded: true);
        var before = await PostgresChecksumsAsync(target.ConnectionString);

        var (exit, output, error) = await RunAsync(source.App.Services, target.ConnectionString);

        Assert.Equal(1, exit);
        Assert.Contains("already holds ClaimTracker data (", error);
        Assert.Contains("Claims", error);
        Assert.Contains("nothing was written", error);
        Assert.DoesNotMatch(Summary(), output);
        Assert.Equal(before, await PostgresChecksumsAsync(target.ConnectionString));
    }

    /// <summary>
    /// Rows SQLite took and PostgreSQL refuses, slipped into a seeded source: a relation's rationale longer than its
    /// column allows (SQLite keeps any length) fails the COPY of its table, midway through the tables; a subject naming a
    /// claim that does not exist (written with SQLite's foreign keys off) fails the foreign-key check after the load.
    /// </summary>
    [Theory]
    [InlineData("UPDATE ClaimRelations SET Rationale = printf('%.3000c', 'x') WHERE Id = (SELECT MIN(Id) FROM ClaimRelations);",
        "UPDATE ClaimRelations SET Rationale = 'Restored.' WHERE length(Rationale) = 3000;",
        "copying ClaimRelations", "SQLSTATE 22001")]
    [InlineData("PRAGMA foreign_keys = OFF; INSERT INTO ClaimSubjects (SubjectOfId, SubjectsId) VALUES (999999, 1);",
        "DELETE FROM ClaimSubjects WHERE SubjectOfId = 999999;",
        "checking the foreign key FK_ClaimSubjects_Claims_SubjectOfId", "SQLSTATE 23503")]
    public async Task A_row_PostgreSQL_refuses_rolls_the_copy_back_leaving_the_migrated_schema_empty_for_another_try(string inject, string repair, string stage, string cause)
    {
        await using var target = NewDatabase(seeded: false);
        var path = dir.File("refused-row.db");
        await using var app = new FileDatabaseApp(path);
        var services = app.Start();
        await using (var connection = await DatabaseFile.OpenAsync(path))
        {
            await DatabaseFile.ExecuteAsync(connection, inject);
        }

        var (exit, output, error) = await RunAsync(services, target.ConnectionString);

        Assert.Equal(1, exit);
        Assert.Contains($"The copy failed while {stage} and was rolled back", error);
        Assert.Contains("holds no ClaimTracker data: the schema the migrations made is there, empty, ready for another try", error);
        Assert.Contains(cause, error);
        Assert.Contains("  Claims: ", output); // tables before it had been loaded
        Assert.DoesNotMatch(Summary(), output);
        await AssertMigratedAndEmptyAsync(target.ConnectionString);

        // Repaired at the source, the same command fills the same database.
        await using (var connection = await DatabaseFile.OpenAsync(path))
        {
            await DatabaseFile.ExecuteAsync(connection, repair);
        }
        var retry = await RunAsync(services, target.ConnectionString);
        Assert.True(retry.Exit == 0, retry.Error);
        Assert.Contains("was already migrated", retry.Output);
    }

    [Fact]
    public async Task A_cancelled_copy_rolls_back_and_leaves_the_target_without_data()
    {
        await using var target = NewDatabase(seeded: false);
        string sqlite;
        await using (var db = source.App.CreateDbContext())
        {
            sqlite = db.Database.GetConnectionString()!;
        }
        using var cancel = new CancellationTokenSource();
        // Cancelled as soon as the claims are in: the tables after them never start.
        var progress = new LineWatcher(line => line.StartsWith("  Claims: ", StringComparison.Ordinal), cancel.Cancel);

        var failure = await Assert.ThrowsAsync<PostgresCopyException>(() =>
            PostgresCopy.CopyAsync(sqlite, target.ConnectionString, PostgresCopyMode.IntoEmpty, progress, cancel.Token));

        Assert.True(progress.Seen);
        Assert.Contains("and was rolled back", failure.Message);
        Assert.Contains("Cause: cancelled", failure.Message);
        await AssertMigratedAndEmptyAsync(target.ConnectionString);
    }

    [Fact]
    public async Task A_generated_newsroom_copies_into_a_database_that_was_migrated_but_left_empty()
    {
        var path = dir.File("generated.db");
        await using var app = new FileDatabaseApp(path);
        var services = app.Start();
        var generate = new StringWriter();
        Assert.Equal(0, await CommandLine.Commands[GenerateCommand.Name](services, [GenerateCommand.Name, "--attributions", "2000"], new StringReader(""), generate, new StringWriter()));
        await using var target = NewDatabase(seeded: false);
        await using (var db = Postgres(target.ConnectionString))
        {
            await db.Database.MigrateAsync();
        }

        var (exit, output, error) = await RunAsync(services, target.ConnectionString);

        Assert.True(exit == 0, error);
        Assert.Contains("was already migrated", output);
        Assert.Matches(new Regex(@"^Attributions +2,\d{3} +2,\d{3}$", RegexOptions.Multiline), output);
        SortedDictionary<string, List<string>> expected, actual;
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>().CreateDbContext())
        {
            expected = await RecordDump.OfAsync(db);
        }
        await using (var db = Postgres(target.ConnectionString))
        {
            actual = await RecordDump.OfAsync(db);
        }
        var differences = RecordDump.Differences(expected, actual);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Theory]
    [InlineData(new string[0], "Where to? Give the PostgreSQL connection string after the command name (in quotes).")]
    [InlineData(new[] { "Host=db;Database=a", "Host=db;Database=b" }, "Expected one connection string, got: Host=db;Database=a Host=db;Database=b")]
    [InlineData(new[] { "--force" }, "Expected one connection string, got: --force")]
    [InlineData(new[] { "Host=db;Flavour=strawberry" }, "That is not a PostgreSQL connection string: ")]
    [InlineData(new[] { "Host=db;Username=claimtracker" }, "The connection string must name the server and the database (Host=…;Database=…).")]
    public async Task Wrong_usage_says_what_is_wrong_and_how_to_call_it_with_exit_code_2(string[] args, string problem)
    {
        var (exit, output, error) = await RunAsync(source.App.Services, args);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith(problem, error);
        Assert.Contains("Usage: dotnet run --project src/ClaimTracker.Web -- copy-to-postgres \"<connection string>\"", error);
    }

    /// <summary>The schema is there (the migration committed before the copy began) and holds nothing but the migration's own rating scale.</summary>
    private static async Task AssertMigratedAndEmptyAsync(string connectionString)
    {
        await using var db = Postgres(connectionString);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var tables = await RecordDump.TablesAsync(db);
        Assert.All(tables.Where(t => t.Table != "RatingLabels"), t => Assert.True(t.Rows == 0, $"{t.Table} has {t.Rows} rows"));
        Assert.Equal(["Accurate", "Mostly accurate", "Misleading", "Unsupported", "False", "Unverifiable"],
            await db.RatingLabels.OrderBy(r => r.Id).Select(r => r.Label).ToListAsync());
        var disabled = await db.Database.SqlQuery<string>($"SELECT tgname::text AS \"Value\" FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'").ToListAsync();
        Assert.Empty(disabled);
    }

    /// <summary>Every index, constraint and trigger of the database, as the server prints their definitions.</summary>
    private static Task<List<string>> SchemaAsync(PostgresClaimTrackerDbContext db) =>
        db.Database.SqlQuery<string>($"""
            SELECT x AS "Value" FROM (
                SELECT 'index ' || pg_get_indexdef(i.indexrelid) AS x FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid
                WHERE c.relnamespace = 'public'::regnamespace
                UNION ALL
                SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated::text
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                UNION ALL
                SELECT 'trigger ' || pg_get_triggerdef(oid) || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal) AS d
            ORDER BY x
            """).ToListAsync();

    /// <summary>Each claim's indexed words (positions aside: the order statements are gathered in is the server's choice).</summary>
    private static Task<List<string>> SearchWordsAsync(PostgresClaimTrackerDbContext db) =>
        db.Database.SqlQuery<string>($"""
            SELECT "ClaimId"::text || ': ' || array_to_string(ARRAY(SELECT unnest(tsvector_to_array("Body")) ORDER BY 1), ' ') AS "Value"
            FROM "ClaimSearch" ORDER BY "ClaimId"
            """).ToListAsync();

    /// <summary>A checksum of every table's rows, in a fixed order, and every sequence's position.</summary>
    private static async Task<List<string>> PostgresChecksumsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var sums = new List<string>();
        foreach (var table in tables)
        {
            await using var sum = new NpgsqlCommand($"SELECT md5(COALESCE(string_agg(t::text, ',' ORDER BY t::text), '')) FROM \"{table}\" AS t", connection);
            sums.Add($"{table}={await sum.ExecuteScalarAsync()}");
        }
        await using var sequences = new NpgsqlCommand("SELECT COALESCE(string_agg(sequencename || '=' || COALESCE(last_value::text, '-'), ',' ORDER BY sequencename), '') FROM pg_sequences", connection);
        sums.Add((string)(await sequences.ExecuteScalarAsync())!);
        return sums;
    }

    /// <summary>Progress output that calls <paramref name="then"/> at the first line matching <paramref name="match"/>.</summary>
    private sealed class LineWatcher(Func<string, bool> match, Action then) : StringWriter
    {
        public bool Seen { get; private set; }

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (!Seen && value is not null && match(value))
            {
                Seen = true;
                then();
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}
