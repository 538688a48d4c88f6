using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClaimTracker.Web.Features.Suggestions;

namespace ClaimTracker.Tests.Features.Suggestions;

/// <summary>
/// The engine's whole output on every test article, compared with the snapshot committed beside it in Pins/: any
/// change to a span, an actor, a stance, a mode, a claim or a cue fails here, so that reorganising the rules can be
/// shown to change nothing. When a change of output is meant, regenerate the snapshots and review their diff:
/// <c>CLAIMTRACKER_UPDATE_PINS=1 dotnet test tests/ClaimTracker.Tests --filter "FullyQualifiedName~EngineOutputPinTests"</c>
/// (the files are written into the source tree, not the build output).
/// </summary>
public class EngineOutputPinTests
{
    public const string UpdateVariable = "CLAIMTRACKER_UPDATE_PINS";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The test articles beside the quality tests, and the seed article.</summary>
    internal static readonly string[] ArticleNames =
        ["seed", "lakeside-water", "norland-inflation", "harbour-bridge", "datavault-breach", "skarvik-tunnel", "tarsund-port-strike", "brekke-fish-plant"];

    public static TheoryData<string> Articles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in ArticleNames)
            {
                data.Add(name);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Articles))]
    public void Engine_output_matches_its_pin(string article)
    {
        var (_, text, actors, claims, _, outlet) = Load(article);
        var actual = new RuleBasedAttributionSuggester().Suggest(text, actors, claims, outlet);
        var path = Path.Combine(SourceFolder(), article + ".json");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, JsonSerializer.Serialize(actual, Json) + "\n");
            return;
        }

        Assert.True(File.Exists(path), $"No pin for {article} at {path}; run with {UpdateVariable}=1 to write it.");
        var pinned = JsonSerializer.Deserialize<List<SuggestedAttribution>>(File.ReadAllText(path), Json)!;
        for (var k = 0; k < Math.Min(pinned.Count, actual.Count); k++)
        {
            Assert.True(pinned[k] == actual[k], $"{article}: suggestion #{k} differs from its pin.\n  pinned: {pinned[k]}\n  actual: {actual[k]}");
        }
        if (pinned.Count != actual.Count)
        {
            var extra = actual.Count > pinned.Count ? $"actual: {actual[pinned.Count]}" : $"pinned: {pinned[actual.Count]}";
            Assert.Fail($"{article}: {actual.Count} suggestions, the pin has {pinned.Count}; first without a counterpart, {extra}");
        }
    }

    /// <summary>A test article with its actors, claims and expected attributions; "seed" is the seed article, with the seeder's ids.</summary>
    internal static TestArticle Load(string article) =>
        article == "seed" ? SuggestionQualityTests.LoadSeed() : SuggestionQualityTests.LoadArticle(article);

    /// <summary>Pins/ in the source tree (found from the build output by the solution file above it).</summary>
    private static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClaimTracker.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "ClaimTracker.Tests", "Features", "Suggestions", "Pins");
            }
        }
        throw new InvalidOperationException($"No ClaimTracker.sln above {AppContext.BaseDirectory}.");
    }
}
