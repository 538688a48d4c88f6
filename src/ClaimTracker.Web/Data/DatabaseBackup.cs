using Microsoft.Data.Sqlite;

namespace ClaimTracker.Web.Data;

/// <summary>What a finished backup wrote: the copy's full path, its size, and SQLite's integrity check of the copy.</summary>
public sealed record BackupResult(string Path, long Bytes, string Integrity)
{
    public bool IsIntact => Integrity == DatabaseBackup.IntegrityOk;
}

/// <summary>
/// A consistent copy of the live database, taken with SQLite's online backup API while the app keeps serving.
/// <para>
/// The copy is one read transaction on the database: under write-ahead logging (<see cref="SqliteDurability"/>) the
/// app's writers carry on meanwhile and the copy holds every transaction committed before it began and none after. A
/// file copy (<c>cp</c>) of a database being written can tear a page or miss the -wal file; this cannot.
/// </para>
/// <para>
/// The copy is written beside the destination under a temporary name, checked with <c>PRAGMA integrity_check</c>, and
/// only then renamed into place, so a failed or interrupted backup never leaves a half-written file under the name asked
/// for, nor replaces an older backup (with <c>--force</c>) by a bad one. It is left in rollback-journal mode: one
/// self-contained file, readable with any SQLite tool. Restoring it: see the README.
/// </para>
/// </summary>
public static class DatabaseBackup
{
    public const string IntegrityOk = "ok";

    /// <summary>
    /// Copies the database of <paramref name="sourceConnectionString"/> to <paramref name="destination"/> (a full path).
    /// The caller has decided that the destination may be written (absent, or to be replaced).
    /// </summary>
    public static async Task<BackupResult> CopyAsync(string sourceConnectionString, string destination, CancellationToken ct = default)
    {
        var partial = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(destination)!,
            $".{System.IO.Path.GetFileName(destination)}.{Guid.NewGuid():N}.partial");
        try
        {
            string integrity;
            // No pooling: both files must be closed (and the copy's journal gone) before the copy is renamed.
            await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder(sourceConnectionString)
            { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString()))
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder(sourceConnectionString)
            { DataSource = partial, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString()))
            {
                await source.OpenAsync(ct);
                await SqliteDurability.ApplyAsync(source, ct);
                await copy.OpenAsync(ct);
                await SqliteDurability.ApplyAsync(copy, ct);

                // All pages in one step (-1), so one read transaction: a consistent snapshot.
                source.BackupDatabase(copy);

                // The header the copy took from the source says WAL; a backup file is better as one file on its own.
                await ExecuteAsync(copy, "PRAGMA journal_mode = DELETE;", ct);
                integrity = await IntegrityCheckAsync(copy, ct);
            }
            if (integrity != IntegrityOk)
            {
                return new BackupResult(destination, 0, integrity);
            }
            File.Move(partial, destination, overwrite: true);
            return new BackupResult(destination, new FileInfo(destination).Length, integrity);
        }
        finally
        {
            DeleteIfPresent(partial);
            DeleteIfPresent(partial + "-journal");
            DeleteIfPresent(partial + "-wal");
            DeleteIfPresent(partial + "-shm");
        }
    }

    /// <summary>
    /// <c>PRAGMA integrity_check</c>: "ok", or SQLite's list of problems joined by line breaks. The full check (not
    /// <c>quick_check</c>), because it also compares every index with its table.
    /// </summary>
    public static async Task<string> IntegrityCheckAsync(SqliteConnection connection, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join('\n', lines);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void DeleteIfPresent(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
