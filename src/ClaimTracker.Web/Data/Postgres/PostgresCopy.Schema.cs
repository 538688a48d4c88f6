using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClaimTracker.Web.Data.Postgres;
/// <summary>What the copy sets aside and reads off the target: indexes and foreign keys, identity columns, data already there.</summary>
public static partial class PostgresCopy
{
    /// <summary>
    /// The tables PostgreSQL's rebuild fills in full (<see cref="PostgresIndexes.RebuildSql"/>,
    /// <see cref="PositionIndex.PostgresRebuildSql"/>), not the copy.
    /// </summary>
    private static readonly string[] RebuiltTables = ["ClaimSearch", "ClaimTopics", "MixedPositions", "BackedRivals"];

    /// <summary>An index or foreign key dropped for the load, with the SQL that puts it back exactly as it was.</summary>
    private sealed record SetAside(string Table, string Name, string Definition, bool IsForeignKey)
    {
        public string DropSql => IsForeignKey
            ? $"ALTER TABLE {CopyPlan.Quote(Table)} DROP CONSTRAINT {CopyPlan.Quote(Name)}"
            : $"DROP INDEX {CopyPlan.Quote(Name)}";

        public string RestoreSql => IsForeignKey
            ? $"ALTER TABLE {CopyPlan.Quote(Table)} ADD CONSTRAINT {CopyPlan.Quote(Name)} {Definition}"
            : Definition;
    }

    /// <summary>
    /// Drops the foreign keys of <paramref name="tables"/> and their indexes that back no constraint (primary keys stay:
    /// the foreign keys are checked against them), remembering each definition as the server prints it. Inside the
    /// copy's transaction: a rollback brings them all back.
    /// </summary>
    private static async Task<List<SetAside>> SetAsideAsync(NpgsqlConnection pg, IReadOnlyList<string> tables, CancellationToken ct)
    {
        var found = new List<SetAside>();
        await using (var command = new NpgsqlCommand("""
            SELECT t.relname::text, c.conname::text, pg_get_constraintdef(c.oid), true
            FROM pg_constraint AS c JOIN pg_class AS t ON t.oid = c.conrelid
            WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname::text = ANY(@tables)
            UNION ALL
            SELECT t.relname::text, i.relname::text, pg_get_indexdef(x.indexrelid), false
            FROM pg_index AS x JOIN pg_class AS i ON i.oid = x.indexrelid JOIN pg_class AS t ON t.oid = x.indrelid
            WHERE t.relnamespace = current_schema()::regnamespace AND t.relname::text = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = x.indexrelid)
            ORDER BY 4 DESC, 1, 2
            """, pg))
        {
            command.Parameters.AddWithValue("tables", tables.ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                found.Add(new SetAside(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
            }
        }
        // Foreign keys first: one may rest on a unique index.
        foreach (var item in found)
        {
            await ExecuteAsync(pg, item.DropSql, ct);
        }
        return found;
    }

    private static async Task<List<(string Table, string Column)>> IdentityColumnsAsync(NpgsqlConnection pg, CancellationToken ct)
    {
        var columns = new List<(string, string)>();
        await using var command = new NpgsqlCommand("""
            SELECT table_name::text, column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
            ORDER BY 1
            """, pg);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        return columns;
    }

    /// <summary>
    /// What ClaimTracker data the target holds ("12 Claims, 40 Attributions"); empty when none. Tables that do not exist
    /// yet hold nothing; the rows the migrations insert (the default rating scale, unchanged) are not data.
    /// </summary>
    private static async Task<string> DescribeDataAsync(NpgsqlConnection pg, NpgsqlTransaction? transaction, CopyPlan plan, CancellationToken ct)
    {
        var found = new List<string>();
        foreach (var table in plan.Tables)
        {
            await using (var exists = new NpgsqlCommand("SELECT to_regclass(@name) IS NOT NULL", pg, transaction))
            {
                exists.Parameters.AddWithValue("name", table.QuotedName);
                if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
                {
                    continue;
                }
            }
            var rows = await CountAsync(pg, table.QuotedName, ct);
            if (rows > 0 && table.SeedRows.Count > 0)
            {
                rows -= await CountSeedRowsAsync(pg, transaction, table, ct);
            }
            if (rows > 0)
            {
                found.Add(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} {table.Name}"));
            }
        }
        return string.Join(", ", found);
    }

    /// <summary>The rows of a seeded table (the rating scale) that are the migration's own, unchanged: every column as the migration wrote it.</summary>
    private static async Task<long> CountSeedRowsAsync(NpgsqlConnection pg, NpgsqlTransaction? transaction, CopyPlan.TablePlan table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT {table.ColumnList} FROM {table.QuotedName}", pg, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        long count = 0;
        while (await reader.ReadAsync(ct))
        {
            var row = CopyPlan.KeyText(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
            if (table.SeedRows.Contains(row))
            {
                count++;
            }
        }
        return count;
    }
}
