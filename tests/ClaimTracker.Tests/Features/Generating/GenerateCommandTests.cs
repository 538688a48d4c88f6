using System.Text.RegularExpressions;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Generating;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Generating;

/// <summary><c>generate --attributions &lt;n&gt; [--seed &lt;n&gt;] [--force]</c>, run through the app's command table on a small scale.</summary>
public sealed partial class GenerateCommandTests : IDisposable
{
    private const int Attributions = 2_000;
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [GeneratedRegex(@"^generated database=(?<db>.+) seed=(?<seed>-?\d+) attributions=(?<attributions>\d+) claims=(?<claims>\d+) sources=(?<sources>\d+) actors=(?<actors>\d+) .* bytes=\d+$", RegexOptions.Multiline)]
    private static partial Regex Summary();

    private static async Task<(int Exit, string Output, string Error)> RunAsync(IServiceProvider services, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.Commands[GenerateCommand.Name](services, [GenerateCommand.Name, .. args], new StringReader(""), output, error);
        return (exit, output.ToString().Replace("\r\n", "\n"), error.ToString());
    }

    private static async Task<int> CountAsync(string path, string table)
    {
        await using var connection = await DatabaseFile.OpenAsync(path, SqliteOpenMode.ReadOnly);
        return (await DatabaseFile.ReadAsync(connection, $"SELECT COUNT(*) FROM \"{table}\"", r => r.GetInt32(0))).Single();
    }

    [Fact]
    public async Task It_fills_the_seeded_database_through_the_app_triggers_then_refuses_to_run_again_unless_forced_to_add_on_top()
    {
        var path = dir.File("generated.db");
        await using var app = new FileDatabaseApp(path);
        var services = app.Start();
        var seeded = await CountAsync(path, "Attributions");

        var (exit, output, error) = await RunAsync(services, "--attributions", Attributions.ToString(), "--seed", "42");

        Assert.True(exit == 0, error);
        var summary = Summary().Match(output);
        Assert.True(summary.Success, output);
        Assert.Equal(path, summary.Groups["db"].Value);
        Assert.Equal("42", summary.Groups["seed"].Value);
        Assert.Equal(Attributions, int.Parse(summary.Groups["attributions"].Value));
        Assert.Contains("attributions (with their sources): 2,000 in", output); // progress, phase by phase
        Assert.Equal(seeded + Attributions, await CountAsync(path, "Attributions"));
        var shape = NewsShape.For(Attributions);
        Assert.Equal((shape.Claims, shape.Sources, shape.Actors), (int.Parse(summary.Groups["claims"].Value), int.Parse(summary.Groups["sources"].Value), int.Parse(summary.Groups["actors"].Value)));
        await AssertConsistentAsync(path, services);

        // Again: the database now holds more than the seed, and nothing is written.
        var refused = await RunAsync(services, "--attributions", Attributions.ToString());
        Assert.Equal(1, refused.Exit);
        Assert.Contains($"already holds records beyond the built-in seed ({shape.Actors} actors, {shape.Sources} sources, {shape.Claims} claims, 2,000 attributions, ", refused.Error);
        Assert.Contains("--force", refused.Error);
        Assert.Equal("", refused.Output);
        Assert.Equal(seeded + Attributions, await CountAsync(path, "Attributions"));

        // Forced, the same seed adds as many again on top: new ids and keys, nothing replaced.
        var forced = await RunAsync(services, "--attributions", Attributions.ToString(), "--seed", "42", "--force");
        Assert.True(forced.Exit == 0, forced.Error);
        Assert.StartsWith("Adding to ", forced.Output);
        Assert.Equal(seeded + 2 * Attributions, await CountAsync(path, "Attributions"));
        Assert.Equal(2 * shape.Claims, await CountAsync(path, "Claims") - await SeedCountAsync(path, "Claims"));
        await AssertConsistentAsync(path, services);
    }

    private static async Task<int> SeedCountAsync(string path, string table)
    {
        await using var connection = await DatabaseFile.OpenAsync(path, SqliteOpenMode.ReadOnly);
        return (await DatabaseFile.ReadAsync(connection, $"SELECT COUNT(*) FROM \"{table}\" WHERE Key NOT LIKE 'generated-%'", r => r.GetInt32(0))).Single();
    }

