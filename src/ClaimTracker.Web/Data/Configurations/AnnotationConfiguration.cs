using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Web.Data.Configurations;

public class AnnotationConfiguration : IEntityTypeConfiguration<Annotation>
{
    public void Configure(EntityTypeBuilder<Annotation> builder)
    {
        builder.Property(n => n.Body).HasMaxLength(InputLimits.NoteLength);
        builder.Property(n => n.AuthorId).HasMaxLength(450);
        builder.Property(n => n.AuthorName).HasMaxLength(256);
        builder.Property(n => n.DeletedBy).HasMaxLength(256);
        builder.Property(n => n.Version).IsConcurrencyToken();
        builder.HasQueryFilter(n => !n.IsDeleted);

        builder.HasIndex(n => n.ClaimId);
        builder.HasIndex(n => n.AttributionId);
        builder.HasIndex(n => n.ParentId);

        builder.HasOne(n => n.Claim).WithMany(c => c.Annotations).HasForeignKey(n => n.ClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(n => n.Attribution).WithMany().HasForeignKey(n => n.AttributionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(n => n.Source).WithMany().HasForeignKey(n => n.SourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(n => n.Parent).WithMany().HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.Restrict);

        AnchorMapping.Anchored(builder);
        builder.OwnsOne(n => n.Anchor, AnchorMapping.SpanColumns);

        // A note is on exactly one thing: a claim, an attribution, or a span of a source.
        builder.ToTable(t => t.HasCheckConstraint("CK_Annotations_OneTarget",
            "(ClaimId IS NOT NULL) + (AttributionId IS NOT NULL) + (SourceId IS NOT NULL) = 1"));
    }
}
