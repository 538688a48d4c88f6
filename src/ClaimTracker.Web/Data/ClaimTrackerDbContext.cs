using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Claims;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Data;

/// <summary>
/// The record, the accounts and the data-protection keys, in one database: SQLite (this type, the embedded default) or
/// PostgreSQL (<see cref="PostgresClaimTrackerDbContext"/>, which derives from it and keeps its own migrations). Saving
/// does the record-keeping every change needs (see <see cref="RecordKeeping"/>): fresh concurrency tokens, deletes turned
/// into soft deletes, and one history entry per changed record, in the same transaction as the change.
/// <para>
/// The few queries that only SQL can say (the full-text search, the topic index) are virtual members here, written for
/// SQLite's FTS5; the PostgreSQL context overrides them with its tsvector equivalents, so no service asks which engine it is on.
/// </para>
/// </summary>
public class ClaimTrackerDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    public ClaimTrackerDbContext(DbContextOptions<ClaimTrackerDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a context of another engine, with options of its own type (EF Core finds migrations by the exact context type).</summary>
    protected ClaimTrackerDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Actor> Actors => Set<Actor>();
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<SourceRevision> SourceRevisions => Set<SourceRevision>();
    public DbSet<Claim> Claims => Set<Claim>();
    public DbSet<Attribution> Attributions => Set<Attribution>();
    public DbSet<ClaimRelation> ClaimRelations => Set<ClaimRelation>();
    public DbSet<Annotation> Annotations => Set<Annotation>();
    public DbSet<Verdict> Verdicts => Set<Verdict>();
    public DbSet<RatingLabel> RatingLabels => Set<RatingLabel>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AttributionSuggestion> AttributionSuggestions => Set<AttributionSuggestion>();
    public DbSet<ClaimMerge> ClaimMerges => Set<ClaimMerge>();

    /// <summary>Who follows which claims and actors, and when they last looked (<c>/following</c>).</summary>
    public DbSet<Follow> Follows => Set<Follow>();

    /// <summary>The keys that sign cookies and antiforgery tokens, shared by every app instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Who the changes saved through this context are by. Services set it; unset means the app itself.</summary>
    public ChangeAuthor ChangedBy { get; set; } = ChangeAuthor.System;

    /// <summary>
    /// The search box's terms as a query for this engine's full-text index (<see cref="SearchTerms.ToFtsQuery"/> for FTS5);
    /// null when no term has a letter or digit, so the search can match nothing.
    /// </summary>
    public virtual string? SearchQueryFor(SearchTerms terms) => terms.ToFtsQuery();

    /// <summary>Claims whose indexed text matches a query made by <see cref="SearchQueryFor"/>; composes into larger queries as a subquery.</summary>
    public virtual IQueryable<ClaimSearchMatch> MatchClaims(string searchQuery) =>
        Set<ClaimSearchMatch>().FromSqlInterpolated($"SELECT rowid AS ClaimId FROM ClaimSearch WHERE ClaimSearch MATCH {searchQuery}");

    /// <summary>
    /// The <paramref name="limit"/> claims that best match any of <paramref name="words"/> (plain words of letters and
    /// digits), best first by the index's own ranking; for finding claims worded like another.
    /// </summary>
    public virtual IQueryable<ClaimSearchMatch> BestMatchesForAnyWord(IEnumerable<string> words, int limit)
    {
        // Each word quoted, so FTS5 reads it as a term and never as an operator.
        var ftsQuery = string.Join(" OR ", words.Select(w => $"\"{w.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
        return Set<ClaimSearchMatch>()
            .FromSqlInterpolated($"SELECT rowid AS ClaimId FROM ClaimSearch WHERE ClaimSearch MATCH {ftsQuery} ORDER BY rank LIMIT {limit}");
    }

    /// <summary>
    /// Claims (deleted ones too) with the topic, from the topic index (<see cref="ClaimTopicIndex"/>); composes as a subquery.
    /// The same SQL on both engines: identifiers are quoted as PostgreSQL needs, which SQLite reads the same way.
    /// </summary>
    public IQueryable<ClaimSearchMatch> ClaimsWithTopic(string topic) =>
        Set<ClaimSearchMatch>().FromSqlInterpolated($"SELECT \"ClaimId\" FROM \"ClaimTopics\" WHERE \"Topic\" = {topic}");

    /// <summary>The names of the triggers the database has, for <see cref="RequiredTriggers"/>.</summary>
    public virtual IQueryable<string> TriggerNames() =>
        Database.SqlQuery<string>($"SELECT name AS Value FROM sqlite_master WHERE type = 'trigger'");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder); // Identity's tables
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClaimTrackerDbContext).Assembly);
        // Backed by the FTS5 table that the AddClaimSearch migration creates; EF must not try to create it.
        modelBuilder.Entity<ClaimSearchMatch>().HasNoKey().ToView(null);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: the database stays readable and reordering an enum cannot corrupt data.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var history = RecordKeeping.Prepare(this);
        if (history.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // Two saves in one transaction: created records get their ids from the first, their history entries need them.
        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            AuditEntries.AddRange(history.Select(h => h.Complete()));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>The record is only ever saved asynchronously, where its history is written; refuse the synchronous path.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.Entries<IEditableRecord>().Any(e => e.State is not EntityState.Unchanged and not EntityState.Detached))
        {
            throw new InvalidOperationException("Save changes to the record with SaveChangesAsync, which writes their history.");
        }
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }
}
