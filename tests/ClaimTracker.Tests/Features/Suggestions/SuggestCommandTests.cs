using System.Text.Json;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web;
using ClaimTracker.Web.Features.Suggestions;

namespace ClaimTracker.Tests.Features.Suggestions;

/// <summary><c>suggest &lt;file&gt;</c>: the engine over a file, with the seeded actors and claims, as JSON on standard output.</summary>
[BothEngines]
public class SuggestCommandTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private static readonly string[] Keys = ["actor", "stance", "mode", "quote", "start", "end", "claim", "actorId", "claimId", "similarity", "cue", "actorRole"];

    private static Task<int> Run(IServiceProvider services, string[] args, StringWriter output, StringWriter error) =>
        CommandLine.Commands[SuggestCommand.Name](services, args, new StringReader(""), output, error);

    [Fact]
    public async Task Suggest_prints_the_seed_article_s_attributions_as_json_with_known_actors_and_claims()
    {
        var file = Path.Combine(TestSeeds.Folder, TestSeeds.Document.Sources[0].TextFile);
        var text = await File.ReadAllTextAsync(file);
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await Run(app.Services, ["suggest", file], output, error);

        Assert.Equal(0, exit);
        Assert.Equal("", error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.True(items.Count >= 15, $"only {items.Count} suggestions");
        foreach (var item in items)
        {
            Assert.Equal(Keys, item.EnumerateObject().Select(p => p.Name));
            var (start, end) = (item.GetProperty("start").GetInt32(), item.GetProperty("end").GetInt32());
            Assert.Equal(text[start..end], item.GetProperty("quote").GetString());
            Assert.Contains(item.GetProperty("stance").GetString(), Enum.GetNames<Web.Domain.Stance>());
            Assert.Contains(item.GetProperty("mode").GetString(), Enum.GetNames<Web.Domain.AttributionMode>());
        }
        var trumpId = await app.ActorId("donald-trump");
        var readyClaim = await app.ClaimId("putin-ready-for-deal");
        var ready = items.Single(i => i.GetProperty("quote").GetString() == "ready to make a deal");
        Assert.Equal("Donald Trump", ready.GetProperty("actor").GetString());
        Assert.Equal(trumpId, ready.GetProperty("actorId").GetInt32());
        Assert.Equal("DirectQuote", ready.GetProperty("mode").GetString());
        Assert.Equal(readyClaim, ready.GetProperty("claimId").GetInt32());
        Assert.InRange(ready.GetProperty("similarity").GetDouble(), 0.3, 1.0);
    }

    [Fact]
    public async Task Suggest_reads_utf8_and_prints_null_for_an_unknown_actor_and_a_new_claim()
    {
        using var dir = new TempDirectory();
        var file = dir.File("article.txt");
        await File.WriteAllTextAsync(file, "“The reservoir is full,” said Ana Müller, a hydrologist.");
        var output = new StringWriter();

        var exit = await Run(app.Services, ["suggest", file], output, new StringWriter());

        Assert.Equal(0, exit);
        var item = Assert.Single(JsonDocument.Parse(output.ToString()).RootElement.EnumerateArray().ToList());
        Assert.Equal("Ana Müller", item.GetProperty("actor").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("actorId").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("claimId").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("similarity").ValueKind);
        Assert.Equal("The reservoir is full", item.GetProperty("quote").GetString());
        Assert.Contains("“The reservoir is full,”", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Suggest_with_an_outlet_proposes_its_narration_and_names_a_titled_minister_without_the_title()
    {
        using var dir = new TempDirectory();
        var file = dir.File("article.txt");
        await File.WriteAllTextAsync(file, "The new tunnel will open two years late. Transport Minister Jonas Berg said the delay was unavoidable.");
        var output = new StringWriter();

        var exit = await Run(app.Services, ["suggest", file, "--outlet", "Coastal Herald"], output, new StringWriter());

        Assert.Equal(0, exit);
        var items = JsonDocument.Parse(output.ToString()).RootElement.EnumerateArray().ToList();
        var narration = Assert.Single(items, i => i.GetProperty("mode").GetString() == "Narration");
        Assert.Equal("Coastal Herald", narration.GetProperty("actor").GetString());
        Assert.Equal("The new tunnel will open two years late", narration.GetProperty("quote").GetString());
        var berg = Assert.Single(items, i => i.GetProperty("mode").GetString() == "Paraphrase");
        Assert.Equal("Jonas Berg", berg.GetProperty("actor").GetString());
        Assert.Equal("Transport Minister", berg.GetProperty("actorRole").GetString());
    }

    [Theory]
    [InlineData(new[] { "suggest" }, "Usage:")]
    [InlineData(new[] { "suggest", "a.txt", "--outlet" }, "Usage:")]
    [InlineData(new[] { "suggest", "a.txt", "b.txt" }, "Usage:")]
    [InlineData(new[] { "suggest", "/no/such/article.txt" }, "no such file")]
    public async Task Suggest_refuses_wrong_usage_and_a_missing_file_with_exit_code_2(string[] args, string message)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await Run(app.Services, args, output, error);

        Assert.Equal(2, exit);
        Assert.Contains(message, error.ToString());
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task Suggest_refuses_a_file_that_is_not_utf8_text()
    {
        using var dir = new TempDirectory();
        var file = dir.File("latin1.txt");
        await File.WriteAllBytesAsync(file, [0x43, 0x61, 0x66, 0xE9, 0x20, 0xFF, 0xFE, 0x0A]);
        var error = new StringWriter();

        var exit = await Run(app.Services, ["suggest", file], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("not UTF-8", error.ToString());
    }

    [Fact]
    public async Task Suggest_refuses_a_directory()
    {
        using var dir = new TempDirectory();
        var error = new StringWriter();

        var exit = await Run(app.Services, ["suggest", dir.File("")], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("Cannot read", error.ToString());
    }
}
