using Eps.Core;
using Microsoft.AspNetCore.Components;
using NetArchTest.Rules;

namespace Eps.Tests.Architecture;

/// <summary>The intended dependencies, held by the compiled code.</summary>
public sealed class LayeringTests
{
    private static readonly System.Reflection.Assembly Core = typeof(CoreServiceCollectionExtensions).Assembly;
    private static readonly System.Reflection.Assembly Web = typeof(Program).Assembly;

    /// <summary>The feature namespaces of the core; Data is the infrastructure they all stand on.</summary>
    private static readonly string[] Features =
    [
        "Eps.Core.Accounts", "Eps.Core.Administration", "Eps.Core.Analytics", "Eps.Core.Audit", "Eps.Core.Dispensing",
        "Eps.Core.Drugs", "Eps.Core.Interop", "Eps.Core.Notifications", "Eps.Core.Oversight", "Eps.Core.Pharmacies", "Eps.Core.Prescribing",
        "Eps.Core.Queue", "Eps.Core.Tokens",
    ];

    [Fact]
    public void Tokens_are_pure_no_database_audit_or_web()
    {
        var result = Types.InAssembly(Core).That().ResideInNamespace("Eps.Core.Tokens")
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Eps.Core.Data", "Eps.Core.Audit", "Eps.Core.Accounts",
                "Microsoft.AspNetCore")
            .GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void Core_never_references_components_or_mvc()
    {
        var result = Types.InAssembly(Core).ShouldNot()
            .HaveDependencyOnAny("Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Mvc", "MudBlazor")
            .GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void Web_components_use_core_services_never_the_database()
    {
        Assert.True(Types.InAssembly(Web).That().Inherit(typeof(ComponentBase)).GetTypes().Count() > 30, "the components were not found");
        var result = Types.InAssembly(Web).That().Inherit(typeof(ComponentBase))
            .ShouldNot().HaveDependencyOnAny("Eps.Core.Data.EpsDbContext", "Microsoft.EntityFrameworkCore")
            .GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void No_feature_reaches_into_another_features_internals()
    {
        var failures = new List<string>();
        foreach (var feature in Features)
        {
            var internals = Types.InAssembly(Core).That().ResideInNamespace(feature).And().AreNotPublic()
                .GetTypes().Where(t => !t.Name.StartsWith('<')).Select(t => t.FullName!).ToArray();
            if (internals.Length == 0)
            {
                continue;
            }

            var others = Types.InAssembly(Core).That().DoNotResideInNamespace(feature)
                .ShouldNot().HaveDependencyOnAny(internals).GetResult();
            if (!others.IsSuccessful)
            {
                failures.Add($"{feature} internals used by: {string.Join(", ", others.FailingTypeNames ?? [])}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Failing(TestResult result) =>
        "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []);
}
