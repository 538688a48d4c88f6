using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClaimTracker.Web.Data.Postgres;

/// <summary>How <see cref="PostgresCopy"/> treats what the target already holds.</summary>
public enum PostgresCopyMode
{
    /// <summary>The target must hold no ClaimTracker data (it may be migrated); it gets the source's rows, ids and all.</summary>
    IntoEmpty,

    /// <summary>
    /// The source's rows are added to what the target holds; their ids must not be taken there yet. For a source made to
    /// fit (the generator's temporary file, whose ids continue the target's: <see cref="PostgresCopy.ContinueIdsAsync"/>).
    /// The rows the migrations insert (the default rating scale) are in both and are not copied.
    /// </summary>
    Append,
}

/// <summary>One table of a copy: rows in the source, rows copied, rows in the target at the end.</summary>
/// <param name="Skipped">Rows not copied because the target has them from its own migrations (appending only).</param>
public sealed record CopiedTable(string Table, long SourceRows, long Copied, long Skipped, long TargetRows, TimeSpan Elapsed);

/// <summary>What a copy did; every table's count was checked before it committed.</summary>
/// <param name="SourceTopicRows">The source's own topic index (SQLite's <c>ClaimTopics</c>); null when appending.</param>
/// <param name="RecountedClaims">Claims whose stored dispute counts the rebuild changed: counts that were stale in the source.</param>
public sealed record PostgresCopyResult(
    IReadOnlyList<CopiedTable> Tables, long SearchRows, long TopicRows, long? SourceTopicRows, int RecountedClaims, TimeSpan Elapsed)
{
    public long RowsCopied => Tables.Sum(t => t.Copied);
}

