using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Web.Data.Configurations;

public class FollowConfiguration : IEntityTypeConfiguration<Follow>
{
    /// <summary>Names quoted, booleans compared as booleans: the same SQL holds on SQLite and PostgreSQL.</summary>
    public const string OneTarget = "(\"ClaimId\" IS NULL) <> (\"ActorId\" IS NULL)";

    public void Configure(EntityTypeBuilder<Follow> builder)
    {
        builder.Property(f => f.UserId).HasMaxLength(450);

        // One follow per person and thing; the unique indexes also serve "does this person follow this claim?" and the
        // person's list. NULLs are distinct in a unique index on both engines, so a claim follow never blocks an actor's.
        builder.HasIndex(f => new { f.UserId, f.ClaimId }).IsUnique();
        builder.HasIndex(f => new { f.UserId, f.ActorId }).IsUnique();
        builder.HasIndex(f => f.ClaimId);
        builder.HasIndex(f => f.ActorId);

        // A deactivated account keeps its follows (it may come back); a removed account takes them with it.
        builder.HasOne<AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        // Claims and actors are only ever soft-deleted; a hard delete of either is refused while anyone follows it.
        builder.HasOne<Claim>().WithMany().HasForeignKey(f => f.ClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Actor>().WithMany().HasForeignKey(f => f.ActorId).OnDelete(DeleteBehavior.Restrict);

        builder.ToTable(t => t.HasCheckConstraint("CK_Follows_OneTarget", OneTarget));
    }
}
