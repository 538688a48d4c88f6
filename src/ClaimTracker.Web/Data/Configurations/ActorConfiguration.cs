using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Web.Data.Configurations;

public class ActorConfiguration : IEntityTypeConfiguration<Actor>
{
    public void Configure(EntityTypeBuilder<Actor> builder)
    {
        builder.HasIndex(a => a.Key).IsUnique();
        builder.HasIndex(a => a.Name);
        builder.Property(a => a.Key).HasMaxLength(100);
        builder.Property(a => a.Name).HasMaxLength(InputLimits.ActorName);
        builder.Property(a => a.Role).HasMaxLength(InputLimits.ActorRole);
        builder.Property(a => a.Country).HasMaxLength(InputLimits.ActorCountry);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasQueryFilter(a => !a.IsDeleted); // soft-deleted records are gone from every query unless asked for
        builder.Property(a => a.DeletedBy).HasMaxLength(256);
    }
}
