using System.Text.Json;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Web.Data.Configurations;

public class ClaimMergeConfiguration : IEntityTypeConfiguration<ClaimMerge>
{
    public void Configure(EntityTypeBuilder<ClaimMerge> builder)
    {
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.Property(m => m.UserName).HasMaxLength(256);
        builder.Property(m => m.UndoneBy).HasMaxLength(256);
        builder.Property(m => m.Summary).HasMaxLength(1000);
        builder.Ignore(m => m.IsUndone);

        // Both claims' pages look their merges up.
        builder.HasIndex(m => m.SurvivorId);
        builder.HasIndex(m => m.MergedId);
        builder.HasOne<Claim>().WithMany().HasForeignKey(m => m.SurvivorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Claim>().WithMany().HasForeignKey(m => m.MergedId).OnDelete(DeleteBehavior.Restrict);

        // Read and written whole with its merge, never queried into: a JSON column, compared by value.
        builder.Property(m => m.Rows)
            .HasConversion(
                rows => JsonSerializer.Serialize(rows, JsonSerializerOptions.Web),
                json => JsonSerializer.Deserialize<MergeRows>(json, JsonSerializerOptions.Web) ?? new MergeRows(),
                new ValueComparer<MergeRows>(
                    (a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Web) == JsonSerializer.Serialize(b, JsonSerializerOptions.Web),
                    rows => JsonSerializer.Serialize(rows, JsonSerializerOptions.Web).GetHashCode(StringComparison.Ordinal),
                    rows => JsonSerializer.Deserialize<MergeRows>(JsonSerializer.Serialize(rows, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!));
    }
}
