using MudBlazor;

namespace Eps.Web.Components.Layout;

/// <summary>
/// The Eps palette: clinical teal with a warm accent for warnings; system fonts (no web fonts are fetched). Every
/// colour that carries text (filled chips and buttons with white text, outlined and text variants on white or on the
/// page background, alert text on its tint) reaches WCAG AA's 4.5:1; MudBlazor's defaults (#00c853, #ff9800, #2196f3,
/// #f44336, secondary text at 54% black) reach only 2.1–4.5:1.
/// </summary>
internal static class EpsTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#00695c",
            Secondary = "#5e35b1",
            Tertiary = "#a14a00",
            Info = "#1565c0",
            Success = "#2e7d32",
            Warning = "#a14a00",
            Error = "#c62828",
            TextSecondary = "rgba(0,0,0,0.64)",
            AppbarBackground = "#004d40",
            Background = "#f6f8f8",
            DrawerBackground = "#ffffff",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
