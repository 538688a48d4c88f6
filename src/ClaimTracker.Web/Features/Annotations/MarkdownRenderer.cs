using AngleSharp.Css.Dom;
using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;

namespace ClaimTracker.Web.Features.Annotations;

/// <summary>
/// Turns a note's Markdown into HTML that is safe to put on a page. Two layers, so that a gap in one is caught
/// by the other: Markdig with raw HTML disabled (a <c>&lt;script&gt;</c> in a note comes out as text), then
/// HtmlSanitizer with a short allow-list of tags, one attribute (<c>href</c>) and three URL schemes.
/// Both are thread-safe once configured, so one instance serves the whole app.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly string[] AllowedTags = ["p", "em", "strong", "a", "ul", "ol", "li", "code", "pre", "blockquote", "br"];
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseSoftlineBreakAsHardlineBreak() // a line break typed in a note stays a line break
        .Build();

    private readonly HtmlSanitizer _sanitizer;

    public MarkdownRenderer()
    {
        _sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(AllowedSchemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<CssRuleType>(),
            AllowedClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        });
        _sanitizer.AllowDataAttributes = false;
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IHtmlAnchorElement anchor)
            {
                // Relative links would resolve against this site; a note should only point elsewhere explicitly.
                var href = anchor.GetAttribute("href");
                if (href is null || !Uri.TryCreate(href, UriKind.Absolute, out var uri) || !AllowedSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
                {
                    anchor.RemoveAttribute("href");
                }
                anchor.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
    }

    /// <summary>Sanitized HTML for <paramref name="markdown"/>; render it with <c>MarkupString</c>.</summary>
    public string ToHtml(string markdown) => _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));
}
