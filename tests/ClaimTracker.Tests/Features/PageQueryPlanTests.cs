using System.Text.RegularExpressions;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Claims;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Features;

/// <summary>
/// EXPLAIN QUERY PLAN of every statement the reading pages send: the claims browser (each sort, each filter, search
/// words, phrases and prefixes, rare and common), its filter lists, the dispute view, the actor page and the reader. None
/// may read all of Claims or Attributions (see <see cref="QueryPlan.FullScans"/>); at a million statements a full
/// scan costs hundreds of milliseconds, so these plans are what keeps the pages fast (docs/performance.md, "1M attributions").
/// The SQL is what EF Core sends, recorded by an interceptor, on a generated news-shaped database.
/// </summary>
public sealed partial class PageQueryPlanTests(GeneratedNewsroom newsroom, ITestOutputHelper output) : IClassFixture<GeneratedNewsroom>
{
    [GeneratedRegex(@"^SEARCH c\d* USING (INTEGER PRIMARY KEY|INDEX IX_Claims_Status)")]
    private static partial Regex ClaimLookup();

    [GeneratedRegex(@"^SCAN c\d*( |$)")]
    private static partial Regex ClaimScan();

    private sealed record Explained(RecordedSql Sql, IReadOnlyList<string> Plan)
    {
        public override string ToString() => $"{Sql.Text}\n{string.Join('\n', Plan)}";
    }

