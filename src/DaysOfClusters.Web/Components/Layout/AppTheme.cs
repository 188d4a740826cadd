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
            // Light colours on the dark surface take dark text: white on them failed the contrast check (axe) on buttons and alerts.
            Primary = "#8FB3F0",
            PrimaryContrastText = "#0B1220",
            Secondary = "#FBBF24",
            SecondaryContrastText = "#0B1220",
            Success = "#81C995",
            SuccessContrastText = "#0B1220",
            Error = "#F28B82",
            ErrorContrastText = "#0B1220",
            Warning = "#FBBF24",
            WarningContrastText = "#0B1220",
            Info = "#8AB4F8",
            InfoContrastText = "#0B1220",
            AppbarBackground = "#101B2E",
            Background = "#0B1220",
            Surface = "#131C2E",
            DrawerBackground = "#101827",
        },
    };
}
