using Eps.Core;

namespace Eps.Tests.Architecture;

public sealed class CoreDependencyTests
{
    [Fact]
    public void Core_references_no_web_ui_or_mvc_assembly()
    {
        var references = typeof(CoreServiceCollectionExtensions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("MudBlazor", StringComparison.Ordinal));
    }
}
