namespace ClaimTracker.Web.Data;

/// <summary>
/// Each actor's live statements, counted: <c>Actors.StatementCount</c> and, of those, the ones that challenge their claim
/// (<c>Actors.ChallengeCount</c>), kept by triggers in the same transaction as every change to a statement, the way the
/// dispute counts of claims are (<see cref="DisputeCountTriggers"/>), so no write path can forget them.
/// <para>
/// The actors list, the overview's "most cited", the actor filter's offers and the actors export all order actors by
/// their number of statements. Counted per request, that read every statement of the record (about 190 ms at a million
/// statements for any page of actors, and again for every few letters typed into an actor filter). With the counts
/// stored, a page of actors is the first entries of the index <c>IX_Actors_StatementCount_Name_Id</c>.
/// </para>
/// <para>
/// Unlike the dispute counts, the triggers add and subtract rather than recount: a recount of the busiest actor (37,000
/// statements at a million) cost every write of their statements 2.7 ms (scripts/perf/trigger-write-cost.py). A statement
/// counts while it is not deleted; one that moves to another speaker leaves the first actor's counts and joins the
/// other's. A new actor is counted outright, and the migration and copy-to-postgres recount every actor, so numbers
/// written by hand or loaded with the triggers off are put right. On SQLite a migration that rebuilds Actors or
/// Attributions must run <see cref="DropSql"/> first and <see cref="CreateSql"/> last (which recounts); start-up checks
/// (<see cref="RequiredTriggers"/>). PostgreSQL has the same triggers by name (<see cref="PostgresCreateSql"/>).
/// </para>
/// </summary>
public static class ActorCountTriggers
{
    public const string StatementCount = "StatementCount";
    public const string ChallengeCount = "ChallengeCount";

    public static readonly IReadOnlyList<string> Names =
    [
        "ActorCounts_ActorInserted",
        "ActorCounts_AttributionInserted",
        "ActorCounts_AttributionUpdated",
        "ActorCounts_AttributionDeleted",
    ];

    private static readonly string Challenges = DisputeCountTriggers.ChallengeStancesSql;

    /// <summary>Recounts the actors whose <c>Actors.Id</c> satisfies <paramref name="actorCondition"/> (SQLite): a new actor, and all of them once.</summary>
    private static string Recount(string actorCondition) => $"""
        UPDATE Actors SET
            {StatementCount} = (SELECT COUNT(*) FROM Attributions AS a WHERE a.ActorId = Actors.Id AND a.IsDeleted = 0),
            {ChallengeCount} = (SELECT COUNT(*) FROM Attributions AS a WHERE a.ActorId = Actors.Id AND a.IsDeleted = 0 AND a.Stance IN ({Challenges}))
        WHERE {actorCondition};
        """;

    /// <summary>Adds <paramref name="sign"/>1 to the counts of the actor of statement <paramref name="row"/> (NEW or OLD), if it is live (SQLite).</summary>
    private static string Add(string row, char sign) => $"""
        UPDATE Actors SET
            {StatementCount} = {StatementCount} {sign} 1,
            {ChallengeCount} = {ChallengeCount} {sign} ({row}.Stance IN ({Challenges}))
        WHERE Id = {row}.ActorId AND {row}.IsDeleted = 0;
        """;

    /// <summary>Creates (or recreates) the SQLite triggers, then recounts every actor.</summary>
    public static string CreateSql => $"""
        {DropSql}
        CREATE TRIGGER ActorCounts_ActorInserted AFTER INSERT ON Actors BEGIN
            {Recount("Actors.Id = NEW.Id")}
        END;
        CREATE TRIGGER ActorCounts_AttributionInserted AFTER INSERT ON Attributions BEGIN
            {Add("NEW", '+')}
        END;
        CREATE TRIGGER ActorCounts_AttributionUpdated AFTER UPDATE OF ActorId, Stance, IsDeleted ON Attributions
        WHEN OLD.ActorId IS NOT NEW.ActorId OR OLD.Stance IS NOT NEW.Stance OR OLD.IsDeleted IS NOT NEW.IsDeleted BEGIN
            {Add("OLD", '-')}
            {Add("NEW", '+')}
        END;
        CREATE TRIGGER ActorCounts_AttributionDeleted AFTER DELETE ON Attributions BEGIN
            {Add("OLD", '-')}
        END;
        {Recount("1 = 1")}
        """;

