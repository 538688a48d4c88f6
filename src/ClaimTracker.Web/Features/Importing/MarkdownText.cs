using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ClaimTracker.Web.Features.Importing;

/// <summary>
/// The readable text of a Markdown file: what a reader of the rendered page sees, without the markup. Each paragraph,
/// heading, list item, quote or code block becomes a paragraph, separated by a blank line; a line break inside a
/// paragraph is a space unless it was a hard break. (Markdig's own <c>ToPlainText</c> separates paragraphs by a single
/// line break, which the reader would show as one block.)
/// </summary>
public static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder
    {
        // Markdig checks its limit only when its stack of open blocks doubles (at 64, 128, ...), so it bounds the
        // parse coarsely; the exact limit is counted on the parsed document (NestingDepth).
        MaximumNestingDepth = 2 * ImportLimits.MaxMarkdownDepth,
    }.UseEmphasisExtras().UsePipeTables().Build();

    /// <summary>
    /// The file's readable text and first headline. Throws <see cref="NestedTooDeepException"/> for a file nested deeper
    /// than <see cref="ImportLimits.MaxMarkdownDepth"/>, and stops when <paramref name="ct"/> is cancelled.
    /// </summary>
    public static (string Text, string? Title) Extract(string markdown, CancellationToken ct = default)
    {
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException ex) when (ex.GetType() == typeof(ArgumentException))
        {
            // How Markdig says the input is nested past the pipeline's limit (a plain ArgumentException; its other
            // argument checks throw the derived kinds, and would be our bugs rather than the file's).
            throw new NestedTooDeepException(ImportLimits.MaxMarkdownDepth);
        }
        if (NestingDepth(document, ct) > ImportLimits.MaxMarkdownDepth)
        {
            throw new NestedTooDeepException(ImportLimits.MaxMarkdownDepth);
        }
        var paragraphs = new List<string>();
        string? title = null;
        foreach (var block in document.Descendants<LeafBlock>())
        {
            ct.ThrowIfCancellationRequested();
            var text = block switch
            {
                HtmlBlock html => HtmlText.Extract(html.Lines.ToString(), ct).Text,
                { Inline: { } inline } => Inlines(inline),
                CodeBlock code => code.Lines.ToString(),
                _ => "",
            };
            text = text.Trim();
            if (text.Length == 0)
            {
                continue;
            }
            if (title is null && block is HeadingBlock { Level: 1 })
            {
                title = text;
            }
            paragraphs.Add(text);
        }
        return (string.Join("\n\n", paragraphs), title);
    }

    /// <summary>
    /// How many quotes, lists, list items and inline containers (emphasis, links) sit inside each other at the deepest
    /// point, counted without recursion: a quote nested 64 deep is 64, a list nested 32 deep (list and item) is 64.
    /// </summary>
    private static int NestingDepth(MarkdownDocument document, CancellationToken ct)
    {
        var deepest = 0;
        var pending = new Stack<(MarkdownObject Node, int Depth)>();
        pending.Push((document, 0));
        while (pending.TryPop(out var item))
        {
            ct.ThrowIfCancellationRequested();
            deepest = Math.Max(deepest, item.Depth);
            switch (item.Node)
            {
                case ContainerBlock container:
                    foreach (var child in container)
                    {
                        pending.Push((child, child is ContainerBlock ? item.Depth + 1 : item.Depth));
                    }
                    break;
                case LeafBlock { Inline: { } inline }:
                    pending.Push((inline, item.Depth)); // the paragraph's own inline root is not a level
                    break;
                case ContainerInline inline:
                    foreach (var child in inline)
                    {
                        if (child is ContainerInline)
                        {
                            pending.Push((child, item.Depth + 1));
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        return deepest;
    }

    private static string Inlines(ContainerInline container)
    {
        var builder = new StringBuilder();
        Append(container, builder);
        return builder.ToString();
    }

    private static void Append(ContainerInline container, StringBuilder builder)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    builder.Append(code.Content);
                    break;
                case LineBreakInline lineBreak:
                    builder.Append(lineBreak.IsHard ? '\n' : ' ');
                    break;
                case HtmlEntityInline entity:
                    builder.Append(entity.Transcoded.ToString());
                    break;
                case AutolinkInline link:
                    builder.Append(link.Url);
                    break;
                case ContainerInline nested:
                    // Emphasis, links, image descriptions: their words, without the markup.
                    Append(nested, builder);
                    break;
                default:
                    break; // inline HTML tags
            }
        }
    }
}
