using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ClaimTracker.Web.Components.Shared;

/// <summary>
/// A Material icon drawn exactly as <c>MudIcon</c> draws it (same classes, so the same CSS applies), but as a render
/// fragment rather than a component. Lists repeat icons on every row, and each component instance keeps its own
/// render trees for as long as the page is open: on a reader's circuit that memory and the per-render work add up.
/// Use <c>MudIcon</c> where an icon needs colour or click handling from MudBlazor.
/// </summary>
public static class Glyph
{
    /// <summary>A small icon (MudBlazor's <c>Size.Small</c>), hidden from screen readers: the text beside it says what it means.</summary>
    public static RenderFragment Small(string icon) => builder => Build(builder, icon, "mud-icon-root mud-svg-icon mud-icon-size-small");

    /// <summary>A medium icon (MudBlazor's default size), hidden from screen readers.</summary>
    public static RenderFragment Medium(string icon, string? extraClass = null) =>
        builder => Build(builder, icon, extraClass is null ? "mud-icon-root mud-svg-icon mud-icon-size-medium" : "mud-icon-root mud-svg-icon mud-icon-size-medium " + extraClass);

    private static void Build(RenderTreeBuilder builder, string icon, string cssClass)
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", cssClass);
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddMarkupContent(5, icon);
        builder.CloseElement();
    }
}
