using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimTracker.Web.Data.Configurations;

/// <summary>How a <see cref="TextAnchor"/> and the records anchored by one (<see cref="IAnchoredRecord"/>) are stored.</summary>
internal static class AnchorMapping
{
    /// <summary>The span of a statement, a suggestion or a note: SpanStart, SpanEnd, Quote, QuotePrefix, QuoteSuffix.</summary>
    public static void SpanColumns<TOwner>(OwnedNavigationBuilder<TOwner, TextAnchor> anchor) where TOwner : class =>
        Columns(anchor, "SpanStart", "SpanEnd", "Quote", "QuotePrefix", "QuoteSuffix");

    public static void Columns<TOwner>(OwnedNavigationBuilder<TOwner, TextAnchor> anchor, string start, string end, string exact, string prefix, string suffix)
        where TOwner : class
    {
        anchor.Property(x => x.Start).HasColumnName(start);
        anchor.Property(x => x.End).HasColumnName(end);
        anchor.Property(x => x.Exact).HasColumnName(exact);
        anchor.Property(x => x.Prefix).HasColumnName(prefix);
        anchor.Property(x => x.Suffix).HasColumnName(suffix);
    }

    /// <summary>
    /// What re-anchoring needs of an anchored record's table. By name: EF cannot follow a property of the interface in an
    /// expression over <typeparamref name="T"/>.
    /// </summary>
    public static void Anchored<T>(EntityTypeBuilder<T> builder) where T : class, IAnchoredRecord
    {
        // Rows from before source revisions existed point into revision 1 and are attached.
        builder.Property(nameof(IAnchoredRecord.AnchorState)).HasDefaultValue(AnchorState.Attached);
        builder.Property(nameof(IAnchoredRecord.AnchorRevision)).HasDefaultValue(1);
        // By source (the reader, re-anchoring), and "needs attention": a source's fuzzy and orphaned anchors.
        builder.HasIndex("SourceId", nameof(IAnchoredRecord.AnchorState));
    }
}
