using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndexAttributionsByClaimAndActor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Attributions_ClaimId_ActorId",
                table: "Attributions",
                columns: new[] { "ClaimId", "ActorId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Attributions_ClaimId_ActorId",
                table: "Attributions");
        }
    }
}
