using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClaimTracker.Web.Data;

/// <summary>
/// How the app asks SQLite to keep what it saves: a change the app has reported as saved must survive the app being
/// killed and the machine losing power, and the file must never be left corrupt. The README ("Durability and backup")
/// says the same for operators; <c>CrashDurabilityTests</c> kills a writer with SIGKILL to hold the app to it.
/// <list type="bullet">
/// <item><b><c>journal_mode = WAL</c></b>, stored in the database file, so it is set once at start-up
/// (<see cref="UseWriteAheadLogAsync"/>). Readers never block the writer and the writer never blocks readers: pages keep
/// serving while a note is saved, and <c>backup</c> copies a consistent snapshot while the app writes. A commit appends
/// to the -wal file; a crash mid-commit leaves a torn tail that SQLite ignores on the next open.</item>
/// <item><b><c>synchronous = FULL</c></b>, per connection: every commit waits for an fsync of the -wal file. Under WAL,
/// NORMAL also survives the app crashing (the OS still holds the written pages) but can lose the last commits when the
/// power goes or the kernel panics; FULL cannot. A newsroom's record is written a few times a minute, and the fsync adds
/// about 5 ms to a note save (measured: median 12-14 ms against 6-8 ms with NORMAL, see the README), so every save
/// reported is a save kept.</item>
/// <item><b><c>busy_timeout</c></b> equal to the connection's <c>Default Timeout</c> (30 s unless the connection string
/// says otherwise, see <see cref="DatabaseSetup.ResolveDataSource"/>). SQLite admits one writer at a time; a second waits
/// for the lock instead of failing at once. Microsoft.Data.Sqlite already retries a busy statement until the command
/// timeout; the pragma makes SQLite itself wait, with finer back-off, also where the library does not retry (the online
/// backup API). No save holds the lock for more than a moment, so 30 s runs out only when something is wrong, and then
/// the save fails with "database is locked" instead of hanging.</item>
/// <item><b><c>foreign_keys = ON</c></b>, per connection: SQLite leaves them off by default. EF Core turns them on for
/// its own connections; saying it here keeps the rule for every connection the app opens.</item>
/// <item><b><c>mmap_size</c></b> (not a durability setting, but set with them in one command): reads go through a
/// memory map of the database file instead of a copy per page into each connection's own 2 MB cache. On a record of a
/// million statements (a 1.1 GB file) a page view reads pages scattered over the file, and the copies were half of its
/// time (measured: a broad search with a filter 73 → 33 ms; docs/performance.md, "1M attributions"). Writes still go
/// through the journal as before. The mapped pages are the operating system's file cache, shared by all connections;
/// they count in the process's resident memory once read.</item>
/// </list>
/// </summary>
public static class SqliteDurability
{
    /// <summary>How much of the database file each connection maps into memory for reading (SQLite caps it at its own limit, about 2 GB).</summary>
    public const long MemoryMapBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>What <c>PRAGMA synchronous</c> is set to on every connection.</summary>
    public const string Synchronous = "FULL";

    /// <summary>Used when the connection string gives no <c>Default Timeout</c>: how long a writer waits for the lock.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The per-connection pragmas, for a connection whose <c>Default Timeout</c> is <paramref name="busyTimeoutSeconds"/>.</summary>
    public static string ConnectionPragmas(int busyTimeoutSeconds) => string.Create(CultureInfo.InvariantCulture,
        $"PRAGMA busy_timeout = {busyTimeoutSeconds * 1000}; PRAGMA synchronous = {Synchronous}; PRAGMA foreign_keys = ON; PRAGMA mmap_size = {MemoryMapBytes};");

    /// <summary>Applies the per-connection pragmas to an open connection.</summary>
    public static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas(BusyTimeoutSeconds(connection));
        command.ExecuteNonQuery();
    }

    /// <inheritdoc cref="Apply"/>
    public static async Task ApplyAsync(DbConnection connection, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas(BusyTimeoutSeconds(connection));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Switches the database to write-ahead logging (kept in the file, so once is enough) and returns the journal mode now
    /// in force: <c>wal</c>, or what SQLite kept instead (<c>memory</c> for an in-memory database; a file system without
    /// shared memory, such as some network shares, cannot do WAL).
    /// </summary>
    public static async Task<string> UseWriteAheadLogAsync(DbConnection connection, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        return Convert.ToString(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) ?? "";
    }

    private static int BusyTimeoutSeconds(DbConnection connection) =>
        connection is SqliteConnection sqlite ? sqlite.DefaultTimeout : (int)DefaultBusyTimeout.TotalSeconds;
}

/// <summary>
/// Applies <see cref="SqliteDurability"/>'s per-connection pragmas each time EF Core opens a connection. Pooled
/// connections keep their pragmas, but a new physical connection starts from SQLite's defaults, and EF cannot tell which
/// it got, so every open sets them (three pragmas: microseconds).
/// </summary>
public sealed class SqliteDurabilityInterceptor : DbConnectionInterceptor
{
    public static readonly SqliteDurabilityInterceptor Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        SqliteDurability.Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        SqliteDurability.ApplyAsync(connection, cancellationToken);
}
