namespace ClaimTracker.Web.Data.Postgres;

/// <summary>
/// What SQLite keeps with FTS5 and triggers, kept natively on PostgreSQL, in the same transaction as every change so that
/// no write path can forget it, under the same names so that <see cref="RequiredTriggers"/> checks both engines alike:
/// <list type="bullet">
/// <item><b>The search index</b> <c>ClaimSearch</c>: one <c>tsvector</c> per claim, with a GIN index, over the claim's text
/// and topics and the quote, speaker name and aliases of each live statement on it (what FTS5 indexes on SQLite). The text
/// search configuration <c>claimtracker_search</c> is PostgreSQL's <c>simple</c> dictionary (no stemming, no stop words)
/// after <c>unaccent</c>, as FTS5's unicode61 tokenizer folds case and removes diacritics.</item>
/// <item><b>The dispute counts</b> <c>Claims.ConflictCount</c>/<c>SupportCount</c>, recounted for the touched claims by
/// PL/pgSQL triggers with the definition of <see cref="DisputeCountTriggers"/>.</item>
/// <item><b>The topic index</b> <c>ClaimTopics</c> of <see cref="ClaimTopicIndex"/>, from the <c>text[]</c> column <c>Claims.Topics</c>.</item>
/// </list>
/// Created by the Postgres migration NativeSearchCountsAndTopics; <see cref="RebuildSql"/> recomputes all three from the
/// tables (after a bulk load with the triggers off: copy-to-postgres).
/// </summary>
public static class PostgresIndexes
{
    private static readonly string Challenges = DisputeCountTriggers.ChallengeStancesSql;

    /// <summary>
    /// Every claim's dispute counts as the triggers' <c>dispute_counts_recount</c> defines them, for all claims at once
    /// (columns <c>"Id"</c>, <c>conflicts</c>, <c>supports</c>): a few grouped scans instead of five lookups per claim.
    /// </summary>
    public static readonly string DisputeCountsSql = $"""
        WITH statements AS (
            SELECT "ClaimId" AS id, COUNT(*) FILTER (WHERE "Stance" IN ({Challenges})) AS conflicts,
                   COUNT(*) FILTER (WHERE "Stance" = 'Endorses') AS supports
            FROM "Attributions" WHERE NOT "IsDeleted" GROUP BY "ClaimId"),
        relations AS (
            SELECT ends.id, COUNT(*) FILTER (WHERE r."Type" = 'Contradicts') AS conflicts,
                   COUNT(*) FILTER (WHERE r."Type" = 'Supports' AND ends.id = r."ToClaimId") AS supports
            FROM "ClaimRelations" AS r CROSS JOIN LATERAL (VALUES (r."FromClaimId"), (r."ToClaimId")) AS ends(id)
            WHERE NOT r."IsDeleted" GROUP BY ends.id)
        SELECT c."Id", COALESCE(s.conflicts, 0) + COALESCE(r.conflicts, 0) AS conflicts, COALESCE(s.supports, 0) + COALESCE(r.supports, 0) AS supports
        FROM "Claims" AS c LEFT JOIN statements AS s ON s.id = c."Id" LEFT JOIN relations AS r ON r.id = c."Id"
        """;

    /// <summary>
    /// What the search index holds for claim <c>c</c>: its text, its topics and <paramref name="statementWords"/> (SQL for the
    /// words of its live statements, null when it has none). One definition for the triggers' function and the rebuild,
    /// so the two can never index a claim differently.
    /// </summary>
    private static string SearchVector(string statementWords) =>
        $"""to_tsvector('claimtracker_search', c."Text" || ' ' || array_to_string(c."Topics", ' ') || ' ' || COALESCE({statementWords}, ''))""";

    /// <summary>The words of statements <c>a</c> by speakers <c>ac</c>, aggregated: each quote, speaker name and aliases.</summary>
    private const string StatementWords = """string_agg(a."Quote" || ' ' || ac."Name" || ' ' || array_to_string(ac."Aliases", ' '), ' ')""";

