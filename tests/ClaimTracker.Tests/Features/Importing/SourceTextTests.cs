using System.Text;
using ClaimTracker.Web.Features.Importing;

namespace ClaimTracker.Tests.Features.Importing;

/// <summary>Reading pasted text and uploaded files (.txt, .md, .html) into the text a source stores, and what is refused.</summary>
public class SourceTextTests
{
    private const int Limit = 1000;

    private static SourceText.Extracted Upload(string name, byte[] bytes, int limit = Limit) =>
        SourceText.Read(new SourceImportRequest("Outlet", "Title", "2026-01-15", null, File: new UploadedFile(name, bytes)), limit);

    private static SourceText.Extracted Upload(string name, string text) => Upload(name, Encoding.UTF8.GetBytes(text));

    private static SourceText.Extracted Paste(string text, int limit = Limit) =>
        SourceText.Read(new SourceImportRequest("Outlet", "Title", "2026-01-15", null, PastedText: text), limit);

    [Fact]
    public void A_text_file_is_read_as_UTF8_with_line_breaks_normalised_and_ends_trimmed()
    {
        var read = Upload("story.txt", "\r\n  Zelensky said “no”.\r\nPeskov agreed.\rEnd — naïve café.  \n\n");

        Assert.Null(read.Error);
        Assert.Equal("Zelensky said “no”.\nPeskov agreed.\nEnd — naïve café.", read.Text);
        Assert.Null(read.Title);
    }

