namespace Eps.Tests.Infrastructure;

/// <summary>
/// How one test host differs from the others: its environment, configuration laid over the test defaults (e.g. a low
/// rate limit for the test of that limit) and, for suites that sign in thousands of times, a cheap password hash.
/// </summary>
public sealed record EpsAppOptions
{
    public static readonly EpsAppOptions Default = new();

    /// <summary>Outside Development the app generates no signing keys, so the host gives it a key file in its data folder.</summary>
    public string Environment { get; init; } = "Development";

    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>One PBKDF2 iteration for passwords set while the host runs.</summary>
    public bool CheapPasswordHashing { get; init; }

    /// <summary>These options with one more setting.</summary>
    public EpsAppOptions With(string key, string? value) =>
        this with { Settings = new Dictionary<string, string?>(Settings) { [key] = value } };
}
