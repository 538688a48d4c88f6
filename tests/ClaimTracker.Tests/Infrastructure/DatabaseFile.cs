using System.Globalization;
using System.Text;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// Checks on a database file, read with plain SQL over a connection of its own (no app running): SQLite's integrity
/// checks, the stored numbers the triggers keep against a fresh recount, and a dump of every table for comparing two files.
/// </summary>
public static class DatabaseFile
{
    /// <summary>Opens the file without pooling, so nothing keeps it open after dispose.</summary>
    public static async Task<SqliteConnection> OpenAsync(string path, SqliteOpenMode mode = SqliteOpenMode.ReadWrite)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    public static Task<string> IntegrityCheckAsync(SqliteConnection connection) => DatabaseBackup.IntegrityCheckAsync(connection);

    /// <summary>FTS5's own check that the index agrees with the text it holds; null when it does, else SQLite's message.</summary>
    public static async Task<string?> SearchIndexCheckAsync(SqliteConnection connection)
    {
        try
        {
            await ExecuteAsync(connection, "INSERT INTO ClaimSearch(ClaimSearch, rank) VALUES ('integrity-check', 1);");
            return null;
        }
        catch (SqliteException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// Claims whose stored <c>ConflictCount</c>/<c>SupportCount</c> differ from a count made now, in the README's terms:
    /// conflicts are live statements that challenge the claim plus live contradicting relations either way; supports are
    /// live endorsing statements plus live relations from a claim that supports it. Deleted claims are counted too.
    /// </summary>
    public static async Task<List<string>> DisputeCountMismatchesAsync(SqliteConnection connection)
    {
        var challenges = string.Join(", ", StanceRules.Challenges.Select(s => $"'{s}'"));
        return await ReadAsync(connection, $"""
            SELECT Id, ConflictCount, SupportCount, Conflicts, Supports FROM (
                SELECT c.Id, c.ConflictCount, c.SupportCount,
                    (SELECT COUNT(*) FROM Attributions a WHERE a.ClaimId = c.Id AND a.IsDeleted = 0 AND a.Stance IN ({challenges}))
                  + (SELECT COUNT(*) FROM ClaimRelations r WHERE r.FromClaimId = c.Id AND r.IsDeleted = 0 AND r.Type = '{RelationType.Contradicts}')
                  + (SELECT COUNT(*) FROM ClaimRelations r WHERE r.ToClaimId = c.Id AND r.IsDeleted = 0 AND r.Type = '{RelationType.Contradicts}') AS Conflicts,
                    (SELECT COUNT(*) FROM Attributions a WHERE a.ClaimId = c.Id AND a.IsDeleted = 0 AND a.Stance = '{Stance.Endorses}')
                  + (SELECT COUNT(*) FROM ClaimRelations r WHERE r.ToClaimId = c.Id AND r.IsDeleted = 0 AND r.Type = '{RelationType.Supports}') AS Supports
                FROM Claims c)
            WHERE ConflictCount <> Conflicts OR SupportCount <> Supports ORDER BY Id
            """,
            r => $"claim {r.GetInt32(0)}: stored {r.GetInt32(1)} conflicts/{r.GetInt32(2)} supports, recounted {r.GetInt32(3)}/{r.GetInt32(4)}");
    }

    /// <summary>
    /// Claims whose search-index row differs from the text indexed afresh: the claim's text and topics, and the quote,
    /// speaker name and aliases of each live statement on it. Compared as sorted words, since the order of the statements
    /// in the row is not defined.
    /// </summary>
    public static async Task<List<string>> SearchIndexMismatchesAsync(SqliteConnection connection)
    {
        var indexed = await ReadRowsAsync(connection, "SELECT rowid, body FROM ClaimSearch");
        var fresh = await ReadRowsAsync(connection, """
            SELECT c.Id,
                   c.Text
                   || ' ' || COALESCE((SELECT group_concat(t.value, ' ') FROM json_each(c.Topics) AS t), '')
                   || ' ' || COALESCE((SELECT group_concat(a.Quote || ' ' || ac.Name || ' '
                                            || COALESCE((SELECT group_concat(al.value, ' ') FROM json_each(ac.Aliases) AS al), ''), ' ')
                                       FROM Attributions AS a JOIN Actors AS ac ON ac.Id = a.ActorId
                                       WHERE a.ClaimId = c.Id AND a.IsDeleted = 0), '')
            FROM Claims AS c
            """);
        var problems = new List<string>();
        foreach (var id in indexed.Keys.Union(fresh.Keys).Order())
        {
            var stored = indexed.TryGetValue(id, out var s) ? Words(s) : null;
            var expected = fresh.TryGetValue(id, out var e) ? Words(e) : null;
            if (stored != expected)
            {
                problems.Add($"claim {id}: indexed \"{stored ?? "(no row)"}\", fresh \"{expected ?? "(no claim)"}\"");
            }
        }
        return problems;
    }

    private static string Words(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

    /// <summary>
    /// Every table in <c>sqlite_master</c> (the search index's own tables included) and the schema itself, each row as
    /// typed text, rows sorted: two files whose dumps are equal hold the same data.
    /// </summary>
    public static async Task<string> DumpAsync(SqliteConnection connection)
    {
        var dump = new StringBuilder();
        await using var transaction = connection.BeginTransaction(deferred: true); // one snapshot for all tables
        var tables = await ReadAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", r => r.GetString(0), transaction);
        dump.AppendLine("== sqlite_master");
        foreach (var row in await ReadAsync(connection, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name", Row, transaction))
        {
            dump.AppendLine(row);
        }
        foreach (var table in tables)
        {
            dump.AppendLine(CultureInfo.InvariantCulture, $"== {table}");
            var rows = await ReadAsync(connection, $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", Row, transaction);
            foreach (var row in rows.Order(StringComparer.Ordinal))
            {
                dump.AppendLine(row);
            }
        }
        return dump.ToString();
    }

    private static string Row(SqliteDataReader reader)
    {
        var fields = new string[reader.FieldCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = reader.IsDBNull(i) ? "null" : reader.GetValue(i) switch
            {
                byte[] blob => "x'" + Convert.ToHexString(blob) + "'",
                string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? "",
            };
        }
        return string.Join(" | ", fields);
    }

    private static async Task<Dictionary<long, string>> ReadRowsAsync(SqliteConnection connection, string sql)
    {
        var rows = new Dictionary<long, string>();
        foreach (var (id, text) in await ReadAsync(connection, sql, r => (r.GetInt64(0), r.IsDBNull(1) ? "" : r.GetString(1))))
        {
            rows.Add(id, text);
        }
        return rows;
    }

    public static async Task<List<T>> ReadAsync<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<T>();
        while (await reader.ReadAsync())
        {
            result.Add(read(reader));
        }
        return result;
    }

    public static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
