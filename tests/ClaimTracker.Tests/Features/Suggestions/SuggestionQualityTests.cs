using System.Text.Json;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Suggestions;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Features.Suggestions;

/// <summary>
/// How well the engine finds who said what, measured against hand-made attributions: the seed article (its 27
/// attributions) and seven articles written for this test (with their expected attributions beside them in Articles/).
/// Each prints recall, precision, the misses and the false positives, how often the proposed claim is the right one, and
/// the share of claim texts an editor could accept unedited.
/// </summary>
public class SuggestionQualityTests(ITestOutputHelper output)
{
    public const double MinimumRecall = 0.85;
    public const double MinimumPrecision = 0.85;

    private readonly RuleBasedAttributionSuggester _engine = new();

    [Fact]
    public void Seed_article_attributions_are_found()
    {
        Score(LoadSeed());
    }

    /// <summary>The seed article with its actors, claims and attributions, under the ids the seeder assigns.</summary>
    internal static TestArticle LoadSeed()
    {
        var seed = TestSeeds.Document;
        // Ids as the seeder assigns them: position in the seed file.
        var actorIds = seed.Actors.Select((a, i) => (a.Key, Id: i + 1)).ToDictionary(x => x.Key, x => x.Id);
        var claimIds = seed.Claims.Select((c, i) => (c.Key, Id: i + 1)).ToDictionary(x => x.Key, x => x.Id);
        var actors = seed.Actors.Select(a => new KnownActor(actorIds[a.Key], a.Name, a.Aliases ?? [], Enum.Parse<ActorKind>(a.Kind), a.Role, a.Country)).ToList();
        var claims = seed.Claims.Select(c => new KnownClaim(claimIds[c.Key], c.Text)).ToList();
        var source = seed.Sources.Single();
        var text = TestSeeds.ArticleText(source.Key);
        var expected = seed.Attributions.Where(a => a.Source == source.Key)
            .Select(a => new ExpectedAttribution(a.Key, actorIds[a.Actor], a.Actor, a.Stance, a.Mode, a.Start, a.End, a.Quote, claimIds[a.Claim],
                seed.Claims.Single(c => c.Key == a.Claim).Text))
            .ToList();
        return new TestArticle("seed: " + source.TextFile, text, actors, claims, expected, source.Outlet);
    }

    [Theory]
    [InlineData("lakeside-water")]
    [InlineData("norland-inflation")]
    [InlineData("harbour-bridge")]
    [InlineData("datavault-breach")]
    [InlineData("skarvik-tunnel")]
    [InlineData("tarsund-port-strike")]
    [InlineData("brekke-fish-plant")]
    public void Written_article_attributions_are_found(string article)
    {
        Score(LoadArticle(article));
    }

    private void Score(TestArticle article)
    {
        var (title, text, actors, claims, expected, outlet) = article;
        foreach (var e in expected)
        {
            Assert.True(text[e.Start..e.End] == e.Exact, $"{title}: expected attribution {e.Key} has offsets [{e.Start},{e.End}) that do not hold its exact text");
        }
        var suggestions = _engine.Suggest(text, actors, claims, outlet);
        foreach (var s in suggestions)
        {
            Assert.Equal(s.Quote, text[s.Start..s.End]);
        }

        var score = new SuggestionScore { Expected = expected, Suggested = suggestions };
        output.WriteLine(score.Report(title));

        Assert.True(score.Recall >= MinimumRecall, $"{title}: recall {score.Recall:0.000} is below {MinimumRecall}");
        Assert.True(score.Precision >= MinimumPrecision, $"{title}: precision {score.Precision:0.000} is below {MinimumPrecision}");
    }

    internal static TestArticle LoadArticle(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Features", "Suggestions", "Articles");
        var text = File.ReadAllText(Path.Combine(folder, name + ".txt"));
        var doc = JsonSerializer.Deserialize<ArticleExpectations>(File.ReadAllText(Path.Combine(folder, name + ".expected.json")), Json)!;
        var actors = doc.Actors.Select(a => new KnownActor(a.Id, a.Name, a.Aliases, Enum.Parse<ActorKind>(a.Kind), a.Role, a.Country)).ToList();
        var claims = doc.Claims.Select(c => new KnownClaim(c.Id, c.Text)).ToList();
        var actorIds = doc.Actors.ToDictionary(a => a.Key, a => a.Id);
        var claimIds = doc.Claims.ToDictionary(c => c.Key, c => c.Id);
        var claimTexts = doc.Claims.ToDictionary(c => c.Key, c => c.Text);
        // The claim an editor would accept: the one written for the attribution, else the known claim it names.
        var expected = doc.Attributions.Select((a, i) => new ExpectedAttribution(
            $"#{i + 1}", actorIds.TryGetValue(a.Actor, out var id) ? id : null, a.Actor, a.Stance, a.Mode, a.Start, a.End, a.Exact,
            a.Claim is null ? null : claimIds[a.Claim], a.ClaimText ?? (a.Claim is null ? null : claimTexts[a.Claim]), a.Role)).ToList();
        return new TestArticle(name, text, actors, claims, expected, doc.Outlet);
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>
    /// An article's expectations. <c>outlet</c>, when given, is the outlet that published it (the engine is told, and
    /// its narration is expected); <c>claimText</c> is the claim an editor would accept; <c>role</c> the office of an
    /// actor no known actor stands for.
    /// </summary>
    private sealed record ArticleExpectations(List<ArticleActor> Actors, List<ArticleClaim> Claims, List<ArticleAttribution> Attributions, string? Outlet = null);

    private sealed record ArticleActor(int Id, string Key, string Name, string Kind, string? Role, string? Country, List<string> Aliases);

    private sealed record ArticleClaim(int Id, string Key, string Text);

    private sealed record ArticleAttribution(string Actor, string Stance, string Mode, int Start, int End, string Exact, string? Claim,
        string? ClaimText = null, string? Role = null);
}

/// <summary>A test article: its text, the actors and claims the record knows, the attributions expected, and its outlet if the expectations name it.</summary>
internal sealed record TestArticle(string Title, string Text, List<KnownActor> Actors, List<KnownClaim> Claims, List<ExpectedAttribution> Expected, string? Outlet);
