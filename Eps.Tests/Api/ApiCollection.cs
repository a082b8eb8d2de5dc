using Eps.Tests.Infrastructure;

namespace Eps.Tests.Api;

/// <summary>One running app shared by the API test classes of this collection, which run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<EpsApp>
{
    public const string Name = "api";
}
