using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClaimTracker.Web.Data;

/// <summary>
/// The one place that recognises a unique-index violation in a failed save. Each database engine reports it its own
/// way, so a second engine is one more case here, and no service has to know which engine it runs on.
/// </summary>
public static class UniqueViolation
{
    // SQLite: SQLITE_CONSTRAINT (19), narrowed by the extended code to UNIQUE (2067) or PRIMARY KEY (1555); the message
    // names the index's columns: "UNIQUE constraint failed: Sources.Key".
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>
    /// Whether <paramref name="ex"/> is a unique index refusing a second row with the same values; with
    /// <paramref name="on"/> ("Table.Column"), only the index on that column.
    /// </summary>
    public static bool Is(DbUpdateException ex, string? on = null) => ex.InnerException switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey } sqlite =>
            on is null || sqlite.Message.Contains(on, StringComparison.Ordinal),
        // PostgreSQL: SQLSTATE 23505, unique_violation, with the table and the index (EF Core names it IX_Table_Column).
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres =>
            on is null || IsOn(postgres, on),
        _ => false,
    };

    private static bool IsOn(PostgresException postgres, string on)
    {
        var dot = on.IndexOf('.', StringComparison.Ordinal);
        var (table, column) = dot < 0 ? (on, "") : (on[..dot], on[(dot + 1)..]);
        return postgres.TableName == table
            && (postgres.ConstraintName is { } index && (index == $"IX_{table}_{column}" || index == $"PK_{table}" && column == "Id"));
    }
}
