using System.Diagnostics;
using System.Text;
using ClaimTracker.Web.Features.Importing;

namespace ClaimTracker.Tests.Features.Importing;

/// <summary>
/// Uploaded pages and Markdown files are read within a nesting depth and a time limit (<see cref="ImportLimits"/>):
/// what is refused, with which message, how quickly, and that ordinary files right up to the limits still read.
/// </summary>
public class ImportLimitsTests
{
    private const int Limit = ImportOptions.DefaultMaxBytes;

    private static SourceImportRequest File(string name, string content) =>
        new("Outlet", "Title", "2026-01-15", null, File: new UploadedFile(name, Encoding.UTF8.GetBytes(content)));

    private static Task<SourceText.Extracted> ReadAsync(string name, string content, TimeSpan? timeout = null) =>
        SourceText.ReadAsync(File(name, content), Limit, timeout: timeout);

    /// <summary>Divs inside each other; <c>&lt;html&gt;</c> and <c>&lt;body&gt;</c> add two levels.</summary>
    private static string NestedDivs(int count) => string.Concat(Enumerable.Repeat("<div>", count)) + "Deep text.";

    /// <summary>A real page's shape, repeated up to about <paramref name="chars"/> characters of paragraphs.</summary>
    internal static string Article(int chars)
    {
        var page = new StringBuilder("<!doctype html><html><head><title>Talks stall</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Talks stall</h1>");
        for (var i = 0; page.Length < chars; i++)
        {
            page.Append($"<section><p>Paragraph {i}: Peskov said the talks would resume, <em>and</em> Kyiv <a href=\"/x\">disagreed</a>.</p></section>\n");
        }
        return page.Append("</article><footer>Footer</footer></body></html>").ToString();
    }

    [Fact]
    public async Task A_page_nested_exactly_to_the_limit_is_read()
    {
        var read = await ReadAsync("deep.html", NestedDivs(ImportLimits.MaxHtmlDepth - 2));

        Assert.Null(read.Error);
        Assert.Equal("Deep text.", read.Text);
    }

    [Fact]
    public async Task A_page_nested_one_level_past_the_limit_is_refused_with_the_reason()
    {
        var read = await ReadAsync("deep.html", NestedDivs(ImportLimits.MaxHtmlDepth - 1));

        Assert.Null(read.Text);
        Assert.Equal(ImportFields.File, read.Field);
        Assert.Equal("\"deep.html\" nests its elements more than 256 levels deep, which no article does; paste the article's text, or save it as .txt.", read.Error);
    }

