using System.Diagnostics;
using System.Globalization;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Data.Postgres;
using ClaimTracker.Web.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClaimTracker.Web.Features.Generating;

/// <summary>
/// <c>dotnet run --project src/ClaimTracker.Web -- generate --attributions &lt;n&gt; [--seed &lt;n&gt;] [--force]</c>: fills the
/// configured database with a generated newsroom (<see cref="NewsGenerator"/>) for benchmarks and load tests. It runs
/// after start-up has migrated and seeded the database, prints its progress, and ends with one line of
/// <c>name=value</c> pairs. A database that holds anything beyond the built-in seed is refused (exit code 1) unless
/// <c>--force</c> is given, which adds the generated records on top of what is there; wrong usage exits with code 2.
/// The same rules on PostgreSQL, where the records are generated into a temporary SQLite file and copied in
/// (<see cref="GenerateIntoPostgresAsync"/>).
/// </summary>
public static class GenerateCommand
{
    public const string Name = "generate";

    public const string Usage =
        $"Usage: dotnet run --project src/ClaimTracker.Web -- {Name} --attributions <n> [--seed <n>] [--force]\n" +
        "  --attributions  how many statements to generate (100 to 50,000,000); the rest scales from it:\n" +
        "                  claims n/4, sources n/20, actors n/100, relations 15% of claims, notes and verdicts on a few % of claims\n" +
        "  --seed          the random seed (default 20261126): the same seed on the same database gives the same records\n" +
        "  --force         add the generated records to a database that already holds records beyond the built-in seed";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var parsed = Parse(args);
        if (parsed.Problem is not null)
        {
            return await CommandLine.WrongUsageAsync(error, parsed.Problem, Usage);
        }

        var factory = services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>();
        string connectionString;
        string existing;
        await using (var db = await factory.CreateDbContextAsync())
        {
            connectionString = db.Database.GetConnectionString()!;
            existing = await DescribeRecordsBeyondSeedAsync(db, SeedKeys(services.GetRequiredService<IConfiguration>()));
        }
        var postgres = services.GetRequiredService<DatabaseChoice>().Engine == DatabaseEngine.Postgres;
        var database = postgres ? PostgresCopy.Describe(connectionString) : new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (existing.Length > 0 && !parsed.Force)
        {
            await error.WriteLineAsync(
                $"The database {database} already holds records beyond the built-in seed ({existing}); nothing was generated. "
                + "Point ConnectionStrings:ClaimTracker at a new file, or pass --force to add the generated records on top.");
            return 1;
        }
        if (existing.Length > 0)
        {
            await output.WriteLineAsync($"Adding to {database}, which holds {existing} beyond the seed (--force).");
        }

