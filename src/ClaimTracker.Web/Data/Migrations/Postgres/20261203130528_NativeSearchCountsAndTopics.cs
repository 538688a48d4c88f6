using ClaimTracker.Web.Data.Postgres;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimTracker.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// What the model cannot say: the search index, the dispute-count triggers and the topic index (see
    /// <see cref="PostgresIndexes"/>), built for the rows already there.
    /// </summary>
    public partial class NativeSearchCountsAndTopics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(PostgresIndexes.CreateSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(PostgresIndexes.DropSql);
    }
}
