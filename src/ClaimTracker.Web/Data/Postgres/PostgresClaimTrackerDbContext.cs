using ClaimTracker.Web.Data.Configurations;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClaimTracker.Web.Data.Postgres;

/// <summary>
/// The same model on PostgreSQL (<c>ClaimTracker:Database = Postgres</c>). A type of its own because EF Core keeps
/// migrations per context type: the SQLite migrations are <see cref="ClaimTrackerDbContext"/>'s, these are in
/// <c>Data/Migrations/Postgres</c>. Services never see this type: the factory hands it out as a <see cref="ClaimTrackerDbContext"/>.
/// <para>
/// What SQLite does with FTS5 and triggers, PostgreSQL does natively (<see cref="PostgresIndexes"/>): the search index is a
/// <c>tsvector</c> per claim with a GIN index, and the dispute counts and the topic index are kept by PL/pgSQL triggers.
/// </para>
/// </summary>
public sealed class PostgresClaimTrackerDbContext(DbContextOptions<PostgresClaimTrackerDbContext> options) : ClaimTrackerDbContext(options)
{
    public override string? SearchQueryFor(SearchTerms terms) => PostgresSearch.ToTsQuery(terms);

    public override IQueryable<ClaimSearchMatch> MatchClaims(string searchQuery) =>
        Set<ClaimSearchMatch>().FromSqlInterpolated(
            $"SELECT \"ClaimId\" FROM \"ClaimSearch\" WHERE \"Body\" @@ to_tsquery('claimtracker_search', {searchQuery})");

    public override IQueryable<ClaimSearchMatch> BestMatchesForAnyWord(IEnumerable<string> words, int limit)
    {
        var anyWord = PostgresSearch.AnyOf(words);
        return Set<ClaimSearchMatch>().FromSqlInterpolated($"""
            SELECT "ClaimId" FROM "ClaimSearch", to_tsquery('claimtracker_search', {anyWord}) AS q
            WHERE "Body" @@ q ORDER BY ts_rank("Body", q) DESC, "ClaimId" LIMIT {limit}
            """);
    }

    public override IQueryable<string> TriggerNames() =>
        Database.SqlQuery<string>($"SELECT tgname::text AS \"Value\" FROM pg_trigger WHERE NOT tgisinternal");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // The SQL written in SQLite's dialect in the shared configuration: unquoted names (which PostgreSQL folds to lower
        // case), booleans compared with 0 and added up as numbers.
        modelBuilder.Entity<Verdict>().HasIndex(v => v.ClaimId).HasFilter(ClaimConfiguration.LiveOnly);
        modelBuilder.Entity<ClaimRelation>().ToTable(t => t.HasCheckConstraint("CK_ClaimRelations_NotSelf", "\"FromClaimId\" <> \"ToClaimId\""));
        modelBuilder.Entity<Annotation>().ToTable(t => t.HasCheckConstraint("CK_Annotations_OneTarget", "num_nonnulls(\"ClaimId\", \"AttributionId\", \"SourceId\") = 1"));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // timestamptz holds an instant, and Npgsql refuses to write a DateTimeOffset whose offset is not zero rather than
        // guess; the instant is what the record means (SQLite keeps the offset only as text), so it is written in UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<InUtc>();
    }

    private sealed class InUtc() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}
