using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Web.Data.Configurations;

public class ClaimRelationConfiguration : IEntityTypeConfiguration<ClaimRelation>
{
    public void Configure(EntityTypeBuilder<ClaimRelation> builder)
    {
        builder.HasIndex(r => r.Key).IsUnique();
        builder.Property(r => r.Key).HasMaxLength(100);
        builder.Property(r => r.Rationale).HasMaxLength(InputLimits.RelationRationale);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasQueryFilter(r => !r.IsDeleted); // soft-deleted records are gone from every query unless asked for
        builder.Property(r => r.DeletedBy).HasMaxLength(256);
        builder.Ignore(r => r.IsStatedInSource);

        // One relation of a kind between two claims; the dispute view looks relations up from both ends.
        builder.HasIndex(r => new { r.FromClaimId, r.ToClaimId, r.Type }).IsUnique();
        builder.HasIndex(r => new { r.ToClaimId, r.Type });
        builder.ToTable(t => t.HasCheckConstraint("CK_ClaimRelations_NotSelf", "FromClaimId <> ToClaimId"));

        builder.HasOne(r => r.FromClaim).WithMany(c => c.RelationsFrom).HasForeignKey(r => r.FromClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.ToClaim).WithMany(c => c.RelationsTo).HasForeignKey(r => r.ToClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.EvidenceSource).WithMany().HasForeignKey(r => r.EvidenceSourceId).OnDelete(DeleteBehavior.Restrict);

        builder.OwnsOne(r => r.Evidence, evidence =>
            AnchorMapping.Columns(evidence, "EvidenceStart", "EvidenceEnd", "EvidenceQuote", "EvidencePrefix", "EvidenceSuffix"));
    }
}
