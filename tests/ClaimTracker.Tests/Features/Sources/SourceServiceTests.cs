using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Sources;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Sources;

[BothEngines]
public class SourceServiceTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private const string SourceKey = "reuters-ukraine-peace-talks";
    private readonly SourceService _sources = app.GetService<SourceService>();

    [Fact]
    public async Task The_source_list_counts_attributions_and_distinct_claims()
    {
        var attributions = TestSeeds.Document.Attributions.Where(a => a.Source == SourceKey).ToList();

        var result = await _sources.ListAsync(0, 10);

        var row = Assert.Single(result.Items);
        Assert.Equal(1, result.TotalCount);
        Assert.Equal(await app.SourceId(SourceKey), row.Id);
        Assert.Equal((attributions.Count, attributions.Select(a => a.Claim).Distinct().Count()), (row.AttributionCount, row.ClaimCount));
    }

    [Fact]
    public async Task The_reader_marks_every_attribution_and_its_segments_rebuild_the_text()
    {
        var reader = await _sources.GetReaderAsync(await app.SourceId(SourceKey));

        Assert.NotNull(reader);
        Assert.Equal(TestSeeds.ArticleText(SourceKey), reader.Text);
        Assert.Equal(reader.Text, string.Concat(reader.Segments.Select(s => s.Text)));
        Assert.Equal(TestSeeds.Document.Attributions.Count(a => a.Source == SourceKey), reader.Spans.Count);
        foreach (var span in reader.Spans)
        {
            // Each span starts exactly one segment and covers the segments up to its end.
            var starting = Assert.Single(reader.Segments, s => s.Starting.Any(h => h.Id == span.AttributionId));
            Assert.Equal(span.Start, starting.Start);
            Assert.Equal(reader.Segments.Where(s => s.Start >= span.Start && s.End <= span.End).Select(s => s.Start),
                reader.Segments.Where(s => s.Covering.Any(h => h.Id == span.AttributionId)).Select(s => s.Start));
        }
    }

    [Fact]
    public async Task An_unknown_source_has_no_reader()
    {
        await using var db = app.CreateDbContext();

        Assert.Null(await _sources.GetReaderAsync(await db.Sources.MaxAsync(s => s.Id) + 1000));
    }
}