    [Theory]
    [InlineData("<div>", "")] // never closed
    [InlineData("<div>", "</div>")] // closed at the end
    [InlineData("<b><i>", "")] // formatting elements, which the parser re-opens
    [InlineData("<table><tr><td>", "")]
    [InlineData("<template><div>", "")] // inside a template's content, outside the document
    [InlineData("<svg><g>", "")] // foreign content
    public async Task A_hundred_thousand_nested_elements_are_refused_in_a_moment(string open, string close)
    {
        // Before the limit, 100,000 nested <div> took 42 s to parse (the tree builder's work grows with the square of the depth).
        var html = string.Concat(Enumerable.Repeat(open, 100_000)) + "x" + string.Concat(Enumerable.Repeat(close, 100_000));
        var clock = Stopwatch.StartNew();

        var read = await ReadAsync("deep.html", html);

        Assert.Null(read.Text);
        Assert.Contains("levels deep", read.Error);
        // Measured at 0.03 s; the bound leaves room for a machine a hundred times busier and still fails the quadratic parse.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task An_ordinary_page_of_two_megabytes_is_read_whole()
    {
        var html = Article(Limit - 10_000);
        Assert.True(Encoding.UTF8.GetByteCount(html) <= Limit);

        // What is read is the subject here, not how fast: a test run beside many others may starve the parse of
        // processor time for longer than the product's limit (the limit has tests of its own).
        var read = await ReadAsync("article.html", html, timeout: TimeSpan.FromMinutes(5));

        Assert.Null(read.Error);
        Assert.StartsWith("Talks stall\n\nParagraph 0: Peskov said the talks would resume, and Kyiv disagreed.", read.Text);
        Assert.EndsWith("Kyiv disagreed.", read.Text);
        Assert.Equal("Talks stall", read.Title);
    }

    [Fact]
    public async Task Reading_that_outlasts_the_time_limit_is_refused_with_the_reason()
    {
        // The real limit is thirty seconds, which no article comes near. A real parse racing a short limit can win on a
        // fast machine, so the reader here is one that never finishes on its own: only the limit can end it.
        var read = await SourceText.ReadAsync(
            File("article.html", Article(100_000)), Limit,
            (_, _, token) => { token.WaitHandle.WaitOne(); token.ThrowIfCancellationRequested(); throw new InvalidOperationException("unreachable"); },
            timeout: TimeSpan.FromMilliseconds(50));

        Assert.Null(read.Text);
        Assert.Equal(ImportFields.File, read.Field);
        Assert.Equal("\"article.html\" took more than 30 seconds to read, where an article takes about a second. Try again later, or paste the article's text.", read.Error);
    }

    [Fact]
    public async Task A_caller_that_gives_up_gets_a_cancellation_not_a_refusal()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SourceText.ReadAsync(File("article.html", Article(100_000)), Limit, cancelled.Token));
    }

    [Fact]
    public async Task Markdown_quoted_to_the_limit_is_read_and_one_level_more_is_refused()
    {
        var atLimit = await ReadAsync("quotes.md", new string('>', ImportLimits.MaxMarkdownDepth) + " Deep quote.");
        Assert.Null(atLimit.Error);
        Assert.Equal("Deep quote.", atLimit.Text);

        var past = await ReadAsync("quotes.md", new string('>', ImportLimits.MaxMarkdownDepth + 1) + " Deep quote.");
        Assert.Null(past.Text);
        Assert.Equal("\"quotes.md\" nests quotes, lists or markup more than 64 levels deep, which no article does; paste the article's text, or save it as .txt.", past.Error);
    }

    [Theory]
    [InlineData(200)] // past Markdig's own limit (128), where it used to throw to the page
    [InlineData(100_000)]
    public async Task Markdown_nested_far_past_the_limit_is_refused_not_thrown(int depth)
    {
        var read = await ReadAsync("quotes.md", new string('>', depth) + " x");

        Assert.Null(read.Text);
        Assert.Contains("more than 64 levels deep", read.Error);
    }

    [Fact]
    public async Task Nested_lists_in_Markdown_count_towards_the_limit()
    {
        var list = string.Concat(Enumerable.Range(0, 100).Select(i => new string(' ', 2 * i) + "- item\n"));

        var read = await ReadAsync("lists.md", list);

        Assert.Contains("more than 64 levels deep", read.Error);
    }

    [Fact]
    public async Task A_deep_HTML_block_inside_Markdown_is_held_to_the_HTML_limit()
    {
        var markdown = "# Headline\n\n" + string.Concat(Enumerable.Repeat("<div>", 1000)) + "\n\nText.";

        var read = await ReadAsync("mixed.md", markdown);

        Assert.Null(read.Text);
        Assert.Contains("more than 256 levels deep", read.Error);
    }

    [Fact]
    public async Task Half_a_character_in_pasted_text_is_stored_as_the_replacement_character()
    {
        var read = await SourceText.ReadAsync(new SourceImportRequest("O", "T", "2026-01-15", null, PastedText: "Kyiv \ud800 said 😀 so \udc00."), Limit);

        Assert.Null(read.Error);
        Assert.Equal("Kyiv \ufffd said 😀 so \ufffd.", read.Text);
    }

    [Theory]
    [InlineData("Reuters", "Reuters")]
    [InlineData("Line\nbreak\tand\u0000nul", "Line break and nul")]
    [InlineData(null, null)]
    public void A_one_line_field_loses_control_characters(string? typed, string? stored)
    {
        Assert.Equal(stored, TextDecoding.SingleLine(typed));
    }

    [Fact]
    public void A_one_line_field_keeps_whole_characters_and_replaces_halves()
    {
        // Built here rather than as theory data: the test runner cannot pass half a character through intact.
        Assert.Equal("half \ufffd of 😀 \ufffd", TextDecoding.SingleLine("half \ud83d of 😀 \udc00"));
    }
}
