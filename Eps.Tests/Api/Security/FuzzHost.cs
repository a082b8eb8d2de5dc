using Eps.Core.Accounts;
using Eps.Core.Data.Seed;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Api.Security;

/// <summary>
/// The app the fuzz tests hammer, apart from the other API tests because a fuzzed form may legitimately change the
/// account it is posted for, and the records the fuzz cases point at. Limits are raised so every request reaches the
/// code under test; mail delivery is slowed so the outbox only changes when a request changes it; a thousand wrong
/// passwords against the production hash cost would take minutes, and checking input does not need it.
/// </summary>
public sealed class FuzzHost : IDisposable
{
    /// <summary>The account whose management pages are fuzzed; it holds a passkey and an external login so their forms render.</summary>
    public const string ManagedUser = "patient2@eps.test";

    private const string PasskeyName = "Fuzz key";

    private static readonly EpsAppOptions FuzzOptions = new EpsAppOptions { CheapPasswordHashing = true }
        .With("RateLimits:VerifyPermitsPerMinute", "1000000")
        .With("RateLimits:SignInPermitsPerMinute", "1000000")
        .With("Mail:DeliveryIntervalSeconds", "3600");

    private Task<FuzzState>? _state;

    public EpsApp App { get; } = new() { Options = FuzzOptions };

    /// <summary>The records the fuzz cases point at, created once.</summary>
    public Task<FuzzState> StateAsync() => _state ??= PrepareAsync();

    public void Dispose() => App.Dispose();

    private async Task<FuzzState> PrepareAsync()
    {
        var rx = await Scenario.IssueAsync(App.Services);
        var dispensed = await Scenario.IssueAsync(App.Services);
        using (var desk = await Login.AsAsync(App, "pharmacist.lagos@eps.test"))
        {
            await Scenario.DispenseAsync(desk, dispensed, Scenario.Lagos, "Funmilayo Adeyemi");
        }

        using var scope = App.Services.CreateScope();
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
        await App.SettleAsync();
        await using var db = await App.NewDbAsync();
        var reference = db.PrescriptionRequests.Where(r => r.Id == rx.RequestId).Select(r => r.Reference).Single();
        return new FuzzState(rx, user.Id, System.Buffers.Text.Base64Url.EncodeToString(credentialId), dispensed, reference);
    }
}

/// <summary>What the fuzz cases point at: a prescription and its request's reference, the managed account's ids, and a dispensed prescription.</summary>
public sealed record FuzzState(Prescription Prescription, string ManagedUserId, string PasskeyId, Prescription Dispensed, string RequestReference);

[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<FuzzHost>
{
    public const string Name = "fuzz";
}