    /// <summary>Drops the SQLite triggers (the columns belong to the migration's generated code).</summary>
    public static string DropSql => string.Concat(Names.Select(n => $"DROP TRIGGER IF EXISTS {n};\n"));

    /// <summary>
    /// Every actor's counts worked out from the statements at once, written only where they differ (PostgreSQL: after a
    /// bulk load with the triggers off, and by the migration that adds the columns).
    /// </summary>
    public static readonly string PostgresRecountSql = $"""
        UPDATE "Actors" AS ac SET "{StatementCount}" = COALESCE(n.statements, 0), "{ChallengeCount}" = COALESCE(n.challenges, 0)
        FROM "Actors" AS x LEFT JOIN (
            SELECT "ActorId", COUNT(*) AS statements, COUNT(*) FILTER (WHERE "Stance" IN ({Challenges})) AS challenges
            FROM "Attributions" WHERE NOT "IsDeleted" GROUP BY "ActorId") AS n ON n."ActorId" = x."Id"
        WHERE x."Id" = ac."Id"
          AND (ac."{StatementCount}" <> COALESCE(n.statements, 0) OR ac."{ChallengeCount}" <> COALESCE(n.challenges, 0));
        """;

    /// <summary>The same triggers on PostgreSQL, then every actor recounted.</summary>
    public static readonly string PostgresCreateSql = $$"""
        CREATE FUNCTION actor_counts_recount(actor_ids integer[]) RETURNS void LANGUAGE sql AS $fn$
            UPDATE "Actors" AS ac SET
                "{{StatementCount}}" = (SELECT COUNT(*) FROM "Attributions" AS a WHERE a."ActorId" = ac."Id" AND NOT a."IsDeleted"),
                "{{ChallengeCount}}" = (SELECT COUNT(*) FROM "Attributions" AS a
                                        WHERE a."ActorId" = ac."Id" AND NOT a."IsDeleted" AND a."Stance" IN ({{Challenges}}))
            WHERE ac."Id" = ANY(actor_ids);
        $fn$;

        CREATE FUNCTION actor_counts_on_actor() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM actor_counts_recount(ARRAY[NEW."Id"]);
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "ActorCounts_ActorInserted" AFTER INSERT ON "Actors" FOR EACH ROW EXECUTE FUNCTION actor_counts_on_actor();

        CREATE FUNCTION actor_counts_on_attribution() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') AND NOT OLD."IsDeleted" THEN
                UPDATE "Actors" SET "{{StatementCount}}" = "{{StatementCount}}" - 1,
                    "{{ChallengeCount}}" = "{{ChallengeCount}}" - (CASE WHEN OLD."Stance" IN ({{Challenges}}) THEN 1 ELSE 0 END)
                WHERE "Id" = OLD."ActorId";
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') AND NOT NEW."IsDeleted" THEN
                UPDATE "Actors" SET "{{StatementCount}}" = "{{StatementCount}}" + 1,
                    "{{ChallengeCount}}" = "{{ChallengeCount}}" + (CASE WHEN NEW."Stance" IN ({{Challenges}}) THEN 1 ELSE 0 END)
                WHERE "Id" = NEW."ActorId";
            END IF;
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "ActorCounts_AttributionInserted" AFTER INSERT ON "Attributions" FOR EACH ROW EXECUTE FUNCTION actor_counts_on_attribution();
        CREATE TRIGGER "ActorCounts_AttributionUpdated" AFTER UPDATE OF "ActorId", "Stance", "IsDeleted" ON "Attributions" FOR EACH ROW
            WHEN (OLD."ActorId" IS DISTINCT FROM NEW."ActorId" OR OLD."Stance" IS DISTINCT FROM NEW."Stance" OR OLD."IsDeleted" IS DISTINCT FROM NEW."IsDeleted")
            EXECUTE FUNCTION actor_counts_on_attribution();
        CREATE TRIGGER "ActorCounts_AttributionDeleted" AFTER DELETE ON "Attributions" FOR EACH ROW EXECUTE FUNCTION actor_counts_on_attribution();

        {{PostgresRecountSql}}
        """;

    public const string PostgresDropSql = """
        DROP FUNCTION IF EXISTS actor_counts_on_attribution, actor_counts_on_actor, actor_counts_recount CASCADE;
        """;
}
