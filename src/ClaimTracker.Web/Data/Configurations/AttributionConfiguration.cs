using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Web.Data.Configurations;

public class AttributionConfiguration : IEntityTypeConfiguration<Attribution>
{
    public void Configure(EntityTypeBuilder<Attribution> builder)
    {
        builder.HasIndex(a => a.Key).IsUnique();
        builder.Property(a => a.Key).HasMaxLength(100);
        builder.Ignore(a => a.Quote);

        // The filters of the claims browser and the actor page go through these. Each ends with IsDeleted, so that a test
        // of a claim ("has this actor spoken to it?") or a count of its statements reads the index alone, without a visit
        // to the row to see whether the statement is deleted (at a million statements those visits were most of the time).
        builder.HasIndex(a => new { a.ClaimId, a.Stance, a.IsDeleted });
        // From the actor: the actor page's latest statements of each stance (in Id order), and the claims browser's actor
        // filter (the claims the actor spoke to).
        builder.HasIndex(a => new { a.ActorId, a.Stance, a.Id, a.ClaimId, a.IsDeleted });
        // From the claim: "has this actor spoken to this claim" (the same filter tested claim by claim, when the claims are
        // read in sort order), and who else spoke to a claim and how (the actor page's agreements).
        builder.HasIndex(a => new { a.ClaimId, a.ActorId, a.Stance, a.IsDeleted });

        builder.HasOne(a => a.Actor).WithMany(a => a.Attributions).HasForeignKey(a => a.ActorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Claim).WithMany(c => c.Attributions).HasForeignKey(a => a.ClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Source).WithMany(s => s.Attributions).HasForeignKey(a => a.SourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.ReportedBy).WithMany().HasForeignKey(a => a.ReportedById).OnDelete(DeleteBehavior.Restrict);

        builder.Property(a => a.SaidWhen).HasMaxLength(InputLimits.SaidWhen);
        builder.Property(a => a.SaidWhere).HasMaxLength(InputLimits.SaidWhere);
        builder.Property(a => a.ReportedVia).HasMaxLength(InputLimits.ReportedVia);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasQueryFilter(a => !a.IsDeleted); // soft-deleted records are gone from every query unless asked for
        builder.Property(a => a.DeletedBy).HasMaxLength(256);

        AnchorMapping.Anchored(builder);
        builder.OwnsOne(a => a.Anchor, AnchorMapping.SpanColumns);
        builder.Navigation(a => a.Anchor).IsRequired();
    }
}
