namespace ClaimTracker.Web.Data;

/// <summary>
/// The topic index: one row per (topic, claim) in the table <c>ClaimTopics</c>, kept by SQLite triggers from the JSON
/// array <c>Claims.Topics</c> in the same transaction as every change to a claim, as the full-text index and the dispute
/// counts are kept. A claim's topics are a JSON column (EF Core maps a list of strings so), which SQLite cannot index:
/// filtering the claims browser by a rare topic, or listing the topics in use, had to open every claim's JSON (hundreds
/// of milliseconds at 250,000 claims). With the index, the claims of a topic are one range of a primary key, and the
/// topics in use are found by skipping from one to the next.
/// <para>
/// It holds the topics of every claim, deleted or not, as <c>Claims.Topics</c> does; readers join the claims to leave
/// deleted ones out. Like the other triggers on Claims, these go if a migration rebuilds the table; such a migration
/// must run <see cref="CreateSql"/> at its end (start-up checks, see <see cref="RequiredTriggers"/>).
/// </para>
/// </summary>
public static class ClaimTopicIndex
{
    public static readonly IReadOnlyList<string> Names =
    [
        "ClaimTopics_ClaimInserted",
        "ClaimTopics_ClaimUpdated",
        "ClaimTopics_ClaimDeleted",
    ];

    /// <summary>The topics of the claim <paramref name="claim"/> (<c>NEW</c> or <c>OLD</c> in a trigger, or a table alias).</summary>
    private static string TopicsOf(string claim) =>
        $"INSERT OR IGNORE INTO ClaimTopics (Topic, ClaimId) SELECT t.value, {claim}.Id FROM json_each({claim}.Topics) AS t WHERE t.type = 'text';";

    /// <summary>Creates (or recreates) the table, its triggers and its rows for every existing claim.</summary>
    public static string CreateSql => $"""
        {DropSql}
        CREATE TABLE ClaimTopics (
            Topic TEXT NOT NULL,
            ClaimId INTEGER NOT NULL,
            PRIMARY KEY (Topic, ClaimId)
        ) WITHOUT ROWID;
        CREATE INDEX IX_ClaimTopics_ClaimId ON ClaimTopics (ClaimId);
        CREATE TRIGGER ClaimTopics_ClaimInserted AFTER INSERT ON Claims BEGIN
            {TopicsOf("NEW")}
        END;
        CREATE TRIGGER ClaimTopics_ClaimUpdated AFTER UPDATE OF Topics ON Claims BEGIN
            DELETE FROM ClaimTopics WHERE ClaimId = OLD.Id;
            {TopicsOf("NEW")}
        END;
        CREATE TRIGGER ClaimTopics_ClaimDeleted AFTER DELETE ON Claims BEGIN
            DELETE FROM ClaimTopics WHERE ClaimId = OLD.Id;
        END;
        INSERT OR IGNORE INTO ClaimTopics (Topic, ClaimId) SELECT t.value, c.Id FROM Claims AS c, json_each(c.Topics) AS t WHERE t.type = 'text';
        """;

    public static string DropSql => string.Concat(Names.Select(n => $"DROP TRIGGER IF EXISTS {n};\n")) + "DROP TABLE IF EXISTS ClaimTopics;\n";

    /// <summary>
    /// The distinct topics in use, in order, by one index seek per topic (a loose index scan: SQLite would otherwise
    /// read every row of the index to find the few dozen distinct values).
    /// The same SQL on SQLite and PostgreSQL (whose topic index is the same table, see <see cref="Postgres.PostgresIndexes"/>).
    /// </summary>
    public const string DistinctTopicsSql = """
        WITH RECURSIVE topic("Value") AS (
            SELECT MIN("Topic") FROM "ClaimTopics"
            UNION ALL
            SELECT (SELECT MIN("Topic") FROM "ClaimTopics" WHERE "Topic" > topic."Value") FROM topic WHERE topic."Value" IS NOT NULL)
        SELECT "Value" FROM topic WHERE "Value" IS NOT NULL
        """;
}
