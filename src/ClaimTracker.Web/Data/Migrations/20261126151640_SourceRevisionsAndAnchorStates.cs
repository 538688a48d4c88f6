using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SourceRevisionsAndAnchorStates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Attributions_SourceId",
                table: "Attributions");

            migrationBuilder.DropIndex(
                name: "IX_Annotations_SourceId",
                table: "Annotations");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RevisedAt",
                table: "Sources",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevisedBy",
                table: "Sources",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Sources",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "RevisionNote",
                table: "Sources",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AnchorRevision",
                table: "Attributions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "AnchorState",
                table: "Attributions",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Attached");

            migrationBuilder.AddColumn<int>(
                name: "AnchorRevision",
                table: "Annotations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "AnchorState",
                table: "Annotations",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Attached");

            migrationBuilder.CreateTable(
                name: "SourceRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RevisedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    RevisedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SourceRevisions_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Attributions_SourceId_AnchorState",
                table: "Attributions",
                columns: new[] { "SourceId", "AnchorState" });

            migrationBuilder.CreateIndex(
                name: "IX_Annotations_SourceId_AnchorState",
                table: "Annotations",
                columns: new[] { "SourceId", "AnchorState" });

            migrationBuilder.CreateIndex(
                name: "IX_SourceRevisions_SourceId_Number",
                table: "SourceRevisions",
                columns: new[] { "SourceId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SourceRevisions");

            migrationBuilder.DropIndex(
                name: "IX_Attributions_SourceId_AnchorState",
                table: "Attributions");

            migrationBuilder.DropIndex(
                name: "IX_Annotations_SourceId_AnchorState",
                table: "Annotations");

            migrationBuilder.DropColumn(
                name: "RevisedAt",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "RevisedBy",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "RevisionNote",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "AnchorRevision",
                table: "Attributions");

            migrationBuilder.DropColumn(
                name: "AnchorState",
                table: "Attributions");

            migrationBuilder.DropColumn(
                name: "AnchorRevision",
                table: "Annotations");

            migrationBuilder.DropColumn(
                name: "AnchorState",
                table: "Annotations");

            migrationBuilder.CreateIndex(
                name: "IX_Attributions_SourceId",
                table: "Attributions",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_Annotations_SourceId",
                table: "Annotations",
                column: "SourceId");
        }
    }
}
