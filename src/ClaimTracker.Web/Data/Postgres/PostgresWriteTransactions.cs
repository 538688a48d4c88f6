using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClaimTracker.Web.Data.Postgres;

/// <summary>
/// Gives every transaction the app begins on PostgreSQL the rule SQLite's <c>BEGIN IMMEDIATE</c> gives it on SQLite: one
/// writing transaction at a time, so nothing another writer does can come between the checks a transaction makes and
/// its save. The services rely on it: an import looks for the same text again inside its transaction before storing it,
/// a merge checks that neither claim was deleted or merged meanwhile, a change of role checks that another admin is
/// left. Under PostgreSQL's READ COMMITTED each of those checks could pass in two transactions at once and both would
/// save (three editors importing the same article at the same moment stored it three times).
/// <para>
/// So each transaction first takes <see cref="PostgresLocks.Writes"/>, a transaction-level advisory lock that PostgreSQL
/// releases at commit or rollback: every app instance on the same database takes turns, as every process on one SQLite
/// file does. Statements outside a transaction (reads, and a save of a single statement) do not wait for it. No
/// transaction holds it for more than a save takes, as on SQLite.
/// </para>
/// </summary>
public sealed class PostgresWriteTransactions : DbTransactionInterceptor
{
    public static readonly PostgresWriteTransactions Instance = new();

    // Waiting is bounded as on SQLite (SqliteDurability.DefaultBusyTimeout, 30 s): a writer stuck behind a hung transaction
    // fails with a lock timeout instead of waiting for ever. SET LOCAL lasts until the transaction ends, so its own row
    // locks are bounded the same way.
    private static readonly string TakeLock =
        $"SET LOCAL lock_timeout = '{(int)SqliteDurability.DefaultBusyTimeout.TotalSeconds}s'; SELECT pg_advisory_xact_lock({PostgresLocks.Writes})";

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var command = LockCommand(connection, result);
        command.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        await using var command = LockCommand(connection, result);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    private static DbCommand LockCommand(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = TakeLock;
        return command;
    }
}
