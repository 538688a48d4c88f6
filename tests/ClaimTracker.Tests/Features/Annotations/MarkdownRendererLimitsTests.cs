using AngleSharp.Html.Parser;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Common;
using Microsoft.Extensions.Logging;

namespace ClaimTracker.Tests.Features.Annotations;

/// <summary>
/// What Markdig cannot render never reaches the page as an exception: it is shown as plain text and logged; and the
/// save-time check refuses it first, with the limit it broke, while a real note's formatting passes.
/// </summary>
public class MarkdownRendererLimitsTests
{
    private sealed class ListLogger : ILogger<MarkdownRenderer>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }

    private static string Nested(string marker, int depth) => string.Concat(Enumerable.Repeat(marker, depth)) + "x";

    public static TheoryData<string, string> Unrenderable() => new()
    {
        { "quotes 300 deep", new string('>', 300) + " x" },
        { "lists 200 deep", string.Join("\n", Enumerable.Range(0, 200).Select(i => new string(' ', i * 2) + "- x")) },
        { "emphasis 5,000 deep", new string('*', 5000) + "x" + new string('*', 5000) },
        { "quote and list 200 deep", string.Concat(Enumerable.Repeat("> - ", 200)) + "x" },
        { "past the length limit", "<b>" + new string('a', InputLimits.NoteLength) + "</b>" },
        { "past the line limit", string.Concat(Enumerable.Repeat("> a\n", InputLimits.NoteLines + 1)) },
    };

    [Theory]
    [MemberData(nameof(Unrenderable))]
    public void An_unrenderable_note_is_shown_as_its_encoded_text_and_logged_with_its_id(string kind, string body)
    {
        var log = new ListLogger();
        using var renderer = new MarkdownRenderer(log);

        var html = renderer.ToHtml(body, noteId: 4242);

        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        Assert.Empty(document.QuerySelectorAll("blockquote, ul, li, em, strong, b, script"));
        // The text as typed (line breaks become <br>), up to the note limit; past it, a count of what is not shown.
        var shown = body.Length > InputLimits.NoteLength ? body[..InputLimits.NoteLength] : body;
        Assert.StartsWith(shown.Replace("\n", ""), document.Body!.TextContent);
        if (body.Length > InputLimits.NoteLength)
        {
            Assert.EndsWith($"…({body.Length - InputLimits.NoteLength:N0} more characters not shown.)", document.Body.TextContent);
        }
        else
        {
            Assert.Equal(body.Replace("\n", ""), document.Body.TextContent);
        }
        var warning = Assert.Single(log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("4242", warning.Message);
        Assert.False(string.IsNullOrEmpty(kind));
    }

    [Fact]
    public void A_note_is_rendered_once_and_logged_once_however_often_a_page_shows_it()
    {
        var log = new ListLogger();
        using var renderer = new MarkdownRenderer(log);
        var body = new string('>', 300) + " x";

        var first = renderer.ToHtml(body, 1);
        var second = renderer.ToHtml(body, 1);

        Assert.Same(first, second);
        Assert.Single(log.Entries);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void An_empty_body_renders_as_nothing(string? body) => Assert.Equal("", new MarkdownRenderer().ToHtml(body));

    public static TheoryData<string, string, string> OverLimits() => new()
    {
        { "quotes", Nested("> ", InputLimits.NoteBlockNesting + 1), $"nested at most {InputLimits.NoteBlockNesting} levels deep in a note; this one goes {InputLimits.NoteBlockNesting + 1} deep" },
        { "quotes far past", new string('>', 300) + " x", "this one goes far deeper" },
        { "lists", string.Join("\n", Enumerable.Range(0, InputLimits.NoteBlockNesting + 1).Select(i => new string(' ', i * 2) + "- x")), $"goes {InputLimits.NoteBlockNesting + 1} deep" },
        { "emphasis", new string('*', 40) + "x" + new string('*', 40), "Emphasis and links can be nested at most" },
        { "emphasis far past", new string('*', 4000) + "x" + new string('*', 4000), "Emphasis and links can be nested at most" },
        { "lines", string.Join("\n", Enumerable.Repeat("a", InputLimits.NoteLines + 1)), $"at most {InputLimits.NoteLines} lines; this one has {InputLimits.NoteLines + 1}" },
        { "length", new string('a', InputLimits.NoteLength + 1), $"at most {InputLimits.NoteLength:N0} characters; this one has {InputLimits.NoteLength + 1:N0}" },
    };

    [Theory]
    [MemberData(nameof(OverLimits))]
    public void The_save_check_names_the_limit_a_note_breaks(string kind, string body, string expected)
    {
        var problem = new MarkdownRenderer().Check(body);

        Assert.True(problem is not null, $"{kind} should be refused");
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void Real_formatting_at_the_limits_passes_the_save_check_and_renders_as_markdown()
    {
        var renderer = new MarkdownRenderer();
        // A quote holding a list three deep with a bold link: deeper than any note in practice, and well inside the limits.
        const string note = """
            Peskov's reply, as Reuters quotes it:

            > - first
            >   - second
            >     - third with **[a link](https://example.com)**
            """;
        var atBlockLimit = Nested("> ", InputLimits.NoteBlockNesting);
        var atLineLimit = string.Join("\n", Enumerable.Repeat("a", InputLimits.NoteLines));
        var atInlineLimit = "***bold italic*** and _**[x](https://example.com)**_";

        Assert.Null(renderer.Check(note));
        Assert.Null(renderer.Check(atBlockLimit));
        Assert.Null(renderer.Check(atLineLimit));
        Assert.Null(renderer.Check(atInlineLimit));
        Assert.Null(renderer.Check(new string('a', InputLimits.NoteLength)));
        var html = new HtmlParser().ParseDocument($"<body>{renderer.ToHtml(note)}</body>");
        Assert.Single(html.QuerySelectorAll("blockquote"));
        Assert.Equal(3, html.QuerySelectorAll("ul").Length);
        Assert.Equal("https://example.com", html.QuerySelector("strong a")?.GetAttribute("href"));
    }
}
