using AngleSharp.Html.Parser;
using ClaimTracker.Web.Features.Annotations;

namespace ClaimTracker.Tests.Features.Annotations;

/// <summary>Note bodies are user input: whatever HTML or links they carry must come out inert.</summary>
public class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static AngleSharp.Dom.IDocument Parse(string html) => new HtmlParser().ParseDocument($"<body>{html}</body>");

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Before <script>alert(1)</script> after")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"#\" onclick=\"alert(1)\">click</a>")]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](  javascript:alert(1) )")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![x](https://example.com/x.png \"t\")")]
    [InlineData("<iframe src=\"https://example.com\"></iframe><style>body{}</style><svg onload=alert(1)>")]
    [InlineData("[x](vbscript:msgbox(1))")]
    public void Hostile_bodies_render_inert(string body)
    {
        var html = Renderer.ToHtml(body);
        var document = Parse(html);
        var all = document.Body!.QuerySelectorAll("*").ToList();

        Assert.Empty(document.QuerySelectorAll("script, img, iframe, style, svg, object, embed"));
        Assert.DoesNotContain(all, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(all, e => e.Attributes.Any(a => a.Name is "src" or "style"));
        foreach (var link in document.QuerySelectorAll("a[href]"))
        {
            var href = link.GetAttribute("href")!;
            Assert.Matches("^(https?|mailto):", href);
        }
        Assert.All(all, e => Assert.Contains(e.LocalName, new[] { "p", "em", "strong", "a", "ul", "ol", "li", "code", "pre", "blockquote", "br" }));
    }

    [Fact]
    public void A_script_tag_is_shown_as_text()
    {
        var document = Parse(Renderer.ToHtml("Look: <script>alert(1)</script>"));

        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_javascript_link_keeps_its_text_but_loses_its_target()
    {
        var document = Parse(Renderer.ToHtml("[x](javascript:alert(1))"));

        Assert.Equal("x", document.Body!.TextContent.Trim());
        Assert.Empty(document.QuerySelectorAll("a[href]"));
    }

    [Fact]
    public void Ordinary_markdown_survives_and_links_are_nofollow()
    {
        var html = Renderer.ToHtml("Some **bold** and *em* and `code`\n\n- one\n- two\n\n> quoted\n\nSee [Reuters](https://www.reuters.com/world/) or [mail](mailto:desk@example.com).");
        var document = Parse(html);

        Assert.Equal("bold", document.QuerySelector("strong")?.TextContent);
        Assert.Equal("em", document.QuerySelector("em")?.TextContent);
        Assert.Equal("code", document.QuerySelector("code")?.TextContent);
        Assert.Equal(2, document.QuerySelectorAll("ul li").Length);
        Assert.NotNull(document.QuerySelector("blockquote"));
        var links = document.QuerySelectorAll("a").ToList();
        Assert.Equal(["https://www.reuters.com/world/", "mailto:desk@example.com"], links.Select(a => a.GetAttribute("href")));
        Assert.All(links, a => Assert.Equal("nofollow noopener noreferrer", a.GetAttribute("rel")));
    }

    [Fact]
    public void Relative_links_lose_their_target()
    {
        var document = Parse(Renderer.ToHtml("[admin](/admin) [proto](//evil.example/)"));

        Assert.Empty(document.QuerySelectorAll("a[href]"));
    }
}