    /// <summary>
    /// Recomputes the search index, the topic index and every claim's counts from the tables, set by set rather than claim
    /// by claim: after a bulk load with the triggers off (copy-to-postgres), a million statements' worth in a few scans.
    /// The text indexed and the counts are those of the triggers' functions (<c>claim_search_refresh</c>,
    /// <c>dispute_counts_recount</c>); counts are written only where they differ, so a load that brought correct counts
    /// rewrites no claim.
    /// </summary>
    public static readonly string RebuildSql = $"""
        TRUNCATE "ClaimSearch";
        INSERT INTO "ClaimSearch" ("ClaimId", "Body")
        SELECT c."Id", {SearchVector("s.words")}
        FROM "Claims" AS c LEFT JOIN (
            SELECT a."ClaimId", {StatementWords} AS words
            FROM "Attributions" AS a JOIN "Actors" AS ac ON ac."Id" = a."ActorId"
            WHERE NOT a."IsDeleted" GROUP BY a."ClaimId") AS s ON s."ClaimId" = c."Id";
        TRUNCATE "ClaimTopics";
        INSERT INTO "ClaimTopics" ("Topic", "ClaimId")
        SELECT DISTINCT t, c."Id" FROM "Claims" AS c, unnest(c."Topics") AS t WHERE t IS NOT NULL;
        UPDATE "Claims" AS c SET "ConflictCount" = n.conflicts, "SupportCount" = n.supports
        FROM ({DisputeCountsSql}) AS n
        WHERE n."Id" = c."Id" AND (c."ConflictCount" <> n.conflicts OR c."SupportCount" <> n.supports);
        """;

