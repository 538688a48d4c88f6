using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Web.Data.Configurations;

public class AttributionSuggestionConfiguration : IEntityTypeConfiguration<AttributionSuggestion>
{
    public void Configure(EntityTypeBuilder<AttributionSuggestion> builder)
    {
        // The review queue walks one source's pending suggestions in text order.
        builder.HasIndex(s => new { s.SourceId, s.Status });

        builder.Property(s => s.ActorName).HasMaxLength(300);
        builder.Property(s => s.ClaimText).HasMaxLength(2000);
        builder.Property(s => s.Cue).HasMaxLength(1000);
        builder.Property(s => s.DecidedBy).HasMaxLength(256);
        builder.Property(s => s.DeletedBy).HasMaxLength(256);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasQueryFilter(s => !s.IsDeleted);

        builder.HasOne(s => s.Source).WithMany().HasForeignKey(s => s.SourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Actor).WithMany().HasForeignKey(s => s.ActorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Claim).WithMany().HasForeignKey(s => s.ClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Attribution).WithMany().HasForeignKey(s => s.AttributionId).OnDelete(DeleteBehavior.Restrict);

        builder.OwnsOne(s => s.Anchor, AnchorMapping.SpanColumns);
        builder.Navigation(s => s.Anchor).IsRequired();
    }
}
