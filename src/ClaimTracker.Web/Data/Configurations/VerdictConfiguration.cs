using System.Text.Json;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Web.Data.Configurations;

public class VerdictConfiguration : IEntityTypeConfiguration<Verdict>
{
    public void Configure(EntityTypeBuilder<Verdict> builder)
    {
        builder.Property(v => v.Rationale).HasMaxLength(InputLimits.VerdictRationale);
        builder.Property(v => v.AuthorId).HasMaxLength(450);
        builder.Property(v => v.AuthorName).HasMaxLength(256);
        builder.Property(v => v.DeletedBy).HasMaxLength(256);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.HasQueryFilter(v => !v.IsDeleted);

        // One verdict per claim; its earlier states live in the history.
        builder.HasIndex(v => v.ClaimId).IsUnique().HasFilter("IsDeleted = 0");
        // The lists' published ratings. SQLite cannot use the unique index above for the soft-delete filter as EF writes it
        // (NOT "IsDeleted" does not imply IsDeleted = 0 to its planner): a page's ratings are looked up by claim here, and the
        // claims browser's rating filter starts from a rating's claims, or tests one claim, in the second index alone.
        builder.HasIndex(v => new { v.ClaimId, v.State, v.IsDeleted });
        builder.HasIndex(v => new { v.RatingLabelId, v.State, v.ClaimId, v.IsDeleted });
        builder.HasOne(v => v.Claim).WithMany(c => c.Verdicts).HasForeignKey(v => v.ClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(v => v.RatingLabel).WithMany().HasForeignKey(v => v.RatingLabelId).OnDelete(DeleteBehavior.Restrict);

        // A short list read and written with its verdict: a JSON column, compared by value.
        builder.Property(v => v.Evidence)
            .HasConversion(
                list => JsonSerializer.Serialize(list, JsonSerializerOptions.Web),
                json => JsonSerializer.Deserialize<List<VerdictEvidence>>(json, JsonSerializerOptions.Web) ?? new List<VerdictEvidence>(),
                new ValueComparer<List<VerdictEvidence>>(
                    (a, b) => a!.SequenceEqual(b!),
                    list => list.Aggregate(0, (hash, e) => HashCode.Combine(hash, e)),
                    list => list.ToList()));
    }
}

public class RatingLabelConfiguration : IEntityTypeConfiguration<RatingLabel>
{
    public void Configure(EntityTypeBuilder<RatingLabel> builder)
    {
        builder.Property(r => r.Label).HasMaxLength(100);
        builder.Property(r => r.Description).HasMaxLength(500);
        builder.HasIndex(r => r.Label).IsUnique();

        // The default scale; a newsroom renames labels in the table, and ratings keep pointing at the same rows.
        builder.HasData(
            new RatingLabel { Id = 1, Label = "Accurate", Value = 5, SortOrder = 1, Description = "The claim is correct and nothing significant is missing." },
            new RatingLabel { Id = 2, Label = "Mostly accurate", Value = 4, SortOrder = 2, Description = "The claim is correct but needs clarification or context." },
            new RatingLabel { Id = 3, Label = "Misleading", Value = 3, SortOrder = 3, Description = "The claim contains some truth but leaves a false impression." },
            new RatingLabel { Id = 4, Label = "Unsupported", Value = 2, SortOrder = 4, Description = "The evidence available does not back the claim." },
            new RatingLabel { Id = 5, Label = "False", Value = 1, SortOrder = 5, Description = "The claim is contradicted by the evidence." },
            new RatingLabel { Id = 6, Label = "Unverifiable", Value = 0, SortOrder = 6, Description = "The claim cannot be checked with the evidence available." });
    }
}

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.EntityType).HasMaxLength(64);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        builder.HasIndex(a => new { a.ClaimId, a.At });
        builder.Property(a => a.AccountId).HasMaxLength(450);
        builder.HasIndex(a => new { a.AccountId, a.At });
    }
}
