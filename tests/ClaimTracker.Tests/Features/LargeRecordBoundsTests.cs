using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Claims;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features;

/// <summary>
/// What the reading pages return on a record larger than they list: the rows are the ones a plain query over everything
/// would give first (the bounded plans change the cost, not the answer), and the totals are the real ones.
/// </summary>
public sealed class LargeRecordBoundsTests(GeneratedNewsroom newsroom) : IClassFixture<GeneratedNewsroom>
{
    private async Task<List<T>> ReadAsync<T>(string sql, Func<SqliteDataReader, T> read)
    {
        await using var connection = await newsroom.OpenAsync();
        return await DatabaseFile.ReadAsync(connection, sql, read);
    }

    [Fact]
    public async Task The_apps_connections_read_the_database_through_a_memory_map()
    {
        await using var db = await newsroom.Factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA mmap_size";

        Assert.True(Convert.ToInt64(await command.ExecuteScalarAsync()) >= 256L * 1024 * 1024, "the pages of a large database are read through a memory map");
    }

    public static TheoryData<string, ClaimSort, int> Lists()
    {
        var data = new TheoryData<string, ClaimSort, int>();
        foreach (var filter in new[] { "none", "stance", "status", "topic", "word", "actor" })
        {
            foreach (var sort in Enum.GetValues<ClaimSort>())
            {
                data.Add(filter, sort, 0);
                data.Add(filter, sort, 3);
            }
        }
        return data;
    }

    /// <summary>
    /// Each page equals the same page of a plain query over every claim (the filter written the obvious way, everything
    /// sorted); the count is exact up to the limit and says "more" beyond it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_page_of_the_claims_browser_is_the_page_a_plain_query_over_every_claim_gives(string filter, ClaimSort sort, int page)
    {
        var busyActor = (await ReadAsync("SELECT ActorId FROM Attributions GROUP BY ActorId ORDER BY COUNT(*) DESC LIMIT 1", r => r.GetInt32(0))).Single();
        var (query, where) = filter switch
        {
            "stance" => (new ClaimSearchQuery(Stance: Stance.Doubts), "EXISTS (SELECT 1 FROM Attributions a WHERE a.ClaimId = c.Id AND a.Stance = 'Doubts' AND a.IsDeleted = 0)"),
            "status" => (new ClaimSearchQuery(Status: ClaimStatus.InReview), "c.Status = 'InReview'"),
            "topic" => (new ClaimSearchQuery(Topic: "energy"), "EXISTS (SELECT 1 FROM json_each(c.Topics) WHERE value = 'energy')"),
            "word" => (new ClaimSearchQuery("grain"), "c.Id IN (SELECT rowid FROM ClaimSearch WHERE ClaimSearch MATCH '\"grain\"*')"),
            "actor" => (new ClaimSearchQuery(ActorId: busyActor), $"EXISTS (SELECT 1 FROM Attributions a WHERE a.ClaimId = c.Id AND a.ActorId = {busyActor} AND a.IsDeleted = 0)"),
            _ => (new ClaimSearchQuery(), "1 = 1"),
        };
        query = query with { Sort = sort, Page = page };
        var order = sort switch
        {
            ClaimSort.Newest => "c.Id DESC",
            ClaimSort.Text => "c.Text, c.Id",
            _ => "c.ConflictCount DESC, c.SupportCount DESC, c.Id",
        };
        var all = await ReadAsync($"SELECT c.Id FROM Claims c WHERE c.IsDeleted = 0 AND {where} ORDER BY {order}", r => r.GetInt32(0));

        var result = await newsroom.Claims.SearchAsync(query);

        Assert.Equal(all.Skip(page * 25).Take(25), result.Items.Select(r => r.Id));
        if (filter != "none" && all.Count > GeneratedNewsroom.CountLimit)
        {
            Assert.True(result.TotalIsLowerBound);
            Assert.Equal(GeneratedNewsroom.CountLimit + 1, result.TotalCount);
        }
        else
        {
            Assert.False(result.TotalIsLowerBound);
            Assert.Equal(all.Count, result.TotalCount);
        }
    }

