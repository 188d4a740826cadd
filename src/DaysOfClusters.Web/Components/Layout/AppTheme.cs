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
            Success = "#2E7D32",
            Warning = "#B45309",
            Error = "#C62828",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8FB3F0",
            Secondary = "#FBBF24",
            AppbarBackground = "#101B2E",
            Background = "#0B1220",
            Surface = "#131C2E",
            DrawerBackground = "#101827",
        },
    };
}
