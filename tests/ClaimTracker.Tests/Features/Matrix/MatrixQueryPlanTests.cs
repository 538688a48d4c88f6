using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Matrix;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Features.Matrix;

/// <summary>
/// EXPLAIN QUERY PLAN of every statement the stance matrix sends (its own and the claims search's it starts from), on the
/// generated news-shaped database: none reads all of Claims or Attributions (<see cref="QueryPlan.FullScans"/>), whatever the
/// filter, and each read of statements is a range of an index. With a million statements a whole-table read would cost
/// hundreds of milliseconds per matrix.
/// </summary>
public sealed class MatrixQueryPlanTests(GeneratedNewsroom newsroom, ITestOutputHelper output) : IClassFixture<GeneratedNewsroom>
{
    private const string ByClaimIndex = "IX_Attributions_ClaimId_ActorId_Stance_IsDeleted";

    private async Task<MatrixQuery> QueryForAsync(string filter) => filter switch
    {
        "none" => new MatrixQuery(),
        "show all" => new MatrixQuery(ShowAll: true),
        "by activity" => new MatrixQuery(Sort: MatrixSort.Activity),
        "busy actor" => new MatrixQuery(ActorId: await newsroom.ScalarAsync("SELECT ActorId FROM Attributions GROUP BY ActorId ORDER BY COUNT(*) DESC, ActorId LIMIT 1")),
        "common topic" => new MatrixQuery(Topic: "ukraine"),
        "common word" => new MatrixQuery("ceasefire"),
        "busy source" => new MatrixQuery(SourceId: await newsroom.ScalarAsync("SELECT SourceId FROM Attributions GROUP BY SourceId ORDER BY COUNT(*) DESC, SourceId LIMIT 1")),
        "busy source, word and topic" => new MatrixQuery("sanctions", Topic: "ukraine", ShowAll: true,
            SourceId: await newsroom.ScalarAsync("SELECT SourceId FROM Attributions GROUP BY SourceId ORDER BY COUNT(*) DESC, SourceId LIMIT 1")),
        "busy source and actor" => await SourceAndActorAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, null),
    };

    private async Task<MatrixQuery> SourceAndActorAsync()
    {
        var source = await newsroom.ScalarAsync("SELECT SourceId FROM Attributions GROUP BY SourceId ORDER BY COUNT(*) DESC, SourceId LIMIT 1");
        var actor = await newsroom.ScalarAsync($"SELECT ActorId FROM Attributions WHERE SourceId = {source} GROUP BY ActorId ORDER BY COUNT(*) DESC, ActorId LIMIT 1");
        return new MatrixQuery(SourceId: source, ActorId: actor);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("show all")]
    [InlineData("by activity")]
    [InlineData("busy actor")]
    [InlineData("common topic")]
    [InlineData("common word")]
    [InlineData("busy source")]
    [InlineData("busy source, word and topic")]
    [InlineData("busy source and actor")]
    public async Task The_matrix_reads_index_ranges_never_a_whole_table(string filter)
    {
        var query = await QueryForAsync(filter);
        var service = new MatrixService(newsroom.Factory, newsroom.Claims);
        newsroom.Sql.Take();
        var matrix = await service.GetAsync(query);

        var commands = newsroom.Sql.Take();
        await using var connection = await newsroom.OpenAsync();
        var problems = new List<string>();
        var plans = new List<(RecordedSql Sql, IReadOnlyList<string> Plan)>();
        foreach (var sql in commands)
        {
            var plan = await QueryPlan.ExplainAsync(connection, sql);
            plans.Add((sql, plan));
            output.WriteLine($"{sql.Text}\n{string.Join('\n', plan)}\n");
            problems.AddRange(QueryPlan.FullScans(sql, plan).Select(p => $"{p}\nin\n{sql.Text}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
        Assert.Equal(MatrixEmptyReason.None, matrix.Empty);
        Assert.NotEmpty(matrix.Columns);
        output.WriteLine($"{filter}: {matrix.Columns.Count} claims × {matrix.RowCount} actors; cut {matrix.Cut}");
        // Who spoke to the chosen claims, and the cells: ranges of the claims' statements in the (ClaimId, ActorId, …) index.
        var fromClaims = plans.Where(p => p.Sql.Text.Contains("FROM \"Attributions\"", StringComparison.Ordinal)
            && p.Plan.Any(l => l.Contains($"INDEX {ByClaimIndex} (ClaimId=?", StringComparison.Ordinal))).ToList();
        Assert.True(fromClaims.Count >= (query.SourceId is null ? 2 : 0), $"{fromClaims.Count} reads of statements by claim");
    }

    [Fact]
    public async Task A_matrix_with_more_matches_than_it_shows_is_cut_and_show_all_stops_at_the_cap()
    {
        var service = new MatrixService(newsroom.Factory, newsroom.Claims);

        var top = await service.GetAsync(new MatrixQuery());
        var all = await service.GetAsync(new MatrixQuery(ShowAll: true));

        Assert.Equal(MatrixLimits.Claims, top.Columns.Count);
        Assert.Equal(MatrixLimits.Actors, top.RowCount);
        Assert.True(top.Cut.IsCut);
        Assert.Equal(MatrixLimits.MaxClaims, all.Columns.Count);
        Assert.Equal(MatrixLimits.MaxActors, all.RowCount);
        Assert.True(all.Cut.AtCap);
        // The claims shown are the busiest of the pool: none left out has more statements than one shown.
        var pool = (await newsroom.Claims.SearchAsync(new Web.Features.Claims.ClaimSearchQuery(PageSize: MatrixLimits.ClaimPool))).Items;
        var leastShown = top.Columns.Min(c => c.Statements);
        Assert.DoesNotContain(pool.Where(c => top.Columns.All(col => col.ClaimId != c.Id)), c => c.AttributionCount > leastShown);
    }
}
