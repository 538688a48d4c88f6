using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Web.Data.Configurations;

public class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> builder)
    {
        builder.HasIndex(s => s.Key).IsUnique();
        builder.HasIndex(s => s.ContentHash);
        builder.HasIndex(s => s.PublishedOn);
        builder.Property(s => s.Key).HasMaxLength(100);
        builder.Property(s => s.Outlet).HasMaxLength(200);
        builder.Property(s => s.Title).HasMaxLength(500);
        builder.Property(s => s.Url).HasMaxLength(2000);
        builder.Property(s => s.ContentHash).HasMaxLength(64);
        // SQLite has no rowversion; the revision number is the token, so of two corrections of one revision only one wins.
        builder.Property(s => s.Revision).IsConcurrencyToken().HasDefaultValue(1); // sources stored before revisions existed are revision 1
        builder.Property(s => s.RevisedBy).HasMaxLength(256);
        builder.Property(s => s.RevisionNote).HasMaxLength(InputLimits.CorrectionNote);
        builder.HasMany(s => s.PastRevisions).WithOne(r => r.Source).HasForeignKey(r => r.SourceId).OnDelete(DeleteBehavior.Restrict);
    }
}
