namespace ClaimTracker.Web.Data;

/// <summary>
/// The position index behind the consistency ranking (<see cref="Features.Positions.ConsistencyService"/>): the two kinds
/// of candidate reversal, kept as the record changes instead of found by reading every statement on each request (1.1 s
/// at a million statements, on the first request after every write).
/// <list type="bullet">
/// <item><b><c>MixedPositions</c></b> (ActorId, ClaimId): the actor has live statements on both sides of the claim, at
/// least one backing it (<see cref="BackingStances"/>) and one challenging it (<see cref="DisputeCountTriggers.ChallengeStances"/>).</item>
/// <item><b><c>BackedRivals</c></b> (ActorId, FromClaimId, ToClaimId): a live "contradicts" relation from one claim to
/// the other, and the actor backs both with live statements.</item>
/// </list>
/// Kept by triggers on Attributions and ClaimRelations in the same transaction as every change, as the dispute counts
/// are, so no write path (services, seeder, merge and its undo, restore, import, a test's raw SQL) can forget them. Each
/// trigger works out again the rows of the (actor, claim) or pair of claims that the changed row touches, never adds or
/// subtracts, so the index cannot drift: a few index searches per changed statement, one per relation of its claim.
/// <para>
/// Whether a claim is deleted does not matter here, as it does not for the statements the ranking read before: deleting a
/// claim deletes its statements and relations. On SQLite, a migration that rebuilds Attributions or ClaimRelations must run
/// <see cref="DropTriggersSql"/> first and <see cref="CreateSql"/> last, as for the dispute counts; start-up checks
/// (<see cref="RequiredTriggers"/>). PostgreSQL keeps the same tables with the same trigger names (<see cref="PostgresCreateSql"/>).
/// </para>
/// </summary>
public static class PositionIndex
{
    public static readonly IReadOnlyList<string> Names =
    [
        "Positions_AttributionInserted",
        "Positions_AttributionUpdated",
        "Positions_AttributionDeleted",
        "Positions_RelationInserted",
        "Positions_RelationUpdated",
        "Positions_RelationDeleted",
    ];

    /// <summary>
    /// The stances stored (by enum name) that back a claim; written out, as <see cref="DisputeCountTriggers.ChallengeStances"/>
    /// is, because migration SQL must not change when the C# does (a test holds it to the consistency rules).
    /// </summary>
    public static readonly IReadOnlyList<string> BackingStances = ["Asserts", "Endorses"];

    /// <summary><see cref="BackingStances"/> as the SQL list of a <c>Stance IN (…)</c>.</summary>
    public static readonly string BackingStancesSql = DisputeCountTriggers.SqlList(BackingStances);

    private static readonly string Backing = BackingStancesSql;
    private static readonly string Challenging = DisputeCountTriggers.ChallengeStancesSql;

    // ---- SQLite ----

    /// <summary>Whether actor <paramref name="actor"/> has a live statement on claim <paramref name="claim"/> with one of <paramref name="stances"/>.</summary>
    private static string Holds(string actor, string claim, string stances) =>
        $"EXISTS (SELECT 1 FROM Attributions AS s WHERE s.ClaimId = {claim} AND s.ActorId = {actor} AND s.Stance IN ({stances}) AND s.IsDeleted = 0)";

    /// <summary>The rows of actor <paramref name="a"/> and claim <paramref name="c"/> (trigger expressions), worked out again.</summary>
    private static string RedoPosition(string a, string c) => $"""
        DELETE FROM MixedPositions WHERE ActorId = {a} AND ClaimId = {c};
        INSERT INTO MixedPositions (ActorId, ClaimId) SELECT {a}, {c} WHERE {Holds(a, c, Backing)} AND {Holds(a, c, Challenging)};
        DELETE FROM BackedRivals WHERE ActorId = {a} AND (FromClaimId = {c} OR ToClaimId = {c});
        INSERT OR IGNORE INTO BackedRivals (ActorId, FromClaimId, ToClaimId)
        SELECT {a}, r.FromClaimId, r.ToClaimId FROM ClaimRelations AS r
        WHERE r.FromClaimId = {c} AND r.Type = 'Contradicts' AND r.IsDeleted = 0 AND {Holds(a, c, Backing)} AND {Holds(a, "r.ToClaimId", Backing)}
        UNION
        SELECT {a}, r.FromClaimId, r.ToClaimId FROM ClaimRelations AS r
        WHERE r.ToClaimId = {c} AND r.Type = 'Contradicts' AND r.IsDeleted = 0 AND {Holds(a, c, Backing)} AND {Holds(a, "r.FromClaimId", Backing)};
        """;

