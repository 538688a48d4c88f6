using ClaimTracker.Web.Data;
using ClaimTracker.Web.Data.Postgres;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Positions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// What the tests do to a database in plain SQL, written for the engine the context is on (<see cref="TestEngine"/>): the
/// same change, or the same independent recount, in each engine's dialect. Identifiers are quoted, which both read alike.
/// </summary>
public static class EngineSql
{
    /// <summary>
    /// A trigger of the test's own that makes every insert into <paramref name="table"/> (of a row meeting
    /// <paramref name="when"/>, a condition on <c>NEW</c>) fail with <paramref name="message"/>; dropped on dispose.
    /// </summary>
    public static Task<IAsyncDisposable> FailInsertsAsync(ClaimTrackerFactory app, string name, string table, string? when, string message) =>
        BeforeInsertAsync(app, name, table, when, db => db.Database.IsNpgsql() ? $"RAISE EXCEPTION '{message}'" : $"SELECT RAISE(ABORT, '{message}')");

    /// <summary>A trigger of the test's own that runs <paramref name="statement"/> before every insert into <paramref name="table"/>; dropped on dispose.</summary>
    public static Task<IAsyncDisposable> BeforeInsertAsync(ClaimTrackerFactory app, string name, string table, string statement) =>
        BeforeInsertAsync(app, name, table, null, _ => statement);

    private static async Task<IAsyncDisposable> BeforeInsertAsync(ClaimTrackerFactory app, string name, string table, string? when, Func<ClaimTrackerDbContext, string> statement)
    {
        await using var db = app.CreateDbContext();
        string create, drop;
        if (db.Database.IsNpgsql())
        {
            // A PostgreSQL trigger runs a function; dropping the function with CASCADE takes the trigger with it.
            create = $"""
                CREATE FUNCTION "{name}_fn"() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN {statement(db)}; RETURN NEW; END $fn$;
                CREATE TRIGGER "{name}" BEFORE INSERT ON "{table}" FOR EACH ROW {(when is null ? "" : $"WHEN ({when})")} EXECUTE FUNCTION "{name}_fn"();
                """;
            drop = $"DROP FUNCTION \"{name}_fn\"() CASCADE;";
        }
        else
        {
            create = $"CREATE TRIGGER \"{name}\" BEFORE INSERT ON \"{table}\" {(when is null ? "" : $"WHEN {when}")} BEGIN {statement(db)}; END;";
            drop = $"DROP TRIGGER \"{name}\";";
        }
        // DDL takes no parameters; every value in it is the test's own.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync(create);
        return new Dropping(app, drop);
#pragma warning restore EF1002
    }

    private sealed class Dropping(ClaimTrackerFactory app, string drop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var db = app.CreateDbContext();
            await db.Database.ExecuteSqlRawAsync(drop);
        }
    }

    /// <summary>The names of the database's triggers, read from the engine's own catalogue (not through the app).</summary>
    public static Task<List<string>> TriggerNamesAsync(ClaimTrackerDbContext db) =>
        db.Database.IsNpgsql()
            ? db.Database.SqlQuery<string>($"SELECT tgname::text AS \"Value\" FROM pg_trigger WHERE NOT tgisinternal").ToListAsync()
            : db.Database.SqlQuery<string>($"SELECT name AS Value FROM sqlite_master WHERE type = 'trigger'").ToListAsync();

    /// <summary>The statement that creates the trigger as it is now, for putting it back after dropping it.</summary>
    public static async Task<string> TriggerDefinitionAsync(ClaimTrackerDbContext db, string name) =>
        db.Database.IsNpgsql()
            ? await db.Database.SqlQuery<string>($"SELECT pg_get_triggerdef(oid) AS \"Value\" FROM pg_trigger WHERE tgname = {name}").SingleAsync()
            : await db.Database.SqlQuery<string>($"SELECT sql AS Value FROM sqlite_master WHERE type = 'trigger' AND name = {name}").SingleAsync();

    /// <summary>Drops the named trigger (on PostgreSQL a trigger is named within its table, so the table is looked up).</summary>
    public static async Task DropTriggerAsync(ClaimTrackerDbContext db, string name)
    {
        if (db.Database.IsNpgsql())
        {
            var table = await db.Database.SqlQuery<string>(
                $"SELECT c.relname::text AS \"Value\" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = {name}").SingleAsync();
#pragma warning disable EF1003 // DDL takes no parameters; the names are the app's own
            await db.Database.ExecuteSqlRawAsync(DropTrigger(name) + $" ON \"{table}\"");
#pragma warning restore EF1003
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync(DropTrigger(name));
        }
    }

    private static string DropTrigger(string name) => $"DROP TRIGGER \"{name}\"";

    /// <summary>
    /// Claims whose search-index entry differs from the claim's text indexed afresh here: its text and topics, and the
    /// quote, speaker name and aliases of each live statement on it. On SQLite the FTS5 row's text, compared as sorted
    /// words (<see cref="DatabaseFile.SearchIndexMismatchesAsync"/>); on PostgreSQL the <c>tsvector</c>, compared as the
    /// set of its words (<c>strip</c>: the order of the statements in the row, and so the words' positions, is not defined).
    /// </summary>
    public static async Task<List<string>> SearchIndexMismatchesAsync(ClaimTrackerDbContext db)
    {
        if (!db.Database.IsNpgsql())
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                return await DatabaseFile.SearchIndexMismatchesAsync((SqliteConnection)db.Database.GetDbConnection());
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        return await db.Database.SqlQuery<string>($"""
            SELECT 'claim ' || COALESCE(c."Id", s."ClaimId") || ': indexed ' || COALESCE(strip(s."Body")::text, '(no row)')
                   || ', fresh ' || COALESCE(strip(f.fresh)::text, '(no claim)') AS "Value"
            FROM "Claims" AS c
            CROSS JOIN LATERAL (SELECT to_tsvector('claimtracker_search',
                c."Text" || ' ' || array_to_string(c."Topics", ' ') || ' ' || COALESCE(
                    (SELECT string_agg(a."Quote" || ' ' || ac."Name" || ' ' || array_to_string(ac."Aliases", ' '), ' ')
                     FROM "Attributions" AS a JOIN "Actors" AS ac ON ac."Id" = a."ActorId"
                     WHERE a."ClaimId" = c."Id" AND NOT a."IsDeleted"), '')) AS fresh) AS f
            FULL JOIN "ClaimSearch" AS s ON s."ClaimId" = c."Id"
            WHERE strip(s."Body") IS DISTINCT FROM strip(f.fresh)
            ORDER BY COALESCE(c."Id", s."ClaimId")
            """).ToListAsync();
    }
}

