using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class StoredDisputeCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ConflictCount",
                table: "Claims",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SupportCount",
                table: "Claims",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Claims_ConflictCount_SupportCount_Id",
                table: "Claims",
                columns: new[] { "ConflictCount", "SupportCount", "Id" },
                descending: new[] { true, true, false });

            // Not generated: the triggers that keep the counts, and the count of every existing claim (see DisputeCountTriggers).
            migrationBuilder.Sql(DisputeCountTriggers.CreateSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Not generated: see DisputeCountTriggers.
            migrationBuilder.Sql(DisputeCountTriggers.DropSql);

            migrationBuilder.DropIndex(
                name: "IX_Claims_ConflictCount_SupportCount_Id",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "ConflictCount",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "SupportCount",
                table: "Claims");
        }
    }
}
