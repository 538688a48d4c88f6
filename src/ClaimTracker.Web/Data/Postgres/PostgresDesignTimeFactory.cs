using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ClaimTracker.Web.Data.Postgres;

/// <summary>
/// For <c>dotnet ef migrations add … --context PostgresClaimTrackerDbContext</c>: making a migration compares models and
/// needs no server, so the connection string is a placeholder that is never opened.
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresClaimTrackerDbContext>
{
    public PostgresClaimTrackerDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresClaimTrackerDbContext>();
        options.UsePostgres("Host=localhost;Database=claimtracker_design");
        return new(options.Options);
    }
}
