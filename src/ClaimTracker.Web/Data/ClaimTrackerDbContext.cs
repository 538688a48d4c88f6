using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Data;

public class ClaimTrackerDbContext(DbContextOptions<ClaimTrackerDbContext> options) : DbContext(options)
{
    public DbSet<Actor> Actors => Set<Actor>();
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<Claim> Claims => Set<Claim>();
    public DbSet<Attribution> Attributions => Set<Attribution>();
    public DbSet<ClaimRelation> ClaimRelations => Set<ClaimRelation>();

    /// <summary>Claims whose indexed text matches an FTS5 query; composes into larger queries as a subquery.</summary>
    public IQueryable<ClaimSearchMatch> MatchClaims(string ftsQuery) =>
        Set<ClaimSearchMatch>().FromSqlInterpolated($"SELECT rowid AS ClaimId FROM ClaimSearch WHERE ClaimSearch MATCH {ftsQuery}");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClaimTrackerDbContext).Assembly);
        // Backed by the FTS5 table that the AddClaimSearch migration creates; EF must not try to create it.
        modelBuilder.Entity<ClaimSearchMatch>().HasNoKey().ToView(null);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: the database stays readable and reordering an enum cannot corrupt data.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
