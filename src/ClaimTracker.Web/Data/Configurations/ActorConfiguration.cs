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
        // Each actor's live statements and challenges, kept by triggers (see ActorCountTriggers); shadow properties the
        // database generates, for the reasons the claims' dispute counts are (ClaimConfiguration).
        builder.Property<int>(ActorCountTriggers.StatementCount).HasDefaultValue(0).ValueGeneratedOnAddOrUpdate();
        builder.Property<int>(ActorCountTriggers.ChallengeCount).HasDefaultValue(0).ValueGeneratedOnAddOrUpdate();
        // Actors by number of statements (then name): a page of the actors list, the overview's most cited and an actor
        // filter's offers are the first entries of this index.
        builder.HasIndex(ActorCountTriggers.StatementCount, nameof(Actor.Name), nameof(Actor.Id))
            .IsDescending(true, false, false)
            .HasFilter(ClaimConfiguration.LiveOnly);
    }
}
