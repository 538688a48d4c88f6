using System.Net;
using System.Text;
using System.Text.Json;
using ClaimTracker.Tests.Features.Accounts;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Api;
using ClaimTracker.Web.Features.Sources;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Api;

/// <summary>
/// The W3C Web Annotation export of the seed article, after a correction that puts astral characters (emoji) before
/// every span, removes one sentence (orphaning its statements) and with a note on a span.
/// </summary>
[BothEngines]
public sealed class WebAnnotationExportTests : IAsyncLifetime
{
    private const string SourceKey = "reuters-ukraine-peace-talks";
    private const string Deleted = "The Kremlin agreed with Trump's assessment on Thursday, with spokesperson Dmitry Peskov saying the Russian side remains open to talks and its position is well known. ";

    private readonly ClaimTrackerFactory app = new();
    private HttpClient client = null!;
    private int sourceId;
    private int noteId;
    private string text = "";

    public async Task InitializeAsync()
    {
        await app.InitializeAsync();
        client = app.CreateClient();
        sourceId = await app.SourceId(SourceKey);
        await using var db = app.CreateDbContext();
        var original = await db.Sources.Where(s => s.Id == sourceId).Select(s => s.Text).SingleAsync();
        text = "🎉 Update 🇺🇦: 𝒞orrected.\n" + original.Replace(Deleted, "");
        await using (var scope = app.Services.ScopeAs(Roles.Editor))
        {
            var result = await scope.As<SourceCorrectionService>().CorrectAsync(sourceId, 1, text, "Emoji lead, Kremlin sentence removed");
            Assert.True(result.Succeeded);
        }
        await using (var scope = app.Services.ScopeAs(Roles.Journalist))
        {
            var at = text.IndexOf("little sign", StringComparison.Ordinal);
            var note = await scope.As<AnnotationService>().AddToSpanAsync(sourceId, at, at + 11, "**Which** signs?", "little sign");
            noteId = note.Value!.Id;
            await scope.As<AnnotationService>().ReplyAsync(noteId, "The article does not say.");
        }
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<(HttpResponseMessage Response, JsonElement Json)> GetAsync(string path)
    {
        var response = await client.GetAsync(path);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response, json);
    }

    private static string Str(JsonElement e, string name)
    {
        Assert.True(e.TryGetProperty(name, out var value), $"no \"{name}\" in {e}");
        Assert.Equal(JsonValueKind.String, value.ValueKind);
        return value.GetString()!;
    }

    [Fact]
    public async Task The_collection_has_every_required_key_and_the_anno_content_type()
    {
        var (response, json) = await GetAsync($"/api/sources/{sourceId}/annotations");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(response.Content.Headers.ContentType.Parameters, p => p.Name == "profile" && p.Value == "\"http://www.w3.org/ns/anno.jsonld\"");
        Assert.Equal("http://www.w3.org/ns/anno.jsonld", Str(json, "@context"));
        Assert.Equal($"http://localhost/api/sources/{sourceId}/annotations", Str(json, "id"));
        Assert.Equal("AnnotationCollection", Str(json, "type"));
        Assert.Contains("revision 2", Str(json, "label"));
        var page = json.GetProperty("first");
        Assert.Equal("AnnotationPage", Str(page, "type"));
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Count, json.GetProperty("total").GetInt32());

