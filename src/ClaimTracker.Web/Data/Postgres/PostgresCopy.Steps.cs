using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClaimTracker.Web.Data.Postgres;
/// <summary>The copy's steps: one table by binary COPY, the check of every count, the sequences moved on.</summary>
public static partial class PostgresCopy
{
    private static async Task<CopiedTable> CopyTableAsync(SqliteConnection sqlite, SqliteTransaction snapshot, NpgsqlConnection pg,
        CopyPlan.TablePlan table, PostgresCopyMode mode, long sourceRows, long before, TextWriter progress, Stopwatch clock, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var lastReport = Stopwatch.StartNew();
        // FREEZE: into a table truncated in this transaction, the rows go in as if already vacuumed, so the first readers
        // get index-only scans without waiting for autovacuum.
        var freeze = mode == PostgresCopyMode.IntoEmpty ? ", FREEZE" : "";
        long copied = 0, skipped = 0;
        var skipSeed = mode == PostgresCopyMode.Append && table.SeedKeys.Count > 0;
        var values = new object?[table.Columns.Count];
        await using (var command = sqlite.CreateCommand())
        {
            command.Transaction = snapshot;
            command.CommandText = table.SelectSql;
            await using var reader = await command.ExecuteReaderAsync(ct);
            await using var importer = await pg.BeginBinaryImportAsync($"COPY {table.QuotedName} ({table.ColumnList}) FROM STDIN (FORMAT BINARY{freeze})", ct);
            // The row loop writes synchronously: the importer buffers and only flushes a full buffer, and an await per
            // value (25 million at a million statements) would cost more than the copy's own work.
            while (reader.Read())
            {
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = table.Columns[i].Read(reader, i);
                }
                if (skipSeed && table.SeedKeys.Contains(CopyPlan.KeyText(table.Key.Select(k => values[k]))))
                {
                    skipped++;
                    continue;
                }
                importer.StartRow();
                for (var i = 0; i < values.Length; i++)
                {
                    table.Columns[i].Write(importer, values[i]);
                }
                copied++;
                if ((copied & 0x3FFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    if (lastReport.Elapsed >= ProgressEvery)
                    {
                        lastReport.Restart();
                        await progress.WriteLineAsync($"  {table.Name}: {copied:N0} of {sourceRows:N0} ({Rate(copied, started.Elapsed)})");
                    }
                }
            }
            ct.ThrowIfCancellationRequested();
            await importer.CompleteAsync(ct);
        }
        var targetRows = mode == PostgresCopyMode.IntoEmpty ? copied : before + copied;
        await progress.WriteLineAsync($"  {table.Name}: {copied:N0} rows in {started.Elapsed.TotalSeconds:F1} s ({Rate(copied, started.Elapsed)}; {clock.Elapsed.TotalSeconds:F1} s in all)");
        return new CopiedTable(table.Name, sourceRows, copied, skipped, targetRows, started.Elapsed);
    }

    /// <summary>
    /// Every table's row count against what it must be, the search index (one row per claim), the topic index and the
    /// dispute counts against a recount written independently of the rebuild's SQL. Throws on any difference.
    /// </summary>
    private static async Task<(long SearchRows, long TopicRows)> VerifyAsync(NpgsqlConnection pg, IReadOnlyList<CopiedTable> copied, CancellationToken ct)
    {
        var problems = new List<string>();
        foreach (var table in copied)
        {
            var rows = await CountAsync(pg, CopyPlan.Quote(table.Table), ct);
            if (rows != table.TargetRows)
            {
                problems.Add($"{table.Table} has {rows:N0} rows, expected {table.TargetRows:N0}");
            }
        }
        problems.AddRange(copied.Where(t => t.Copied + t.Skipped != t.SourceRows)
            .Select(t => $"{t.Table}: {t.Copied:N0} rows copied of the source's {t.SourceRows:N0}"));

        var claims = await CountAsync(pg, "\"Claims\"", ct);
        var searchRows = await CountAsync(pg, "\"ClaimSearch\"", ct);
        if (searchRows != claims)
        {
            problems.Add($"the search index has {searchRows:N0} rows for {claims:N0} claims");
        }
        var topicRows = await CountAsync(pg, "\"ClaimTopics\"", ct);
        var topicRecount = await ScalarAsync<long>(pg, """
            SELECT COUNT(*) FROM (SELECT DISTINCT c."Id", t.topic FROM "Claims" AS c CROSS JOIN LATERAL unnest(c."Topics") AS t(topic) WHERE t.topic IS NOT NULL) AS pairs
            """, ct);
        if (topicRows != topicRecount)
        {
            problems.Add($"the topic index has {topicRows:N0} rows, a recount gives {topicRecount:N0}");
        }
        var wrongCounts = await ScalarAsync<long>(pg, $"""
            SELECT COUNT(*) FROM "Claims" AS c JOIN ({PostgresIndexes.DisputeCountsSql}) AS n ON n."Id" = c."Id"
            WHERE c."ConflictCount" <> n.conflicts OR c."SupportCount" <> n.supports
            """, ct);
        if (wrongCounts > 0)
        {
            problems.Add($"{wrongCounts:N0} claims' dispute counts differ from a recount");
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("the copy does not match: " + string.Join("; ", problems));
        }
        return (searchRows, topicRows);
    }

    /// <summary>
    /// Moves each identity sequence past the highest id in its table, and past the source's own high-water mark: SQLite's
    /// AUTOINCREMENT never reuses the id of a row that was deleted, and the history may still name it.
    /// </summary>
    private static async Task<int> SetSequencesAsync(NpgsqlConnection pg, CopyPlan plan, IReadOnlyDictionary<string, long> floors, CancellationToken ct)
    {
        var tables = plan.Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var count = 0;
        foreach (var (table, column) in await IdentityColumnsAsync(pg, ct))
        {
            if (!tables.Contains(table))
            {
                continue;
            }
            var sequence = $"pg_get_serial_sequence('{CopyPlan.Quote(table).Replace("'", "''", StringComparison.Ordinal)}', '{column.Replace("'", "''", StringComparison.Ordinal)}')::regclass";
            await using var command = new NpgsqlCommand($"""
                SELECT setval({sequence}, GREATEST(p.position, 1), p.position > 0)
                FROM (SELECT GREATEST((SELECT COALESCE(MAX({CopyPlan.Quote(column)}), 0) FROM {CopyPlan.Quote(table)}), @floor,
                                      COALESCE(pg_sequence_last_value({sequence}), 0)) AS position) AS p
                """, pg);
            command.Parameters.AddWithValue("floor", floors.GetValueOrDefault(table));
            await command.ExecuteScalarAsync(ct);
            count++;
        }
        return count;
    }
}