        var shape = NewsShape.For(parsed.Attributions);
        var clock = Stopwatch.StartNew();
        GeneratedCounts counts;
        try
        {
            if (postgres)
            {
                counts = await GenerateIntoPostgresAsync(connectionString, shape, parsed.Seed, output);
            }
            else
            {
                // The read-model cache's version connection keeps the file open; the generator switches the journal mode,
                // which SQLite allows only with no other connection open.
                services.GetService<RecordVersion>()?.ReleaseConnection();
                counts = await NewsGenerator.GenerateAsync(connectionString, shape, parsed.Seed, output);
            }
        }
        catch (PostgresCopyException ex)
        {
            await error.WriteLineAsync($"Generation failed: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is SqliteException or NpgsqlException or InvalidOperationException or IOException)
        {
            await error.WriteLineAsync($"Generation failed and nothing was written to {database}: {ex.Message}");
            return 1;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        long bytes;
        if (postgres)
        {
            await using var db = await factory.CreateDbContextAsync();
            bytes = await db.Database.SqlQuery<long>($"SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync();
        }
        else
        {
            bytes = new FileInfo(database).Length;
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"generated database={database} seed={parsed.Seed} attributions={counts.Attributions} claims={counts.Claims} sources={counts.Sources} "
            + $"actors={counts.Actors} subjects={counts.Subjects} relations={counts.Relations} notes={counts.Notes} verdicts={counts.Verdicts} "
            + $"history={counts.HistoryEntries} seconds={seconds:F1} rows_per_second={counts.Total / seconds:F0} bytes={bytes}"));
        return 0;
    }

    /// <summary>
    /// On PostgreSQL: the generator writes SQLite through its own connection and prepared statements, which is what makes a
    /// million statements take minutes rather than hours; so it writes a temporary SQLite file (in the system's temporary
    /// folder, <c>TMPDIR</c>) whose ids continue the database's, and the file is then appended to the database by the
    /// copy of <c>copy-to-postgres</c> (binary COPY, triggers off, indexes and counts rebuilt, every count verified) in
    /// one transaction. The records, ids and keys are the ones the same seed would give on SQLite.
    /// </summary>
    private static async Task<GeneratedCounts> GenerateIntoPostgresAsync(string connectionString, NewsShape shape, int seed, TextWriter output)
    {
        var file = Path.Combine(Path.GetTempPath(), $"claimtracker-generate-{Guid.NewGuid():N}.db");
        var sqlite = $"Data Source={file};Pooling=False";
        try
        {
            var options = new DbContextOptionsBuilder<ClaimTrackerDbContext>();
            options.UseSqliteFile(sqlite);
            await using (var db = new ClaimTrackerDbContext(options.Options))
            {
                await db.Database.MigrateAsync();
            }
            await PostgresCopy.ContinueIdsAsync(sqlite, connectionString);
            await output.WriteLineAsync($"Generating into the temporary file {file}, to be added to PostgreSQL");
            var counts = await NewsGenerator.GenerateAsync(sqlite, shape, seed, output);
            await output.WriteLineAsync($"Adding the generated records to PostgreSQL {PostgresCopy.Describe(connectionString)}");
            var copy = await PostgresCopy.CopyAsync(sqlite, connectionString, PostgresCopyMode.Append, output);
            await CopyToPostgresCommand.WriteSummaryAsync(output, copy);
            return counts;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-journal", file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>The keys of the built-in seed, whose records do not make a database "not empty".</summary>
    private static IReadOnlySet<string> SeedKeys(IConfiguration configuration)
    {
        var seed = SeedLoader.Load(configuration["ClaimTracker:SeedDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "seeds")).Document;
        return seed.Actors.Select(a => a.Key).Concat(seed.Sources.Select(s => s.Key)).Concat(seed.Claims.Select(c => c.Key))
            .Concat(seed.Attributions.Select(a => a.Key)).Concat(seed.Relations.Select(r => r.Key))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>What the database holds that the seed did not put there ("3 claims, 1 note"), deleted records included; empty when nothing.</summary>
    internal static async Task<string> DescribeRecordsBeyondSeedAsync(ClaimTrackerDbContext db, IReadOnlySet<string> seedKeys)
    {
        var keys = seedKeys.ToList();
        var counts = new (string Name, int Count)[]
        {
            ("actors", await db.Actors.IgnoreQueryFilters().CountAsync(a => !keys.Contains(a.Key))),
            ("sources", await db.Sources.IgnoreQueryFilters().CountAsync(s => !keys.Contains(s.Key))),
            ("claims", await db.Claims.IgnoreQueryFilters().CountAsync(c => !keys.Contains(c.Key))),
            ("attributions", await db.Attributions.IgnoreQueryFilters().CountAsync(a => !keys.Contains(a.Key))),
            ("relations", await db.ClaimRelations.IgnoreQueryFilters().CountAsync(r => !keys.Contains(r.Key))),
            ("notes", await db.Annotations.IgnoreQueryFilters().CountAsync()),
            ("verdicts", await db.Verdicts.IgnoreQueryFilters().CountAsync()),
            ("suggestions", await db.AttributionSuggestions.CountAsync()),
        };
        return string.Join(", ", counts.Where(c => c.Count > 0).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Count:N0} {c.Name}")));
    }

    internal sealed record Arguments(int Attributions, int Seed, bool Force, string? Problem);

    internal static Arguments Parse(string[] args)
    {
        int? attributions = null;
        var seed = NewsGenerator.DefaultSeed;
        var force = false;
        Arguments Fail(string problem) => new(0, 0, false, problem);
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--force":
                    force = true;
                    break;
                case "--attributions" or "--seed" when i + 1 >= args.Length:
                    return Fail($"{args[i]} needs a number after it.");
                case "--attributions":
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < NewsShape.MinAttributions or > NewsShape.MaxAttributions)
                    {
                        return Fail($"--attributions must be a whole number from {NewsShape.MinAttributions:N0} to {NewsShape.MaxAttributions:N0}, got: {args[i]}");
                    }
                    attributions = n;
                    break;
                case "--seed":
                    if (!int.TryParse(args[++i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
                    {
                        return Fail($"--seed must be a whole number, got: {args[i]}");
                    }
                    break;
                default:
                    return Fail($"Unknown argument: {args[i]}");
            }
        }
        return attributions is int count ? new(count, seed, force, null) : Fail("How many? Give --attributions <n>.");
    }
}