    public static readonly string CreateSql = $$"""
        CREATE EXTENSION IF NOT EXISTS unaccent;
        CREATE TEXT SEARCH CONFIGURATION claimtracker_search (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION claimtracker_search
            ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple;

        -- The search index.
        CREATE TABLE "ClaimSearch" ("ClaimId" integer PRIMARY KEY, "Body" tsvector NOT NULL);
        CREATE INDEX "IX_ClaimSearch_Body" ON "ClaimSearch" USING GIN ("Body");

        CREATE FUNCTION claim_search_refresh(claim_ids integer[]) RETURNS void LANGUAGE sql AS $fn$
            INSERT INTO "ClaimSearch" ("ClaimId", "Body")
            SELECT c."Id", {{SearchVector($"""
                (SELECT {StatementWords}
                 FROM "Attributions" AS a JOIN "Actors" AS ac ON ac."Id" = a."ActorId"
                 WHERE a."ClaimId" = c."Id" AND NOT a."IsDeleted")
                """)}}
            FROM "Claims" AS c WHERE c."Id" = ANY(claim_ids)
            ON CONFLICT ("ClaimId") DO UPDATE SET "Body" = EXCLUDED."Body";
        $fn$;

        CREATE FUNCTION claim_search_on_claim() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                DELETE FROM "ClaimSearch" WHERE "ClaimId" = OLD."Id";
            ELSE
                PERFORM claim_search_refresh(ARRAY[NEW."Id"]);
            END IF;
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "ClaimSearch_ClaimInserted" AFTER INSERT ON "Claims" FOR EACH ROW EXECUTE FUNCTION claim_search_on_claim();
        CREATE TRIGGER "ClaimSearch_ClaimUpdated" AFTER UPDATE OF "Text", "Topics" ON "Claims" FOR EACH ROW EXECUTE FUNCTION claim_search_on_claim();
        CREATE TRIGGER "ClaimSearch_ClaimDeleted" AFTER DELETE ON "Claims" FOR EACH ROW EXECUTE FUNCTION claim_search_on_claim();

        CREATE FUNCTION claim_search_on_attribution() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            CASE TG_OP
                WHEN 'INSERT' THEN PERFORM claim_search_refresh(ARRAY[NEW."ClaimId"]);
                WHEN 'UPDATE' THEN PERFORM claim_search_refresh(ARRAY[OLD."ClaimId", NEW."ClaimId"]);
                ELSE PERFORM claim_search_refresh(ARRAY[OLD."ClaimId"]);
            END CASE;
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "ClaimSearch_AttributionInserted" AFTER INSERT ON "Attributions" FOR EACH ROW EXECUTE FUNCTION claim_search_on_attribution();
        CREATE TRIGGER "ClaimSearch_AttributionUpdated" AFTER UPDATE OF "ClaimId", "ActorId", "Quote", "IsDeleted" ON "Attributions"
            FOR EACH ROW EXECUTE FUNCTION claim_search_on_attribution();
        CREATE TRIGGER "ClaimSearch_AttributionDeleted" AFTER DELETE ON "Attributions" FOR EACH ROW EXECUTE FUNCTION claim_search_on_attribution();

        CREATE FUNCTION claim_search_on_actor() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM claim_search_refresh(ARRAY(SELECT DISTINCT "ClaimId" FROM "Attributions" WHERE "ActorId" = NEW."Id"));
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "ClaimSearch_ActorRenamed" AFTER UPDATE OF "Name", "Aliases" ON "Actors" FOR EACH ROW EXECUTE FUNCTION claim_search_on_actor();

        -- The dispute counts.
        CREATE FUNCTION dispute_counts_recount(claim_ids integer[]) RETURNS void LANGUAGE sql AS $fn$
            UPDATE "Claims" AS c SET
                "ConflictCount" =
                    (SELECT COUNT(*) FROM "Attributions" AS a
                     WHERE a."ClaimId" = c."Id" AND NOT a."IsDeleted" AND a."Stance" IN ({{Challenges}}))
                  + (SELECT COUNT(*) FROM "ClaimRelations" AS r
                     WHERE r."FromClaimId" = c."Id" AND NOT r."IsDeleted" AND r."Type" = 'Contradicts')
                  + (SELECT COUNT(*) FROM "ClaimRelations" AS r
                     WHERE r."ToClaimId" = c."Id" AND NOT r."IsDeleted" AND r."Type" = 'Contradicts'),
                "SupportCount" =
                    (SELECT COUNT(*) FROM "Attributions" AS a
                     WHERE a."ClaimId" = c."Id" AND NOT a."IsDeleted" AND a."Stance" = 'Endorses')
                  + (SELECT COUNT(*) FROM "ClaimRelations" AS r
                     WHERE r."ToClaimId" = c."Id" AND NOT r."IsDeleted" AND r."Type" = 'Supports')
            WHERE c."Id" = ANY(claim_ids);
        $fn$;

        CREATE FUNCTION dispute_counts_on_claim() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM dispute_counts_recount(ARRAY[NEW."Id"]);
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "DisputeCounts_ClaimInserted" AFTER INSERT ON "Claims" FOR EACH ROW EXECUTE FUNCTION dispute_counts_on_claim();

        CREATE FUNCTION dispute_counts_on_attribution() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            CASE TG_OP
                WHEN 'INSERT' THEN PERFORM dispute_counts_recount(ARRAY[NEW."ClaimId"]);
                WHEN 'UPDATE' THEN PERFORM dispute_counts_recount(ARRAY[OLD."ClaimId", NEW."ClaimId"]);
                ELSE PERFORM dispute_counts_recount(ARRAY[OLD."ClaimId"]);
            END CASE;
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "DisputeCounts_AttributionInserted" AFTER INSERT ON "Attributions" FOR EACH ROW EXECUTE FUNCTION dispute_counts_on_attribution();
        CREATE TRIGGER "DisputeCounts_AttributionUpdated" AFTER UPDATE OF "ClaimId", "Stance", "IsDeleted" ON "Attributions" FOR EACH ROW
            WHEN (OLD."ClaimId" IS DISTINCT FROM NEW."ClaimId" OR OLD."Stance" IS DISTINCT FROM NEW."Stance" OR OLD."IsDeleted" IS DISTINCT FROM NEW."IsDeleted")
            EXECUTE FUNCTION dispute_counts_on_attribution();
        CREATE TRIGGER "DisputeCounts_AttributionDeleted" AFTER DELETE ON "Attributions" FOR EACH ROW EXECUTE FUNCTION dispute_counts_on_attribution();

        CREATE FUNCTION dispute_counts_on_relation() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            CASE TG_OP
                WHEN 'INSERT' THEN PERFORM dispute_counts_recount(ARRAY[NEW."FromClaimId", NEW."ToClaimId"]);
                WHEN 'UPDATE' THEN PERFORM dispute_counts_recount(ARRAY[OLD."FromClaimId", OLD."ToClaimId", NEW."FromClaimId", NEW."ToClaimId"]);
                ELSE PERFORM dispute_counts_recount(ARRAY[OLD."FromClaimId", OLD."ToClaimId"]);
            END CASE;
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "DisputeCounts_RelationInserted" AFTER INSERT ON "ClaimRelations" FOR EACH ROW EXECUTE FUNCTION dispute_counts_on_relation();
        CREATE TRIGGER "DisputeCounts_RelationUpdated" AFTER UPDATE OF "FromClaimId", "ToClaimId", "Type", "IsDeleted" ON "ClaimRelations" FOR EACH ROW
            WHEN (OLD."FromClaimId" IS DISTINCT FROM NEW."FromClaimId" OR OLD."ToClaimId" IS DISTINCT FROM NEW."ToClaimId"
               OR OLD."Type" IS DISTINCT FROM NEW."Type" OR OLD."IsDeleted" IS DISTINCT FROM NEW."IsDeleted")
            EXECUTE FUNCTION dispute_counts_on_relation();
        CREATE TRIGGER "DisputeCounts_RelationDeleted" AFTER DELETE ON "ClaimRelations" FOR EACH ROW EXECUTE FUNCTION dispute_counts_on_relation();

        -- The topic index.
        CREATE TABLE "ClaimTopics" ("Topic" text NOT NULL, "ClaimId" integer NOT NULL, PRIMARY KEY ("Topic", "ClaimId"));
        CREATE INDEX "IX_ClaimTopics_ClaimId" ON "ClaimTopics" ("ClaimId");

        CREATE FUNCTION claim_topics_on_claim() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                DELETE FROM "ClaimTopics" WHERE "ClaimId" = OLD."Id";
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO "ClaimTopics" ("Topic", "ClaimId")
                SELECT t, NEW."Id" FROM unnest(NEW."Topics") AS t WHERE t IS NOT NULL ON CONFLICT DO NOTHING;
            END IF;
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "ClaimTopics_ClaimInserted" AFTER INSERT ON "Claims" FOR EACH ROW EXECUTE FUNCTION claim_topics_on_claim();
        CREATE TRIGGER "ClaimTopics_ClaimUpdated" AFTER UPDATE OF "Topics" ON "Claims" FOR EACH ROW EXECUTE FUNCTION claim_topics_on_claim();
        CREATE TRIGGER "ClaimTopics_ClaimDeleted" AFTER DELETE ON "Claims" FOR EACH ROW EXECUTE FUNCTION claim_topics_on_claim();

        {{RebuildSql}}
        """;

    public const string DropSql = """
        DROP TABLE IF EXISTS "ClaimTopics";
        DROP TABLE IF EXISTS "ClaimSearch";
        DROP FUNCTION IF EXISTS claim_topics_on_claim, dispute_counts_on_relation, dispute_counts_on_attribution, dispute_counts_on_claim,
            dispute_counts_recount, claim_search_on_actor, claim_search_on_attribution, claim_search_on_claim, claim_search_refresh CASCADE;
        DROP TEXT SEARCH CONFIGURATION IF EXISTS claimtracker_search;
        """;
}
