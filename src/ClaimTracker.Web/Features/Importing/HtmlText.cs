using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ClaimTracker.Web.Features.Importing;

/// <summary>
/// The readable text of a saved web page: the article (or main content, or else the body) without scripts, styles,
/// navigation, page header and footer, asides and forms; each block element a paragraph, paragraphs separated by a
/// blank line, white space collapsed, entities decoded.
/// </summary>
public static class HtmlText
{
    /// <summary>Never part of the article's text: code, page furniture, interactive bits.</summary>
    private const string Furniture =
        "script, style, noscript, template, nav, header, footer, aside, form, iframe, object, embed, svg, canvas, button, dialog, [hidden], [aria-hidden=true]";

    /// <summary>Elements that start and end a paragraph of their own.</summary>
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tr", "ul", "caption",
        "body", "center",
    };

    public static (string Text, string? Title) Extract(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var root = ContentRoot(document);
        // The title comes before the furniture goes: an article's <h1> often sits in its <header>.
        var title = Clean(root?.QuerySelector("h1")?.TextContent) ?? Clean(document.QuerySelector("h1")?.TextContent) ?? Clean(document.Title);
        if (root is null)
        {
            return ("", title);
        }
        foreach (var element in root.QuerySelectorAll(Furniture).ToList())
        {
            element.Remove();
        }

        var paragraphs = new List<string>();
        var current = new StringBuilder();
        Walk(root, current, paragraphs);
        Flush(current, paragraphs);
        return (string.Join("\n\n", paragraphs), title);
    }

    /// <summary>
    /// The <c>&lt;article&gt;</c> with the most text (a page may list related articles as small ones), else
    /// <c>&lt;main&gt;</c>, else the body.
    /// </summary>
    private static IElement? ContentRoot(IDocument document) =>
        document.QuerySelectorAll("article").MaxBy(a => a.TextContent.Length)
        ?? document.QuerySelector("main")
        ?? document.Body;

    private static void Walk(INode node, StringBuilder current, List<string> paragraphs)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    current.Append(text.Data);
                    break;
                case IElement { LocalName: "br" }:
                    current.Append('\n');
                    break;
                case IElement element when Blocks.Contains(element.LocalName):
                    Flush(current, paragraphs);
                    Walk(element, current, paragraphs);
                    Flush(current, paragraphs);
                    break;
                case IElement { LocalName: "td" or "th" } cell:
                    // Table cells stay on their row's line, apart.
                    Walk(cell, current, paragraphs);
                    current.Append(' ');
                    break;
                case IElement element:
                    Walk(element, current, paragraphs);
                    break;
                default:
                    break; // comments, processing instructions
            }
        }
    }

    /// <summary>Ends the paragraph being collected: white space collapsed, kept only if it has any text.</summary>
    private static void Flush(StringBuilder current, List<string> paragraphs)
    {
        if (current.Length == 0)
        {
            return;
        }
        var lines = current.ToString().Split('\n').Select(Collapse).Where(l => l.Length > 0);
        var paragraph = string.Join("\n", lines);
        if (paragraph.Length > 0)
        {
            paragraphs.Add(paragraph);
        }
        current.Clear();
    }

    /// <summary>Runs of white space (including no-break spaces) as one space, none at the ends.</summary>
    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static string? Clean(string? text)
    {
        var collapsed = text is null ? "" : Collapse(text);
        return collapsed.Length > 0 ? collapsed : null;
    }
}
