using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Data;

/// <summary>
/// <c>dotnet run --project src/ClaimTracker.Web -- backup &lt;file&gt; [--force]</c>: a consistent copy of the database the
/// app is configured with, taken while the app keeps serving (<see cref="DatabaseBackup"/>). Success prints
/// <c>backup=&lt;full path&gt; bytes=&lt;n&gt; integrity=ok</c>; a refusal or failure goes to standard error with exit code 1;
/// wrong usage prints the usage with exit code 2. On PostgreSQL it refuses and names the server's tools instead
/// (<see cref="PostgresRefusal"/>).
/// <para>
/// It runs before start-up migrates and seeds the database (<see cref="CommandLine.RunsBeforeDatabaseSetup"/>): a
/// backup is what one takes before an upgrade, so it must copy the database as it is, and write nothing to it.
/// </para>
/// </summary>
public static class BackupCommand
{
    public const string Name = "backup";

    public const string Usage =
        $"Usage: dotnet run --project src/ClaimTracker.Web -- {Name} <file> [--force]\n" +
        "  <file>    where to write the copy; a relative path is taken from the working directory, which\n" +
        "            dotnet run --project sets to the project's folder: an absolute path is clearer\n" +
        "  --force   replace <file> if it exists (only once the new copy is complete and checked)";

    /// <summary>
    /// On PostgreSQL the app holds no file to copy, and a consistent, restorable backup of a server (with point-in-time
    /// recovery and replicas) is what the server's own tools do well: saying so beats a half-measure in the app.
    /// </summary>
    public const string PostgresRefusal =
        $"This app's database is PostgreSQL ({DatabaseSetup.EngineSetting} = Postgres), and backing up a PostgreSQL database is the server's job, "
        + "not the app's: use pg_dump (e.g. pg_dump --format=custom --file=claimtracker.dump \"<connection>\", restored with pg_restore into an "
        + "empty database), or the operations team's backup tooling (base backups with WAL archiving, for point-in-time recovery). "
        + $"The {Name} command copies a SQLite database file; nothing was written.";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (services.GetRequiredService<DatabaseChoice>().Engine == DatabaseEngine.Postgres)
        {
            await error.WriteLineAsync(PostgresRefusal);
            return 1;
        }
        var rest = args.Skip(1).ToList();
        var force = rest.Remove("--force");
        if (rest.Count != 1 || rest[0].StartsWith("--", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(rest[0]))
        {
            await error.WriteLineAsync(rest.Count == 0 ? "Where to? Give the backup file's path after the command name." : $"Expected one file and optionally --force, got: {string.Join(' ', rest)}");
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var destination = Path.GetFullPath(rest[0]);

        string connectionString;
        await using (var db = await services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>().CreateDbContextAsync())
        {
            connectionString = db.Database.GetConnectionString()!;
        }
        var database = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!File.Exists(database))
        {
            await error.WriteLineAsync($"No database at {database}: nothing to back up. (Is ConnectionStrings:ClaimTracker the one the app uses?)");
            return 1;
        }
        if (IsDatabaseFile(destination, Path.GetFullPath(database)))
        {
            await error.WriteLineAsync($"{destination} is the live database (or its journal); choose another file for the backup.");
            return 1;
        }
        if (Directory.Exists(destination))
        {
            await error.WriteLineAsync($"{destination} is a folder; give the backup file's name.");
            return 1;
        }
        if (File.Exists(destination) && !force)
        {
            await error.WriteLineAsync($"{destination} already exists; nothing was written. Pass --force to replace it.");
            return 1;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);

        BackupResult result;
        try
        {
            result = await DatabaseBackup.CopyAsync(connectionString, destination);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"The backup failed and {destination} was not written: {ex.Message}");
            return 1;
        }
        if (!result.IsIntact)
        {
            await error.WriteLineAsync($"The copy failed its integrity check and was discarded ({destination} was not written):\n{result.Integrity}");
            return 1;
        }
        await output.WriteLineAsync($"backup={result.Path} bytes={result.Bytes} integrity={result.Integrity}");
        return 0;
    }

    private static bool IsDatabaseFile(string path, string database) =>
        new[] { database, database + "-wal", database + "-shm", database + "-journal" }.Contains(path, StringComparer.Ordinal);
}
