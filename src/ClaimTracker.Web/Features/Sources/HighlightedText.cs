using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ClaimTracker.Web.Features.Sources;

/// <summary>How one run of a highlighted text is marked (see <see cref="HighlightedText.Mark"/>).</summary>
/// <param name="Class">The element's classes (the stance's colour, "review-current", …).</param>
/// <param name="Element"><c>mark</c> for a highlight; <c>span</c> for an emphasis that marks no record (the reader's focus).</param>
public sealed record TextMark(string Class, string Element = "mark")
{
    /// <summary>Further attributes of the element, in order (<c>data-attributions</c>, <c>title</c>, …).</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Attributes { get; init; } = [];

    /// <summary>A link around the run's words, inside the element.</summary>
    public string? Href { get; init; }
}

/// <summary>
/// A source's text with spans highlighted, as the reader and the review queue show it. The text is cut into flat runs
/// (<see cref="HighlightSegmenter"/>), so overlapping spans never cross tags; every character of the stored text stays
/// in the page (<see cref="SourceTextRendering"/>), so a selection's offsets are offsets into the stored text. Each page
/// says how a run is marked; the markup itself is the same for both.
/// </summary>
public sealed class HighlightedText : ComponentBase
{
    [Parameter, EditorRequired] public IReadOnlyList<TextSegment> Segments { get; set; } = [];

    /// <summary>How a run is marked; null leaves it plain text.</summary>
    [Parameter, EditorRequired] public Func<TextSegment, TextMark?> Mark { get; set; } = _ => null;

    /// <summary>Ids of empty link targets placed before a run ("a-12" for a span starting there).</summary>
    [Parameter] public Func<TextSegment, IEnumerable<string>>? Targets { get; set; }

    // Sequence numbers are fixed per code position, as the renderer's diffing expects.
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        foreach (var segment in Segments)
        {
            foreach (var id in Targets?.Invoke(segment) ?? [])
            {
                // A target for links into this span; empty, so it does not disturb the text.
                builder.OpenElement(0, "span");
                builder.AddAttribute(1, "id", id);
                builder.AddAttribute(2, "class", "span-anchor");
                builder.CloseElement();
            }
            if (Mark(segment) is not { } mark)
            {
                SourceTextRendering.AddTextWithParagraphGaps(builder, segment.Text);
                continue;
            }
            builder.OpenElement(3, mark.Element);
            builder.AddAttribute(4, "class", mark.Class);
            builder.AddMultipleAttributes(5, mark.Attributes);
            if (mark.Href is { } href)
            {
                builder.OpenElement(6, "a");
                builder.AddAttribute(7, "href", href);
                builder.AddContent(8, segment.Text);
                builder.CloseElement();
            }
            else
            {
                builder.AddContent(9, segment.Text);
            }
            builder.CloseElement();
        }
    }
}
