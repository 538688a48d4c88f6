using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClaimTracker.Web.Data.Postgres;
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
public static partial class PostgresCopy
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

            stage = "rebuilding the search index, topic index, dispute counts and position index";
            var rebuild = Stopwatch.StartNew();
            // Claims whose counts the rebuild will change had stale counts in the source: worth saying, never expected.
            var recounted = (int)await ScalarAsync<long>(pg, $"""
                SELECT COUNT(*) FROM "Claims" AS c JOIN ({PostgresIndexes.DisputeCountsSql}) AS n ON n."Id" = c."Id"
                WHERE c."ConflictCount" <> n.conflicts OR c."SupportCount" <> n.supports
                """, ct);
            await ExecuteAsync(pg, PostgresIndexes.RebuildSql, ct);
            await ExecuteAsync(pg, PositionIndex.PostgresRebuildSql, ct);
            // The actors' statement counts arrive with the rows; recounted all the same, as the claims' are checked.
            await ExecuteAsync(pg, ActorCountTriggers.PostgresRecountSql, ct);
            await progress.WriteLineAsync($"  search index, topic index, dispute counts and position index rebuilt in {rebuild.Elapsed.TotalSeconds:F1} s");

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
}
