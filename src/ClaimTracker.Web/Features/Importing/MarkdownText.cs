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
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseEmphasisExtras().UsePipeTables().Build();

    public static (string Text, string? Title) Extract(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var paragraphs = new List<string>();
        string? title = null;
        foreach (var block in document.Descendants<LeafBlock>())
        {
            var text = block switch
            {
                HtmlBlock html => HtmlText.Extract(html.Lines.ToString()).Text,
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
