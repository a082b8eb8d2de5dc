using MudBlazor;

namespace Eps.Web.Components.Layout;

/// <summary>The Eps palette: clinical teal with a warm accent for warnings; system fonts (no web fonts are fetched).</summary>
internal static class EpsTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#00695c",
            Secondary = "#5e35b1",
            Tertiary = "#ef6c00",
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
