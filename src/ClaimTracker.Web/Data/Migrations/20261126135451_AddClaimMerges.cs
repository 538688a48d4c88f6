using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddClaimMerges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Claims",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ClaimMerges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SurvivorId = table.Column<int>(type: "INTEGER", nullable: false),
                    MergedId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Rows = table.Column<string>(type: "TEXT", nullable: false),
                    UndoneAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    UndoneBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimMerges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClaimMerges_Claims_MergedId",
                        column: x => x.MergedId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClaimMerges_Claims_SurvivorId",
                        column: x => x.SurvivorId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_MergedIntoId",
                table: "Claims",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimMerges_MergedId",
                table: "ClaimMerges",
                column: "MergedId");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimMerges_SurvivorId",
                table: "ClaimMerges",
                column: "SurvivorId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClaimMerges");

            migrationBuilder.DropIndex(
                name: "IX_Claims_MergedIntoId",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Claims");
        }
    }
}
