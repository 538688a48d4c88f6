using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// Each actor's live statements and challenges, stored and kept by triggers (<see cref="ActorCountTriggers"/>), with
    /// the index the actors list reads in order; every existing actor counted.
    /// </summary>
    public partial class ActorStatementCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ChallengeCount",
                table: "Actors",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "StatementCount",
                table: "Actors",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Actors_StatementCount_Name_Id",
                table: "Actors",
                columns: new[] { "StatementCount", "Name", "Id" },
                descending: new[] { true, false, false },
                filter: "NOT \"IsDeleted\"");

            migrationBuilder.Sql(ActorCountTriggers.PostgresCreateSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ActorCountTriggers.PostgresDropSql);

            migrationBuilder.DropIndex(
                name: "IX_Actors_StatementCount_Name_Id",
                table: "Actors");

            migrationBuilder.DropColumn(
                name: "ChallengeCount",
                table: "Actors");

            migrationBuilder.DropColumn(
                name: "StatementCount",
                table: "Actors");
        }
    }
}
