using System.Text;
using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Prescribing;

/// <summary>
/// Codes are computed here from the authenticator key at the REAL clock: Identity's authenticator provider in .NET 10
/// reads DateTimeOffset.UtcNow, not the harness's fake TimeProvider, and accepts two steps either side of now.
/// </summary>
public sealed class ControlledSigningTests
{
    [Fact]
    public async Task Approving_only_routine_items_needs_no_code()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAsync(core, ("Amoxicillin", "500 mg", 21), ("Tramadol", "50 mg", 10));
        var items = (await ViewAsync(core, id)).Items;
        ItemDecision[] decisions = [new(items[0].Id, true, "Take one", "Three times daily", 21, 0), new(items[1].Id, false, "", "", 0, 0)];

        var check = await Signing(core).CheckAsync(await core.ActorAsync(Doctor), id, decisions, null, None);

        Assert.Equal(SigningCheck.NotRequired, check);
    }

    [Fact]
    public async Task A_controlled_item_without_two_factor_set_up_is_refused_with_the_set_up_link()
    {
        await using var core = await CoreHarness.StartAsync();
        var id = await SubmitAsync(core, ("Tramadol", "50 mg", 10));

        var check = await Signing(core).CheckAsync(await core.ActorAsync(Doctor), id, await ApproveAllAsync(core, id), "123456", None);

        Assert.True(check.Required);
        Assert.False(check.Succeeded);
        Assert.Contains("two-factor authentication", check.Message, StringComparison.Ordinal);
        Assert.Contains("/Account/Manage/EnableAuthenticator", check.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("12a456")]
    [InlineData("wrong")]
    public async Task A_missing_malformed_or_wrong_code_is_refused_on_the_code_field(string? code)
    {
        await using var core = await CoreHarness.StartAsync();
        var key = await EnableAuthenticatorAsync(core);
        var id = await SubmitAsync(core, ("Amoxicillin", "500 mg", 21), ("Morphine sulfate", "10 mg", 10));
        code = code == "wrong" ? WrongCode(key) : code;

        var check = await Signing(core).CheckAsync(await core.ActorAsync(Doctor), id, await ApproveAllAsync(core, id), code, None);

        Assert.Equal((true, false, "totp", null), (check.Required, check.Succeeded, check.Field, check.TimeStep));
        Assert.Contains("code", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_current_code_signs_once_and_is_refused_when_replayed()
    {
        await using var core = await CoreHarness.StartAsync();
        var key = await EnableAuthenticatorAsync(core);
        var doctor = await core.ActorAsync(Doctor);
        var first = await SubmitAsync(core, ("Tramadol", "50 mg", 10));
        var second = await SubmitAsync(core, ("Tramadol", "50 mg", 10));
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var code = Totp(key, step);

        var signed = await Signing(core).CheckAsync(doctor, first, await ApproveAllAsync(core, first), $"{code[..3]} {code[3..]}", None);
        var resubmitted = await Signing(core).CheckAsync(doctor, first, await ApproveAllAsync(core, first), code, None);
        var replayed = await Signing(core).CheckAsync(doctor, second, await ApproveAllAsync(core, second), code, None);
        var older = await Signing(core).CheckAsync(doctor, second, await ApproveAllAsync(core, second), Totp(key, step - 1), None);
        var next = await Signing(core).CheckAsync(doctor, second, await ApproveAllAsync(core, second), Totp(key, step + 1), None);

        Assert.Equal((true, true, null, step), (signed.Required, signed.Succeeded, signed.Field, signed.TimeStep));
        Assert.True(resubmitted.Succeeded, "a double submit of the same request reaches the approval's idempotent answer");
        Assert.Equal((true, false, "totp"), (replayed.Required, replayed.Succeeded, replayed.Field));
        Assert.Contains("each code signs one approval", replayed.Message, StringComparison.Ordinal);
        Assert.False(older.Succeeded, "a code older than the last one accepted signs nothing");
        Assert.True(next.Succeeded, next.Message);
        Assert.Equal(step + 1, next.TimeStep);
    }

    [Fact]
    public async Task The_signing_kit_gives_a_code_that_signs_every_time()
    {
        await using var core = await CoreHarness.StartAsync();
        var doctor = await core.ActorAsync(Doctor);
        var first = await SubmitAsync(core, ("Tramadol", "50 mg", 10));
        var second = await SubmitAsync(core, ("Diazepam", "5 mg", 10));

        var one = await Signing(core).CheckAsync(doctor, first, await ApproveAllAsync(core, first), await SigningKit.CodeAsync(core.Services), None);
        var two = await Signing(core).CheckAsync(doctor, second, await ApproveAllAsync(core, second), await SigningKit.CodeAsync(core.Services), None);

        Assert.True(one.Succeeded && two.Succeeded, $"{one.Message} / {two.Message}");
    }

    [Fact]
    public void The_test_generator_matches_the_RFC_6238_SHA1_vector()
    {
        // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s gives 94287082; six digits keep 287082.
        var secret = OtpNet.Base32Encoding.ToString(Encoding.ASCII.GetBytes("12345678901234567890"));

        Assert.Equal("287082", Totp(secret, 59 / 30));
    }

    private static ControlledSigning Signing(CoreHarness core) => ActivatorUtilities.CreateInstance<ControlledSigning>(core.Services);

    /// <summary>Sets up an authenticator for the demo doctor as the Identity pages do; returns the Base32 key.</summary>
    private static async Task<string> EnableAuthenticatorAsync(CoreHarness core)
    {
        await using var scope = core.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<EpsUser>>();
        var doctor = await users.FindByEmailAsync(Doctor) ?? throw new InvalidOperationException("No demo doctor.");
        Assert.True((await users.ResetAuthenticatorKeyAsync(doctor)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(doctor, true)).Succeeded);
        return await users.GetAuthenticatorKeyAsync(doctor) ?? throw new InvalidOperationException("No authenticator key.");
    }

    /// <summary>A six-digit code that matches none of the steps Identity might accept around now.</summary>
    private static string WrongCode(string key)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var valid = Enumerable.Range(-3, 7).Select(i => Totp(key, now + i)).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => ((int.Parse(Totp(key, now)) + 1 + i) % 1_000_000).ToString("D6")).First(c => !valid.Contains(c));
    }

    /// <summary>The authenticator app's code for <paramref name="step"/> (RFC 6238: 30-second steps, SHA-1, six digits).</summary>
    internal static string Totp(string base32Key, long step) =>
        new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(base32Key)).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
}

/// <summary>A current authenticator code for a demo doctor: the benchmark's <c>Signing</c> helper, compiled into the tests too.</summary>
internal static class SigningKit
{
    public static Task<string> CodeAsync(IServiceProvider services, string email = Doctor) =>
        Eps.Benchmarks.Signing.CodeAsync(services, email);
}
