using System.Text;
using Bogus;
using ClaimTracker.Web.Data.Seeding;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Generating;
using ClaimTracker.Web.Features.Suggestions;

namespace ClaimTracker.Benchmarks;

/// <summary>One run of the suggestion engine: a text of about <see cref="Chars"/> characters and the known records it is matched against.</summary>
public sealed record EngineCase(int Chars, int GeneratedClaims) : IComparable
{
    // BenchmarkDotNet sorts the cases with this (by their names otherwise, which puts "2 MB" before "5 KB").
    public int CompareTo(object? obj) => obj is EngineCase other ? (Chars, GeneratedClaims).CompareTo((other.Chars, other.GeneratedClaims)) : 1;

    // BenchmarkDotNet prints this in the Case column.
    public override string ToString() =>
        (Chars >= 1_000_000 ? $"{Chars / 1_000_000.0:0.#} MB" : $"{Chars / 1_000} KB")
        + (GeneratedClaims > 0 ? $" + {GeneratedClaims:N0} claims" : "");
}

/// <summary>
/// Texts for the suggestion engine made of real news copy: the seed article and the four articles the quality tests
/// use, paragraph by paragraph and over again (a blank line between articles) until the text is long enough, with the
/// seed's 16 actors and 15 claims as the known records, and optionally thousands of generated claims besides.
/// </summary>
public static class EngineWorkload
{
    public static readonly string[] ArticleNames = ["lakeside-water", "norland-inflation", "harbour-bridge", "datavault-breach"];

    private const int ClaimSeed = 20261126;

    public static (string Text, IReadOnlyList<KnownActor> Actors, IReadOnlyList<KnownClaim> Claims) Build(EngineCase c)
    {
        var root = RepositoryRoot();
        var seed = SeedLoader.Load(Path.Combine(root, "seeds"));
        var actors = seed.Document.Actors
            .Select((a, i) => new KnownActor(i + 1, a.Name, a.Aliases ?? [], Enum.Parse<ActorKind>(a.Kind), a.Role, a.Country)).ToList();
        var claims = seed.Document.Claims.Select((c, i) => new KnownClaim(i + 1, c.Text)).ToList();
        var f = new Faker("en") { Random = new Randomizer(ClaimSeed) };
        for (var i = 0; i < c.GeneratedClaims; i++)
        {
            claims.Add(new KnownClaim(claims.Count + 1, NewsVocabulary.Claim(f)));
        }
        var articles = new List<string> { seed.SourceTexts[seed.Document.Sources.Single().Key] };
        var folder = Path.Combine(root, "tests", "ClaimTracker.Tests", "Features", "Suggestions", "Articles");
        articles.AddRange(ArticleNames.Select(n => File.ReadAllText(Path.Combine(folder, n + ".txt"))));
        return (Text(articles, c.Chars), actors, claims);
    }

    /// <summary>The articles' paragraphs in order, over and over, until there are at least <paramref name="chars"/> characters.</summary>
    public static string Text(IReadOnlyList<string> articles, int chars)
    {
        var text = new StringBuilder(chars + 4_000);
        while (true)
        {
            foreach (var article in articles)
            {
                var first = true;
                foreach (var paragraph in article.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (text.Length > 0)
                    {
                        text.Append(first ? "\n\n" : "\n");
                    }
                    text.Append(paragraph);
                    first = false;
                    if (text.Length >= chars)
                    {
                        return text.ToString();
                    }
                }
            }
        }
    }

    private static string RepositoryRoot()
    {
        // BenchmarkDotNet runs the benchmarks from a build folder below this project, so the repository is above it.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClaimTracker.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No ClaimTracker.sln above {AppContext.BaseDirectory}.");
    }
}
