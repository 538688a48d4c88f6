using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ClaimTracker.Web.Data;

/// <summary>
/// For <c>dotnet ef migrations add … --context ClaimTrackerDbContext</c>: the SQLite model, made without starting the
/// app. Explicit, because the PostgreSQL context derives from this one and has a design-time factory of its own
/// (<see cref="Postgres.PostgresDesignTimeFactory"/>), which the tools would otherwise take for this type as well.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<ClaimTrackerDbContext>
{
    public ClaimTrackerDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ClaimTrackerDbContext>();
        options.UseSqliteFile("Data Source=claimtracker-design.db");
        return new(options.Options);
    }
}
