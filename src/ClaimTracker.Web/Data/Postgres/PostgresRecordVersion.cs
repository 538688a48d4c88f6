using Npgsql;

namespace ClaimTracker.Web.Data.Postgres;

/// <summary>
/// The record's version on PostgreSQL, for <see cref="ReadModelCache"/>: the server's current snapshot
/// (<c>pg_current_snapshot()</c>: the oldest running transaction, the next to start, and those running in between). A
/// transaction that commits anywhere, through this instance, another instance or psql, leaves every later snapshot
/// different from every earlier one, because it was running (or not yet begun) in the earlier and is neither in the later.
/// A commit in another database of the same server also changes it: that only costs a cache miss. One round trip per
/// cached read, on a connection of its own (well under a millisecond on the same network; far less than building a page).
/// </summary>
public sealed class PostgresRecordVersion : RecordVersion
{
    private readonly Lock gate = new();
    private readonly NpgsqlConnection connection;
    private string? lastSnapshot;
    private long version;

    public PostgresRecordVersion(string connectionString)
    {
        // Outside the pool: held open for the app's lifetime, it would otherwise count against the pool's size.
        connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
    }

    public override long Current
    {
        get
        {
            lock (gate)
            {
                try
                {
                    if (connection.State != System.Data.ConnectionState.Open)
                    {
                        connection.Open();
                    }
                    using var command = new NpgsqlCommand("SELECT pg_current_snapshot()::text", connection);
                    var snapshot = (string)command.ExecuteScalar()!;
                    if (snapshot != lastSnapshot)
                    {
                        lastSnapshot = snapshot;
                        version++;
                    }
                    return version;
                }
                catch (NpgsqlException)
                {
                    // The server went away (a restart, a failover): nothing can be known, so nothing is served from the
                    // cache; the connection is opened again on the next read.
                    connection.Close();
                    lastSnapshot = null;
                    return ++version;
                }
            }
        }
    }

    public override void ReleaseConnection()
    {
        lock (gate)
        {
            connection.Close();
        }
    }

    public override void Dispose()
    {
        lock (gate)
        {
            connection.Dispose();
        }
    }
}
