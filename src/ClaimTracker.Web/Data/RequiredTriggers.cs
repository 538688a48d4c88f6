using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Data;

/// <summary>
/// The triggers the app cannot work correctly without, checked after the migrations have run, under the same names on
/// SQLite and PostgreSQL (<see cref="Postgres.PostgresIndexes"/>). On SQLite a trigger belongs
/// to its table: when a migration rebuilds a table (EF Core does so on SQLite for changes SQLite's ALTER TABLE cannot
/// make, e.g. adding a foreign key to an existing table), it has to drop the triggers that refer to the table first, and
/// the table's own triggers go with it; a migration that does not recreate them would leave the search index or the
/// dispute counts going stale with no error anywhere. So start-up refuses to go on without them.
/// </summary>
public static class RequiredTriggers
{
    /// <summary>The full-text index's triggers, created by the AddClaimSearch migration and recreated by SearchSkipsDeletedStatements.</summary>
    public static readonly IReadOnlyList<string> ClaimSearch =
    [
        "ClaimSearch_ClaimInserted",
        "ClaimSearch_ClaimUpdated",
        "ClaimSearch_ClaimDeleted",
        "ClaimSearch_AttributionInserted",
        "ClaimSearch_AttributionUpdated",
        "ClaimSearch_AttributionDeleted",
        "ClaimSearch_ActorRenamed",
    ];

    public static IEnumerable<string> All => ClaimSearch.Concat(DisputeCountTriggers.Names).Concat(ClaimTopicIndex.Names).Concat(PositionIndex.Names).Concat(ActorCountTriggers.Names);

    /// <summary>The required triggers that the database lacks.</summary>
    public static async Task<IReadOnlyList<string>> FindMissingAsync(ClaimTrackerDbContext db, CancellationToken ct = default)
    {
        var present = await db.TriggerNames().ToListAsync(ct);
        return All.Except(present, StringComparer.Ordinal).ToList();
    }

    /// <summary>Throws, naming them, when any required trigger is missing.</summary>
    public static async Task VerifyAsync(ClaimTrackerDbContext db, CancellationToken ct = default)
    {
        var missing = await FindMissingAsync(db, ct);
        if (missing.Count > 0 && db.Database.IsNpgsql())
        {
            // PostgreSQL rebuilds no table behind a migration's back: a trigger is gone because something dropped it.
            throw new InvalidOperationException(
                $"The database lacks the trigger(s) {string.Join(", ", missing)} after the migrations ran: a migration or a hand "
                + "edit dropped them (DROP TABLE … CASCADE or DROP FUNCTION … CASCADE take a table's triggers with it). Recreate "
                + "them at the end of that migration from the SQL of Postgres.PostgresIndexes (the NativeSearchCountsAndTopics "
                + "migration; the Positions_ ones from PositionIndex.PostgresCreateSql, the ActorCounts_ ones from "
                + "ActorCountTriggers.PostgresCreateSql), and recompute what they keep with PostgresIndexes.RebuildSql, "
                + "PositionIndex.PostgresRebuildSql and ActorCountTriggers.PostgresRecountSql.");
        }
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database lacks the trigger(s) {string.Join(", ", missing)} after the migrations ran. A migration probably "
                + "rebuilt their table (which drops its triggers) or dropped them for a rebuild. Recreate them at the end of that "
                + "migration: migrationBuilder.Sql(DisputeCountTriggers.CreateSql) for the DisputeCounts_ ones, "
                + "migrationBuilder.Sql(PositionIndex.CreateSql) for the Positions_ ones, "
                + "migrationBuilder.Sql(ActorCountTriggers.CreateSql) for the ActorCounts_ ones; for the "
                + "ClaimSearch_ ones, the SQL of the SearchSkipsDeletedStatements migration.");
        }
    }
}
