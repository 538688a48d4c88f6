using System.Security.Cryptography;
using System.Text;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data.Seeding;
using ClaimTracker.Web.Domain;

namespace ClaimTracker.Tests.Data;

/// <summary>The real seed, checked against the real article text independently of the app's validator.</summary>
public class SeedAnchorTests
{
    public static TheoryData<string> AttributionKeys() => new(TestSeeds.Document.Attributions.Select(a => a.Key));

    public static TheoryData<string> EvidenceKeys() =>
        new(TestSeeds.Document.Relations.Where(r => r.Evidence is not null).Select(r => r.Key));

    [Theory]
    [MemberData(nameof(AttributionKeys))]
    public void Attribution_quote_prefix_and_suffix_match_the_article_at_its_offsets(string key)
    {
        var a = TestSeeds.Document.Attributions.Single(x => x.Key == key);
        AssertAnchored(TestSeeds.ArticleText(a.Source), a.Quote, a.Start, a.End, a.Prefix, a.Suffix);
    }

    [Theory]
    [MemberData(nameof(EvidenceKeys))]
    public void Relation_evidence_matches_the_article_at_its_offsets(string key)
    {
        var e = TestSeeds.Document.Relations.Single(x => x.Key == key).Evidence!;
        AssertAnchored(TestSeeds.ArticleText(e.Source), e.Quote, e.Start, e.End, e.Prefix, e.Suffix);
    }

    [Fact]
    public void The_seed_has_attributions_and_evidence_to_check()
    {
        // Guards the theories above against passing vacuously on an empty seed.
        Assert.True(TestSeeds.Document.Attributions.Count >= 20, $"only {TestSeeds.Document.Attributions.Count} attributions");
        Assert.True(TestSeeds.Document.Relations.Count(r => r.Evidence is not null) >= 5);
    }

    [Fact]
    public void The_real_seed_validates_with_no_problems()
    {
        var seed = SeedLoader.Load(TestSeeds.Folder);

        Assert.Empty(SeedValidator.Validate(seed.Document, seed.SourceTexts));
    }

    [Fact]
    public void Every_source_text_hashes_to_its_declared_content_hash()
    {
        foreach (var source in TestSeeds.Document.Sources)
        {
            var bytes = File.ReadAllBytes(Path.Combine(TestSeeds.Folder, source.TextFile));
            Assert.Equal(source.ContentHash, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(Encoding.UTF8.GetString(bytes), TestSeeds.Loaded.SourceTexts[source.Key]);
        }
    }

    private static void AssertAnchored(string text, string quote, int start, int end, string prefix, string suffix)
    {
        Assert.InRange(start, 0, text.Length - 1);
        Assert.InRange(end, start + 1, text.Length);
        Assert.Equal(quote, text.Substring(start, end - start));
        var prefixStart = Math.Max(0, start - TextAnchor.ContextLength);
        Assert.Equal(text.Substring(prefixStart, start - prefixStart), prefix);
        Assert.Equal(text.Substring(end, Math.Min(TextAnchor.ContextLength, text.Length - end)), suffix);
    }
}
