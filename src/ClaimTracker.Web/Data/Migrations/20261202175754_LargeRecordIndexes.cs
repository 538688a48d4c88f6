using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Web.Data.Migrations
{
    /// <summary>
    /// Indexes for a record of a million statements (measured in docs/performance.md, "1M attributions"): the claims
    /// browser's three sorts and its status filter read partial indexes of live claims; the statements' indexes end with
    /// IsDeleted so that testing or counting a claim's statements reads the index alone, and one leads from an actor to
    /// their latest statements; claims about an actor are found in claim order; the topic index (<see cref="ClaimTopicIndex"/>,
    /// a table kept by triggers) lets the topic filter start from a topic's claims. Indexes only: no table is rebuilt, so
    /// the search and count triggers stay.
    /// </summary>
    public partial class LargeRecordIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ClaimSubjects_SubjectsId",
                table: "ClaimSubjects");

            migrationBuilder.DropIndex(
                name: "IX_Claims_ConflictCount_SupportCount_Id",
                table: "Claims");

            migrationBuilder.DropIndex(
                name: "IX_Claims_Status",
                table: "Claims");

            migrationBuilder.DropIndex(
                name: "IX_Attributions_ActorId_Stance",
                table: "Attributions");

            migrationBuilder.DropIndex(
                name: "IX_Attributions_ClaimId_ActorId",
                table: "Attributions");

            migrationBuilder.DropIndex(
                name: "IX_Attributions_ClaimId_Stance",
                table: "Attributions");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimSubjects_SubjectsId_SubjectOfId",
                table: "ClaimSubjects",
                columns: new[] { "SubjectsId", "SubjectOfId" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_ConflictCount_SupportCount_Id",
                table: "Claims",
                columns: new[] { "ConflictCount", "SupportCount", "Id" },
                descending: new[] { true, true, false },
                filter: "NOT \"IsDeleted\"");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Deleted",
                table: "Claims",
                column: "Id",
                filter: "\"IsDeleted\"");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Live",
                table: "Claims",
                column: "Id",
                filter: "NOT \"IsDeleted\"");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Status",
                table: "Claims",
                column: "Status",
                filter: "NOT \"IsDeleted\"");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Text_Id",
                table: "Claims",
                columns: new[] { "Text", "Id" },
                filter: "NOT \"IsDeleted\"");

            migrationBuilder.CreateIndex(
                name: "IX_Attributions_ActorId_Stance_Id_ClaimId_IsDeleted",
                table: "Attributions",
                columns: new[] { "ActorId", "Stance", "Id", "ClaimId", "IsDeleted" });

            migrationBuilder.CreateIndex(
                name: "IX_Attributions_ClaimId_ActorId_Stance_IsDeleted",
                table: "Attributions",
                columns: new[] { "ClaimId", "ActorId", "Stance", "IsDeleted" });

            migrationBuilder.CreateIndex(
                name: "IX_Attributions_ClaimId_Stance_IsDeleted",
                table: "Attributions",
                columns: new[] { "ClaimId", "Stance", "IsDeleted" });

            // Not generated: the topic index, its triggers and its rows for the existing claims.
            migrationBuilder.Sql(ClaimTopicIndex.CreateSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ClaimTopicIndex.DropSql);

            migrationBuilder.DropIndex(
                name: "IX_ClaimSubjects_SubjectsId_SubjectOfId",
                table: "ClaimSubjects");

            migrationBuilder.DropIndex(
                name: "IX_Claims_ConflictCount_SupportCount_Id",
                table: "Claims");

            migrationBuilder.DropIndex(
                name: "IX_Claims_Deleted",
                table: "Claims");

            migrationBuilder.DropIndex(
                name: "IX_Claims_Live",
                table: "Claims");

            migrationBuilder.DropIndex(
                name: "IX_Claims_Status",
                table: "Claims");

            migrationBuilder.DropIndex(
                name: "IX_Claims_Text_Id",
                table: "Claims");

            migrationBuilder.DropIndex(
                name: "IX_Attributions_ActorId_Stance_Id_ClaimId_IsDeleted",
                table: "Attributions");

            migrationBuilder.DropIndex(
                name: "IX_Attributions_ClaimId_ActorId_Stance_IsDeleted",
                table: "Attributions");

            migrationBuilder.DropIndex(
                name: "IX_Attributions_ClaimId_Stance_IsDeleted",
                table: "Attributions");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimSubjects_SubjectsId",
                table: "ClaimSubjects",
                column: "SubjectsId");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_ConflictCount_SupportCount_Id",
                table: "Claims",
                columns: new[] { "ConflictCount", "SupportCount", "Id" },
                descending: new[] { true, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Status",
                table: "Claims",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Attributions_ActorId_Stance",
                table: "Attributions",
                columns: new[] { "ActorId", "Stance" });

            migrationBuilder.CreateIndex(
                name: "IX_Attributions_ClaimId_ActorId",
                table: "Attributions",
                columns: new[] { "ClaimId", "ActorId" });

            migrationBuilder.CreateIndex(
                name: "IX_Attributions_ClaimId_Stance",
                table: "Attributions",
                columns: new[] { "ClaimId", "Stance" });
        }
    }
}
