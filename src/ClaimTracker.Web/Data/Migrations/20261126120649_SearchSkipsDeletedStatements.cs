using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Web.Data.Migrations
{
    /// <summary>
    /// The claims search index leaves out deleted attributions: a statement an editor removed must not make its
    /// claim findable by its words. Same table and triggers as AddClaimSearch, with the filter added, and a full reindex.
    /// Down goes back to indexing every attribution.
    /// </summary>
    public partial class SearchSkipsDeletedStatements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DropTriggersSql + RecreateSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DropTriggersSql + PreviousSql);

        /// <summary>The indexed text of every claim whose id satisfies <paramref name="claimIdCondition"/> (SQL over <c>c.Id</c>).</summary>
        private static string Rows(string claimIdCondition) => $"""
            SELECT c.Id,
                   c.Text
                   || ' ' || COALESCE((SELECT group_concat(t.value, ' ') FROM json_each(c.Topics) AS t), '')
                   || ' ' || COALESCE((SELECT group_concat(a.Quote || ' ' || ac.Name || ' '
                                            || COALESCE((SELECT group_concat(al.value, ' ') FROM json_each(ac.Aliases) AS al), ''), ' ')
                                       FROM Attributions AS a JOIN Actors AS ac ON ac.Id = a.ActorId
                                       WHERE a.ClaimId = c.Id AND a.IsDeleted = 0), '')
            FROM Claims AS c WHERE {claimIdCondition}
            """;

        private static string Rebuild(string claimIdCondition) => $"""
            DELETE FROM ClaimSearch WHERE rowid IN (SELECT c.Id FROM Claims AS c WHERE {claimIdCondition});
            INSERT INTO ClaimSearch(rowid, body) {Rows(claimIdCondition)};
            """;

        private static readonly string RecreateSql = $"""
            DROP TABLE ClaimSearch;
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

        private static readonly string DropTriggersSql = $"""
            DROP TRIGGER IF EXISTS ClaimSearch_ClaimInserted;
            DROP TRIGGER IF EXISTS ClaimSearch_ClaimUpdated;
            DROP TRIGGER IF EXISTS ClaimSearch_ClaimDeleted;
            DROP TRIGGER IF EXISTS ClaimSearch_AttributionInserted;
            DROP TRIGGER IF EXISTS ClaimSearch_AttributionUpdated;
            DROP TRIGGER IF EXISTS ClaimSearch_AttributionDeleted;
            DROP TRIGGER IF EXISTS ClaimSearch_ActorRenamed;

            """;

        // The AddClaimSearch definition, for Down.
        private static readonly string PreviousSql = RecreateSql.Replace(" AND a.IsDeleted = 0", "", System.StringComparison.Ordinal);
    }
}
