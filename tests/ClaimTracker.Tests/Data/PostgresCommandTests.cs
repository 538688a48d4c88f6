using System.Text.RegularExpressions;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Data.Postgres;
using ClaimTracker.Web.Features.Generating;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Data;

/// <summary>
/// The commands on an app configured for PostgreSQL: <c>generate</c> (generated into a temporary SQLite file and copied
/// in, under the same rules as on SQLite), and <c>backup</c> and <c>copy-to-postgres</c>, which refuse and say why. Needs
/// the PostgreSQL test server on both legs, as <see cref="CopyToPostgresTests"/> does.
/// </summary>
public sealed partial class PostgresCommandTests : IDisposable
{
    private const int Attributions = 2_000;
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [GeneratedRegex(@"^generated database=(?<db>\S+) seed=(?<seed>-?\d+) attributions=(?<attributions>\d+) claims=(?<claims>\d+) .* bytes=(?<bytes>\d+)$", RegexOptions.Multiline)]
    private static partial Regex Summary();

    /// <summary>A database of its own on the test server, which these tests need in every leg (a clear failure without one).</summary>
    private static PostgresTestDatabase NewDatabase(bool seeded)
    {
        TestEngine.ServerFor("Moving data between SQLite and PostgreSQL (copy-to-postgres, generate on PostgreSQL)");
        return PostgresTestDatabase.Create(seeded);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(IServiceProvider services, string command, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.Commands[command](services, [command, .. args], new StringReader(""), output, error);
        return (exit, output.ToString().Replace("\r\n", "\n"), error.ToString());
    }

    private static async Task<long> CountAsync(IServiceProvider services, string table)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>().CreateDbContextAsync();
        return (await RecordDump.TablesAsync(db)).Single(t => t.Table == table).Rows;
    }

    /// <summary>The generated rows (their keys and authors say so), every column, as EF reads them.</summary>
    private static async Task<SortedDictionary<string, List<string>>> GeneratedRowsAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>().CreateDbContextAsync();
        var dump = await RecordDump.OfAsync(db);
        return new(dump.ToDictionary(t => t.Key, t => t.Value.Where(r => r.Contains("\"generated-", StringComparison.Ordinal)).ToList()), StringComparer.Ordinal);
    }

    [Fact]
    public async Task Generate_on_PostgreSQL_adds_the_records_the_same_seed_gives_on_SQLite_then_refuses_to_run_again_unless_forced()
    {
        await using var database = NewDatabase(seeded: false);
        await using var app = new PostgresDatabaseApp(database.ConnectionString);
        var services = app.Start();
        var seeded = await CountAsync(services, "Attributions");
        var temporaryFiles = Directory.GetFiles(Path.GetTempPath(), "claimtracker-generate-*");

        var (exit, output, error) = await RunAsync(services, GenerateCommand.Name, "--attributions", Attributions.ToString(), "--seed", "42");

        Assert.True(exit == 0, error + output);
        var summary = Summary().Match(output);
        Assert.True(summary.Success, output);
        Assert.Equal(PostgresCopy.Describe(database.ConnectionString), summary.Groups["db"].Value);
        Assert.Equal(Attributions, int.Parse(summary.Groups["attributions"].Value));
        Assert.True(long.Parse(summary.Groups["bytes"].Value) > 0);
        Assert.Contains("attributions (with their sources): 2,000 in", output); // the generator's progress
        Assert.Matches(new Regex(@"^Attributions +2,000 +\d", RegexOptions.Multiline), output); // the copy's summary
        Assert.Equal(seeded + Attributions, await CountAsync(services, "Attributions"));
        // The temporary SQLite file is gone.
        Assert.Equal(temporaryFiles, Directory.GetFiles(Path.GetTempPath(), "claimtracker-generate-*"));

        // The same records, ids, keys and values as the same seed gives on a SQLite database with the same seed records.
        await using (var sqlite = new FileDatabaseApp(dir.File("same-seed.db")))
        {
            var sqliteServices = sqlite.Start();
            Assert.Equal(0, (await RunAsync(sqliteServices, GenerateCommand.Name, "--attributions", Attributions.ToString(), "--seed", "42")).Exit);
            var expected = await GeneratedRowsAsync(sqliteServices);
            Assert.True(expected["Attribution"].Count == Attributions && expected["AuditEntry"].Count > 0, "The comparison would miss the generated rows.");
            var differences = RecordDump.Differences(expected, await GeneratedRowsAsync(services));
            Assert.True(differences.Count == 0, string.Join("\n", differences));
        }

        // Again: refused, as on SQLite, and nothing is written.
        var refused = await RunAsync(services, GenerateCommand.Name, "--attributions", Attributions.ToString());
        Assert.Equal(1, refused.Exit);
        Assert.Contains("already holds records beyond the built-in seed", refused.Error);
        Assert.Contains("--force", refused.Error);
        Assert.Equal(seeded + Attributions, await CountAsync(services, "Attributions"));

        // Forced: as many again on top, with new ids, and the app's search and counts cover them (the copy verified them).
        var forced = await RunAsync(services, GenerateCommand.Name, "--attributions", Attributions.ToString(), "--seed", "42", "--force");
        Assert.True(forced.Exit == 0, forced.Error);
        Assert.StartsWith("Adding to ", forced.Output);
        Assert.Contains("already there", forced.Output); // the rating scale, which both have from their migrations
        Assert.Equal(seeded + 2 * Attributions, await CountAsync(services, "Attributions"));
        await using var db = await services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>().CreateDbContextAsync();
        Assert.Equal(2 * NewsShape.For(Attributions).Claims, await db.Claims.CountAsync(c => c.Key.StartsWith("generated-")));
    }

    [Fact]
    public async Task On_PostgreSQL_backup_names_the_servers_tools_and_copy_to_postgres_asks_for_the_SQLite_configuration()
    {
        await using var database = NewDatabase(seeded: true);
        await using var app = new PostgresDatabaseApp(database.ConnectionString);
        var services = app.Start();
        var file = dir.File("backup.db");

        var backup = await RunAsync(services, BackupCommand.Name, file);

        Assert.Equal(1, backup.Exit);
        Assert.Equal(BackupCommand.PostgresRefusal + Environment.NewLine, backup.Error);
        Assert.Contains("pg_dump", backup.Error);
        Assert.Equal("", backup.Output);
        Assert.False(File.Exists(file));

        var copy = await RunAsync(services, CopyToPostgresCommand.Name, database.ConnectionString);

        Assert.Equal(1, copy.Exit);
        Assert.Contains("This app is configured for PostgreSQL (ClaimTracker:Database = Postgres): copy-to-postgres copies the SQLite database", copy.Error);
        Assert.Equal("", copy.Output);
    }
}