    [Fact]
    public void A_UTF8_byte_order_mark_is_not_part_of_the_text()
    {
        var read = Upload("story.txt", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Kyiv said so.")]);

        Assert.Equal("Kyiv said so.", read.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UTF16_with_a_byte_order_mark_is_accepted(bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var read = Upload("story.txt", [.. encoding.GetPreamble(), .. encoding.GetBytes("Київ said so.\r\nMoscow denied it.")]);

        Assert.Null(read.Error);
        Assert.Equal("Київ said so.\nMoscow denied it.", read.Text);
    }

    [Fact]
    public void Invalid_UTF8_is_refused_with_a_message_saying_how_to_fix_it()
    {
        // "café" in Windows-1252: the lone 0xE9 is not UTF-8.
        var read = Upload("story.txt", [.. Encoding.ASCII.GetBytes("caf"), 0xE9, .. Encoding.ASCII.GetBytes(" said")]);

        Assert.Null(read.Text);
        Assert.Equal(ImportFields.File, read.Field);
        Assert.Equal("This file is not valid UTF-8 text (save it as UTF-8).", read.Error);
    }

    [Fact]
    public void A_file_with_NUL_bytes_is_refused_as_binary()
    {
        var read = Upload("report.txt", [.. Encoding.ASCII.GetBytes("%PDF-1.7\n"), 0x00, 0x01, 0x02, .. Encoding.ASCII.GetBytes("stream")]);

        Assert.Null(read.Text);
        Assert.Contains("not text", read.Error);
        Assert.Contains("binary", read.Error);
    }

    [Fact]
    public void A_file_full_of_control_characters_is_refused_as_binary_but_a_stray_one_is_dropped()
    {
        var noisy = string.Concat(Enumerable.Repeat("ab\u0001\u0002\u001b", 40));
        Assert.Contains("binary", Upload("noise.txt", noisy).Error);

        var prose = string.Concat(Enumerable.Repeat("A sentence that is prose. ", 20)) + "\u000cPage two.";
        var read = Upload("pages.txt", prose);
        Assert.Null(read.Error);
        Assert.DoesNotContain('\u000c', read.Text!);
        Assert.EndsWith("prose. Page two.", read.Text);
    }

    [Theory]
    [InlineData("empty.txt", "")]
    [InlineData("blank.txt", " \r\n\t \n")]
    [InlineData("blank.md", "\n\n   \n")]
    public void An_empty_or_blank_file_is_refused(string name, string content)
    {
        var read = Upload(name, content);

        Assert.Null(read.Text);
        Assert.Contains("empty", read.Error);
        Assert.Contains(name, read.Error);
    }

    [Theory]
    [InlineData("story.pdf", "a .pdf file")]
    [InlineData("story.docx", "a .docx file")]
    [InlineData("README", "a file without an extension")]
    public void Other_file_types_are_refused_naming_what_is_accepted(string name, string what)
    {
        var read = Upload(name, "Plain enough text.");

        Assert.Null(read.Text);
        Assert.Equal(ImportFields.File, read.Field);
        Assert.Contains(what, read.Error);
        Assert.Contains(".txt, .md, .html and .htm", read.Error);
    }

    [Fact]
    public void An_extension_in_capitals_is_still_recognised()
    {
        Assert.Equal("Text.", Upload("STORY.TXT", "Text.").Text);
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_with_the_limit_in_the_message()
    {
        var read = Upload("big.txt", Encoding.UTF8.GetBytes(new string('a', 3 * 1024 * 1024)), limit: 2 * 1024 * 1024);

        Assert.Null(read.Text);
        Assert.Equal("\"big.txt\" is 3 MB; the limit is 2 MB.", read.Error);
    }

    [Fact]
    public void A_file_at_the_limit_is_accepted()
    {
        Assert.Null(Upload("exact.txt", Encoding.UTF8.GetBytes(new string('a', Limit))).Error);
    }

    [Fact]
    public void Pasted_text_is_limited_by_its_UTF8_size()
    {
        // 400 Cyrillic letters are 800 bytes in UTF-8: within 1000; 600 are 1200 bytes: over.
        Assert.Null(Paste(new string('ж', 400)).Error);
        var over = Paste(new string('ж', 600));
        Assert.Equal(ImportFields.PastedText, over.Field);
        Assert.Equal("The text is 1.2 KB; the limit is 1,000 bytes.", over.Error);
    }

    [Fact]
    public void Pasted_text_is_normalised_and_blank_paste_is_refused()
    {
        Assert.Equal("One.\nTwo.", Paste("\uFEFF  One.\r\nTwo.\r\n").Text);
        Assert.Contains("empty", Paste("   \n\t").Error);
        Assert.Contains("Paste the text", Paste("").Error);
    }

    [Fact]
    public void Text_given_both_ways_is_refused()
    {
        var read = SourceText.Read(new SourceImportRequest("O", "T", "2026-01-15", null, "pasted", new UploadedFile("a.txt", [0x41])), Limit);

        Assert.Equal(ImportFields.PastedText, read.Field);
        Assert.Contains("not both", read.Error);
    }

    [Fact]
    public void Markdown_becomes_its_readable_text_with_paragraphs_apart_and_the_first_heading_as_title()
    {
        const string markdown = """
            # Talks stall in Geneva

            The **Kremlin** said on Tuesday that _talks_ would
            resume, according to [Reuters](https://example.com/r).

            > "We are ready," Peskov said.

            - Kyiv disagrees &amp; says so.
            - Washington waits.

            ## Background

            Inline `code`, an <b>HTML</b> tag, and a hard\
            break.

            ---
            [ref]: https://example.com
            """;

        var read = Upload("story.md", markdown);

        Assert.Null(read.Error);
        Assert.Equal("Talks stall in Geneva", read.Title);
        Assert.Equal(
            "Talks stall in Geneva\n\n" +
            "The Kremlin said on Tuesday that talks would resume, according to Reuters.\n\n" +
            "\"We are ready,\" Peskov said.\n\n" +
            "Kyiv disagrees & says so.\n\n" +
            "Washington waits.\n\n" +
            "Background\n\n" +
            "Inline code, an HTML tag, and a hard\nbreak.",
            read.Text);
    }

    [Fact]
    public void A_web_page_gives_its_article_text_without_navigation_scripts_or_furniture()
    {
        const string html = """
            <!DOCTYPE html>
            <html><head><title>Talks stall | Example News</title>
              <style>p { color: red }</style><script>var tracking = "said nothing";</script></head>
            <body>
              <nav><a href="/">Home</a> <a href="/world">World</a></nav>
              <header class="site"><h1>Example News</h1></header>
              <article>
                <header><h1>Talks  stall
                  in Geneva</h1><p class="byline">By A. Reporter</p></header>
                <p>The Kremlin said on   Tuesday that talks&nbsp;would resume.</p>
                <p>&ldquo;We are ready,&rdquo; Peskov said. <em>Kyiv</em> disagrees &amp; says so.<br>Washington waits.</p>
                <script>document.write("ad")</script>
                <aside>Read more: other stories</aside>
                <div><div>Analysts doubt it.</div></div>
                <ul><li>One point.</li><li>Another point.</li></ul>
                <form><label>Subscribe <input name="e"></label></form>
                <noscript>Enable JavaScript</noscript>
                <footer>© Example News</footer>
              </article>
              <aside><article><p>Related: a short teaser</p></article></aside>
              <footer>Contact us</footer>
            </body></html>
            """;

        var read = Upload("story.html", Encoding.UTF8.GetBytes(html), limit: 10_000);

        Assert.Null(read.Error);
        Assert.Equal("Talks stall in Geneva", read.Title);
        Assert.Equal(
            "The Kremlin said on Tuesday that talks would resume.\n\n" +
            "“We are ready,” Peskov said. Kyiv disagrees & says so.\nWashington waits.\n\n" +
            "Analysts doubt it.\n\n" +
            "One point.\n\n" +
            "Another point.",
            read.Text);
    }

    [Fact]
    public void A_page_without_article_uses_main_then_body_and_falls_back_to_the_title_element()
    {
        var main = Upload("page.htm", "<html><head><title>The title</title></head><body><nav>Menu</nav><main><p>Main text.</p></main><p>Outside.</p></body></html>");
        Assert.Equal("Main text.", main.Text);
        Assert.Equal("The title", main.Title);

        var body = Upload("page.html", "<body><div>First.</div>Second<p>Third.</p></body>");
        Assert.Equal("First.\n\nSecond\n\nThird.", body.Text);
        Assert.Null(body.Title);
    }

    [Fact]
    public void A_page_with_nothing_readable_is_refused_but_still_offers_its_title()
    {
        var read = Upload("empty.html", "<html><head><title>Only a title</title><script>x()</script></head><body><nav>Menu</nav></body></html>");

        Assert.Null(read.Text);
        Assert.Contains("no readable text", read.Error);
        Assert.Equal("Only a title", read.Title);
    }
}
