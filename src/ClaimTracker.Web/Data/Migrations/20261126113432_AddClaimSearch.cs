using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Web.Data.Migrations
{
    /// <summary>
    /// The full-text index behind the claims search: an SQLite FTS5 table, <c>ClaimSearch</c>, one row per claim
    /// (rowid = claim id) holding the claim's text, its topics, and every quote about it with the speaker's name and
    /// aliases. Triggers keep it current inside the same transaction as each change, so no code path can forget it.
    /// Like every migration, this SQL is frozen: a change to what is indexed is a new migration.
    /// </summary>
    public partial class AddClaimSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(CreateSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DropSql);

        /// <summary>The indexed text of every claim whose id satisfies <paramref name="claimIdCondition"/> (SQL over <c>c.Id</c>).</summary>
        private static string Rows(string claimIdCondition) => $"""
            SELECT c.Id,
                   c.Text
                   || ' ' || COALESCE((SELECT group_concat(t.value, ' ') FROM json_each(c.Topics) AS t), '')
                   || ' ' || COALESCE((SELECT group_concat(a.Quote || ' ' || ac.Name || ' '
                                            || COALESCE((SELECT group_concat(al.value, ' ') FROM json_each(ac.Aliases) AS al), ''), ' ')
                                       FROM Attributions AS a JOIN Actors AS ac ON ac.Id = a.ActorId
                                       WHERE a.ClaimId = c.Id), '')
            FROM Claims AS c WHERE {claimIdCondition}
            """;

        private static string Rebuild(string claimIdCondition) => $"""
            DELETE FROM ClaimSearch WHERE rowid IN (SELECT c.Id FROM Claims AS c WHERE {claimIdCondition});
            INSERT INTO ClaimSearch(rowid, body) {Rows(claimIdCondition)};
            """;

        private static readonly string CreateSql = $"""
            CREATE VIRTUAL TABLE ClaimSearch USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
            INSERT INTO ClaimSearch(rowid, body) {Rows("1 = 1")};
    
            CREATE TRIGGER ClaimSearch_ClaimInserted AFTER INSERT ON Claims BEGIN
                {Rebuild("c.Id = NEW.Id")}
            END;
            CREATE TRIGGER ClaimSearch_ClaimUpdated AFTER UPDATE OF Text, Topics ON Claims BEGIN
                {Rebuild("c.Id = NEW.Id")}
            END;
            CREATE TRIGGER ClaimSearch_ClaimDeleted AFTER DELETE ON Claims BEGIN
                DELETE FROM ClaimSearch WHERE rowid = OLD.Id;
            END;
            CREATE TRIGGER ClaimSearch_AttributionInserted AFTER INSERT ON Attributions BEGIN
                {Rebuild("c.Id = NEW.ClaimId")}
            END;
            CREATE TRIGGER ClaimSearch_AttributionUpdated AFTER UPDATE ON Attributions BEGIN
                {Rebuild("c.Id IN (OLD.ClaimId, NEW.ClaimId)")}
            END;
            CREATE TRIGGER ClaimSearch_AttributionDeleted AFTER DELETE ON Attributions BEGIN
                {Rebuild("c.Id = OLD.ClaimId")}
            END;
            CREATE TRIGGER ClaimSearch_ActorRenamed AFTER UPDATE OF Name, Aliases ON Actors BEGIN
                {Rebuild("c.Id IN (SELECT ClaimId FROM Attributions WHERE ActorId = NEW.Id)")}
            END;
            """;

        private static readonly string DropSql = $"""
            DROP TRIGGER IF EXISTS ClaimSearch_ClaimInserted;
            DROP TRIGGER IF EXISTS ClaimSearch_ClaimUpdated;
            DROP TRIGGER IF EXISTS ClaimSearch_ClaimDeleted;
            DROP TRIGGER IF EXISTS ClaimSearch_AttributionInserted;
            DROP TRIGGER IF EXISTS ClaimSearch_AttributionUpdated;
            DROP TRIGGER IF EXISTS ClaimSearch_AttributionDeleted;
            DROP TRIGGER IF EXISTS ClaimSearch_ActorRenamed;
            DROP TABLE IF EXISTS ClaimSearch;
            """;
    }
}
