using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClaimTracker.Web.Data.Postgres;
/// <summary>The source's schema check, and small SQL helpers on both connections.</summary>
public static partial class PostgresCopy
{
    private static async Task CheckSourceSchemaAsync(SqliteConnection sqlite, SqliteTransaction snapshot, ClaimTrackerDbContext sourceDb, string target, CancellationToken ct)
    {
        List<string> applied;
        try
        {
            applied = await ReadAsync(sqlite, snapshot, "SELECT MigrationId FROM __EFMigrationsHistory", r => r.GetString(0), ct);
        }
        catch (SqliteException ex)
        {
            throw new PostgresCopyException($"{sqlite.DataSource} is not a ClaimTracker database (it has no migration history: {ex.Message}). Nothing was written to {target}.", ex);
        }
        var known = sourceDb.Database.GetMigrations().ToList();
        var pending = known.Except(applied, StringComparer.Ordinal).ToList();
        var unknown = applied.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new PostgresCopyException($"{sqlite.DataSource} was made by a newer ClaimTracker (migrations {string.Join(", ", unknown)} are unknown to this one): "
                + $"copy it with that version. Nothing was written to {target}.");
        }
        if (pending.Count > 0)
        {
            throw new PostgresCopyException($"{sqlite.DataSource} is at an older schema ({pending.Count} migrations behind this ClaimTracker): start the app on it "
                + $"once, which upgrades it, then copy. The copy reads the source without changing it. Nothing was written to {target}.");
        }
    }

    private static string Rate(long rows, TimeSpan elapsed) =>
        elapsed.TotalSeconds > 0 ? $"{rows / elapsed.TotalSeconds:N0} rows/s" : "-";

    /// <summary>The cause in a line: PostgreSQL's message with what it names (table, column, constraint, the row's detail).</summary>
    private static string Cause(Exception ex)
    {
        if (ex is PostgresException pg)
        {
            var where = new[] { pg.TableName is null ? null : $"table {pg.TableName}", pg.ColumnName is null ? null : $"column {pg.ColumnName}", pg.ConstraintName is null ? null : $"constraint {pg.ConstraintName}" }
                .Where(p => p is not null).ToList();
            return $"{pg.MessageText} (SQLSTATE {pg.SqlState}{(where.Count > 0 ? "; " + string.Join(", ", where) : "")})"
                + (string.IsNullOrEmpty(pg.Detail) ? "" : $" {pg.Detail}");
        }
        if (ex is OperationCanceledException)
        {
            return "cancelled";
        }
        return ex.InnerException is PostgresException inner ? Cause(inner) : ex.Message;
    }

    private static async Task ExecuteAsync(NpgsqlConnection pg, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, pg);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection pg, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, pg);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private static Task<long> CountAsync(NpgsqlConnection pg, string quotedTable, CancellationToken ct) =>
        ScalarAsync<long>(pg, $"SELECT COUNT(*) FROM {quotedTable}", ct);

    private static async Task<long> ScalarAsync(SqliteConnection sqlite, SqliteTransaction snapshot, string sql, CancellationToken ct)
    {
        await using var command = sqlite.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static async Task<List<T>> ReadAsync<T>(SqliteConnection sqlite, SqliteTransaction snapshot, string sql, Func<SqliteDataReader, T> read, CancellationToken ct)
    {
        await using var command = sqlite.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }
        return rows;
    }
}
