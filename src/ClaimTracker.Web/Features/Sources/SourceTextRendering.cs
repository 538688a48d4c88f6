using Microsoft.AspNetCore.Components.Rendering;

namespace ClaimTracker.Web.Features.Sources;

/// <summary>How a source's text is written into the page, shared by the reader and the review queue.</summary>
public static class SourceTextRendering
{
    /// <summary>
    /// Writes <paramref name="text"/> exactly (every character stays in the page, so a selection's offsets are offsets
    /// into the stored text) and shows each paragraph break as a small block after the newline. A blank line between
    /// paragraphs, as in most pasted and imported text, is one break, not two.
    /// </summary>
    public static void AddTextWithParagraphGaps(RenderTreeBuilder builder, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                builder.AddContent(0, "\n");
                var blankLineBefore = i > 1 && lines[i - 1].Length == 0;
                if (!blankLineBefore)
                {
                    builder.OpenElement(1, "span");
                    builder.AddAttribute(2, "class", "paragraph-gap");
                    builder.AddAttribute(3, "aria-hidden", "true");
                    builder.CloseElement();
                }
            }
            builder.AddContent(4, lines[i]);
        }
    }
}
