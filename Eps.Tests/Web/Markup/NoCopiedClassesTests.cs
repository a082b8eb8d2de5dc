using System.Text.RegularExpressions;

namespace Eps.Tests.Web.Markup;

/// <summary>The long-lived pages take MudBlazor's classes from the lean helpers only, so the markup tests cover them.</summary>
public sealed partial class NoCopiedClassesTests
{
    // A class attribute opening with a MudBlazor class; mud-text-secondary is a palette utility, like d-flex.
    [GeneratedRegex("class=\"mud-(?!text-secondary\")")]
    private static partial Regex CopiedClass();

    [Theory]
    [InlineData("Eps.Web/Features/Queue")]
    [InlineData("Eps.Web/Components/Layout")]
    public void Pages_write_no_MudBlazor_component_classes_of_their_own(string folder)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Eps.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var copies = Directory.EnumerateFiles(Path.Combine(root.FullName, folder), "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => CopiedClass().IsMatch(l.line))
            .Select(l => $"{Path.GetFileName(l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();

        Assert.True(copies.Count == 0, "Use a Lean* helper from Components/Shared:\n" + string.Join('\n', copies));
    }
}
