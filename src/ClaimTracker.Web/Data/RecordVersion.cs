using Microsoft.Data.Sqlite;

namespace ClaimTracker.Web.Data;

/// <summary>
/// A number that changes whenever anything in the database has changed since it was last read, whoever changed it: this
/// process through any of its services, another app instance, a command such as <c>import</c> run beside the app, or SQL
/// typed by hand. <see cref="ReadModelCache"/> keys what it keeps by it, so a cached page is never older than the last commit.
/// One for each engine: <see cref="SqliteRecordVersion"/> and <see cref="Postgres.PostgresRecordVersion"/>.
/// </summary>
public abstract class RecordVersion : IDisposable
{
    /// <summary>The current version: equal to an earlier answer exactly when nothing was committed in between.</summary>
    public abstract long Current { get; }

    /// <summary>Closes its connection until the next read of <see cref="Current"/>.</summary>
    public virtual void ReleaseConnection()
    {
    }

    public abstract void Dispose();
}

/// <summary>
/// The record's version on SQLite. It asks SQLite's <c>PRAGMA data_version</c> on one connection of its own, which is never used to write: the value
/// changes whenever another connection has committed, and reading it only looks at the write-ahead log's index in
/// shared memory (about 20 µs), with no file read. Asking on every cached read is what makes the cache exact without
/// each write path having to announce itself.
/// </para>
/// </summary>
public sealed class SqliteRecordVersion : RecordVersion
{
    private readonly Lock gate = new();
    private readonly SqliteConnection? connection;
    private readonly SqliteCommand? dataVersion;
    private long lastDataVersion = -1;
    private long version;

    public SqliteRecordVersion(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            // Every in-memory connection is a database of its own, which no other connection changes: no version to
            // read, so every answer is new and nothing is served from the cache.
            return;
        }
        // A connection of its own, outside the pool: data_version compares commits of *other* connections with this one.
        connection = new SqliteConnection(builder.ToString());
        dataVersion = connection.CreateCommand();
        dataVersion.CommandText = "PRAGMA data_version;";
    }

    public override long Current
    {
        get
        {
            lock (gate)
            {
                if (connection is null || dataVersion is null)
                {
                    return ++version;
                }
                if (connection.State != System.Data.ConnectionState.Open)
                {
                    connection.Open();
                }
                var seen = (long)dataVersion.ExecuteScalar()!;
                if (seen != lastDataVersion)
                {
                    lastDataVersion = seen;
                    version++;
                }
                return version;
            }
        }
    }

    /// <summary>
    /// Closes its connection until the next read of <see cref="Current"/>. A command that changes the journal mode (the
    /// generator) needs every other connection to the file closed, this one included.
    /// </summary>
    public override void ReleaseConnection()
    {
        lock (gate)
        {
            connection?.Close();
        }
    }

    public override void Dispose()
    {
        lock (gate)
        {
            dataVersion?.Dispose();
            connection?.Dispose();
        }
    }
}