        foreach (var item in items)
        {
            var id = Str(item, "id");
            Assert.True(Uri.TryCreate(id, UriKind.Absolute, out _), $"id {id} is not absolute");
            Assert.Equal("Annotation", Str(item, "type"));
            Assert.Contains(Str(item, "motivation"), new[] { "describing", "commenting", "replying" });
            Assert.True(item.TryGetProperty("body", out _), $"no body in {id}");
            Assert.True(item.TryGetProperty("target", out _), $"no target in {id}");
            Str(item, "created");
            Str(item.GetProperty("creator"), "name");
        }
        Assert.Equal(items.Count, items.Select(i => Str(i, "id")).Distinct().Count());
    }

    [Fact]
    public async Task Selectors_find_their_quote_in_the_text_counting_code_points()
    {
        var (_, json) = await GetAsync($"/api/sources/{sourceId}/annotations");
        var (_, source) = await GetAsync($"/api/sources/{sourceId}");
        Assert.Equal(text, Str(source, "text"));
        // Code points: each emoji is one, though two UTF-16 units (the flag is two code points, four units).
        var codePoints = text.EnumerateRunes().Select(r => r.ToString()).ToArray();
        string Slice(int from, int to) => string.Concat(codePoints[from..to]);

        var targets = json.GetProperty("first").GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("target")).Where(t => t.ValueKind == JsonValueKind.Object).ToList();
        Assert.NotEmpty(targets);
        foreach (var target in targets)
        {
            Assert.Equal($"http://localhost/api/sources/{sourceId}", Str(target, "source"));
            var selectors = target.GetProperty("selector").EnumerateArray().ToList();
            var quote = selectors.Single(s => Str(s, "type") == "TextQuoteSelector");
            var position = selectors.Single(s => Str(s, "type") == "TextPositionSelector");
            int start = position.GetProperty("start").GetInt32(), end = position.GetProperty("end").GetInt32();
            var exact = Str(quote, "exact");
            Assert.Equal(exact, Slice(start, end));
            Assert.EndsWith(Str(quote, "prefix"), Slice(0, start), StringComparison.Ordinal);
            Assert.StartsWith(Str(quote, "suffix"), Slice(end, codePoints.Length), StringComparison.Ordinal);
            // And they are not UTF-16 offsets: the lead's astral characters come first.
            Assert.NotEqual(text.IndexOf(exact, StringComparison.Ordinal), start);
        }
    }

    [Fact]
    public async Task Statements_describe_actor_stance_mode_and_claim_and_notes_comment_in_markdown()
    {
        var (_, json) = await GetAsync($"/api/sources/{sourceId}/annotations");
        var items = json.GetProperty("first").GetProperty("items").EnumerateArray().ToList();
        await using var db = app.CreateDbContext();
        var trump = await db.Attributions.Where(a => a.Key == "trump-putin-ready").Select(a => new { a.Id, a.ClaimId, a.ActorId }).SingleAsync();

        var statement = items.Single(i => Str(i, "id").EndsWith($"#attribution-{trump.Id}", StringComparison.Ordinal));
        Assert.Equal("describing", Str(statement, "motivation"));
        var bodies = statement.GetProperty("body").EnumerateArray().ToList();
        Assert.Contains(bodies, b => b.TryGetProperty("value", out var v) && v.GetString()!.StartsWith("Donald Trump asserts", StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.TryGetProperty("value", out var v) && v.GetString() == "stance:asserts");
        Assert.Contains(bodies, b => b.TryGetProperty("purpose", out var p) && p.GetString() == "linking" && Str(b, "id") == $"http://localhost/api/claims/{trump.ClaimId}");
        Assert.Contains(bodies, b => b.TryGetProperty("id", out var id) && id.GetString() == $"http://localhost/actors/{trump.ActorId}");

        var note = items.Single(i => Str(i, "id").EndsWith($"#note-{noteId}", StringComparison.Ordinal));
        Assert.Equal("commenting", Str(note, "motivation"));
        Assert.Equal("text/markdown", Str(note.GetProperty("body"), "format"));
        Assert.Equal("**Which** signs?", Str(note.GetProperty("body"), "value"));
        var reply = items.Single(i => Str(i, "motivation") == "replying");
        Assert.Equal(Str(note, "id"), reply.GetProperty("target").GetString());
    }

    [Fact]
    public async Task Orphaned_statements_are_left_out()
    {
        var (_, json) = await GetAsync($"/api/sources/{sourceId}/annotations");
        var ids = json.GetProperty("first").GetProperty("items").EnumerateArray().Select(i => Str(i, "id")).ToList();
        await using var db = app.CreateDbContext();
        var orphans = await db.Attributions.Where(a => a.Key.StartsWith("kremlin-agrees")).Select(a => a.Id).ToListAsync();
        var live = await db.Attributions.CountAsync(a => a.SourceId == sourceId);

        Assert.Equal(3, orphans.Count);
        Assert.DoesNotContain(ids, id => orphans.Any(o => id.EndsWith($"#attribution-{o}", StringComparison.Ordinal)));
        Assert.Equal(live - 4, ids.Count(id => id.Contains("#attribution-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_json_api_says_which_revision_an_offset_belongs_to()
    {
        var (_, source) = await GetAsync($"/api/sources/{sourceId}");
        Assert.Equal(2, source.GetProperty("revision").GetInt32());
        var (_, claims) = await GetAsync("/api/claims?limit=500");
        var attributions = claims.GetProperty("items").EnumerateArray().SelectMany(c => c.GetProperty("attributions").EnumerateArray()).ToList();

        var kremlin = attributions.Where(a => Str(a, "quote") == "The Kremlin agreed with Trump's assessment on Thursday").ToList();
        Assert.Equal(3, kremlin.Count);
        Assert.All(kremlin, a => Assert.Equal(("orphaned", 1), (Str(a, "anchorState"), a.GetProperty("anchorRevision").GetInt32())));
        var trump = attributions.Single(a => Str(a, "quote") == "ready to make a deal");
        Assert.Equal(("attached", 2), (Str(trump, "anchorState"), trump.GetProperty("anchorRevision").GetInt32()));
        Assert.Equal("ready to make a deal", text[trump.GetProperty("start").GetInt32()..trump.GetProperty("end").GetInt32()]);
    }

    [Theory]
    [InlineData("/api/sources/999999/annotations", HttpStatusCode.NotFound)]
    [InlineData("/api/sources/abc/annotations", HttpStatusCode.BadRequest)]
    public async Task Unknown_or_malformed_ids_get_problem_details(string path, HttpStatusCode expected)
    {
        var (response, json) = await GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.False(string.IsNullOrEmpty(Str(json, "detail")));
    }

    [Fact]
    public void Code_point_offsets_count_a_surrogate_pair_once()
    {
        var index = new WebAnnotationExport.CodePointIndex("a😀b\uD800c"); // a lone surrogate counts as one
        Assert.Equal([0, 1, 2, 2, 3, 4, 5], Enumerable.Range(0, 7).Select(index.Of));
    }
}

public class WebAnnotationExportSignInTests(SignInRequiredFactory app) : IClassFixture<SignInRequiredFactory>
{
    [Fact]
    public async Task Needs_a_signed_in_reader_when_reading_requires_it()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/api/sources/1/annotations");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
