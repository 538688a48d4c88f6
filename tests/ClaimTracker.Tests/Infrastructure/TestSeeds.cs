using ClaimTracker.Web.Data.Seeding;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>Finds the real seed folder and loads it once for the whole test run.</summary>
public static class TestSeeds
{
    private static readonly Lazy<string> DirectoryPath = new(Locate);
    private static readonly Lazy<LoadedSeed> Seed = new(() => SeedLoader.Load(Folder));

    /// <summary>The folder holding <c>claimtracker.seed.json</c> and the article text.</summary>
    public static string Folder => DirectoryPath.Value;

    /// <summary>The real seed, loaded (and so validated) by the app's own loader.</summary>
    public static LoadedSeed Loaded => Seed.Value;

    public static SeedDocument Document => Loaded.Document;

    /// <summary>The text of the one seeded source, read straight from its file.</summary>
    public static string ArticleText(string sourceKey)
    {
        var source = Document.Sources.Single(s => s.Key == sourceKey);
        return File.ReadAllText(Path.Combine(Folder, source.TextFile));
    }

    private static string Locate()
    {
        // The web project copies seeds/ into its output, and the test build picks that up.
        var besideTests = Path.Combine(AppContext.BaseDirectory, "seeds");
        if (File.Exists(Path.Combine(besideTests, SeedLoader.SeedFileName)))
        {
            return besideTests;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClaimTracker.sln")))
            {
                return Path.Combine(dir.FullName, "seeds");
            }
        }
        throw new InvalidOperationException($"No seeds folder beside {AppContext.BaseDirectory} and no ClaimTracker.sln above it.");
    }
}
