using System.Net;
using System.Text.Json;
using ClaimTracker.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Api;

/// <summary>The read-only JSON API over the real seed, in a fresh database for this class.</summary>
[BothEngines]
public class ReadApiTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private const string SourceKey = "reuters-ukraine-peace-talks";
    private readonly HttpClient _client = app.CreateClient();

    private async Task<List<int>> ClaimIdsInDatabaseAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Claims.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
    }

    private static JsonElement ItemWithId(JsonElement page, int id) =>
        page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == id);

    private static void AssertProperty(JsonElement element, string name, JsonValueKind kind)
    {
        Assert.True(element.TryGetProperty(name, out var value), $"no \"{name}\" in {element}");
        Assert.Equal(kind, value.ValueKind);
    }

    [Fact]
    public async Task Claims_come_in_the_documented_camel_case_shape()
    {
        var page = await _client.GetJsonAsync("/api/claims");

        Assert.True(page.TryGetProperty("next", out _), "no \"next\" on the page");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            AssertProperty(item, "id", JsonValueKind.Number);
            AssertProperty(item, "text", JsonValueKind.String);
            AssertProperty(item, "status", JsonValueKind.String);
            AssertProperty(item, "attributions", JsonValueKind.Array);
            AssertProperty(item, "relations", JsonValueKind.Array);
            Assert.False(item.TryGetProperty("Id", out _), "PascalCase property on the wire");
            foreach (var a in item.GetProperty("attributions").EnumerateArray())
            {
                AssertProperty(a, "actorId", JsonValueKind.Number);
                AssertProperty(a, "actor", JsonValueKind.String);
                AssertProperty(a, "stance", JsonValueKind.String);
                AssertProperty(a, "mode", JsonValueKind.String);
                AssertProperty(a, "quote", JsonValueKind.String);
                AssertProperty(a, "sourceId", JsonValueKind.Number);
                AssertProperty(a, "start", JsonValueKind.Number);
                AssertProperty(a, "end", JsonValueKind.Number);
            }
            foreach (var r in item.GetProperty("relations").EnumerateArray())
            {
                AssertProperty(r, "type", JsonValueKind.String);
                AssertProperty(r, "claimId", JsonValueKind.Number);
            }
        }
        Assert.Contains(items, i => i.GetProperty("attributions").GetArrayLength() > 0);
        Assert.Contains(items, i => i.GetProperty("relations").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_claim_carries_its_seeded_attribution_with_camel_case_enum_values()
    {
        var claimId = await app.ClaimId("putin-ready-for-deal");
        var seeded = TestSeeds.Document.Attributions.Single(a => a.Key == "trump-putin-ready");

        var claim = ItemWithId(await _client.GetJsonAsync("/api/claims"), claimId);

        Assert.Equal("Vladimir Putin is ready to make a deal to end the war in Ukraine.", claim.GetProperty("text").GetString());
        Assert.Equal("inReview", claim.GetProperty("status").GetString());
        var a = Assert.Single(claim.GetProperty("attributions").EnumerateArray(), x => x.GetProperty("actor").GetString() == "Donald Trump");
        Assert.Equal(await app.ActorId("donald-trump"), a.GetProperty("actorId").GetInt32());
        Assert.Equal("Donald Trump", a.GetProperty("actor").GetString());
        Assert.Equal("asserts", a.GetProperty("stance").GetString());
        Assert.Equal("directQuote", a.GetProperty("mode").GetString());
        Assert.Equal("ready to make a deal", a.GetProperty("quote").GetString());
        Assert.Equal(await app.SourceId(SourceKey), a.GetProperty("sourceId").GetInt32());
        Assert.Equal(seeded.Start, a.GetProperty("start").GetInt32());
        Assert.Equal(seeded.End, a.GetProperty("end").GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?limit=&after=")]
    public async Task An_empty_limit_or_cursor_means_the_default(string query)
    {
        var page = await _client.GetJsonAsync("/api/claims" + query);

        Assert.Equal(TestSeeds.Document.Claims.Count, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Without_a_limit_every_seeded_claim_comes_in_id_order_on_one_page()
    {
        var page = await _client.GetJsonAsync("/api/claims");

        var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(await ClaimIdsInDatabaseAsync(), ids);
        Assert.Equal(TestSeeds.Document.Claims.Count, ids.Count);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    public async Task Following_next_walks_every_claim_exactly_once(int limit)
    {
        var expected = await ClaimIdsInDatabaseAsync();
        var seen = new List<int>();
        var pages = 0;
        string? next = null;
        do
        {
            var url = $"/api/claims?limit={limit}" + (next is null ? "" : $"&after={Uri.EscapeDataString(next)}");
            var page = await _client.GetJsonAsync(url);
            var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
            next = page.GetProperty("next").GetString();
            Assert.InRange(ids.Count, 1, limit);
            if (next is not null)
            {
                Assert.Equal(limit, ids.Count);
            }
            seen.AddRange(ids);
            pages++;
            Assert.True(pages <= expected.Count + 1, "paging does not end");
        }
        while (next is not null);

        Assert.Equal(expected, seen);
        Assert.Equal((expected.Count + limit - 1) / limit, pages);
    }

    [Theory]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=2.5", "limit")]
    [InlineData("after=garbage", "after")]
    [InlineData("after=Y2xhaW06MA", "after")] // "claim:0"
    [InlineData("limit=5&after=%21%21", "after")]
    public async Task Malformed_paging_parameters_get_400_problem_details_naming_the_parameter(string query, string parameter)
    {
        var detail = await _client.AssertProblemAsync($"/api/claims?{query}", HttpStatusCode.BadRequest);

        Assert.StartsWith(parameter, detail);
    }

    [Theory]
    [InlineData("/api/claims?limit=")]
    [InlineData("/api/claims/")]
    [InlineData("/api/sources/")]
    public async Task A_malformed_value_of_any_length_is_quoted_back_shortened(string prefix)
    {
        var detail = await _client.AssertProblemAsync(prefix + new string('x', 100_000), HttpStatusCode.BadRequest);

        Assert.Contains("\"xxxxxxxxxx", detail);
        Assert.True(detail.Length < 200, detail);
    }

    [Fact]
    public async Task The_largest_allowed_limit_is_accepted()
    {
        var page = await _client.GetJsonAsync("/api/claims?limit=500");

        Assert.Equal(TestSeeds.Document.Claims.Count, page.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/claims/999999")]
    [InlineData("/api/sources/999999")]
    public async Task Unknown_ids_get_404_problem_details(string url)
    {
        var detail = await _client.AssertProblemAsync(url, HttpStatusCode.NotFound);

        Assert.Contains("999999", detail);
    }

    [Theory]
    [InlineData("/api/claims/abc")]
    [InlineData("/api/claims/1.5")]
    [InlineData("/api/sources/abc")]
    public async Task Ids_that_are_not_numbers_get_400_problem_details(string url)
    {
        var detail = await _client.AssertProblemAsync(url, HttpStatusCode.BadRequest);

        Assert.Contains("whole number", detail);
    }

    [Fact]
    public async Task A_single_claim_is_the_same_object_as_in_the_list()
    {
        var id = await app.ClaimId("putin-aims-to-seize-ukraine");

        var single = await _client.GetJsonAsync($"/api/claims/{id}");
        var listed = ItemWithId(await _client.GetJsonAsync("/api/claims"), id);

        Assert.Equal(listed.GetRawText(), single.GetRawText());
    }

    [Fact]
    public async Task Actors_lists_every_seeded_actor_with_id_name_and_kind()
    {
        var actors = (await _client.GetJsonAsync("/api/actors")).EnumerateArray().ToList();

        Assert.Equal(TestSeeds.Document.Actors.Count, actors.Count);
        foreach (var seeded in TestSeeds.Document.Actors)
        {
            var id = await app.ActorId(seeded.Key);
            var actor = Assert.Single(actors, a => a.GetProperty("id").GetInt32() == id);
            Assert.Equal(seeded.Name, actor.GetProperty("name").GetString());
            Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(seeded.Kind), actor.GetProperty("kind").GetString());
        }
        Assert.Contains(actors, a => a.GetProperty("name").GetString() == "US officials" && a.GetProperty("kind").GetString() == "officialsGroup");
    }

    [Fact]
    public async Task A_source_returns_exactly_the_text_of_the_seed_file()
    {
        var id = await app.SourceId(SourceKey);
        var seeded = TestSeeds.Document.Sources.Single(s => s.Key == SourceKey);

        var source = await _client.GetJsonAsync($"/api/sources/{id}");

        Assert.Equal(id, source.GetProperty("id").GetInt32());
        Assert.Equal(File.ReadAllText(Path.Combine(TestSeeds.Folder, seeded.TextFile)), source.GetProperty("text").GetString());
        Assert.Equal(seeded.ContentHash, source.GetProperty("contentHash").GetString());
        Assert.Equal(seeded.Title, source.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Every_quote_is_the_source_text_between_its_offsets()
    {
        var claims = (await _client.GetJsonAsync("/api/claims?limit=500")).GetProperty("items");
        var texts = new Dictionary<int, string>();
        var checkedCount = 0;

        foreach (var a in claims.EnumerateArray().SelectMany(c => c.GetProperty("attributions").EnumerateArray()))
        {
            var sourceId = a.GetProperty("sourceId").GetInt32();
            if (!texts.TryGetValue(sourceId, out var text))
            {
                texts[sourceId] = text = (await _client.GetJsonAsync($"/api/sources/{sourceId}")).GetProperty("text").GetString()!;
            }
            var start = a.GetProperty("start").GetInt32();
            var end = a.GetProperty("end").GetInt32();
            Assert.Equal(text[start..end], a.GetProperty("quote").GetString());
            checkedCount++;
        }
        Assert.Equal(TestSeeds.Document.Attributions.Count, checkedCount);
    }

    [Fact]
    public async Task Every_relation_is_listed_on_both_of_its_claims()
    {
        await using var db = app.CreateDbContext();
        var relations = await db.ClaimRelations.Select(r => new { r.FromClaimId, r.ToClaimId, r.Type }).ToListAsync();
        var claims = (await _client.GetJsonAsync("/api/claims?limit=500")).GetProperty("items").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetInt32(), c => c.GetProperty("relations").EnumerateArray()
                .Select(r => (Type: r.GetProperty("type").GetString(), ClaimId: r.GetProperty("claimId").GetInt32(), Direction: r.GetProperty("direction").GetString()))
                .ToList());

        Assert.Equal(TestSeeds.Document.Relations.Count, relations.Count);
        foreach (var r in relations)
        {
            var type = JsonNamingPolicy.CamelCase.ConvertName(r.Type.ToString());
            Assert.Contains((type, r.ToClaimId, "outgoing"), claims[r.FromClaimId]);
            Assert.Contains((type, r.FromClaimId, "incoming"), claims[r.ToClaimId]);
        }
        Assert.Equal(2 * relations.Count, claims.Values.Sum(list => list.Count));
    }

    [Theory]
    [InlineData("/api/whatever")]
    [InlineData("/api/claims/1/attributions")]
    [InlineData("/api")]
    [InlineData("/api/v1.0/claims")]
    public async Task Unknown_api_paths_get_404_problem_details(string url)
    {
        var detail = await _client.AssertProblemAsync(url, HttpStatusCode.NotFound);

        Assert.Contains("no such API endpoint", detail);
    }

    [Theory]
    [InlineData("/api/claims.json")]
    [InlineData("/api/export.csv")]
    public async Task Unknown_api_paths_ending_in_a_file_name_also_get_404_problem_details(string url)
    {
        // MapFallback's catch-all is constrained to non-file paths, so these fall through to an empty 404.
        await _client.AssertProblemAsync(url, HttpStatusCode.NotFound);
    }
}