    /// <summary>The rows of the pair of claims <paramref name="from"/> → <paramref name="to"/> (trigger expressions), worked out again.</summary>
    private static string RedoPair(string from, string to) => $"""
        DELETE FROM BackedRivals WHERE FromClaimId = {from} AND ToClaimId = {to};
        INSERT OR IGNORE INTO BackedRivals (ActorId, FromClaimId, ToClaimId)
        SELECT DISTINCT x.ActorId, {from}, {to} FROM Attributions AS x
        WHERE x.ClaimId = {from} AND x.Stance IN ({Backing}) AND x.IsDeleted = 0 AND {Holds("x.ActorId", to, Backing)}
          AND EXISTS (SELECT 1 FROM ClaimRelations AS r
                      WHERE r.FromClaimId = {from} AND r.ToClaimId = {to} AND r.Type = 'Contradicts' AND r.IsDeleted = 0);
        """;

    /// <summary>Creates the tables if missing and (re)creates the triggers, then works out every row from the record.</summary>
    public static string CreateSql => $"""
        {DropTriggersSql}
        CREATE TABLE IF NOT EXISTS MixedPositions (
            ActorId INTEGER NOT NULL,
            ClaimId INTEGER NOT NULL,
            PRIMARY KEY (ActorId, ClaimId)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS IX_MixedPositions_ClaimId ON MixedPositions (ClaimId);
        CREATE TABLE IF NOT EXISTS BackedRivals (
            ActorId INTEGER NOT NULL,
            FromClaimId INTEGER NOT NULL,
            ToClaimId INTEGER NOT NULL,
            PRIMARY KEY (ActorId, FromClaimId, ToClaimId)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS IX_BackedRivals_ActorId_ToClaimId ON BackedRivals (ActorId, ToClaimId);
        CREATE INDEX IF NOT EXISTS IX_BackedRivals_FromClaimId_ToClaimId ON BackedRivals (FromClaimId, ToClaimId);
        CREATE INDEX IF NOT EXISTS IX_BackedRivals_ToClaimId ON BackedRivals (ToClaimId);
        CREATE TRIGGER Positions_AttributionInserted AFTER INSERT ON Attributions BEGIN
            {RedoPosition("NEW.ActorId", "NEW.ClaimId")}
        END;
        CREATE TRIGGER Positions_AttributionUpdated AFTER UPDATE OF ActorId, ClaimId, Stance, IsDeleted ON Attributions
        WHEN OLD.ActorId IS NOT NEW.ActorId OR OLD.ClaimId IS NOT NEW.ClaimId OR OLD.Stance IS NOT NEW.Stance OR OLD.IsDeleted IS NOT NEW.IsDeleted BEGIN
            {RedoPosition("OLD.ActorId", "OLD.ClaimId")}
            {RedoPosition("NEW.ActorId", "NEW.ClaimId")}
        END;
        CREATE TRIGGER Positions_AttributionDeleted AFTER DELETE ON Attributions BEGIN
            {RedoPosition("OLD.ActorId", "OLD.ClaimId")}
        END;
        CREATE TRIGGER Positions_RelationInserted AFTER INSERT ON ClaimRelations BEGIN
            {RedoPair("NEW.FromClaimId", "NEW.ToClaimId")}
        END;
        CREATE TRIGGER Positions_RelationUpdated AFTER UPDATE OF FromClaimId, ToClaimId, Type, IsDeleted ON ClaimRelations
        WHEN OLD.FromClaimId IS NOT NEW.FromClaimId OR OLD.ToClaimId IS NOT NEW.ToClaimId
          OR OLD.Type IS NOT NEW.Type OR OLD.IsDeleted IS NOT NEW.IsDeleted BEGIN
            {RedoPair("OLD.FromClaimId", "OLD.ToClaimId")}
            {RedoPair("NEW.FromClaimId", "NEW.ToClaimId")}
        END;
        CREATE TRIGGER Positions_RelationDeleted AFTER DELETE ON ClaimRelations BEGIN
            {RedoPair("OLD.FromClaimId", "OLD.ToClaimId")}
        END;
        {RebuildSql("")}
        """;

    /// <summary>Drops the triggers (before a table rebuild); the tables stay, and <see cref="CreateSql"/> refills them.</summary>
    public static string DropTriggersSql => string.Concat(Names.Select(n => $"DROP TRIGGER IF EXISTS {n};\n"));

    /// <summary>Drops the triggers and the tables.</summary>
    public static string DropSql => DropTriggersSql + "DROP TABLE IF EXISTS MixedPositions;\nDROP TABLE IF EXISTS BackedRivals;\n";