    [Fact]
    public async Task A_claim_repeated_everywhere_lists_its_first_statements_of_each_kind_and_counts_them_all()
    {
        var id = (await ReadAsync("SELECT ClaimId FROM Attributions WHERE Stance = 'Asserts' GROUP BY ClaimId ORDER BY COUNT(*) DESC LIMIT 1", r => r.GetInt32(0))).Single();
        var firstAssertions = await ReadAsync($"""
            SELECT a.Id FROM Attributions a JOIN Sources s ON s.Id = a.SourceId
            WHERE a.ClaimId = {id} AND a.Stance = 'Asserts' AND a.IsDeleted = 0 ORDER BY s.PublishedOn, a.SpanStart, a.Id
            """, r => r.GetInt32(0));
        var stored = (await ReadAsync($"SELECT ConflictCount, SupportCount FROM Claims WHERE Id = {id}", r => (r.GetInt32(0), r.GetInt32(1)))).Single();
        Assert.True(firstAssertions.Count > DisputeReader.StatementsShown, $"the busiest claim has only {firstAssertions.Count} assertions");

        var dispute = (await newsroom.Disputes.GetDisputeAsync(id))!;

        Assert.Equal(firstAssertions.Take(DisputeReader.StatementsShown), dispute.Assertions.Select(a => a.Id));
        Assert.Equal(firstAssertions.Count, dispute.Totals.Assertions);
        Assert.Equal(firstAssertions.Count - DisputeReader.StatementsShown, dispute.MoreAssertions);
        Assert.Equal(stored, (dispute.Totals.Conflicting, dispute.Totals.Supporting));
        var related = dispute.Conflicting.Select(a => a.Related).Concat(dispute.Supporting.Select(a => a.Related)).OfType<RelatedClaim>()
            .Concat(dispute.Qualifications).Concat(dispute.BearsOn).ToList();
        Assert.NotEmpty(related);
        foreach (var claim in related)
        {
            var statements = await ReadAsync($"SELECT Id, Stance FROM Attributions WHERE ClaimId = {claim.ClaimId} AND IsDeleted = 0 ORDER BY Id", r => (Id: r.GetInt32(0), Stance: Enum.Parse<Stance>(r.GetString(1))));
            var speakers = statements.Where(s => !s.Stance.IsChallenge()).ToList();
            var challengers = statements.Where(s => s.Stance.IsChallenge()).ToList();
            Assert.Equal(speakers.Take(DisputeReader.RelatedStatementsShown).Select(s => s.Id).Order(), claim.Speakers.Select(a => a.Id).Order());
            Assert.Equal(challengers.Take(DisputeReader.RelatedStatementsShown).Select(s => s.Id).Order(), claim.Challenges.Select(a => a.Id).Order());
            Assert.Equal((speakers.Count, challengers.Count), (claim.SpeakerCount, claim.ChallengeCount));
        }
        Assert.Contains(related, r => r.MoreSpeakers > 0);
    }

    [Fact]
    public async Task A_busy_actor_lists_their_latest_statements_of_each_stance_and_counts_them_all()
    {
        var id = (await ReadAsync("SELECT ActorId FROM Attributions GROUP BY ActorId ORDER BY COUNT(*) DESC LIMIT 1", r => r.GetInt32(0))).Single();
        var byStance = (await ReadAsync($"SELECT Id, Stance FROM Attributions WHERE ActorId = {id} AND IsDeleted = 0 ORDER BY Id DESC", r => (Id: r.GetInt32(0), Stance: Enum.Parse<Stance>(r.GetString(1)))))
            .ToLookup(s => s.Stance, s => s.Id);
        var about = (await ReadAsync($"SELECT COUNT(*) FROM ClaimSubjects s JOIN Claims c ON c.Id = s.SubjectOfId WHERE s.SubjectsId = {id} AND c.IsDeleted = 0", r => r.GetInt32(0))).Single();
        Assert.Contains(byStance, g => g.Count() > ActorService.PositionsShown);

        var profile = (await newsroom.Actors.GetProfileAsync(id))!;

        foreach (var stance in byStance)
        {
            Assert.Equal(stance.Count(), profile.Counts.PositionsOf(stance.Key));
            Assert.Equal(stance.Take(ActorService.PositionsShown).Order(), profile.Positions.Where(p => p.Attribution.Stance == stance.Key).Select(p => p.Attribution.Id).Order());
        }
        Assert.Equal(profile.Positions.OrderBy(p => p.Attribution.PublishedOn).ThenBy(p => p.Attribution.Start).ThenBy(p => p.Attribution.Id), profile.Positions);
        Assert.Equal(about, profile.Counts.ClaimsAbout);
        Assert.Equal(Math.Min(about, ActorService.ClaimsAboutShown), profile.ClaimsAbout.Count);
        Assert.NotEmpty(profile.AgreesWith.Concat(profile.DisagreesWith));
        foreach (var list in new[] { (Shown: profile.AgreesWith, Total: profile.Counts.AgreesWith), (Shown: profile.DisagreesWith, Total: profile.Counts.DisagreesWith) })
        {
            Assert.Equal(Math.Min(list.Total, ActorService.AlignmentsShown), list.Shown.Count);
            Assert.All(list.Shown, a => Assert.InRange(a.Reasons.Count, 1, Math.Min(a.ReasonCount, ActorService.ReasonsShown)));
            Assert.Equal(list.Shown.OrderByDescending(a => a.ReasonCount).ThenBy(a => a.ActorName), list.Shown);
        }
    }
}