/// <summary>A copy refused or failed; the message says what happened to the target.</summary>
public sealed class PostgresCopyException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Copies a ClaimTracker SQLite database into PostgreSQL (<c>copy-to-postgres</c>; <c>generate</c> on PostgreSQL): the
/// tables of the EF Core model as <see cref="CopyPlan"/> reads them off both contexts, ids kept.
/// <list type="number">
/// <item>The source is opened read-only, in one read transaction: the copy is of the database as it stood at one moment,
/// even while an app saves to it. It must be at the schema of this build (start the app on it once to upgrade it).</item>
/// <item><see cref="PostgresCopyMode.IntoEmpty"/>: a target holding any ClaimTracker data is refused before anything is
/// written. Then the PostgreSQL migrations are applied (<c>MigrateAsync</c>).</item>
/// <item>One transaction: the tables are locked, (re)checked, the user triggers disabled (<c>DISABLE TRIGGER USER</c>: the
/// table owner may, no superuser needed), the secondary indexes and foreign keys of the tables being filled set aside,
/// every table loaded by binary COPY in foreign-key order, the triggers enabled again, the search index, topic index and
/// dispute counts rebuilt at once (<see cref="PostgresIndexes.RebuildSql"/>) instead of row by row, the indexes built and
/// the foreign keys added back (each checked over every row), every identity sequence moved past the highest id, and
/// every table's rows counted against the source, the indexes and counts against a recount. Only then does it commit; a
/// failure anywhere rolls it all back, and the migrated schema stays, empty.</item>
/// </list>
/// Owner rights on the target's tables are all it needs: it runs as the app's own database user.
/// </summary>
public static class PostgresCopy
{
    /// <summary>How often a long table prints how far it is.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    public static async Task<PostgresCopyResult> CopyAsync(
        string sqliteConnectionString, string postgresConnectionString, PostgresCopyMode mode, TextWriter progress, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var sourceConnectionString = new SqliteConnectionStringBuilder(sqliteConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        // Long statements (the rebuild of a million statements' index) must not meet the default 30 s command timeout.
        var targetConnectionString = new NpgsqlConnectionStringBuilder(postgresConnectionString) { CommandTimeout = 0 }.ToString();
        var target = Describe(targetConnectionString);

        await using var sourceDb = new ClaimTrackerDbContext(new DbContextOptionsBuilder<ClaimTrackerDbContext>().UseSqlite(sourceConnectionString).Options);
        var targetOptions = new DbContextOptionsBuilder<PostgresClaimTrackerDbContext>();
        targetOptions.UsePostgres(targetConnectionString);
        await using var targetDb = new PostgresClaimTrackerDbContext(targetOptions.Options);
        var plan = CopyPlan.For(sourceDb, targetDb);

        await using var sqlite = new SqliteConnection(sourceConnectionString);
        try
        {
            await sqlite.OpenAsync(ct);
        }
        catch (SqliteException ex)
        {
            throw new PostgresCopyException($"The SQLite database {sqlite.DataSource} could not be opened: {ex.Message}. Nothing was written to {target}.", ex);
        }
        // Deferred: a read transaction, which a read-only connection may take; its snapshot starts with the first read.
        await using var snapshot = sqlite.BeginTransaction(deferred: true);
        await CheckSourceSchemaAsync(sqlite, snapshot, sourceDb, target, ct);
        var sequences = await ReadAsync(sqlite, snapshot, "SELECT name, seq FROM sqlite_sequence", r => (Table: r.GetString(0), Seq: r.GetInt64(1)), ct);

        await using var pg = new NpgsqlConnection(targetConnectionString);
        try
        {
            await pg.OpenAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new PostgresCopyException($"The database {target} does not exist: create it first (CREATE DATABASE … OWNER …, or createdb); "
                + "the copy fills an empty database. Nothing was written.", ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new PostgresCopyException($"Could not connect to {target}: {Cause(ex)}. Nothing was written.", ex);
        }

        if (mode == PostgresCopyMode.IntoEmpty)
        {
            var data = await DescribeDataAsync(pg, null, plan, ct);
            if (data.Length > 0)
            {
                throw new PostgresCopyException($"The database {target} already holds ClaimTracker data ({data}); nothing was written. "
                    + "The copy goes into an empty database (migrated or not): create a new one, or empty this one if its data may go.");
            }
        }

        var stage = "applying the PostgreSQL migrations";
        PostgresCopyResult result;
        try
        {
            var pending = (await targetDb.Database.GetPendingMigrationsAsync(ct)).Count();
            await targetDb.Database.MigrateAsync(ct);
            await progress.WriteLineAsync(pending == 0 ? $"  {target} was already migrated" : $"  migrated {target} ({pending} migrations)");

            await using var transaction = await pg.BeginTransactionAsync(ct);
            stage = "locking the target's tables";
            var tableList = string.Join(", ", plan.Tables.Select(t => t.QuotedName));
            // Into an empty database: ACCESS EXCLUSIVE, for the TRUNCATE that lets COPY write its rows frozen. Appending:
            // SHARE ROW EXCLUSIVE, which lets readers read and makes writers wait, so no row is written meanwhile with
            // the triggers off.
            await ExecuteAsync(pg, $"LOCK TABLE {tableList} IN {(mode == PostgresCopyMode.IntoEmpty ? "ACCESS EXCLUSIVE" : "SHARE ROW EXCLUSIVE")} MODE", ct);
            var before = new Dictionary<string, long>(StringComparer.Ordinal);
            if (mode == PostgresCopyMode.IntoEmpty)
            {
                // Again under the lock: something may have written between the first look and the migration.
                var data = await DescribeDataAsync(pg, transaction, plan, ct);
                if (data.Length > 0)
                {
                    throw new PostgresCopyException($"The database {target} gained ClaimTracker data while the copy started ({data}); nothing was written.");
                }
                // Empties the rows the migrations inserted (the default rating scale: the source has its own).
                await ExecuteAsync(pg, $"TRUNCATE {tableList}", ct);
            }
            else
            {
                foreach (var table in plan.Tables)
                {
                    before[table.Name] = await CountAsync(pg, table.QuotedName, ct);
                }
            }

            stage = "counting the source's rows";
            var sourceRows = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in plan.Tables)
            {
                sourceRows[table.Name] = await ScalarAsync(sqlite, snapshot, $"SELECT COUNT(*) FROM {table.QuotedName}", ct);
            }

            // Bulk loading as PostgreSQL's manual advises: indexes built once over the loaded rows and foreign keys
            // checked by one join each, instead of both maintained row by row (at a million statements, minutes of
            // index inserts and of per-row key lookups that lock the parent rows). For the tables this copy fills
            // mostly itself; appending a little to a large table keeps them.
            stage = "setting aside the indexes and foreign keys";
            await ExecuteAsync(pg, "SET LOCAL maintenance_work_mem = '256MB'", ct);
            var bulk = plan.Tables.Where(t => sourceRows[t.Name] > before.GetValueOrDefault(t.Name)).Select(t => t.Name).Concat(RebuiltTables).ToList();
            var setAside = await SetAsideAsync(pg, bulk, ct);
            await progress.WriteLineAsync($"  set aside {setAside.Count(x => !x.IsForeignKey)} indexes and {setAside.Count(x => x.IsForeignKey)} foreign keys of {bulk.Count} tables for the load");

            stage = "disabling the target's triggers";
            foreach (var table in plan.Tables)
            {
                await ExecuteAsync(pg, $"ALTER TABLE {table.QuotedName} DISABLE TRIGGER USER", ct);
            }

            var copied = new List<CopiedTable>();
            foreach (var table in plan.Tables)
            {
                stage = $"copying {table.Name}";
                copied.Add(await CopyTableAsync(sqlite, snapshot, pg, table, mode, sourceRows[table.Name], before.GetValueOrDefault(table.Name), progress, clock, ct));
            }

            stage = "enabling the target's triggers";
            foreach (var table in plan.Tables)
            {
                await ExecuteAsync(pg, $"ALTER TABLE {table.QuotedName} ENABLE TRIGGER USER", ct);
            }

            stage = "rebuilding the search index, topic index and dispute counts";
            var rebuild = Stopwatch.StartNew();
            // Claims whose counts the rebuild will change had stale counts in the source: worth saying, never expected.
            var recounted = (int)await ScalarAsync<long>(pg, $"""
                SELECT COUNT(*) FROM "Claims" AS c JOIN ({PostgresIndexes.DisputeCountsSql}) AS n ON n."Id" = c."Id"
                WHERE c."ConflictCount" <> n.conflicts OR c."SupportCount" <> n.supports
                """, ct);
            await ExecuteAsync(pg, PostgresIndexes.RebuildSql, ct);
            await progress.WriteLineAsync($"  search index, topic index and dispute counts rebuilt in {rebuild.Elapsed.TotalSeconds:F1} s");

            var restore = Stopwatch.StartNew();
            foreach (var index in setAside.Where(x => !x.IsForeignKey))
            {
                stage = $"building the index {index.Name}";
                await ExecuteAsync(pg, index.RestoreSql, ct);
            }
            await progress.WriteLineAsync($"  indexes built in {restore.Elapsed.TotalSeconds:F1} s");
            restore.Restart();
            foreach (var key in setAside.Where(x => x.IsForeignKey))
            {
                stage = $"checking the foreign key {key.Name}";
                await ExecuteAsync(pg, key.RestoreSql, ct);
            }
            await progress.WriteLineAsync($"  foreign keys checked in {restore.Elapsed.TotalSeconds:F1} s");

            stage = "setting the identity sequences";
            var floors = sequences.ToDictionary(s => s.Table, s => s.Seq, StringComparer.Ordinal);
            var identities = await SetSequencesAsync(pg, plan, floors, ct);
            await progress.WriteLineAsync($"  identity sequences of {identities} tables set past their highest ids");

            stage = "verifying the copy";
            var (searchRows, topicRows) = await VerifyAsync(pg, copied, ct);
            long? sourceTopics = mode == PostgresCopyMode.IntoEmpty
                ? await ScalarAsync(sqlite, snapshot, "SELECT COUNT(*) FROM \"ClaimTopics\"", ct)
                : null;

            stage = "committing";
            await transaction.CommitAsync(ct);
            await progress.WriteLineAsync($"  committed ({clock.Elapsed.TotalSeconds:F1} s in all)");
            result = new PostgresCopyResult(copied, searchRows, topicRows, sourceTopics, recounted, clock.Elapsed);
        }
        catch (Exception ex) when (ex is NpgsqlException or SqliteException or InvalidOperationException or InvalidCastException
            or FormatException or OverflowException or OperationCanceledException or TimeoutException)
        {
            var left = mode == PostgresCopyMode.IntoEmpty
                ? stage == "applying the PostgreSQL migrations"
                    ? $"{target} holds no ClaimTracker data; the migrations may have left part of the schema"
                    : $"{target} holds no ClaimTracker data: the schema the migrations made is there, empty, ready for another try"
                : $"{target} holds what it held before; nothing was added";
            throw new PostgresCopyException($"The copy failed while {stage} and was rolled back: {left}. Cause: {Cause(ex)}", ex);
        }

        // Statistics for the planner now rather than when autovacuum gets to it: the first pages served need them. The
        // copy is committed by now; a failure here only costs the planner's estimates until autovacuum runs.
        try
        {
            var analyze = Stopwatch.StartNew();
            await ExecuteAsync(pg, $"ANALYZE {string.Join(", ", plan.Tables.Select(t => t.QuotedName))}, \"ClaimSearch\", \"ClaimTopics\"", ct);
            await progress.WriteLineAsync($"  analyzed in {analyze.Elapsed.TotalSeconds:F1} s");
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException)
        {
            await progress.WriteLineAsync($"  committed, but ANALYZE failed ({Cause(ex)}): autovacuum will gather the statistics later");
        }
        return result with { Elapsed = clock.Elapsed };
    }

