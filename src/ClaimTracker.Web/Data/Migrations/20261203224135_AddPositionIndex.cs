using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Web.Data.Migrations
{
    /// <summary>
    /// What the model cannot say: the position index behind the consistency ranking (<see cref="PositionIndex"/>), its
    /// triggers, and its rows for the record already there.
    /// </summary>
    public partial class AddPositionIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(PositionIndex.CreateSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(PositionIndex.DropSql);
    }
}
