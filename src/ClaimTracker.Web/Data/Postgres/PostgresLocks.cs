using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Data.Postgres;

/// <summary>
/// Session advisory locks, for work that two app instances starting at once must not do side by side (both would find
/// the seed missing and both would insert it). SQLite needs none: one writer at a time is the file's own rule.
/// </summary>
public static class PostgresLocks
{
    /// <summary>Loading the seed at start-up.</summary>
    public const long Seeding = 0x436C61696D_01; // "Claim", 1

    /// <summary>Writing: taken by every transaction the app begins, until it ends (<see cref="PostgresWriteTransactions"/>).</summary>
    public const long Writes = 0x436C61696D_02; // "Claim", 2

    /// <summary>Runs <paramref name="work"/> while holding the lock on PostgreSQL, or just runs it on SQLite.</summary>
    public static async Task<T> WhileHoldingAsync<T>(ClaimTrackerDbContext db, long key, Func<Task<T>> work, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return await work();
        }
        // A session lock lives on one connection: keep the context's connection open until it is released.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({key})", ct);
            try
            {
                return await work();
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
