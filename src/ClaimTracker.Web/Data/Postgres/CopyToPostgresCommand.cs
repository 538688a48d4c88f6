using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClaimTracker.Web.Data.Postgres;

/// <summary>
/// <c>dotnet run --project src/ClaimTracker.Web -- copy-to-postgres "&lt;connection string&gt;"</c>: moves a newsroom from
/// SQLite to PostgreSQL. Copies the app's configured SQLite database (<c>ConnectionStrings:ClaimTracker</c>, by default
/// <c>App_Data/claimtracker.db</c>) into an empty PostgreSQL database, ids and all (<see cref="PostgresCopy"/>), printing
/// each table as it goes and a table of counts at the end, then one line of <c>name=value</c> pairs. A refusal or failure
/// goes to standard error with exit code 1 (the target is then left without data); wrong usage exits with code 2.
/// <para>
/// It runs before start-up migrates and seeds the database (<see cref="CommandLine.RunsBeforeDatabaseSetup"/>): the source
/// is only read, never changed, so the newsroom can go on using it until the switch.
/// </para>
/// </summary>
public static class CopyToPostgresCommand
{
    public const string Name = "copy-to-postgres";

    public const string Usage =
        $"Usage: dotnet run --project src/ClaimTracker.Web -- {Name} \"<connection string>\"\n" +
        "  <connection string>  the PostgreSQL database to fill, e.g. \"Host=db;Database=claimtracker;Username=claimtracker;Password=…\";\n" +
        "                       it must exist and hold no ClaimTracker data (it may be migrated); its user must own the tables\n" +
        "  The source is the app's configured SQLite database (ConnectionStrings:ClaimTracker, default App_Data/claimtracker.db),\n" +
        "  read without being changed. Then set ClaimTracker:Database=Postgres and ConnectionStrings:ClaimTracker to the target.";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var rest = args.Skip(1).ToList();
        if (rest.Count != 1 || rest[0].StartsWith("--", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(rest[0]))
        {
            return await CommandLine.WrongUsageAsync(error,
                rest.Count == 0 ? "Where to? Give the PostgreSQL connection string after the command name (in quotes)." : $"Expected one connection string, got: {string.Join(' ', rest)}",
                Usage);
        }
        NpgsqlConnectionStringBuilder target;
        try
        {
            target = new NpgsqlConnectionStringBuilder(rest[0]);
        }
        catch (ArgumentException ex)
        {
            return await CommandLine.WrongUsageAsync(error, $"That is not a PostgreSQL connection string: {ex.Message}", Usage);
        }
        if (string.IsNullOrWhiteSpace(target.Host) || string.IsNullOrWhiteSpace(target.Database))
        {
            // Npgsql would otherwise take the user's name for the database: name it, so nothing lands in the wrong one.
            return await CommandLine.WrongUsageAsync(error, "The connection string must name the server and the database (Host=…;Database=…).", Usage);
        }

        if (services.GetRequiredService<DatabaseChoice>().Engine != DatabaseEngine.Sqlite)
        {
            await error.WriteLineAsync($"This app is configured for PostgreSQL ({DatabaseSetup.EngineSetting} = Postgres): {Name} copies the SQLite "
                + "database, so run it with the SQLite configuration (ConnectionStrings:ClaimTracker naming the SQLite file).");
            return 1;
        }
        string source;
        await using (var db = await services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>().CreateDbContextAsync())
        {
            source = db.Database.GetConnectionString()!;
        }
        var file = new SqliteConnectionStringBuilder(source).DataSource;
        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"No database at {file}: nothing to copy. (Is ConnectionStrings:ClaimTracker the one the app uses?)");
            return 1;
        }

        var where = PostgresCopy.Describe(target.ConnectionString);
        await output.WriteLineAsync($"Copying {file} into PostgreSQL {where}");
        PostgresCopyResult result;
        try
        {
            result = await PostgresCopy.CopyAsync(source, target.ConnectionString, PostgresCopyMode.IntoEmpty, output);
        }
        catch (PostgresCopyException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
        await output.WriteLineAsync();
        await WriteSummaryAsync(output, result);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"copied source={file} target={where} tables={result.Tables.Count} rows={result.RowsCopied} seconds={result.Elapsed.TotalSeconds:F1} "
            + $"rows_per_second={result.RowsCopied / Math.Max(result.Elapsed.TotalSeconds, 0.001):F0}"));
        return 0;
    }

    /// <summary>The table of counts: each table in the source and in the target, then the indexes PostgreSQL rebuilt.</summary>
    public static async Task WriteSummaryAsync(TextWriter output, PostgresCopyResult result)
    {
        List<(string Table, string Source, string Target, string Note)> rows = result.Tables.Select(t => (t.Table, Source: t.SourceRows.ToString("N0", CultureInfo.InvariantCulture), Target: t.TargetRows.ToString("N0", CultureInfo.InvariantCulture), Note: t.Skipped > 0 ? $"{t.Skipped:N0} already there" : ""))
            .Append(("total", result.Tables.Sum(t => t.SourceRows).ToString("N0", CultureInfo.InvariantCulture), result.Tables.Sum(t => t.TargetRows).ToString("N0", CultureInfo.InvariantCulture), ""))
            .Append(("ClaimSearch", "", result.SearchRows.ToString("N0", CultureInfo.InvariantCulture), "search index, rebuilt: one per claim"))
            .Append(("ClaimTopics", result.SourceTopicRows?.ToString("N0", CultureInfo.InvariantCulture) ?? "", result.TopicRows.ToString("N0", CultureInfo.InvariantCulture), "topic index, rebuilt"))
            .ToList();
        var width = rows.Max(r => r.Table.Length);
        var sourceWidth = Math.Max("source".Length, rows.Max(r => r.Source.Length));
        var targetWidth = Math.Max("target".Length, rows.Max(r => r.Target.Length));
        await output.WriteLineAsync($"{"table".PadRight(width)}  {"source".PadLeft(sourceWidth)}  {"target".PadLeft(targetWidth)}");
        foreach (var (table, source, target, note) in rows)
        {
            await output.WriteLineAsync($"{table.PadRight(width)}  {source.PadLeft(sourceWidth)}  {target.PadLeft(targetWidth)}{(note.Length > 0 ? "  " + note : "")}".TrimEnd());
        }
        await output.WriteLineAsync(result.RecountedClaims == 0
            ? "Dispute counts: every claim's as in the source, checked against a recount."
            : $"Dispute counts: {result.RecountedClaims:N0} claims had stale counts in the source and were recounted.");
    }
}