    /// <summary>
    /// Continues a fresh SQLite file's ids where the PostgreSQL database's leave off: every table with an identity column
    /// gets an entry in <c>sqlite_sequence</c> at the sequence's position (or the highest id), so that rows added to the
    /// file (by the generator, which takes the next id from there) can then be appended to PostgreSQL with the same ids.
    /// </summary>
    public static async Task ContinueIdsAsync(string sqliteConnectionString, string postgresConnectionString, CancellationToken ct = default)
    {
        await using var pg = new NpgsqlConnection(postgresConnectionString);
        await pg.OpenAsync(ct);
        var positions = new List<(string Table, long Position)>();
        foreach (var (table, column) in await IdentityColumnsAsync(pg, ct))
        {
            var position = await ScalarAsync<long>(pg, $"""
                SELECT GREATEST((SELECT COALESCE(MAX({CopyPlan.Quote(column)}), 0) FROM {CopyPlan.Quote(table)}),
                                COALESCE(pg_sequence_last_value(pg_get_serial_sequence('{CopyPlan.Quote(table).Replace("'", "''", StringComparison.Ordinal)}', '{column.Replace("'", "''", StringComparison.Ordinal)}')::regclass), 0))
                """, ct);
            positions.Add((table, position));
        }

        await using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder(sqliteConnectionString) { Pooling = false }.ToString());
        await sqlite.OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync(ct);
        foreach (var (table, position) in positions)
        {
            await using var command = sqlite.CreateCommand();
            command.Transaction = transaction;
            // sqlite_sequence has no key: one row per table, replaced by hand.
            command.CommandText = "DELETE FROM sqlite_sequence WHERE name = $name; INSERT INTO sqlite_sequence (name, seq) VALUES ($name, $seq);";
            command.Parameters.AddWithValue("$name", table);
            command.Parameters.AddWithValue("$seq", position);
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>Host, port and database, for messages (never the password).</summary>
    public static string Describe(string postgresConnectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(postgresConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

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

    /// <summary>The tables PostgreSQL's rebuild fills in full (<see cref="PostgresIndexes.RebuildSql"/>), not the copy.</summary>
    private static readonly string[] RebuiltTables = ["ClaimSearch", "ClaimTopics"];

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