    /// <summary>
    /// Every row worked out from the record at once: the statements grouped by (claim, actor) through their index, and the
    /// live contradictions with the actors who back both ends. Written for both engines (<paramref name="falseValue"/> is
    /// how "not deleted" is said: <c>0</c> on SQLite, <c>false</c> on PostgreSQL), so they index the same record alike.
    /// </summary>
    private static string RebuildSql(string quote, string falseValue = "0") => RebuildTemplate
        .Replace("{q}", quote, StringComparison.Ordinal)
        .Replace("{false}", falseValue, StringComparison.Ordinal)
        .Replace("{backing}", Backing, StringComparison.Ordinal)
        .Replace("{challenging}", Challenging, StringComparison.Ordinal);

    private const string RebuildTemplate = """
        DELETE FROM {q}MixedPositions{q};
        INSERT INTO {q}MixedPositions{q} ({q}ActorId{q}, {q}ClaimId{q})
        SELECT a.{q}ActorId{q}, a.{q}ClaimId{q} FROM {q}Attributions{q} AS a
        WHERE a.{q}IsDeleted{q} = {false}
        GROUP BY a.{q}ClaimId{q}, a.{q}ActorId{q}
        HAVING COUNT(CASE WHEN a.{q}Stance{q} IN ({backing}) THEN 1 END) > 0
           AND COUNT(CASE WHEN a.{q}Stance{q} IN ({challenging}) THEN 1 END) > 0;
        DELETE FROM {q}BackedRivals{q};
        INSERT INTO {q}BackedRivals{q} ({q}ActorId{q}, {q}FromClaimId{q}, {q}ToClaimId{q})
        SELECT DISTINCT x.{q}ActorId{q}, r.{q}FromClaimId{q}, r.{q}ToClaimId{q}
        FROM {q}ClaimRelations{q} AS r CROSS JOIN {q}Attributions{q} AS x
        WHERE r.{q}Type{q} = 'Contradicts' AND r.{q}IsDeleted{q} = {false}
          AND x.{q}ClaimId{q} = r.{q}FromClaimId{q} AND x.{q}Stance{q} IN ({backing}) AND x.{q}IsDeleted{q} = {false}
          AND EXISTS (SELECT 1 FROM {q}Attributions{q} AS y
                      WHERE y.{q}ClaimId{q} = r.{q}ToClaimId{q} AND y.{q}ActorId{q} = x.{q}ActorId{q}
                        AND y.{q}Stance{q} IN ({backing}) AND y.{q}IsDeleted{q} = {false});
        """;

    // ---- PostgreSQL ----

    /// <summary>Every row of both tables worked out from the record (after a bulk load with the triggers off: copy-to-postgres).</summary>
    public static string PostgresRebuildSql => RebuildSql("\"", "false");

