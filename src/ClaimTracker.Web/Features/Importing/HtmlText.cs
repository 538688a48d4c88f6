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

    /// <summary>
    /// The page's readable text and headline. Throws <see cref="NestedTooDeepException"/> for a page nested deeper
    /// than <see cref="ImportLimits.MaxHtmlDepth"/> as soon as the parser gets there, and stops when
    /// <paramref name="ct"/> is cancelled (the import's time limit).
    /// </summary>
    public static (string Text, string? Title) Extract(string html, CancellationToken ct = default)
    {
        var document = Parse(html, ct);
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
        Walk(root, current, paragraphs, ct);
        Flush(current, paragraphs);
        return (string.Join("\n\n", paragraphs), title);
    }

    /// <summary>
    /// The document, refused once any element is nested deeper than the limit. The tree builder's cost per element
    /// grows with the depth of the open elements, so the check runs while parsing: each time an element is created,
    /// the one created before it (inserted by then) has its depth counted, at most up to the limit, which keeps the
    /// check itself linear. A final pass catches depth the parser made by moving nodes (misnested formatting tags).
    /// </summary>
    private static IDocument Parse(string html, CancellationToken ct)
    {
        IElement? previous = null;
        var options = new HtmlParserOptions
        {
            OnCreated = (element, _) =>
            {
                ct.ThrowIfCancellationRequested();
                if (previous is not null && DeeperThan(previous, ImportLimits.MaxHtmlDepth))
                {
                    throw new NestedTooDeepException(ImportLimits.MaxHtmlDepth);
                }
                previous = element;
            },
        };
        var document = new HtmlParser(options).ParseDocument(html);
        if (MaxDepth(document, ct) > ImportLimits.MaxHtmlDepth)
        {
            throw new NestedTooDeepException(ImportLimits.MaxHtmlDepth);
        }
        return document;
    }

    private static bool DeeperThan(IElement element, int limit)
    {
        var depth = 0;
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (++depth > limit)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The deepest element's depth, without recursion (so a deep tree cannot exhaust the stack).</summary>
    private static int MaxDepth(IDocument document, CancellationToken ct)
    {
        var deepest = 0;
        var pending = new Stack<(INode Node, int Depth)>();
        pending.Push((document, 0));
        while (pending.TryPop(out var item))
        {
            ct.ThrowIfCancellationRequested();
            deepest = Math.Max(deepest, item.Depth);
            foreach (var child in item.Node.ChildNodes)
            {
                if (child is IElement)
                {
                    pending.Push((child, item.Depth + 1));
                }
            }
        }
        return deepest;
    }

    /// <summary>
    /// The <c>&lt;article&gt;</c> with the most text (a page may list related articles as small ones), else
    /// <c>&lt;main&gt;</c>, else the body.
    /// </summary>
    private static IElement? ContentRoot(IDocument document) =>
        document.QuerySelectorAll("article").MaxBy(a => a.TextContent.Length)
        ?? document.QuerySelector("main")
        ?? document.Body;

    private static void Walk(INode node, StringBuilder current, List<string> paragraphs, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
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
                    Walk(element, current, paragraphs, ct);
                    Flush(current, paragraphs);
                    break;
                case IElement { LocalName: "td" or "th" } cell:
                    // Table cells stay on their row's line, apart.
                    Walk(cell, current, paragraphs, ct);
                    current.Append(' ');
                    break;
                case IElement element:
                    Walk(element, current, paragraphs, ct);
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
