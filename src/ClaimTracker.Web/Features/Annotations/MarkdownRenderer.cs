using System.Text.Encodings.Web;
using AngleSharp.Css.Dom;
using AngleSharp.Html.Dom;
using ClaimTracker.Web.Features.Common;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClaimTracker.Web.Features.Annotations;

/// <summary>
/// Turns a note's Markdown into HTML that is safe to put on a page. Two layers, so that a gap in one is caught
/// by the other: Markdig with raw HTML disabled (a <c>&lt;script&gt;</c> in a note comes out as text), then
/// HtmlSanitizer with a short allow-list of tags, one attribute (<c>href</c>) and three URL schemes.
/// <para>
/// Rendering never throws: a page shows every note to every visitor, so one note Markdig cannot render (nested a few
/// hundred levels deep, say) must not take the page down for all of them, nor an open page's circuit when it arrives
/// live. Such a note, or one past the limits that <see cref="Check"/> enforces at save time (a row written before the
/// limits, or by hand), is shown as its plain text, HTML-encoded, and logged. <see cref="Check"/> refuses at save time
/// what would end up that way.
/// </para>
/// Both libraries are thread-safe once configured, so one instance serves the whole app, with a cache: a page renders a
/// note on every visit and every re-render, and Markdig's time grows faster than the text on some hostile inputs.
/// </summary>
public sealed class MarkdownRenderer : IDisposable
{
    private static readonly string[] AllowedTags = ["p", "em", "strong", "a", "ul", "ol", "li", "code", "pre", "blockquote", "br"];
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseSoftlineBreakAsHardlineBreak() // a line break typed in a note stays a line break
        .Build();

    private readonly HtmlSanitizer _sanitizer;
    private readonly ILogger _logger;

    // Sized in characters of key plus HTML: about 8 MB at most, thousands of ordinary notes.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 4_000_000 });

    public MarkdownRenderer(ILogger<MarkdownRenderer>? logger = null)
    {
        _logger = logger ?? NullLogger<MarkdownRenderer>.Instance;
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

    /// <summary>
    /// Sanitized HTML for <paramref name="markdown"/>; render it with <c>MarkupString</c>. Never throws: what cannot be
    /// rendered comes back as its encoded plain text, and a warning names <paramref name="noteId"/>.
    /// </summary>
    public string ToHtml(string? markdown, int? noteId = null)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return "";
        }
        if (_cache.TryGetValue(markdown, out string? cached))
        {
            return cached!;
        }
        string html;
        if (markdown.Length > InputLimits.NoteLength || LineCount(markdown) > InputLimits.NoteLines)
        {
            // Past the limits the parser's time is unbounded; the limits make this a row that bypassed the service.
            _logger.LogWarning("Note {NoteId} is past the note limits ({Length:N0} characters); shown as plain text.", noteId, markdown.Length);
            html = Plain(markdown);
        }
        else
        {
            try
            {
                html = _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogWarning(ex, "Note {NoteId} cannot be rendered as Markdown; shown as plain text.", noteId);
                html = Plain(markdown);
            }
        }
        _cache.Set(markdown, html, new MemoryCacheEntryOptions { Size = markdown.Length + html.Length });
        return html;
    }

    /// <summary>
    /// Why <paramref name="markdown"/> may not be saved as a note (past a limit of <see cref="InputLimits"/>, or not
    /// renderable), or null when it may. Renders it once, so the first page to show it finds it cached.
    /// </summary>
    public string? Check(string markdown)
    {
        if (markdown.Length > InputLimits.NoteLength)
        {
            return $"A note can be at most {InputLimits.NoteLength:N0} characters; this one has {markdown.Length:N0}.";
        }
        var lines = LineCount(markdown);
        if (lines > InputLimits.NoteLines)
        {
            return $"A note can have at most {InputLimits.NoteLines:N0} lines; this one has {lines:N0}.";
        }
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(markdown, _pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's own depth guard, far past ours.
            return BlockNestingMessage("far deeper");
        }
        var (blocks, inlines) = Nesting(document);
        if (blocks > InputLimits.NoteBlockNesting)
        {
            return BlockNestingMessage($"{blocks} deep");
        }
        if (inlines > InputLimits.NoteInlineNesting)
        {
            return $"Emphasis and links can be nested at most {InputLimits.NoteInlineNesting} levels deep in a note; this one goes {inlines} deep.";
        }
        try
        {
            // The document already parsed: rendering it is the part that can still fail (emphasis too deep for the writer).
            var html = _sanitizer.Sanitize(document.ToHtml(_pipeline));
            _cache.Set(markdown, html, new MemoryCacheEntryOptions { Size = markdown.Length + html.Length });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogInformation("A note was refused: its Markdown cannot be rendered ({Reason}).", ex.Message);
            return "This note's formatting cannot be shown. Simplify it: fewer nested quotes, lists or emphasis.";
        }
        return null;
    }

    private static string BlockNestingMessage(string actual) =>
        $"Quotes and lists can be nested at most {InputLimits.NoteBlockNesting} levels deep in a note; this one goes {actual}.";

    private static int LineCount(string text) => text.AsSpan().Count('\n') + 1;

    /// <summary>
    /// The note as it was typed, encoded, its line breaks kept: readable, and inert whatever it holds. Only its first
    /// <see cref="InputLimits.NoteLength"/> characters: a row past the limits would otherwise send every visitor all of it.
    /// </summary>
    private static string Plain(string markdown)
    {
        var shown = markdown.Length > InputLimits.NoteLength ? markdown[..InputLimits.NoteLength] : markdown;
        var html = "<p class=\"note-plain\">" + HtmlEncoder.Default.Encode(shown).Replace("&#xA;", "<br>", StringComparison.Ordinal);
        return markdown.Length > InputLimits.NoteLength
            ? html + $"…</p><p class=\"note-plain\">({markdown.Length - InputLimits.NoteLength:N0} more characters not shown.)</p>"
            : html + "</p>";
    }

    /// <summary>
    /// The deepest nesting of quotes and lists (blocks), and of emphasis and links (inlines). Walked with a stack of
    /// its own, not recursion: the document may be as deep as the parser allowed.
    /// </summary>
    private static (int Blocks, int Inlines) Nesting(MarkdownDocument document)
    {
        var (maxBlocks, maxInlines) = (0, 0);
        var pending = new Stack<(MarkdownObject Node, int Blocks, int Inlines)>();
        pending.Push((document, 0, 0));
        while (pending.TryPop(out var item))
        {
            var (node, blocks, inlines) = item;
            switch (node)
            {
                case ContainerBlock container:
                    var depth = blocks + (container is QuoteBlock or ListBlock ? 1 : 0);
                    maxBlocks = Math.Max(maxBlocks, depth);
                    foreach (var child in container)
                    {
                        pending.Push((child, depth, 0));
                    }
                    break;
                case LeafBlock { Inline: { } inline }:
                    pending.Push((inline, blocks, 0));
                    break;
                case ContainerInline span:
                    var inner = inlines + (span is EmphasisInline or LinkInline ? 1 : 0);
                    maxInlines = Math.Max(maxInlines, inner);
                    for (var child = span.FirstChild; child is not null; child = child.NextSibling)
                    {
                        pending.Push((child, blocks, inner));
                    }
                    break;
            }
        }
        return (maxBlocks, maxInlines);
    }

    public void Dispose() => _cache.Dispose();
}
