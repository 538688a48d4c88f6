using System.Net;
using System.Text.Json;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Api;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Api;

/// <summary><c>/api/actors/{id}</c>: the actor, their statements a page at a time, and the API's 400/404 conventions.</summary>
[BothEngines]
public class ActorApiTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    /// <summary>The actor's statements as /api/claims lists them, by id.</summary>
    private async Task<List<(JsonElement Claim, JsonElement Statement)>> StatementsOfAsync(int actorId)
    {
        var page = await _client.GetJsonAsync("/api/claims?limit=500");
        return page.GetProperty("items").EnumerateArray()
            .SelectMany(c => c.GetProperty("attributions").EnumerateArray().Select(a => (c, a)))
            .Where(x => x.a.GetProperty("actorId").GetInt32() == actorId)
            .OrderBy(x => x.a.GetProperty("id").GetInt32())
            .ToList();
    }

    [Theory]
    [InlineData("donald-trump")]
    [InlineData("european-governments")]
    public async Task An_actor_comes_with_every_statement_that_the_claims_carry_for_them(string key)
    {
        var actorId = await app.ActorId(key);
        var expected = await StatementsOfAsync(actorId);
        Assert.NotEmpty(expected);
        var listed = (await _client.GetJsonAsync("/api/actors")).EnumerateArray().Single(a => a.GetProperty("id").GetInt32() == actorId);

        var actor = await _client.GetJsonAsync($"/api/actors/{actorId}");

        Assert.Equal(actorId, actor.GetProperty("id").GetInt32());
        Assert.Equal(listed.GetProperty("name").GetString(), actor.GetProperty("name").GetString());
        Assert.Equal(listed.GetProperty("kind").GetString(), actor.GetProperty("kind").GetString());
        Assert.Equal(expected.Count, actor.GetProperty("statementCount").GetInt32());
        var statements = actor.GetProperty("statements");
        Assert.Equal(JsonValueKind.Null, statements.GetProperty("next").ValueKind);
        var items = statements.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(expected.Select(x => x.Statement.GetProperty("id").GetInt32()), items.Select(i => i.GetProperty("id").GetInt32()));
        foreach (var (item, (claim, statement)) in items.Zip(expected))
        {
            Assert.Equal(claim.GetProperty("id").GetInt32(), item.GetProperty("claimId").GetInt32());
            Assert.Equal(claim.GetProperty("text").GetString(), item.GetProperty("claim").GetString());
            foreach (var field in new[] { "stance", "mode", "quote", "sourceId", "start", "end", "saidWhen", "saidWhere", "reportedVia", "anchorState", "anchorRevision" })
            {
                Assert.Equal(statement.GetProperty(field).ToString(), item.GetProperty(field).ToString());
            }
            Assert.Equal(claim.GetProperty("verdict").ToString(), item.GetProperty("verdict").ToString());
        }
    }

    [Fact]
    public async Task Following_statements_next_walks_every_statement_once()
    {
        var actorId = await app.ActorId("donald-trump");
        var expected = (await StatementsOfAsync(actorId)).Select(x => x.Statement.GetProperty("id").GetInt32()).ToList();
        Assert.True(expected.Count > 1);
        var seen = new List<int>();
        string? next = null;
        do
        {
            var actor = await _client.GetJsonAsync($"/api/actors/{actorId}?limit=1" + (next is null ? "" : "&after=" + Uri.EscapeDataString(next)));
            var statements = actor.GetProperty("statements");
            seen.AddRange(statements.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
            next = statements.GetProperty("next").GetString();
            Assert.True(seen.Count <= expected.Count, "paging does not end");
        }
        while (next is not null);
        Assert.Equal(expected, seen);
    }

    [Theory]
    [InlineData("/api/actors/abc", "actor id")]
    [InlineData("/api/actors/1.5", "actor id")]
    [InlineData("/api/actors/{id}?limit=0", "limit")]
    [InlineData("/api/actors/{id}?limit=501", "limit")]
    [InlineData("/api/actors/{id}?limit=many", "limit")]
    [InlineData("/api/actors/{id}?after=not-a-cursor", "after")]
    [InlineData("/api/actors/{id}?after={claimCursor}", "after")]
    public async Task Malformed_values_get_400_naming_what_is_wrong(string url, string named)
    {
        url = url.Replace("{id}", (await app.ActorId("donald-trump")).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{claimCursor}", ClaimCursor.Encode(3), StringComparison.Ordinal);
        var detail = await _client.AssertProblemAsync(url, HttpStatusCode.BadRequest);
        Assert.Contains(named, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_or_deleted_actor_is_404()
    {
        Assert.Contains("999999", await _client.AssertProblemAsync("/api/actors/999999", HttpStatusCode.NotFound), StringComparison.Ordinal);

        int deleted;
        await using (var db = app.CreateDbContext())
        {
            var actor = new ClaimTracker.Web.Domain.Actor { Key = "to-be-deleted", Name = "Short-lived", Kind = ClaimTracker.Web.Domain.ActorKind.Person };
            db.Actors.Add(actor);
            await db.SaveChangesAsync();
            deleted = actor.Id;
            await _client.GetJsonAsync($"/api/actors/{deleted}");
            db.Actors.Remove(actor); // a soft delete (RecordKeeping)
            await db.SaveChangesAsync();
        }
        await using (var check = app.CreateDbContext())
        {
            Assert.True(await check.Actors.IgnoreQueryFilters().AnyAsync(a => a.Id == deleted && a.IsDeleted));
        }
        await _client.AssertProblemAsync($"/api/actors/{deleted}", HttpStatusCode.NotFound);
    }
}
