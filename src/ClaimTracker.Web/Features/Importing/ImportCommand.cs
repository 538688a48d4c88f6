using System.Globalization;
using ClaimTracker.Web.Data;

namespace ClaimTracker.Web.Features.Importing;

/// <summary>
/// <c>dotnet run --project src/ClaimTracker.Web -- import &lt;file&gt; --outlet &lt;name&gt; --title &lt;title&gt; [--date yyyy-mm-dd] [--url &lt;url&gt;]</c>:
/// the same import as the "Add a source" page, one file per call, for scripts. Success prints one line of
/// <c>name=value</c> pairs on standard output; anything refused goes to standard error with exit code 1; wrong usage
/// prints the usage with exit code 2.
/// </summary>
public static class ImportCommand
{
    public const string Name = "import";

    public const string Usage =
        $"Usage: dotnet run --project src/ClaimTracker.Web -- {Name} <file> --outlet <name> --title <title> [--date <yyyy-mm-dd>] [--url <url>]\n" +
        "  <file>     a .txt, .md, .html or .htm file (UTF-8)\n" +
        "  --outlet   who published it, e.g. Reuters\n" +
        "  --title    its headline (may be left out when an .html or .md file has one)\n" +
        "  --date     when it was published; default today\n" +
        "  --url      where it was published (http:// or https://)";

    private static readonly Dictionary<string, string> OptionOf = new(StringComparer.Ordinal)
    {
        [ImportFields.Outlet] = "--outlet",
        [ImportFields.Title] = "--title",
        [ImportFields.PublishedOn] = "--date",
        [ImportFields.Url] = "--url",
    };

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var parsed = Parse(args);
        if (parsed.Problem is not null)
        {
            return await CommandLine.WrongUsageAsync(error, parsed.Problem, Usage);
        }
        var path = parsed.File!;
        if (!File.Exists(path))
        {
            return await CommandLine.WrongUsageAsync(error, $"No such file: {path}", Usage);
        }

        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<SourceImportService>();
        var name = Path.GetFileName(path);
        var size = new FileInfo(path).Length;
        if (size > importer.MaxBytes)
        {
            // Said here, without reading a file that may be far larger than anything the import would take.
            await error.WriteLineAsync($"{name}: {SourceText.TooLarge(name, size, importer.MaxBytes)}");
            return 1;
        }

        var request = new SourceImportRequest(
            parsed.Options.GetValueOrDefault("--outlet"),
            parsed.Options.GetValueOrDefault("--title"),
            parsed.Options.GetValueOrDefault("--date") ?? DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            parsed.Options.GetValueOrDefault("--url"),
            File: new UploadedFile(name, await File.ReadAllBytesAsync(path)));
        var author = new ChangeAuthor(null, $"command line ({Environment.UserName})");

        EditResult<ImportReport> result;
        try
        {
            result = await importer.ImportAsAsync(request, author);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"{name}: nothing was imported: {ex.Message}");
            return 1;
        }

        switch (result.Outcome)
        {
            case EditOutcome.Saved:
                var source = result.Value!.Source!;
                await output.WriteLineAsync(
                    $"imported id={source.Id} key={source.Key} suggestions={source.SuggestionCount} review={ImportPaths.AfterImport(source.Id, source.SuggestionCount)}");
                return 0;
            case EditOutcome.Conflict:
                var existing = result.Value!.Duplicate!;
                await error.WriteLineAsync(
                    $"{name}: not imported: the same text is already source id={existing.Id} key={existing.Key} \"{existing.Title}\" ({existing.Outlet}, {existing.PublishedOn:yyyy-MM-dd}) at /sources/{existing.Id}");
                return 1;
            default:
                foreach (var (field, message) in result.FieldErrors)
                {
                    await error.WriteLineAsync($"{OptionOf.GetValueOrDefault(field, name)}: {message}");
                }
                return 1;
        }
    }

    private sealed record Arguments(string? File, Dictionary<string, string> Options, string? Problem);

    private static Arguments Parse(string[] args)
    {
        string? file = null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (arg is not ("--outlet" or "--title" or "--date" or "--url"))
                {
                    return new(null, options, $"Unknown option {arg}.");
                }
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return new(null, options, $"{arg} needs a value.");
                }
                if (!options.TryAdd(arg, args[++i]))
                {
                    return new(null, options, $"{arg} is given twice.");
                }
            }
            else if (file is null)
            {
                file = arg;
            }
            else
            {
                return new(null, options, $"One file per call (got \"{file}\" and \"{arg}\").");
            }
        }
        if (file is null)
        {
            return new(null, options, "Which file? Give its path after the command name.");
        }
        if (!options.ContainsKey("--outlet"))
        {
            return new(file, options, "--outlet is required.");
        }
        return new(file, options, null);
    }
}
