using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Web.Data.Migrations
{
    /// <summary>
    /// Published ratings in the lists: a page's ratings are looked up by claim (ClaimId, State, IsDeleted), and the claims
    /// browser's rating filter starts from a rating's claims or tests one claim (RatingLabelId, State, ClaimId, IsDeleted),
    /// which also serves the rating's foreign key. The unique index on ClaimId stays for its rule; SQLite's planner cannot
    /// use it for the soft-delete filter EF Core writes (NOT "IsDeleted" against its filter IsDeleted = 0). Indexes only.
    /// </summary>
    public partial class VerdictRatingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Verdicts_RatingLabelId",
                table: "Verdicts");

            migrationBuilder.CreateIndex(
                name: "IX_Verdicts_ClaimId_State_IsDeleted",
                table: "Verdicts",
                columns: new[] { "ClaimId", "State", "IsDeleted" });

            migrationBuilder.CreateIndex(
                name: "IX_Verdicts_RatingLabelId_State_ClaimId_IsDeleted",
                table: "Verdicts",
                columns: new[] { "RatingLabelId", "State", "ClaimId", "IsDeleted" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Verdicts_ClaimId_State_IsDeleted",
                table: "Verdicts");

            migrationBuilder.DropIndex(
                name: "IX_Verdicts_RatingLabelId_State_ClaimId_IsDeleted",
                table: "Verdicts");

            migrationBuilder.CreateIndex(
                name: "IX_Verdicts_RatingLabelId",
                table: "Verdicts",
                column: "RatingLabelId");
        }
    }
}
