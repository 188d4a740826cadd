using MudBlazor;

namespace DaysOfClusters.Web.Components.Layout;

/// <summary>The conference's colours: a deep Balkan blue with a warm amber accent, in light and dark.</summary>
public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1B3A6B",
            Secondary = "#D97706",
            AppbarBackground = "#1B3A6B",
            Background = "#F6F7FB",
            // MudBlazor's 54 % black is 4.3:1 on this background, under WCAG's 4.5:1 for small text.
            TextSecondary = "rgba(0,0,0,0.64)",
            Success = "#2E7D32",
            Warning = "#B45309",
            Error = "#C62828",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8FB3F0",
            // White on this light blue is 2:1; filled primary buttons need dark text to be readable.
            PrimaryContrastText = "#0B1220",
            Secondary = "#FBBF24",
            AppbarBackground = "#101B2E",
            Background = "#0B1220",
            Surface = "#131C2E",
            DrawerBackground = "#101827",
        },
    };
}
