using Microsoft.AspNetCore.Components.Rendering;

namespace ClaimTracker.Web.Features.Sources;

/// <summary>How a source's text is written into the page, shared by the reader and the review queue.</summary>
public static class SourceTextRendering
{
    /// <summary>
    /// Writes <paramref name="text"/> exactly (every character stays in the page, so a selection's offsets are offsets
    /// into the stored text) and shows each paragraph break as a small block after the newline. A blank line between
    /// paragraphs, as in most pasted and imported text, is one break, not two: its newline stays in the page, where
    /// offsets count it, but in a hidden span, so it does not add an empty line to the gap.
    /// </summary>
    public static void AddTextWithParagraphGaps(RenderTreeBuilder builder, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                var blankLineBefore = i > 1 && lines[i - 1].Length == 0;
                if (blankLineBefore)
                {
                    builder.OpenElement(0, "span");
                    builder.AddAttribute(1, "class", "blank-line");
                    builder.AddContent(2, "\n");
                    builder.CloseElement();
                }
                else
                {
                    builder.AddContent(3, "\n");
                    builder.OpenElement(4, "span");
                    builder.AddAttribute(5, "class", "paragraph-gap");
                    builder.AddAttribute(6, "aria-hidden", "true");
                    builder.CloseElement();
                }
            }
            builder.AddContent(7, lines[i]);
        }
    }
}
