using System.Text.RegularExpressions;
using ClaimTracker.Web.Features.Map;

namespace ClaimTracker.Tests.Features;

/// <summary>The claim map's statements, explained on the generated newsroom as the other reading pages' are.</summary>
public sealed partial class PageQueryPlanTests
{
    [GeneratedRegex(@"(?:FROM|JOIN)\s+""ClaimRelations""\s+AS\s+""(?<alias>\w+)""")]
    private static partial Regex RelationAliases();

    [Theory]
    [InlineData("most relations", 2, true)]
    [InlineData("most relations", 1, false)]
    [InlineData("most statements", 2, true)]
    public async Task The_claim_map_grows_hop_by_hop_through_index_ranges(string which, int hops, bool actors)
    {
        var id = which == "most statements"
            ? await newsroom.ScalarAsync("SELECT ClaimId FROM Attributions GROUP BY ClaimId ORDER BY COUNT(*) DESC, ClaimId LIMIT 1")
            : await newsroom.ScalarAsync("SELECT ClaimId FROM (SELECT FromClaimId AS ClaimId FROM ClaimRelations UNION ALL SELECT ToClaimId FROM ClaimRelations) GROUP BY ClaimId ORDER BY COUNT(*) DESC, ClaimId LIMIT 1");
        newsroom.Sql.Take();
        var graph = await new ClaimMapService(newsroom.Factory).ForClaimAsync(id, new MapOptions(hops, actors));
        Assert.NotNull(graph);
        Assert.True(graph.Nodes.Count > 1, "The claim chosen should have relations.");

        var statements = await ExplainRecordedAsync();
        AssertNoFullScan(statements);
        // Nor a whole read of the relations: each is reached from a claim id, through (FromClaimId, …) or (ToClaimId, …).
        foreach (var s in statements)
        {
            var aliases = RelationAliases().Matches(s.Sql.Text).Select(m => m.Groups["alias"].Value).ToHashSet();
            Assert.DoesNotContain(s.Plan, line => aliases.Any(a => Regex.IsMatch(line.Trim(), $@"^SCAN {a}( |$)")));
        }
    }

    [Fact]
    public async Task A_topic_map_starts_from_the_topic_index()
    {
        var topic = (await newsroom.Claims.GetFilterOptionsAsync()).Topics.First();
        newsroom.Sql.Take();
        var graph = await new ClaimMapService(newsroom.Factory).ForTopicAsync(topic, new MapOptions(1, true));
        Assert.NotEmpty(graph.Nodes);

        AssertNoFullScan(await ExplainRecordedAsync());
    }
}
