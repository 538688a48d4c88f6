using ClaimTracker.Web.Domain;
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
    }
}
