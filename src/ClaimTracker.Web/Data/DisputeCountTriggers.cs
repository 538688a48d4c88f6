namespace ClaimTracker.Web.Data;

/// <summary>
/// The stored dispute counts behind the claims browser's default sort ("most disputed") and its red/green indicator:
/// <c>Claims.ConflictCount</c> and <c>Claims.SupportCount</c>, kept current by SQLite triggers inside the same
/// transaction as every change to an attribution or relation, the way the full-text index <c>ClaimSearch</c> is kept,
/// so no write path (services, seeder, merge and its undo, restore, import, a test's raw SQL) can forget them.
/// <para>
/// What is counted is exactly what the sort computed per request before (on every claim, deleted or not):
/// <list type="bullet">
/// <item><b>conflicts</b>: the claim's live attributions that deny, question or doubt it
/// (<see cref="Domain.StanceRules.Challenges"/>), plus its live contradicting relations in either direction;</item>
/// <item><b>supports</b>: its live attributions that endorse it, plus live relations from another claim that supports it.</item>
/// </list>
/// "Live" means not soft-deleted, so statements and relations an editor removed, and relations a merge retired, do not
/// count; a merged claim's statements and relations count on its survivor because the merge moves the rows there.
/// Whether the claim at the other end of a relation is deleted does not matter (deleting a claim deletes its relations).
/// </para>
/// <para>
/// Each trigger recounts the claims a changed row touches rather than adding or subtracting one, so the numbers can
/// never drift: a recount costs a few index searches (benchmarked at 50,000 claims: about 0.2-0.3 ms per changed row).
/// The SQL is called from the migration that adds the columns; <see cref="CreateSql"/> can be called again by a later
/// migration: it drops and recreates the triggers and recounts every claim.
/// </para>
/// <para>
/// <b>Later migrations that rebuild a table.</b> EF Core rebuilds an SQLite table for changes ALTER TABLE cannot make
/// (altering or dropping a column, adding a foreign key): new table, copy, drop, rename. The rename fails while a trigger
/// of another table refers to the table ("error in trigger DisputeCounts_…: no such table: main.ClaimRelations"), and the
/// dropped table takes its own triggers with it. So a migration that rebuilds Claims, Attributions or ClaimRelations must
/// run <see cref="DropSql"/> first and <see cref="CreateSql"/> last (the full-text triggers need the same). One that
/// forgets the second is caught at start-up by <see cref="RequiredTriggers"/>.
/// </para>
/// </summary>
public static class DisputeCountTriggers
{
    public const string ConflictCount = "ConflictCount";
    public const string SupportCount = "SupportCount";

    /// <summary>The triggers that keep the counts, by name.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "DisputeCounts_ClaimInserted",
        "DisputeCounts_AttributionInserted",
        "DisputeCounts_AttributionUpdated",
        "DisputeCounts_AttributionDeleted",
        "DisputeCounts_RelationInserted",
        "DisputeCounts_RelationUpdated",
        "DisputeCounts_RelationDeleted",
    ];

    /// <summary>
    /// The stances stored (by enum name) that count as a conflict; the same set as <see cref="Domain.StanceRules.Challenges"/>,
    /// written out because migration SQL must not change when the C# does (a test holds the two together).
    /// </summary>
    public static readonly IReadOnlyList<string> ChallengeStances = ["Denies", "Questions", "Doubts"];

    /// <summary><see cref="ChallengeStances"/> as the SQL list of a <c>Stance IN (…)</c>, for every trigger and query that needs it.</summary>
    public static readonly string ChallengeStancesSql = SqlList(ChallengeStances);

    /// <summary>Stance names as a list of SQL string literals (fixed enum names: nothing in them to escape).</summary>
    public static string SqlList(IEnumerable<string> stances) => string.Join(", ", stances.Select(s => $"'{s}'"));

    /// <summary>Recounts the claims whose <c>Claims.Id</c> satisfies <paramref name="claimCondition"/>.</summary>
    public static string Recount(string claimCondition) => $"""
        UPDATE Claims SET
            {ConflictCount} =
                (SELECT COUNT(*) FROM Attributions AS a
                 WHERE a.ClaimId = Claims.Id AND a.IsDeleted = 0 AND a.Stance IN ({ChallengeStancesSql}))
              + (SELECT COUNT(*) FROM ClaimRelations AS r
                 WHERE r.FromClaimId = Claims.Id AND r.IsDeleted = 0 AND r.Type = 'Contradicts')
              + (SELECT COUNT(*) FROM ClaimRelations AS r
                 WHERE r.ToClaimId = Claims.Id AND r.IsDeleted = 0 AND r.Type = 'Contradicts'),
            {SupportCount} =
                (SELECT COUNT(*) FROM Attributions AS a
                 WHERE a.ClaimId = Claims.Id AND a.IsDeleted = 0 AND a.Stance = 'Endorses')
              + (SELECT COUNT(*) FROM ClaimRelations AS r
                 WHERE r.ToClaimId = Claims.Id AND r.IsDeleted = 0 AND r.Type = 'Supports')
        WHERE {claimCondition};
        """;

    /// <summary>Creates (or recreates) the triggers, then recounts every claim.</summary>
    public static string CreateSql => $"""
        {DropSql}
        CREATE TRIGGER DisputeCounts_ClaimInserted AFTER INSERT ON Claims BEGIN
            {Recount("Claims.Id = NEW.Id")}
        END;
        CREATE TRIGGER DisputeCounts_AttributionInserted AFTER INSERT ON Attributions BEGIN
            {Recount("Claims.Id = NEW.ClaimId")}
        END;
        CREATE TRIGGER DisputeCounts_AttributionUpdated AFTER UPDATE OF ClaimId, Stance, IsDeleted ON Attributions
        WHEN OLD.ClaimId IS NOT NEW.ClaimId OR OLD.Stance IS NOT NEW.Stance OR OLD.IsDeleted IS NOT NEW.IsDeleted BEGIN
            {Recount("Claims.Id IN (OLD.ClaimId, NEW.ClaimId)")}
        END;
        CREATE TRIGGER DisputeCounts_AttributionDeleted AFTER DELETE ON Attributions BEGIN
            {Recount("Claims.Id = OLD.ClaimId")}
        END;
        CREATE TRIGGER DisputeCounts_RelationInserted AFTER INSERT ON ClaimRelations BEGIN
            {Recount("Claims.Id IN (NEW.FromClaimId, NEW.ToClaimId)")}
        END;
        CREATE TRIGGER DisputeCounts_RelationUpdated AFTER UPDATE OF FromClaimId, ToClaimId, Type, IsDeleted ON ClaimRelations
        WHEN OLD.FromClaimId IS NOT NEW.FromClaimId OR OLD.ToClaimId IS NOT NEW.ToClaimId
          OR OLD.Type IS NOT NEW.Type OR OLD.IsDeleted IS NOT NEW.IsDeleted BEGIN
            {Recount("Claims.Id IN (OLD.FromClaimId, OLD.ToClaimId, NEW.FromClaimId, NEW.ToClaimId)")}
        END;
        CREATE TRIGGER DisputeCounts_RelationDeleted AFTER DELETE ON ClaimRelations BEGIN
            {Recount("Claims.Id IN (OLD.FromClaimId, OLD.ToClaimId)")}
        END;
        {Recount("1 = 1")}
        """;

    /// <summary>Drops the triggers (the columns belong to the migration's generated code).</summary>
    public static string DropSql => string.Concat(Names.Select(n => $"DROP TRIGGER IF EXISTS {n};\n"));
}
