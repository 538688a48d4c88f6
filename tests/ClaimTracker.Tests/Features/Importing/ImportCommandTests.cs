using System.Text;
using System.Text.RegularExpressions;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Importing;

/// <summary><c>import &lt;file&gt; --outlet … --title … [--date …] [--url …]</c>, run through the app's command table.</summary>
[BothEngines]
public sealed partial class ImportCommandTests : IClassFixture<ImportFactory>, IDisposable
{
    private readonly ImportFactory app;
    private readonly TempDirectory dir = new();

    public ImportCommandTests(ImportFactory app)
    {
        this.app = app;
        app.Suggester.Behaviour = ScriptedSuggester.SaidSentences;
    }

    public void Dispose() => dir.Dispose();

    private string WriteFile(string name, string content) => WriteFile(name, Encoding.UTF8.GetBytes(content));

    private string WriteFile(string name, byte[] content)
    {
        var path = dir.File(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.Commands["import"](app.Services, ["import", .. args], new StringReader(""), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<int> SourceCountAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Sources.CountAsync();
    }

    [GeneratedRegex(@"^imported id=(\d+) key=(\S+) suggestions=(\d+) review=(\S+)\n$")]
    private static partial Regex Imported();

    [Fact]
    public async Task A_file_is_imported_and_one_line_says_its_id_key_suggestion_count_and_where_to_review()
    {
        var file = WriteFile("story.txt", $"Peskov said talks would resume. Kyiv disagreed. Zelensky said no. {Guid.NewGuid():N}");

        var (exit, output, error) = await RunAsync(file, "--outlet", "Example Wire", "--title", "Talks to resume", "--date", "2026-01-17", "--url", "https://example.com/a");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var match = Imported().Match(output.Replace("\r\n", "\n"));
        Assert.True(match.Success, output);
        var id = int.Parse(match.Groups[1].Value);
        Assert.Equal("2026-01-17-example-wire-talks-to-resume", match.Groups[2].Value);
        Assert.Equal("2", match.Groups[3].Value);
        Assert.Equal($"/sources/{id}/review", match.Groups[4].Value);

        await using var db = app.CreateDbContext();
        var source = await db.Sources.SingleAsync(s => s.Id == id);
        Assert.Equal(("Example Wire", "Talks to resume", new DateOnly(2026, 1, 17), "https://example.com/a"), (source.Outlet, source.Title, source.PublishedOn, source.Url));
        Assert.Equal(2, await db.AttributionSuggestions.CountAsync(s => s.SourceId == id));
        var imported = await db.AuditEntries.SingleAsync(e => e.EntityType == nameof(Source) && e.EntityId == id);
        Assert.Equal((null, $"command line ({Environment.UserName})"), (imported.UserId, imported.UserName));
    }

    [Fact]
    public async Task The_date_defaults_to_today_and_an_html_file_supplies_its_title()
    {
        var file = WriteFile("page.html", $"<html><head><title>Headline {Guid.NewGuid():N}</title></head><body><p>Body text.</p></body></html>");

        var (exit, output, _) = await RunAsync(file, "--outlet", "Example Wire");

        Assert.Equal(0, exit);
        var id = int.Parse(Imported().Match(output.Replace("\r\n", "\n")).Groups[1].Value);
        await using var db = app.CreateDbContext();
        var source = await db.Sources.SingleAsync(s => s.Id == id);
        Assert.Equal(DateOnly.FromDateTime(DateTime.Now), source.PublishedOn);
        Assert.StartsWith("Headline ", source.Title);
    }

    [Theory]
    [InlineData(new string[0], "Which file?")]
    [InlineData(new[] { "FILE" }, "--outlet is required.")]
    [InlineData(new[] { "FILE", "--outlet" }, "--outlet needs a value.")]
    [InlineData(new[] { "FILE", "--outlet", "X", "--author", "me" }, "Unknown option --author.")]
    [InlineData(new[] { "FILE", "--outlet", "X", "--outlet", "Y" }, "--outlet is given twice.")]
    [InlineData(new[] { "FILE", "other.txt", "--outlet", "X" }, "One file per call")]
    [InlineData(new[] { "missing.txt", "--outlet", "X" }, "No such file: missing.txt")]
    public async Task Wrong_usage_prints_the_problem_and_the_usage_and_exits_with_2(string[] args, string problem)
    {
        var file = WriteFile("ok.txt", $"Fine text {Guid.NewGuid():N}.");
        var before = await SourceCountAsync();

        var (exit, output, error) = await RunAsync(args.Select(a => a == "FILE" ? file : a).ToArray());

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains(problem, error);
        Assert.Contains("Usage: dotnet run --project src/ClaimTracker.Web -- import <file> --outlet <name> --title <title>", error);
        Assert.Equal(before, await SourceCountAsync());
    }

    [Theory]
    [InlineData("--date", "15.01.2026", "--date: \"15.01.2026\" is not a date; write it as yyyy-mm-dd")]
    [InlineData("--date", "2999-12-31", "--date: 2999-12-31 is in the future")]
    [InlineData("--url", "www.example.com", "--url: Give the full address")]
    [InlineData("--title", " ", "--title: Title is required.")]
    public async Task Rejected_input_is_explained_on_standard_error_with_exit_code_1(string option, string value, string message)
    {
        var file = WriteFile("story.txt", $"Text {Guid.NewGuid():N}.");
        var before = await SourceCountAsync();

        string[] title = option == "--title" ? [] : ["--title", "T"];
        var (exit, output, error) = await RunAsync([file, "--outlet", "Example Wire", .. title, option, value]);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains(message, error);
        Assert.Equal(before, await SourceCountAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_text_is_refused_naming_the_file()
    {
        var file = WriteFile("scan.txt", [0x25, 0x50, 0x44, 0x46, 0x00, 0x01]);

        var (exit, _, error) = await RunAsync(file, "--outlet", "Example Wire", "--title", "T");

        Assert.Equal(1, exit);
        Assert.StartsWith("scan.txt: This file is not text", error);
    }

    [Fact]
    public async Task A_page_nested_past_the_depth_limit_is_refused_on_standard_error_with_exit_code_1()
    {
        var file = WriteFile("deep.html", string.Concat(Enumerable.Repeat("<div>", 100_000)) + "Peskov said so.");
        var before = await SourceCountAsync();

        var (exit, output, error) = await RunAsync(file, "--outlet", "Example Wire", "--title", "T");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith("deep.html: \"deep.html\" nests its elements more than 256 levels deep", error);
        Assert.Equal(before, await SourceCountAsync());
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_before_it_is_read()
    {
        var file = WriteFile("huge.txt", Encoding.ASCII.GetBytes(new string('a', 3 * 1024 * 1024)));

        var (exit, _, error) = await RunAsync(file, "--outlet", "Example Wire", "--title", "T");

        Assert.Equal(1, exit);
        Assert.Contains("\"huge.txt\" is 3 MB; the limit is 2 MB.", error);
    }

    [Fact]
    public async Task Importing_the_same_text_twice_names_the_source_that_has_it()
    {
        var file = WriteFile("story.txt", $"Twice imported {Guid.NewGuid():N}.");
        var (first, output, _) = await RunAsync(file, "--outlet", "Example Wire", "--title", "Once");
        var id = Imported().Match(output.Replace("\r\n", "\n")).Groups[1].Value;

        var (exit, secondOutput, error) = await RunAsync(file, "--outlet", "Example Wire", "--title", "Twice");

        Assert.Equal((0, 1), (first, exit));
        Assert.Equal("", secondOutput);
        Assert.Contains($"not imported: the same text is already source id={id}", error);
        Assert.Contains($"\"Once\" (Example Wire, ", error);
    }

    [Fact]
    public async Task When_the_engine_fails_nothing_is_imported_and_the_exit_code_is_1()
    {
        app.Suggester.Behaviour = (_, _, _) => throw new InvalidOperationException("engine broke");
        var file = WriteFile("story.txt", $"Peskov said so {Guid.NewGuid():N}.");
        var before = await SourceCountAsync();

        var (exit, _, error) = await RunAsync(file, "--outlet", "Example Wire", "--title", "T");

        Assert.Equal(1, exit);
        Assert.Contains("story.txt: nothing was imported: engine broke", error);
        Assert.Equal(before, await SourceCountAsync());
    }
}