    private async Task<IReadOnlyList<Explained>> ExplainRecordedAsync(SqliteConnection? connection = null, SqliteTransaction? transaction = null)
    {
        var commands = newsroom.Sql.Take();
        Assert.NotEmpty(commands);
        var own = connection is null ? await newsroom.OpenAsync() : null;
        try
        {
            var explained = new List<Explained>();
            foreach (var sql in commands)
            {
                explained.Add(new Explained(sql, await QueryPlan.ExplainAsync(connection ?? own!, sql, transaction)));
            }
            foreach (var e in explained)
            {
                output.WriteLine(e + "\n");
            }
            return explained;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    private static void AssertNoFullScan(IReadOnlyList<Explained> statements)
    {
        var problems = statements.SelectMany(s => QueryPlan.FullScans(s.Sql, s.Plan).Select(p => $"{p}\nin\n{s}")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    /// <summary>The statement that reads the page of claims (the one with the speakers' count and the sort).</summary>
    private static Explained PageStatement(IReadOnlyList<Explained> statements) =>
        // The query that sorts and pages (the page's ids; its rows are read by id after it).
        Assert.Single(statements, s => s.Sql.Text.Contains("FROM \"Claims\"", StringComparison.Ordinal)
            && s.Sql.Text.Contains("ORDER BY", StringComparison.Ordinal) && s.Sql.Text.Contains("LIMIT", StringComparison.Ordinal));

    private static string SortIndex(ClaimSort sort) => sort switch
    {
        ClaimSort.Newest => "IX_Claims_Live",
        ClaimSort.Text => "IX_Claims_Text_Id",
        _ => "IX_Claims_ConflictCount_SupportCount_Id",
    };

    private async Task<IReadOnlyList<Explained>> SearchAsync(ClaimSearchQuery query)
    {
        newsroom.Sql.Take();
        var result = await newsroom.Claims.SearchAsync(query);
        Assert.Null(result.SearchError);
        output.WriteLine($"{query}: {result.TotalCount} (lower bound: {result.TotalIsLowerBound}), {result.Items.Count} on the page\n");
        return await ExplainRecordedAsync();
    }

    [Theory]
    [InlineData(ClaimSort.MostDisputed, 0)]
    [InlineData(ClaimSort.Newest, 0)]
    [InlineData(ClaimSort.Text, 0)]
    [InlineData(ClaimSort.MostDisputed, 30)]
    [InlineData(ClaimSort.Newest, 30)]
    [InlineData(ClaimSort.Text, 30)]
    public async Task The_unfiltered_list_reads_its_sorts_index_up_to_the_page_and_counts_without_reading_claims(ClaimSort sort, int page)
    {
        var statements = await SearchAsync(new ClaimSearchQuery(Sort: sort, Page: page));

        AssertNoFullScan(statements);
        var walk = PageStatement(statements);
        Assert.Contains(walk.Plan, l => l.Trim().StartsWith($"SCAN c USING INDEX {SortIndex(sort)}", StringComparison.Ordinal));
        Assert.DoesNotContain(walk.Plan, l => l.Contains("TEMP B-TREE", StringComparison.Ordinal));
        // The total: the table's row count less the deleted claims, from their partial index.
        Assert.Contains(statements, s => s.Plan.Any(l => l.Contains(QueryPlan.DeletedClaimsIndex, StringComparison.Ordinal)));
    }

    public static TheoryData<string, ClaimSort> Filters()
    {
        var data = new TheoryData<string, ClaimSort>();
        foreach (var filter in new[] { "busy actor", "rare actor and stance", "common topic", "rare topic", "common status", "rare status", "stance", "common word", "rare phrase", "prefix", "word and busy actor", "phrase and topic", "word and status", "words and stance", "common rating", "rare rating", "rating and busy actor", "rating and rare phrase" })
        {
            foreach (var sort in Enum.GetValues<ClaimSort>())
            {
                data.Add(filter, sort);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task A_filtered_list_starts_from_its_most_selective_filter_when_few_match_and_from_its_sorts_index_when_many_do(string filter, ClaimSort sort)
    {
        var query = await QueryForAsync(filter) with { Sort = sort };
        var statements = await SearchAsync(query);
        var result = await newsroom.Claims.SearchAsync(query);
        newsroom.Sql.Take();

        AssertNoFullScan(statements);
        var page = PageStatement(statements);
        if (result.TotalIsLowerBound)
        {
            // Many: the page reads the sort's index in order and tests each claim.
            Assert.Contains(page.Plan, l => l.Trim().StartsWith($"SCAN c USING INDEX {SortIndex(sort)}", StringComparison.Ordinal));
            Assert.DoesNotContain(page.Plan, l => l.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal));
        }
        else
        {
            // Few: the page starts from the filter's matches and looks each claim up (as "c", or "c0" when the matches are
            // joined to the claims).
            Assert.Contains(page.Plan, l => ClaimLookup().IsMatch(l.Trim()));
            Assert.DoesNotContain(page.Plan, l => ClaimScan().IsMatch(l.Trim()));
        }
    }

    /// <summary>The filter named, with values taken from the generated data so that "rare" and "common" hold.</summary>
    private async Task<ClaimSearchQuery> QueryForAsync(string filter)
    {
        await using var connection = await newsroom.OpenAsync();
        async Task<int> Int(string sql) => (await DatabaseFile.ReadAsync(connection, sql, r => r.GetInt32(0))).Single();
        async Task<string> Text(string sql) => (await DatabaseFile.ReadAsync(connection, sql, r => r.GetString(0))).Single();
        var busyActor = await Int("SELECT ActorId FROM Attributions GROUP BY ActorId ORDER BY COUNT(*) DESC, ActorId LIMIT 1");
        return filter switch
        {
            "busy actor" => new ClaimSearchQuery(ActorId: busyActor),
            "rare actor and stance" => await RareActorAndStanceAsync(connection),
            "common topic" => new ClaimSearchQuery(Topic: await Text("SELECT Topic FROM ClaimTopics GROUP BY Topic ORDER BY COUNT(*) DESC, Topic LIMIT 1")),
            "rare topic" => new ClaimSearchQuery(Topic: await Text("SELECT Topic FROM ClaimTopics GROUP BY Topic ORDER BY COUNT(*), Topic LIMIT 1")),
            "common status" => new ClaimSearchQuery(Status: ClaimStatus.New),
            "rare status" => new ClaimSearchQuery(Status: ClaimStatus.VerdictDrafted),
            "stance" => new ClaimSearchQuery(Stance: Stance.Doubts),
            "common word" => new ClaimSearchQuery("ceasefire"),
            "rare phrase" => new ClaimSearchQuery($"\"{await Text("SELECT Text FROM Claims WHERE Key LIKE 'generated-%' ORDER BY Id LIMIT 1")}\""),
            "prefix" => new ClaimSearchQuery("negotiat"),
            "word and busy actor" => new ClaimSearchQuery("sanctions", ActorId: busyActor),
            "phrase and topic" => new ClaimSearchQuery("\"peace talks\"", Topic: "ukraine"),
            "word and status" => new ClaimSearchQuery("grain", Status: ClaimStatus.InReview),
            "words and stance" => new ClaimSearchQuery("Kremlin offensive", Stance: Stance.Denies),
            "common rating" => new ClaimSearchQuery(RatingLabelId: await Int(RatingByUseSql("DESC"))),
            "rare rating" => new ClaimSearchQuery(RatingLabelId: await Int(RatingByUseSql("ASC"))),
            "rating and busy actor" => new ClaimSearchQuery(ActorId: busyActor, RatingLabelId: await Int(RatingByUseSql("DESC"))),
            "rating and rare phrase" => new ClaimSearchQuery($"\"{await Text("SELECT Text FROM Claims WHERE Key LIKE 'generated-%' ORDER BY Id LIMIT 1")}\"",
                RatingLabelId: await Int(RatingByUseSql("DESC"))),
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, null),
        };
    }

    /// <summary>The rating label most (DESC) or least (ASC) used by published verdicts.</summary>
    private static string RatingByUseSql(string order) =>
        $"SELECT RatingLabelId FROM Verdicts WHERE State = 'Published' AND IsDeleted = 0 GROUP BY RatingLabelId ORDER BY COUNT(*) {order}, RatingLabelId LIMIT 1";

    [GeneratedRegex(@"FROM ""Verdicts"" AS ""(?<alias>\w+)""")]
    private static partial Regex VerdictAliases();

    /// <summary>Whether the plan reads every verdict: a SCAN of the table (or of an index of it) under one of its aliases.</summary>
    private static bool ScansVerdicts(Explained s) =>
        VerdictAliases().Matches(s.Sql.Text).Select(m => m.Groups["alias"].Value).Distinct()
            .Any(alias => s.Plan.Any(l => l.Trim() == $"SCAN {alias}" || l.Trim().StartsWith($"SCAN {alias} ", StringComparison.Ordinal)));

    /// <summary>
    /// Published ratings: the rating filter starts from a rating's published verdicts, or tests each claim with one seek, in
    /// the index (RatingLabelId, State, ClaimId, IsDeleted); a page's ratings are looked up by claim in (ClaimId, State,
    /// IsDeleted). Verdicts are few beside claims, but a scan of them on every page of the list would grow with the newsroom.
    /// </summary>
    [Fact]
    public async Task The_rating_filter_and_a_pages_ratings_read_the_verdict_indexes()
    {
        const string ratingIndex = "IX_Verdicts_RatingLabelId_State_ClaimId_IsDeleted";
        var started = await SearchAsync(await QueryForAsync("common rating"));
        var tested = await SearchAsync(await QueryForAsync("rating and rare phrase"));
        var unfiltered = await SearchAsync(new ClaimSearchQuery(Sort: ClaimSort.Newest));

        foreach (var statements in new[] { started, tested, unfiltered })
        {
            AssertNoFullScan(statements);
            Assert.DoesNotContain(statements, ScansVerdicts);
        }
        Assert.Contains(started, s => s.Plan.Any(l => l.Contains($"INDEX {ratingIndex} (RatingLabelId=? AND State=?)", StringComparison.Ordinal)));
        Assert.Contains(tested, s => s.Plan.Any(l => l.Contains($"INDEX {ratingIndex} (RatingLabelId=? AND State=? AND ClaimId=?)", StringComparison.Ordinal)));
        var ratings = Assert.Single(unfiltered, s => s.Sql.Text.Contains("FROM \"Verdicts\"", StringComparison.Ordinal));
        Assert.Contains(ratings.Plan, l => l.Contains("INDEX IX_Verdicts_ClaimId_State_IsDeleted (ClaimId=? AND State=?)", StringComparison.Ordinal));

        // The check can fail: without the rating index the filter reads every verdict.
        newsroom.Sql.Take();
        await newsroom.Claims.SearchAsync(await QueryForAsync("common rating"));
        await using var connection = await newsroom.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using (var drop = connection.CreateCommand())
        {
            drop.Transaction = transaction;
            drop.CommandText = $"DROP INDEX \"{ratingIndex}\"";
            await drop.ExecuteNonQueryAsync();
        }
        var without = await ExplainRecordedAsync(connection, transaction);
        Assert.Contains(without, ScansVerdicts);
        await transaction.RollbackAsync();
    }

    private static async Task<ClaimSearchQuery> RareActorAndStanceAsync(SqliteConnection connection)
    {
        var (actor, stance) = (await DatabaseFile.ReadAsync(connection,
            "SELECT ActorId, Stance FROM Attributions GROUP BY ActorId, Stance ORDER BY COUNT(DISTINCT ClaimId), ActorId, Stance LIMIT 1",
            r => (r.GetInt32(0), Enum.Parse<Stance>(r.GetString(1))))).Single();
        return new ClaimSearchQuery(ActorId: actor, Stance: stance);
    }

    [Fact]
    public async Task Both_plans_are_exercised_the_broad_filters_are_counted_only_up_to_the_limit()
    {
        var broad = await newsroom.Claims.SearchAsync(await QueryForAsync("common status"));
        var narrow = await newsroom.Claims.SearchAsync(await QueryForAsync("rare status"));
        var unfiltered = await newsroom.Claims.SearchAsync(new ClaimSearchQuery());
        newsroom.Sql.Take();

        Assert.True(broad.TotalIsLowerBound);
        Assert.Equal(GeneratedNewsroom.CountLimit + 1, broad.TotalCount);
        Assert.False(narrow.TotalIsLowerBound);
        Assert.InRange(narrow.TotalCount, 1, GeneratedNewsroom.CountLimit);
        Assert.Equal(narrow.TotalCount, await newsroom.ScalarAsync("SELECT COUNT(*) FROM Claims WHERE Status = 'VerdictDrafted' AND IsDeleted = 0"));
        Assert.False(unfiltered.TotalIsLowerBound);
        Assert.Equal(await newsroom.ScalarAsync("SELECT COUNT(*) FROM Claims WHERE IsDeleted = 0"), unfiltered.TotalCount);
    }

    [Fact]
    public async Task The_claims_browsers_filter_lists_read_no_claim_or_statement_table()
    {
        newsroom.Sql.Take();
        var options = await newsroom.Claims.GetFilterOptionsAsync();
        var statements = await ExplainRecordedAsync();

        AssertNoFullScan(statements);
        Assert.Equal(await newsroom.ScalarAsync("SELECT COUNT(DISTINCT t.value) FROM Claims AS c, json_each(c.Topics) AS t"), options.Topics.Count);
        Assert.Contains(statements, s => s.Sql.Text.Contains("ClaimTopics", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("most statements")]
    [InlineData("most relations")]
    [InlineData("an ordinary claim")]
    public async Task The_dispute_view_reads_index_ranges_of_the_claim_and_its_related_claims(string which)
    {
        var id = which switch
        {
            "most statements" => await newsroom.ScalarAsync("SELECT ClaimId FROM Attributions GROUP BY ClaimId ORDER BY COUNT(*) DESC, ClaimId LIMIT 1"),
            "most relations" => await newsroom.ScalarAsync("SELECT ClaimId FROM (SELECT FromClaimId AS ClaimId FROM ClaimRelations UNION ALL SELECT ToClaimId FROM ClaimRelations) GROUP BY ClaimId ORDER BY COUNT(*) DESC, ClaimId LIMIT 1"),
            _ => await newsroom.ScalarAsync("SELECT MAX(Id) FROM Claims WHERE ConflictCount > 0"),
        };
        newsroom.Sql.Take();
        Assert.NotNull(await newsroom.Disputes.GetDisputeAsync(id));

        AssertNoFullScan(await ExplainRecordedAsync());
    }

    [Theory]
    [InlineData("busiest")]
    [InlineData("quietest")]
    public async Task The_actor_page_reads_index_ranges_of_the_actor_and_of_the_claims_it_lists(string which)
    {
        var id = await newsroom.ScalarAsync($"SELECT ActorId FROM Attributions GROUP BY ActorId ORDER BY COUNT(*) {(which == "busiest" ? "DESC" : "")}, ActorId LIMIT 1");
        newsroom.Sql.Take();
        Assert.NotNull(await newsroom.Actors.GetProfileAsync(id));

        AssertNoFullScan(await ExplainRecordedAsync());
    }

    [Fact]
    public async Task The_reader_reads_the_sources_statements_by_index()
    {
        var id = await newsroom.ScalarAsync("SELECT SourceId FROM Attributions GROUP BY SourceId ORDER BY COUNT(*) DESC, SourceId LIMIT 1");
        newsroom.Sql.Take();
        Assert.NotNull(await newsroom.Sources.GetReaderAsync(id));

        var statements = await ExplainRecordedAsync();
        AssertNoFullScan(statements);
        Assert.Contains(statements, s => s.Plan.Any(l => l.Contains("SEARCH a USING INDEX IX_Attributions_SourceId_AnchorState (SourceId=?)", StringComparison.Ordinal)));
    }

    /// <summary>The check can fail: without the index a page relies on, the same SQL reads the whole table, and it says so.</summary>
    [Theory]
    [InlineData("IX_Claims_Text_Id", "A–Z")]
    [InlineData("IX_Attributions_ActorId_Stance_Id_ClaimId_IsDeleted", "actor page")]
    public async Task Without_the_index_a_page_relies_on_the_check_reports_a_full_scan(string index, string page)
    {
        newsroom.Sql.Take();
        if (page == "A–Z")
        {
            await newsroom.Claims.SearchAsync(new ClaimSearchQuery(Sort: ClaimSort.Text));
        }
        else
        {
            await newsroom.Actors.GetProfileAsync(await newsroom.ScalarAsync("SELECT ActorId FROM Attributions GROUP BY ActorId ORDER BY COUNT(*) DESC LIMIT 1"));
        }
        await using var connection = await newsroom.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using (var drop = connection.CreateCommand())
        {
            drop.Transaction = transaction;
            drop.CommandText = $"DROP INDEX \"{index}\"";
            await drop.ExecuteNonQueryAsync(); // in this transaction only, rolled back below: the database keeps its index
        }

        var statements = await ExplainRecordedAsync(connection, transaction);
        var problems = statements.SelectMany(s => QueryPlan.FullScans(s.Sql, s.Plan)).ToList();

        Assert.NotEmpty(problems);
        output.WriteLine(string.Join('\n', problems));
        await transaction.RollbackAsync();
    }
}