    /// <summary>What the app's triggers and constraints promise, checked from outside, and the app reading what was generated.</summary>
    private static async Task AssertConsistentAsync(string path, IServiceProvider services)
    {
        await using (var connection = await DatabaseFile.OpenAsync(path))
        {
            Assert.Equal("ok", await DatabaseFile.IntegrityCheckAsync(connection));
            Assert.Empty(await DatabaseFile.ReadAsync(connection, "PRAGMA foreign_key_check", r => r.GetString(0)));
            Assert.Null(await DatabaseFile.SearchIndexCheckAsync(connection));
            Assert.Empty(await DatabaseFile.SearchIndexMismatchesAsync(connection));
            Assert.Empty(await DatabaseFile.DisputeCountMismatchesAsync(connection));
            // The run's rollback journal was for the run only: the app's write-ahead log is back.
            Assert.Equal("wal", (await DatabaseFile.ReadAsync(connection, "PRAGMA journal_mode", r => r.GetString(0))).Single());
            // The counts are not all zero: the triggers did count (a claim with challenges exists).
            Assert.True((await DatabaseFile.ReadAsync(connection, "SELECT MAX(ConflictCount) FROM Claims", r => r.GetInt32(0))).Single() > 0);
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>().CreateDbContextAsync();
        // Every anchor, read through EF as the app reads it, fits its source's text: statements, relations' evidence, notes on a passage.
        var statements = await db.Attributions.AsNoTracking().Select(a => new { a.Id, a.Anchor, a.Source.Text }).ToListAsync();
        Assert.All(statements, a => Assert.Null(a.Anchor.FindMismatch(a.Text)));
        Assert.InRange(statements.Where(a => a.Id > 100).Average(a => a.Anchor.Exact.Length), 50, 250);
        var evidence = await db.ClaimRelations.AsNoTracking().Where(r => r.Evidence != null).Select(r => new { r.Evidence, r.EvidenceSource!.Text }).ToListAsync();
        Assert.NotEmpty(evidence);
        Assert.All(evidence, r => Assert.Null(r.Evidence!.FindMismatch(r.Text)));
        var spanNotes = await db.Annotations.AsNoTracking().Where(n => n.Anchor != null).Select(n => new { n.Anchor, n.Source!.Text }).ToListAsync();
        Assert.NotEmpty(spanNotes);
        Assert.All(spanNotes, n => Assert.Null(n.Anchor!.FindMismatch(n.Text)));
        // Verdicts agree with their claims' workflow status, as the verdict service keeps them.
        var verdicts = await db.Verdicts.AsNoTracking().Select(v => new { v.State, v.Claim.Status }).ToListAsync();
        Assert.NotEmpty(verdicts);
        Assert.All(verdicts, v => Assert.Equal(v.State == VerdictState.Published ? ClaimStatus.Published : ClaimStatus.VerdictDrafted, v.Status));

        // The app finds generated claims by the words of their statements, as it would claims that editors recorded.
        var quoted = await db.Attributions.AsNoTracking().Where(a => a.Key.StartsWith("generated-")).OrderBy(a => a.Id)
            .Select(a => new { a.ClaimId, a.ActorId, a.Anchor.Exact }).FirstAsync();
        var words = Regex.Split(quoted.Exact, @"[^\p{L}]+").Where(w => w.Length > 3).OrderByDescending(w => w.Length).Take(3).ToList();
        await using var scope = services.CreateAsyncScope();
        var claims = scope.ServiceProvider.GetRequiredService<ClaimService>();
        var found = await claims.SearchAsync(new ClaimSearchQuery(string.Join(' ', words), ActorId: quoted.ActorId, PageSize: 100));
        Assert.Null(found.SearchError);
        Assert.Contains(found.Items, c => c.Id == quoted.ClaimId);
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<DisputeReader>().GetDisputeAsync(quoted.ClaimId));
    }

    [Fact]
    public async Task The_same_seed_makes_the_same_database_row_for_row_and_another_seed_another()
    {
        var first = await GenerateIntoFreshDatabaseAsync("first.db", seed: 7);
        var again = await GenerateIntoFreshDatabaseAsync("again.db", seed: 7);
        var other = await GenerateIntoFreshDatabaseAsync("other.db", seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    /// <summary>A database made by the app's migrations alone (the seed stamps rows with the time), generated into, and dumped.</summary>
    private async Task<string> GenerateIntoFreshDatabaseAsync(string name, int seed)
    {
        var connectionString = $"Data Source={dir.File(name)};Pooling=False";
        await using (var db = new ClaimTrackerDbContext(new DbContextOptionsBuilder<ClaimTrackerDbContext>().UseSqlite(connectionString).Options))
        {
            await db.Database.MigrateAsync();
        }
        await NewsGenerator.GenerateAsync(connectionString, NewsShape.For(500), seed, TextWriter.Null);
        await using var connection = await DatabaseFile.OpenAsync(dir.File(name), SqliteOpenMode.ReadOnly);
        return await DatabaseFile.DumpAsync(connection);
    }

    [Theory]
    [InlineData(new string[0], "How many? Give --attributions <n>.")]
    [InlineData(new[] { "--attributions" }, "--attributions needs a number after it.")]
    [InlineData(new[] { "--attributions", "lots" }, "--attributions must be a whole number from 100 to 50,000,000, got: lots")]
    [InlineData(new[] { "--attributions", "99" }, "--attributions must be a whole number from 100 to 50,000,000, got: 99")]
    [InlineData(new[] { "--attributions", "-5" }, "--attributions must be a whole number from 100 to 50,000,000, got: -5")]
    [InlineData(new[] { "--attributions", "1000", "--seed", "x" }, "--seed must be a whole number, got: x")]
    [InlineData(new[] { "--attributions", "1000", "--seeds", "3" }, "Unknown argument: --seeds")]
    [InlineData(new[] { "1000" }, "Unknown argument: 1000")]
    public async Task Wrong_usage_says_what_is_wrong_and_how_to_call_it_with_exit_code_2_and_writes_nothing(string[] args, string problem)
    {
        var path = dir.File("untouched.db");
        await using var app = new FileDatabaseApp(path);
        var services = app.Start();
        var before = await CountAsync(path, "Claims");

        var (exit, output, error) = await RunAsync(services, args);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith(problem + Environment.NewLine + "Usage: dotnet run --project src/ClaimTracker.Web -- generate --attributions <n>", error);
        Assert.Equal(before, await CountAsync(path, "Claims"));
    }
}
