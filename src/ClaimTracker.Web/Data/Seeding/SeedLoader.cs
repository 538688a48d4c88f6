using System.Text.Json;

namespace ClaimTracker.Web.Data.Seeding;

/// <summary>A validated seed: the document plus the text of each of its sources, by source key.</summary>
public sealed record LoadedSeed(SeedDocument Document, IReadOnlyDictionary<string, string> SourceTexts);

/// <summary>Reads <c>claimtracker.seed.json</c> and the source texts beside it, and refuses anything invalid.</summary>
public static class SeedLoader
{
    public const string SeedFileName = "claimtracker.seed.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <exception cref="SeedDataException">The file is missing, unreadable or fails validation.</exception>
    public static LoadedSeed Load(string seedDirectory)
    {
        var seedFile = Path.GetFullPath(Path.Combine(seedDirectory, SeedFileName));
        if (!File.Exists(seedFile))
        {
            throw new SeedDataException(seedFile, ["the seed file does not exist (set ClaimTracker:SeedDirectory to the folder that holds it)"]);
        }

        SeedDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<SeedDocument>(File.ReadAllText(seedFile), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new SeedDataException(seedFile, [$"{ex.Path ?? "$"} (line {ex.LineNumber + 1}): {ex.Message}"]);
        }
        if (document is null)
        {
            throw new SeedDataException(seedFile, ["the file holds no seed document"]);
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in document.Sources)
        {
            // Only plain file names: the seed cannot reach outside its own folder.
            var textPath = Path.Combine(seedDirectory, Path.GetFileName(source.TextFile ?? ""));
            if (source.Key is not null && File.Exists(textPath))
            {
                texts[source.Key] = File.ReadAllText(textPath);
            }
        }

        var problems = SeedValidator.Validate(document, texts);
        if (problems.Count > 0)
        {
            throw new SeedDataException(seedFile, problems);
        }
        return new LoadedSeed(document, texts);
    }
}