    /// <summary>The same tables and triggers on PostgreSQL, as PL/pgSQL functions called by triggers of the same names.</summary>
    public static string PostgresCreateSql => $$"""
        CREATE TABLE "MixedPositions" ("ActorId" integer NOT NULL, "ClaimId" integer NOT NULL, PRIMARY KEY ("ActorId", "ClaimId"));
        CREATE INDEX "IX_MixedPositions_ClaimId" ON "MixedPositions" ("ClaimId");
        CREATE TABLE "BackedRivals" ("ActorId" integer NOT NULL, "FromClaimId" integer NOT NULL, "ToClaimId" integer NOT NULL,
            PRIMARY KEY ("ActorId", "FromClaimId", "ToClaimId"));
        CREATE INDEX "IX_BackedRivals_ActorId_ToClaimId" ON "BackedRivals" ("ActorId", "ToClaimId");
        CREATE INDEX "IX_BackedRivals_FromClaimId_ToClaimId" ON "BackedRivals" ("FromClaimId", "ToClaimId");
        CREATE INDEX "IX_BackedRivals_ToClaimId" ON "BackedRivals" ("ToClaimId");

        CREATE FUNCTION positions_holds(actor_id integer, claim_id integer, stances text[]) RETURNS boolean LANGUAGE sql STABLE AS $fn$
            SELECT EXISTS (SELECT 1 FROM "Attributions" AS s
                           WHERE s."ClaimId" = claim_id AND s."ActorId" = actor_id AND s."Stance" = ANY(stances) AND NOT s."IsDeleted");
        $fn$;

        CREATE FUNCTION positions_redo_position(actor_id integer, claim_id integer) RETURNS void LANGUAGE plpgsql AS $fn$
        DECLARE
            backs boolean := positions_holds(actor_id, claim_id, ARRAY[{{Backing}}]);
        BEGIN
            DELETE FROM "MixedPositions" WHERE "ActorId" = actor_id AND "ClaimId" = claim_id;
            IF backs AND positions_holds(actor_id, claim_id, ARRAY[{{Challenging}}]) THEN
                INSERT INTO "MixedPositions" ("ActorId", "ClaimId") VALUES (actor_id, claim_id);
            END IF;
            DELETE FROM "BackedRivals" WHERE "ActorId" = actor_id AND ("FromClaimId" = claim_id OR "ToClaimId" = claim_id);
            IF backs THEN
                INSERT INTO "BackedRivals" ("ActorId", "FromClaimId", "ToClaimId")
                SELECT actor_id, r."FromClaimId", r."ToClaimId" FROM "ClaimRelations" AS r
                WHERE r."Type" = 'Contradicts' AND NOT r."IsDeleted" AND (r."FromClaimId" = claim_id OR r."ToClaimId" = claim_id)
                  AND positions_holds(actor_id, CASE WHEN r."FromClaimId" = claim_id THEN r."ToClaimId" ELSE r."FromClaimId" END, ARRAY[{{Backing}}])
                ON CONFLICT DO NOTHING;
            END IF;
        END $fn$;

        CREATE FUNCTION positions_redo_pair(from_id integer, to_id integer) RETURNS void LANGUAGE plpgsql AS $fn$
        BEGIN
            DELETE FROM "BackedRivals" WHERE "FromClaimId" = from_id AND "ToClaimId" = to_id;
            IF EXISTS (SELECT 1 FROM "ClaimRelations" AS r
                       WHERE r."FromClaimId" = from_id AND r."ToClaimId" = to_id AND r."Type" = 'Contradicts' AND NOT r."IsDeleted") THEN
                INSERT INTO "BackedRivals" ("ActorId", "FromClaimId", "ToClaimId")
                SELECT DISTINCT x."ActorId", from_id, to_id FROM "Attributions" AS x
                WHERE x."ClaimId" = from_id AND x."Stance" IN ({{Backing}}) AND NOT x."IsDeleted"
                  AND positions_holds(x."ActorId", to_id, ARRAY[{{Backing}}])
                ON CONFLICT DO NOTHING;
            END IF;
        END $fn$;

        CREATE FUNCTION positions_on_attribution() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                PERFORM positions_redo_position(OLD."ActorId", OLD."ClaimId");
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                PERFORM positions_redo_position(NEW."ActorId", NEW."ClaimId");
            END IF;
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "Positions_AttributionInserted" AFTER INSERT ON "Attributions" FOR EACH ROW EXECUTE FUNCTION positions_on_attribution();
        CREATE TRIGGER "Positions_AttributionUpdated" AFTER UPDATE OF "ActorId", "ClaimId", "Stance", "IsDeleted" ON "Attributions" FOR EACH ROW
            WHEN (OLD."ActorId" IS DISTINCT FROM NEW."ActorId" OR OLD."ClaimId" IS DISTINCT FROM NEW."ClaimId"
               OR OLD."Stance" IS DISTINCT FROM NEW."Stance" OR OLD."IsDeleted" IS DISTINCT FROM NEW."IsDeleted")
            EXECUTE FUNCTION positions_on_attribution();
        CREATE TRIGGER "Positions_AttributionDeleted" AFTER DELETE ON "Attributions" FOR EACH ROW EXECUTE FUNCTION positions_on_attribution();

        CREATE FUNCTION positions_on_relation() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                PERFORM positions_redo_pair(OLD."FromClaimId", OLD."ToClaimId");
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                PERFORM positions_redo_pair(NEW."FromClaimId", NEW."ToClaimId");
            END IF;
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "Positions_RelationInserted" AFTER INSERT ON "ClaimRelations" FOR EACH ROW EXECUTE FUNCTION positions_on_relation();
        CREATE TRIGGER "Positions_RelationUpdated" AFTER UPDATE OF "FromClaimId", "ToClaimId", "Type", "IsDeleted" ON "ClaimRelations" FOR EACH ROW
            WHEN (OLD."FromClaimId" IS DISTINCT FROM NEW."FromClaimId" OR OLD."ToClaimId" IS DISTINCT FROM NEW."ToClaimId"
               OR OLD."Type" IS DISTINCT FROM NEW."Type" OR OLD."IsDeleted" IS DISTINCT FROM NEW."IsDeleted")
            EXECUTE FUNCTION positions_on_relation();
        CREATE TRIGGER "Positions_RelationDeleted" AFTER DELETE ON "ClaimRelations" FOR EACH ROW EXECUTE FUNCTION positions_on_relation();

        {{PostgresRebuildSql}}
        """;

    public const string PostgresDropSql = """
        DROP TABLE IF EXISTS "MixedPositions";
        DROP TABLE IF EXISTS "BackedRivals";
        DROP FUNCTION IF EXISTS positions_on_relation, positions_on_attribution, positions_redo_pair, positions_redo_position, positions_holds CASCADE;
        """;
}
