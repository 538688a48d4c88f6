using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Data;

/// <summary>
/// Why SQLite needs the start-up check of <see cref="RequiredTriggers"/>: a trigger belongs to its table there, and a
/// migration's table rebuild (EF Core's way round what SQLite's ALTER TABLE cannot do) fails while other tables' triggers
/// refer to the table, or, with them dropped first and forgotten, silently leaves them gone. SQLite's alone: PostgreSQL
/// alters tables in place.
/// </summary>
public sealed class SqliteTableRebuildTests : IAsyncLifetime
{
    private readonly ClaimTrackerFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>What a migration's table rebuild amounts to on SQLite: a new table with the rows, the old one dropped, the new one renamed.</summary>
    private const string RebuildClaimRelations = """
        CREATE TABLE ef_temp_ClaimRelations AS SELECT * FROM ClaimRelations;
        DROP TABLE ClaimRelations;
        ALTER TABLE ef_temp_ClaimRelations RENAME TO ClaimRelations;
        """;

    [Fact]
    public async Task A_table_rebuild_fails_while_triggers_of_other_tables_refer_to_the_table()
    {
        await using var db = app.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(); // as a migration runs, so nothing is left half done

        var failed = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync(RebuildClaimRelations));

        // SQLite checks every trigger when a table is renamed: the counts of claims (on Attributions) read ClaimRelations.
        Assert.Contains("no such table: main.ClaimRelations", failed.Message);
        // Whichever of them SQLite checks first: the dispute counts' or the position index's.
        Assert.Matches("DisputeCounts_|Positions_", failed.Message);
    }

    [Fact]
    public async Task A_rebuild_that_drops_the_triggers_and_forgets_them_stops_start_up_and_CreateSql_puts_them_back()
    {
        await using (var db = app.CreateDbContext())
        {
            // Every trigger that reads ClaimRelations goes first, as a migration must do it: the dispute counts' and the
            // position index's (those on ClaimRelations itself would go with the table).
            var dropThenRebuild = DisputeCountTriggers.DropSql + PositionIndex.DropTriggersSql + RebuildClaimRelations;
            await db.Database.ExecuteSqlRawAsync(dropThenRebuild);
            Assert.Equal(DisputeCountTriggers.Names.Concat(PositionIndex.Names), await RequiredTriggers.FindMissingAsync(db));
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.Services.InitializeDatabaseAsync());
        Assert.Contains("DisputeCounts_RelationUpdated", refused.Message);
        Assert.Contains("DisputeCountTriggers.CreateSql", refused.Message);

        await using (var db = app.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync(DisputeCountTriggers.CreateSql);
            await db.Database.ExecuteSqlRawAsync(PositionIndex.CreateSql);
            Assert.Empty(await RequiredTriggers.FindMissingAsync(db));
        }
        await app.Services.InitializeDatabaseAsync();
    }
}
