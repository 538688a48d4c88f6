using Bunit;
using ClaimTracker.Web.Features.Sources;

namespace ClaimTracker.Tests.Features.Sources;

public sealed class SourceTextRenderingTests : BunitContext
{
    [Theory]
    [InlineData("One.\nTwo.\nThree.", 2, 0)]
    [InlineData("One.\n\nTwo.\n\nThree.", 2, 2)] // blank lines between paragraphs, as imported text has them
    [InlineData("One.\n\n\nTwo.", 1, 2)]
    [InlineData("Only one paragraph.", 0, 0)]
    public void Every_character_stays_and_each_paragraph_break_shows_once(string text, int gaps, int hiddenNewlines)
    {
        var cut = Render(builder =>
        {
            builder.OpenElement(0, "div");
            builder.AddContent(1, (Microsoft.AspNetCore.Components.RenderFragment)(b => SourceTextRendering.AddTextWithParagraphGaps(b, text)));
            builder.CloseElement();
        });

        Assert.Equal(gaps, cut.FindAll("span.paragraph-gap").Count);
        // A blank line's newline is kept (offsets count it) but hidden, so it adds no empty line to the gap.
        Assert.Equal(hiddenNewlines, cut.FindAll("span.blank-line").Count);
        Assert.All(cut.FindAll("span.blank-line"), s => Assert.Equal("\n", s.TextContent));
        Assert.Equal(text, cut.Find("div").TextContent);
    }
}
