using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaimTracker.Web.Features.Suggestions;

/// <summary>
/// <c>dotnet run --project src/ClaimTracker.Web -- suggest &lt;file&gt; [--outlet NAME]</c>: reads an article (UTF-8
/// text) and prints the attributions the engine proposes for it, as a JSON array, using the actors and claims already in
/// the database; told the outlet, it proposes the outlet's own assertions too. Nothing is stored.
/// </summary>
public static class SuggestCommand
{
    public const string Name = "suggest";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Quotation marks and dashes print as themselves, not as \u escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>One suggestion as printed: the keys of the issue first, then the extras.</summary>
    public sealed record Row(
        string Actor, string Stance, string Mode, string Quote, int Start, int End, string Claim,
        int? ActorId, int? ClaimId, double? Similarity, string? Cue, string? ActorRole);

    /// <summary>
    /// The file as given; a relative path that does not exist from the working directory is also tried from the
    /// repository root, because <c>dotnet run --project</c> starts the app in the project folder.
    /// </summary>
    private static string Locate(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path))
        {
            return path;
        }
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClaimTracker.sln")))
            {
                var candidate = Path.Combine(dir.FullName, path);
                return File.Exists(candidate) ? candidate : path;
            }
        }
        return path;
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var outlet = args.Length == 4 && args[2] == "--outlet" && !string.IsNullOrWhiteSpace(args[3]) ? args[3] : null;
        if ((args.Length != 2 && outlet is null) || string.IsNullOrWhiteSpace(args[1]))
        {
            await error.WriteLineAsync($"Usage: dotnet run --project src/ClaimTracker.Web -- {Name} <file> [--outlet NAME]   (the article as UTF-8 text; the outlet that published it, for its own assertions)");
            return 2;
        }
        var path = Locate(args[1]);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or DecoderFallbackException)
        {
            var why = ex switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                DecoderFallbackException => "it is not UTF-8 text",
                UnauthorizedAccessException => "permission denied",
                _ => ex.Message,
            };
            await error.WriteLineAsync($"Cannot read {path}: {why}.");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var knowledge = await scope.ServiceProvider.GetRequiredService<SuggestionCatalog>().LoadAsync();
        var suggestions = scope.ServiceProvider.GetRequiredService<IAttributionSuggester>().Suggest(text, knowledge.Actors, knowledge.Claims, outlet);
        var rows = suggestions.Select(s => new Row(s.Actor, s.Stance.ToString(), s.Mode.ToString(), s.Quote, s.Start, s.End, s.Claim,
            s.ActorId, s.ClaimId, s.Similarity, string.IsNullOrEmpty(s.Cue) ? null : s.Cue, s.ActorRole)).ToList();
        await output.WriteLineAsync(JsonSerializer.Serialize(rows, Json));
        return 0;
    }
}
