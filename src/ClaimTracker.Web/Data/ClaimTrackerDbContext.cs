using ClaimTracker.Web.Domain;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Web.Data;

/// <summary>
/// The record and the accounts, in one SQLite database. Saving does the record-keeping every change needs
/// (see <see cref="RecordKeeping"/>): fresh concurrency tokens, deletes turned into soft deletes, and one
/// history entry per changed record, in the same transaction as the change.
/// </summary>
public class ClaimTrackerDbContext(DbContextOptions<ClaimTrackerDbContext> options) : IdentityDbContext<AppUser>(options)
{
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

    /// <summary>Who the changes saved through this context are by. Services set it; unset means the app itself.</summary>
    public ChangeAuthor ChangedBy { get; set; } = ChangeAuthor.System;

    /// <summary>Claims whose indexed text matches an FTS5 query; composes into larger queries as a subquery.</summary>
    public IQueryable<ClaimSearchMatch> MatchClaims(string ftsQuery) =>
        Set<ClaimSearchMatch>().FromSqlInterpolated($"SELECT rowid AS ClaimId FROM ClaimSearch WHERE ClaimSearch MATCH {ftsQuery}");

    /// <summary>Claims (deleted ones too) with the topic, from the topic index (<see cref="ClaimTopicIndex"/>); composes as a subquery.</summary>
    public IQueryable<ClaimSearchMatch> ClaimsWithTopic(string topic) =>
        Set<ClaimSearchMatch>().FromSqlInterpolated($"SELECT ClaimId FROM ClaimTopics WHERE Topic = {topic}");

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
