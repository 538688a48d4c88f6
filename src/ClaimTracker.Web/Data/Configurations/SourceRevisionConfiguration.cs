using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Web.Data.Configurations;

public class SourceRevisionConfiguration : IEntityTypeConfiguration<SourceRevision>
{
    public void Configure(EntityTypeBuilder<SourceRevision> builder)
    {
        // One row per superseded revision; the reader finds an old revision by source and number.
        builder.HasIndex(r => new { r.SourceId, r.Number }).IsUnique();
        builder.Property(r => r.ContentHash).HasMaxLength(64);
        builder.Property(r => r.RevisedBy).HasMaxLength(256);
        builder.Property(r => r.Note).HasMaxLength(InputLimits.CorrectionNote);
    }
}
