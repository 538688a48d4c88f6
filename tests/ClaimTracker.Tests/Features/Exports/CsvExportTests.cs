using System.Globalization;
using System.Net;
using System.Text.Json;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Exports;

/// <summary>
/// The CSV exports parsed back with CsvHelper and compared with what the lists, their services and the JSON API return,
/// filter by filter, with the exports reading in batches of three (the seed spans many batches).
/// </summary>
[BothEngines]
public class CsvExportTests(ExportFactory app) : IClassFixture<ExportFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The claims list's rows for a query, every page of it.</summary>
    private async Task<List<ClaimRow>> ListAsync(ClaimSearchQuery query)
    {
        var rows = new List<ClaimRow>();
        for (var page = 0; ; page++)
        {
            var result = await app.GetService<ClaimService>().SearchAsync(query with { Page = page, PageSize = ClaimService.MaxPageSize });
            Assert.Null(result.SearchError);
            rows.AddRange(result.Items);
            if (result.Items.Count < ClaimService.MaxPageSize)
            {
                return rows;
            }
        }
    }

    public static TheoryData<string> ClaimListAddresses => new()
    {
        "",
        "sort=newest",
        "sort=text",
        "sort=Text",
        "stance=denies",
        "status=inReview",
        "topic=peace talks",
        "q=putin",
        "q=\"ready to make a deal\"",
        "actor={trump}",
        "actor={trump}&stance=asserts",
        "topic=Russia's aims&sort=newest",
        "q=putin&sort=text",
        "rating=5",
        "actor=999999",
    };

    [Theory]
    [MemberData(nameof(ClaimListAddresses))]
    public async Task The_claims_export_lists_what_the_claims_list_shows_for_the_same_address_in_its_order(string address)
    {
        address = address.Replace("{trump}", Inv(await app.ActorId("donald-trump")), StringComparison.Ordinal);
        var parameters = address.Length == 0 ? [] : address.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        string? P(string name) => parameters.GetValueOrDefault(name);
        // Read as the page reads its address.
        var query = ClaimListParameters.Read(P("q"), P("actor"), P("stance"), P("topic"), P("status"), P("rating"), P("sort"));
        var expected = await ListAsync(query);

        var csv = await _client.GetCsvAsync("/api/export/claims.csv" + (address.Length == 0 ? "" : "?" + string.Join("&",
            parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"))));

        Assert.Equal(["id", "text", "status", "topics", "conflicting", "supporting", "statements", "madeBy", "rating", "ratingValue", "verdictPublishedAt", "url"], csv.Header);
        Assert.Equal(expected.Select(r => r.Id), csv.Ids());
        foreach (var (row, claim) in csv.Rows.Zip(expected))
        {
            Assert.Equal(CsvDownloads.Cell(claim.Text), row["text"]);
            Assert.Equal(Inv(claim.ConflictCount), row["conflicting"]);
            Assert.Equal(Inv(claim.SupportCount), row["supporting"]);
            Assert.Equal(Inv(claim.AttributionCount), row["statements"]);
            Assert.Equal(CsvDownloads.Cell(string.Join("; ", claim.Topics)), row["topics"]);
            Assert.Equal(claim.Rating?.Label ?? "", row["rating"]);
        }
    }

    [Fact]
    public async Task Every_claim_row_agrees_with_the_API_and_links_to_the_claim_page()
    {
        var csv = await _client.GetCsvAsync("/api/export/claims.csv?sort=newest");
        Assert.True(csv.Rows.Count > ExportFactory.BatchSize * 2, "the seed should span several batches");
        foreach (var row in csv.Rows)
        {
            var id = int.Parse(row["id"], CultureInfo.InvariantCulture);
            var api = await _client.GetJsonAsync($"/api/claims/{id}");
            Assert.Equal(CsvDownloads.Cell(api.GetProperty("text").GetString()), row["text"]);
            Assert.Equal(api.GetProperty("status").GetString(), row["status"]);
            Assert.Equal(CsvDownloads.Cell(string.Join("; ", api.GetProperty("topics").EnumerateArray().Select(t => t.GetString()))), row["topics"]);
            Assert.Equal(api.GetProperty("attributions").GetArrayLength().ToString(CultureInfo.InvariantCulture), row["statements"]);
            var asserting = api.GetProperty("attributions").EnumerateArray().Where(a => a.GetProperty("stance").GetString() == "asserts")
                .Select(a => a.GetProperty("actor").GetString()).Distinct();
            Assert.Equal(CsvDownloads.Cell(string.Join("; ", asserting)), row["madeBy"]);
            var verdict = api.GetProperty("verdict");
            Assert.Equal(verdict.ValueKind == JsonValueKind.Null ? "" : verdict.GetProperty("rating").GetString(), row["rating"]);
            Assert.Equal($"{app.Server.BaseAddress.AbsoluteUri.TrimEnd('/')}/claims/{id}", row["url"]);
        }
    }

    [Fact]
    public async Task Every_claim_is_exported_once_whatever_the_batch_size_and_sort()
    {
        var claims = app.GetService<ClaimService>();
        foreach (var sort in Enum.GetValues<ClaimSort>())
        {
            var expected = (await ListAsync(new ClaimSearchQuery(Sort: sort))).Select(r => r.Id).ToList();
            // Every size from one row a batch to more than there are: batches that end exactly at the end, and short last ones.
            for (var size = 1; size <= expected.Count + 1; size++)
            {
                var exported = new List<int>();
                var batches = 0;
                await foreach (var batch in claims.ExportAsync(new ClaimSearchQuery(Sort: sort), size))
                {
                    Assert.InRange(batch.Count, 1, size);
                    exported.AddRange(batch.Select(r => r.Id));
                    batches++;
                }
                Assert.Equal(expected, exported);
                Assert.Equal((expected.Count + size - 1) / size, batches);
            }
        }
    }

    [Fact]
    public async Task A_filter_with_many_matches_is_exported_by_reading_the_sort_index_and_gives_the_same_claims()
    {
        // With the count limit below the matches, the export takes the list's other plan: the sort's index, claim by claim.
        var few = app.GetService<ClaimService>();
        var many = new ClaimService(app.Services.GetRequiredService<IDbContextFactory<ClaimTracker.Web.Data.ClaimTrackerDbContext>>()) { CountLimit = 1 };
        foreach (var sort in Enum.GetValues<ClaimSort>())
        {
            var query = new ClaimSearchQuery(Stance: Stance.Asserts, Sort: sort);
            var expected = (await ListAsync(query)).Select(r => r.Id).ToList();
            Assert.True(expected.Count > 2);
            foreach (var service in new[] { few, many })
            {
                var exported = new List<int>();
                await foreach (var batch in service.ExportAsync(query, 2))
                {
                    exported.AddRange(batch.Select(r => r.Id));
                }
                Assert.Equal(expected, exported);
            }
        }
    }

    public static TheoryData<string> StatementFilters => new()
    {
        "",
        "actor={trump}",
        "source={source}",
        "claim={claim}",
        "stance=denies",
        "stance=Questions",
        "topic=peace talks",
        "actor={trump}&stance=asserts",
        "source={source}&topic=Russia's aims",
        "claim=999999",
    };

    [Theory]
    [MemberData(nameof(StatementFilters))]
    public async Task The_statements_export_lists_the_statements_that_pass_every_filter_with_the_API_s_values(string filter)
    {
        var trump = await app.ActorId("donald-trump");
        var source = await app.SourceId("reuters-ukraine-peace-talks");
        var claim = await app.ClaimId("putin-ready-for-deal");
        filter = filter.Replace("{trump}", Inv(trump), StringComparison.Ordinal).Replace("{source}", Inv(source), StringComparison.Ordinal)
            .Replace("{claim}", Inv(claim), StringComparison.Ordinal);
        var parameters = filter.Length == 0 ? [] : filter.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

        // Every statement of every claim, as the API gives them, filtered here by the same rules.
        var all = new List<(JsonElement Claim, JsonElement Statement)>();
        var page = await _client.GetJsonAsync("/api/claims?limit=500");
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
        foreach (var c in page.GetProperty("items").EnumerateArray())
        {
            all.AddRange(c.GetProperty("attributions").EnumerateArray().Select(a => (c, a)));
        }
        var expected = all.Where(x =>
                (!parameters.TryGetValue("actor", out var a) || x.Statement.GetProperty("actorId").GetInt32() == int.Parse(a, CultureInfo.InvariantCulture))
                && (!parameters.TryGetValue("source", out var s) || x.Statement.GetProperty("sourceId").GetInt32() == int.Parse(s, CultureInfo.InvariantCulture))
                && (!parameters.TryGetValue("claim", out var cl) || x.Claim.GetProperty("id").GetInt32() == int.Parse(cl, CultureInfo.InvariantCulture))
                && (!parameters.TryGetValue("stance", out var st) || string.Equals(x.Statement.GetProperty("stance").GetString(), st, StringComparison.OrdinalIgnoreCase))
                && (!parameters.TryGetValue("topic", out var t) || x.Claim.GetProperty("topics").EnumerateArray().Any(e => e.GetString() == t)))
            .OrderBy(x => x.Statement.GetProperty("id").GetInt32())
            .ToList();

        var csv = await _client.GetCsvAsync("/api/export/attributions.csv" + (filter.Length == 0 ? "" : "?" + string.Join("&",
            parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"))));

        Assert.Equal(["id", "quote", "stance", "mode", "start", "end", "anchorState", "anchorRevision", "sourceId", "sourceTitle", "sourceOutlet",
            "sourcePublishedOn", "actorId", "actor", "claimId", "claim", "saidWhen", "saidWhere", "reportedVia", "url"], csv.Header);
        Assert.Equal(expected.Select(x => x.Statement.GetProperty("id").GetInt32()), csv.Ids());
        if (filter.Length == 0)
        {
            Assert.True(csv.Rows.Count > ExportFactory.BatchSize * 3);
        }
        foreach (var (row, (c, a)) in csv.Rows.Zip(expected))
        {
            Assert.Equal(CsvDownloads.Cell(a.GetProperty("quote").GetString()), row["quote"]);
            Assert.Equal(a.GetProperty("stance").GetString(), row["stance"]);
            Assert.Equal(a.GetProperty("mode").GetString(), row["mode"]);
            Assert.Equal(Inv(a.GetProperty("start").GetInt32()), row["start"]);
            Assert.Equal(Inv(a.GetProperty("end").GetInt32()), row["end"]);
            Assert.Equal(a.GetProperty("anchorState").GetString(), row["anchorState"]);
            Assert.Equal(Inv(a.GetProperty("sourceId").GetInt32()), row["sourceId"]);
            Assert.Equal(Inv(a.GetProperty("actorId").GetInt32()), row["actorId"]);
            Assert.Equal(CsvDownloads.Cell(a.GetProperty("actor").GetString()), row["actor"]);
            Assert.Equal(Inv(c.GetProperty("id").GetInt32()), row["claimId"]);
            Assert.Equal(CsvDownloads.Cell(c.GetProperty("text").GetString()), row["claim"]);
            Assert.Equal(CsvDownloads.Cell(a.GetProperty("saidWhen").GetString()), row["saidWhen"]);
            Assert.Equal(CsvDownloads.Cell(a.GetProperty("saidWhere").GetString()), row["saidWhere"]);
            Assert.Equal(CsvDownloads.Cell(a.GetProperty("reportedVia").GetString()), row["reportedVia"]);
            var sourceJson = await _client.GetJsonAsync($"/api/sources/{row["sourceId"]}");
            Assert.Equal(CsvDownloads.Cell(sourceJson.GetProperty("title").GetString()), row["sourceTitle"]);
            Assert.Equal(CsvDownloads.Cell(sourceJson.GetProperty("outlet").GetString()), row["sourceOutlet"]);
            Assert.Equal(sourceJson.GetProperty("publishedAt").GetString(), row["sourcePublishedOn"]);
            Assert.EndsWith($"/sources/{row["sourceId"]}?attribution={row["id"]}", row["url"]);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("trump")]
    [InlineData("TRUMP")]
    [InlineData("intelligence")]
    [InlineData("nobody by this name")]
    public async Task The_actors_export_lists_the_actors_the_actors_list_finds_for_its_search(string search)
    {
        var listed = await app.GetService<ActorService>().ListAsync(search, 0, 100);
        var api = (await _client.GetJsonAsync("/api/actors")).EnumerateArray().ToDictionary(a => a.GetProperty("id").GetInt32());

        var csv = await _client.GetCsvAsync("/api/export/actors.csv" + (search.Length == 0 ? "" : "?q=" + Uri.EscapeDataString(search)));

        Assert.Equal(["id", "name", "kind", "role", "country", "aliases", "statements", "challenging", "url"], csv.Header);
        Assert.Equal(listed.Items.Select(a => a.Id).Order(), csv.Ids());
        var byId = listed.Items.ToDictionary(a => a.Id);
        foreach (var row in csv.Rows)
        {
            var id = int.Parse(row["id"], CultureInfo.InvariantCulture);
            Assert.Equal(CsvDownloads.Cell(api[id].GetProperty("name").GetString()), row["name"]);
            Assert.Equal(api[id].GetProperty("kind").GetString(), row["kind"]);
            Assert.Equal(CsvDownloads.Cell(api[id].GetProperty("role").GetString()), row["role"]);
            Assert.Equal(CsvDownloads.Cell(string.Join("; ", api[id].GetProperty("aliases").EnumerateArray().Select(a => a.GetString()))), row["aliases"]);
            Assert.Equal(Inv(byId[id].AttributionCount), row["statements"]);
            Assert.Equal(Inv(byId[id].ChallengeCount), row["challenging"]);
        }
    }

    [Fact]
    public async Task Cells_that_start_like_a_formula_get_an_apostrophe_and_numbers_stay_numbers()
    {
        var statements = await _client.GetCsvAsync($"/api/export/attributions.csv?claim={app.FormulaClaimId}");
        var row = Assert.Single(statements.Rows);
        Assert.Equal("'" + ExportFactory.FormulaQuote, row["quote"]);
        Assert.Equal("'" + ExportFactory.FormulaActor, row["actor"]);
        Assert.Equal("'" + ExportFactory.FormulaClaim, row["claim"]);
        Assert.Equal("'" + ExportFactory.FormulaSaidWhere, row["saidWhere"]);
        Assert.Equal("'=Outlet", row["sourceOutlet"]);
        Assert.Equal("'\tGrowth figures", row["sourceTitle"]);
        Assert.Matches("^[0-9]+$", row["start"]);

        var claims = await _client.GetCsvAsync("/api/export/claims.csv?topic=" + Uri.EscapeDataString(ExportFactory.FormulaTopic));
        var claim = Assert.Single(claims.Rows);
        Assert.Equal("'" + ExportFactory.FormulaClaim, claim["text"]);
        Assert.Equal("'" + ExportFactory.FormulaTopic, claim["topics"]);
        Assert.Equal("'" + ExportFactory.FormulaActor, claim["madeBy"]);

        var actors = await _client.GetCsvAsync("/api/export/actors.csv?q=HYPERLINK");
        var actor = Assert.Single(actors.Rows);
        Assert.Equal("'" + ExportFactory.FormulaActor, actor["name"]);
        Assert.Equal("'-minister", actor["role"]);
        Assert.Equal("1", actor["statements"]);
    }

    [Fact]
    public async Task The_file_keeps_accents_and_quotes_as_they_are_in_UTF8()
    {
        await using (var db = app.CreateDbContext())
        {
            db.Actors.Add(new Actor { Key = "accented-actor", Name = "Élysée \"palace\", Zürich; Łódź", Kind = ActorKind.Government });
            await db.SaveChangesAsync();
        }
        var csv = await _client.GetCsvAsync("/api/export/actors.csv?q=lys");
        Assert.Equal("Élysée \"palace\", Zürich; Łódź", Assert.Single(csv.Rows)["name"]);
    }

    public static TheoryData<string, string> BadFilters => new()
    {
        { "/api/export/claims.csv?actor=abc", "actor" },
        { "/api/export/claims.csv?actor=-3", "actor" },
        { "/api/export/claims.csv?stance=sideways", "stance" },
        { "/api/export/claims.csv?stance=2", "stance" },
        { "/api/export/claims.csv?status=closed", "status" },
        { "/api/export/claims.csv?rating=1.5", "rating" },
        { "/api/export/claims.csv?sort=popular", "sort" },
        { "/api/export/claims.csv?q=%22unclosed", "q" },
        { "/api/export/attributions.csv?claim=x", "claim" },
        { "/api/export/attributions.csv?actor=99999999999", "actor" },
        { "/api/export/attributions.csv?source=%20", "source" },
        { "/api/export/attributions.csv?stance=lies", "stance" },
    };

    [Theory]
    [MemberData(nameof(BadFilters))]
    public async Task A_filter_value_that_cannot_be_read_is_refused_with_problem_details_naming_the_parameter(string url, string parameter)
    {
        var detail = await _client.AssertProblemAsync(url, HttpStatusCode.BadRequest);
        Assert.Contains(parameter, detail, StringComparison.Ordinal);
        var response = await _client.GetAsync(url);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out _), $"errors does not name {parameter}: {errors}");
    }

    [Fact]
    public async Task Several_bad_values_are_all_named_and_empty_values_mean_no_filter()
    {
        var response = await _client.GetAsync("/api/export/claims.csv?actor=abc&stance=sideways&sort=");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["actor", "stance"], errors.EnumerateObject().Select(e => e.Name).Order());

        var unfiltered = await _client.GetCsvAsync("/api/export/claims.csv");
        var empty = await _client.GetCsvAsync("/api/export/claims.csv?q=&actor=&stance=&topic=&status=&rating=&sort=");
        Assert.Equal(unfiltered.Ids(), empty.Ids());
    }
}
