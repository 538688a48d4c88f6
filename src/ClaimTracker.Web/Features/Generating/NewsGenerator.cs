using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bogus;
using ClaimTracker.Web.Domain;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Web.Features.Generating;

/// <summary>What a generation run added, by kind.</summary>
public sealed record GeneratedCounts(
    int Actors, int Sources, int Claims, int Attributions, int Subjects, int Relations, int Notes, int Verdicts, int HistoryEntries)
{
    public long Total => (long)Actors + Sources + Claims + Attributions + Subjects + Relations + Notes + Verdicts + HistoryEntries;
}

/// <summary>
/// Fills a migrated ClaimTracker database with a newsroom's worth of generated records (<see cref="NewsShape"/>), for
/// benchmarks and load tests. The Bogus randomizer is seeded, and nothing is taken from the clock, so the same seed on
/// the same database gives the same rows, byte for byte.
/// <para>
/// <b>Through the app's own schema and triggers.</b> The rows go in with plain SQL INSERTs into the tables the
/// migrations made, so the full-text index (<c>ClaimSearch_…</c>) and the stored dispute counts (<c>DisputeCounts_…</c>)
/// are filled by the app's triggers, exactly as for an editor's save. Those triggers rebuild a claim's whole search text
/// and recount it for every statement added to it, which costs O(n²) for a claim with n statements (minutes for the
/// busiest generated claims). So each article's statements go in <i>before</i> their claims exist: a statement's
/// triggers then find no claim and do nothing, and each claim's own insert trigger indexes and counts it once, with all
/// its statements present. Relations come after the claims and recount both ends, as in the app. Foreign keys stay on
/// but are deferred to the commit, where SQLite refuses the whole run if any statement points at a claim that never came.
/// </para>
/// <para>
/// <b>One transaction</b>, so a run cut short leaves the database as it was. For its length the connection uses a
/// rollback journal instead of the write-ahead log (a WAL would have to hold every page written, then copy them all
/// again at the checkpoint) and <c>synchronous = OFF</c>; both are restored when the run ends (the journal mode is
/// stored in the file, the rest belongs to this connection alone).
/// </para>
/// </summary>
public static partial class NewsGenerator
{
    public const int DefaultSeed = 20_261_126;

    /// <summary>How often the long phases print how far they are.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    /// <param name="connectionString">The app's database (migrated); pooling is turned off for the run's own connection.</param>
    /// <param name="progress">Receives one line per phase and, in long phases, one every few seconds.</param>
    public static async Task<GeneratedCounts> GenerateAsync(string connectionString, NewsShape shape, int seed, TextWriter progress, CancellationToken ct = default)
    {
        // Idle pooled connections of the app keep the file open in WAL mode, and the journal mode changes only when no
        // other connection has it open.
        SqliteConnection.ClearAllPools();
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(ct);
        Execute(connection, null, "PRAGMA foreign_keys = ON; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;");
        var journalMode = Scalar(connection, "PRAGMA journal_mode;");
        var switched = Scalar(connection, "PRAGMA journal_mode = DELETE;");
        if (!string.Equals(switched, "delete", StringComparison.OrdinalIgnoreCase))
        {
            await progress.WriteLineAsync($"The journal mode stays {switched} (another connection has the database open?): the run is slower but as safe.");
        }
        try
        {
            var clock = Stopwatch.StartNew();
            await using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, "PRAGMA defer_foreign_keys = ON;");
            var counts = new Run(connection, transaction, shape, seed, progress, ct).Execute();
            await progress.WriteLineAsync($"  committing ({clock.Elapsed.TotalSeconds:F1} s so far)");
            await transaction.CommitAsync(ct);
            return counts;
        }
        finally
        {
            if (!string.Equals(journalMode, switched, StringComparison.OrdinalIgnoreCase))
            {
                Execute(connection, null, $"PRAGMA journal_mode = {journalMode};");
            }
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>An index in [0, n) that follows Zipf's law with s≈1: rank k is drawn about 1/(k+1) as often as rank 0.</summary>
    internal static int Zipf(Randomizer r, int n) =>
        Math.Clamp((int)Math.Floor(Math.Exp(r.Double() * Math.Log(n + 1))) - 1, 0, n - 1);

    /// <summary>Zipf-distributed with probability <paramref name="share"/>, else uniform: a long tail with a few very busy items.</summary>
    internal static int Popular(Randomizer r, int n, double share) =>
        r.Double() < share ? Zipf(r, n) : r.Int(0, n - 1);

    /// <summary>A prepared INSERT for one table, run once per row with the values in column order.</summary>
    private sealed class Insert : IDisposable
    {
        private readonly SqliteCommand command;
        private readonly SqliteParameter[] parameters;

        public Insert(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
            command.Prepare();
        }

        public void Row(params object?[] values)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }
            command.ExecuteNonQuery();
        }

        public void Dispose() => command.Dispose();
    }
}
