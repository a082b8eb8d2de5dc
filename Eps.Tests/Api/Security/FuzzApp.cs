using Eps.Core.Accounts;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Eps.Core.Data.Seed;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Api.Security;

/// <summary>
/// The app the fuzz tests hammer, apart from the other API tests because a fuzzed form may legitimately change the
/// account it is posted for. Limits are raised so every request reaches the code under test; mail delivery is slowed so
/// the outbox only changes when a request changes it.
/// </summary>
public sealed class FuzzApp : EpsApp
{
    /// <summary>The account whose management pages are fuzzed; it holds a passkey and an external login so their forms render.</summary>
    public const string ManagedUser = "patient2@eps.test";

    public const string PasskeyName = "Fuzz key";

    private Task<FuzzState>? _state;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("RateLimits:VerifyPermitsPerMinute", "1000000"),
        new("RateLimits:SignInPermitsPerMinute", "1000000"),
        new("Mail:DeliveryIntervalSeconds", "3600"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // A thousand wrong passwords against the production hash cost would take minutes; checking input does not need it.
        builder.ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1));
    }

    /// <summary>The records the fuzz cases point at, created once.</summary>
    public Task<FuzzState> StateAsync() => _state ??= PrepareAsync();

    private async Task<FuzzState> PrepareAsync()
    {
        var rx = await Scenario.IssueAsync(Services);
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<EpsUser>>();
        var user = (await users.FindByEmailAsync(ManagedUser))!;
        Assert.True((await users.RemovePasswordAsync(user)).Succeeded);
        Assert.True((await users.AddPasswordAsync(user, DemoData.Password)).Succeeded); // stored under the cheap hash
        var credentialId = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        var passkey = new UserPasskeyInfo(credentialId, new byte[77], DateTimeOffset.UtcNow, 0, ["internal"], true, false, false, [], [])
        {
            Name = PasskeyName,
        };
        Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
        Assert.True((await users.AddLoginAsync(user, new UserLoginInfo("Contoso", "contoso-key", "Contoso"))).Succeeded);
        await SettleAsync();
        return new FuzzState(rx, user.Id, System.Buffers.Text.Base64Url.EncodeToString(credentialId));
    }

    /// <summary>Waits out the jobs that catch up at start (digest, audit checkpoint), so snapshots see only the requests' writes.</summary>
    private async Task SettleAsync()
    {
        var previous = await DbFingerprint.TakeAsync(this);
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(250);
            var current = await DbFingerprint.TakeAsync(this);
            if (DbFingerprint.Changed(previous, current).Count == 0)
            {
                return;
            }

            previous = current;
        }
    }
}

/// <summary>What the fuzz cases point at: a prescription (with its request) and the managed account's ids.</summary>
public sealed record FuzzState(Prescription Prescription, string ManagedUserId, string PasskeyId);

[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<FuzzApp>
{
    public const string Name = "fuzz";
}
