using MudBlazor;

namespace ClaimTracker.Web.Components.Layout;

public static class AppTheme
{
    // System fonts only: the app must render the same offline, and no font is fetched from a CDN.
    private static readonly string[] FontStack = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d3557",
            Secondary = "#a8322d",
            AppbarBackground = "#14213d",
            AppbarText = "#ffffff",
            Background = "#f7f7f5",
            DrawerBackground = "#ffffff",
            TextPrimary = "#1f2328",
            TextSecondary = "#4b5563",
            // MudBlazor's default error red is too light for its field messages (axe: color-contrast); this one passes.
            Error = "#b3261e",
            // Likewise for success text on its light background.
            Success = "#17663a",
            // And for warnings (a text changed under the reader, a conflict): MudBlazor's orange fails on its own tint.
            Warning = "#8a4b00",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
            H1 = new H1Typography { FontFamily = FontStack, FontSize = "2rem", FontWeight = "600", LineHeight = "1.25" },
            H2 = new H2Typography { FontFamily = FontStack, FontSize = "1.5rem", FontWeight = "600", LineHeight = "1.3" },
            H3 = new H3Typography { FontFamily = FontStack, FontSize = "1.25rem", FontWeight = "600", LineHeight = "1.35" },
        },
    };
}
