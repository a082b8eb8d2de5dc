using Eps.Tests.Infrastructure;

namespace Eps.Tests.Api;

/// <summary>One running app shared by the API tests of a class.</summary>
public sealed class ApiApp : EpsApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("RateLimits:VerifyPermitsPerMinute", "100000")];
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiApp>
{
    public const string Name = "api";
}