/// <summary>
/// The position index (<see cref="PositionIndex"/>) against the record read afresh through the model, in LINQ and not
/// in the index's own SQL, so that a wrong definition fails as surely as a missing trigger.
/// </summary>
public static class PositionIndexCheck
{
    private sealed class MixedRow
    {
        public int ActorId { get; init; }
        public int ClaimId { get; init; }
    }

    private sealed class RivalRow
    {
        public int ActorId { get; init; }
        public int FromClaimId { get; init; }
        public int ToClaimId { get; init; }
    }

    /// <summary>The stored rows that should not be there and the rows missing, one line each; empty when the index is current.</summary>
    public static async Task<List<string>> MismatchesAsync(ClaimTrackerDbContext db)
    {
        var backing = ConsistencyService.Backing.ToArray();
        var challenging = StanceRules.Challenges;
        // The query filters leave deleted statements and relations out, as the index does.
        var mixed = (await db.Attributions
                .GroupBy(a => new { a.ActorId, a.ClaimId })
                .Where(g => g.Any(a => backing.Contains(a.Stance)) && g.Any(a => challenging.Contains(a.Stance)))
                .Select(g => new { g.Key.ActorId, g.Key.ClaimId })
                .ToListAsync())
            .Select(p => $"mixed {p.ActorId}/{p.ClaimId}").ToHashSet();
        var backed = db.Attributions.Where(a => backing.Contains(a.Stance));
        var rivals = (await db.ClaimRelations
                .Where(r => r.Type == RelationType.Contradicts)
                .Join(backed, r => r.FromClaimId, x => x.ClaimId, (r, x) => new { x.ActorId, r.FromClaimId, r.ToClaimId })
                .Where(p => backed.Any(y => y.ClaimId == p.ToClaimId && y.ActorId == p.ActorId))
                .Distinct()
                .ToListAsync())
            .Select(p => $"rivals {p.ActorId}/{p.FromClaimId}/{p.ToClaimId}").ToHashSet();

        var storedMixed = (await db.Database.SqlQueryRaw<MixedRow>("""SELECT "ActorId", "ClaimId" FROM "MixedPositions" """).ToListAsync())
            .Select(p => $"mixed {p.ActorId}/{p.ClaimId}").ToList();
        var storedRivals = (await db.Database.SqlQueryRaw<RivalRow>("""SELECT "ActorId", "FromClaimId", "ToClaimId" FROM "BackedRivals" """).ToListAsync())
            .Select(p => $"rivals {p.ActorId}/{p.FromClaimId}/{p.ToClaimId}").ToList();
        var stored = storedMixed.Concat(storedRivals).ToList();
        var expected = mixed.Concat(rivals).ToHashSet();
        return stored.Where(r => !expected.Contains(r)).Select(r => "stored, not in the record: " + r)
            .Concat(expected.Where(r => !stored.Contains(r)).Select(r => "in the record, not stored: " + r))
            .Concat(stored.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => "stored twice: " + g.Key))
            .ToList();
    }
}

/// <summary>
/// A fresh, migrated and empty database of its own, on the engine the run is on: a temporary SQLite file, or a database
/// on the PostgreSQL test server. For tests of what runs before the app does (the seeder), without an app.
/// </summary>
public sealed class EmptyTestDatabase : IAsyncDisposable
{
    private readonly TempDirectory? dir;
    private readonly PostgresTestDatabase? postgres;
    private readonly Func<ClaimTrackerDbContext> create;

    public EmptyTestDatabase()
    {
        if (TestEngine.IsPostgres)
        {
            postgres = PostgresTestDatabase.Create(seeded: false);
            var options = new DbContextOptionsBuilder<PostgresClaimTrackerDbContext>();
            options.UsePostgres(postgres.ConnectionString);
            create = () => new PostgresClaimTrackerDbContext(options.Options);
        }
        else
        {
            dir = new TempDirectory();
            var options = new DbContextOptionsBuilder<ClaimTrackerDbContext>();
            options.UseSqliteFile($"Data Source={dir.File("test.db")};Pooling=False");
            create = () => new ClaimTrackerDbContext(options.Options);
        }
    }

    public ClaimTrackerDbContext NewContext() => create();

    public async Task MigrateAsync()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null)
        {
            // The contexts' pooled connections are still open: the drop forces them closed.
            await postgres.DisposeAsync();
        }
        dir?.Dispose();
    }
}
