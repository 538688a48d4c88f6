using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Web.Data.Configurations;

public class ClaimConfiguration : IEntityTypeConfiguration<Claim>
{
    public void Configure(EntityTypeBuilder<Claim> builder)
    {
        builder.HasIndex(c => c.Key).IsUnique();
        builder.HasIndex(c => c.Status);
        builder.Property(c => c.Key).HasMaxLength(100);
        builder.Property(c => c.Text).HasMaxLength(1000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasQueryFilter(c => !c.IsDeleted); // soft-deleted records are gone from every query unless asked for
        builder.Property(c => c.DeletedBy).HasMaxLength(256);
        // A merged claim points at its survivor; its old address follows this link. A plain indexed column, not a foreign
        // key: adding a foreign key to an existing SQLite table makes EF rebuild the table, which would drop the
        // full-text search triggers on Claims. Only the merge service writes it, always with a claim it has just read.
        builder.HasIndex(c => c.MergedIntoId);
        builder.HasMany(c => c.Subjects).WithMany(a => a.SubjectOf).UsingEntity("ClaimSubjects");
    }
}
