using System.Text.Json;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Dispensing;
using Eps.Core.Administration;
using Eps.Core.Tokens;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Tokens;

public sealed class KeyAdministrationTests
{
    [Fact]
    public async Task An_admin_rotation_signs_new_tokens_with_a_new_key_and_earlier_tokens_keep_verifying()
    {
        await using var core = await CoreHarness.StartAsync();
        var ring = core.Get<KeyRing>();
        var oldKid = ring.Active.Kid;
        var before = await IssueAsync(core);
        core.Time.Advance(TimeSpan.FromHours(1));

        var result = await Administration(core).RotateAsync(await core.ActorAsync(Admin), SigningAlgorithm.ES256, None);

        Assert.True(result.Succeeded, result.Message);
        Assert.NotEqual(oldKid, ring.Active.Kid);
        Assert.Equal(ring.Active.Kid, result.NewKid);
        Assert.Equal(oldKid, result.OldKid);
        Assert.Contains(ring.Active.Kid, result.Message, StringComparison.Ordinal);
        Assert.Equal(core.Time.GetUtcNow(), Assert.Single(ring.Keys, k => k.Kid == oldKid).RetiredAt);

        var pharmacist = await core.ActorAsync(LagosPharmacist);
        var verified = await core.Get<VerificationService>().VerifyAsync(
            new VerifyRequest(before.Token, null, null, null, Scenario.Lagos, null),
            new RequestOrigin("127.0.0.1", pharmacist.UserId, pharmacist.PharmacyId), None);
        Assert.True(verified.Valid, verified.Reason);

        var codec = core.Get<PrescriptionTokenCodec>();
        Assert.Equal(oldKid, codec.Read(before.Token).Kid);
        var after = await IssueAsync(core);
        Assert.Equal(result.NewKid, codec.Read(after.Token).Kid);
        Assert.Contains(core.Get<KeyRing>().GetPublicJwks().Keys, k => k.Kid == oldKid);
    }

    [Fact]
    public async Task The_rotation_is_chained_in_the_audit_trail_with_both_kids()
    {
        await using var core = await CoreHarness.StartAsync();
        await IssueAsync(core);
        var oldKid = core.Get<KeyRing>().Active.Kid;
        var admin = await core.ActorAsync(Admin);

        var result = await Administration(core).RotateAsync(admin, SigningAlgorithm.ES256, None);
        await IssueAsync(core);

        Assert.True(result.Succeeded, result.Message);
        var report = await core.Get<AuditVerifier>().VerifyAsync(None);
        Assert.True(report.Intact, report.Message);
        await using var db = await core.DbAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.Kind == KeyAdministration.AuditKind);
        Assert.Equal(result.NewKid, entry.Subject);
        Assert.Equal(admin.UserId, entry.ActorUserId);
        using var details = JsonDocument.Parse(entry.Details);
        Assert.Equal(oldKid, details.RootElement.GetProperty("old_kid").GetString());
        Assert.Equal(result.NewKid, details.RootElement.GetProperty("new_kid").GetString());
        Assert.Equal("ES256", details.RootElement.GetProperty("algorithm").GetString());
        Assert.Equal(["approval", KeyAdministration.AuditKind, "approval"],
            await db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync());
    }

    [Theory]
    [InlineData(LagosPharmacist)]
    [InlineData(Doctor)]
    [InlineData(Patient)]
    public async Task Anyone_but_an_admin_is_refused_and_nothing_changes(string email)
    {
        await using var core = await CoreHarness.StartAsync();
        var ring = core.Get<KeyRing>();
        var kidsBefore = ring.Keys.Select(k => k.Kid).ToList();
        var activeBefore = ring.Active.Kid;

        var result = await Administration(core).RotateAsync(await core.ActorAsync(email), SigningAlgorithm.ES256, None);

        Assert.False(result.Succeeded);
        Assert.Contains("administrator", result.Message, StringComparison.Ordinal);
        Assert.Null(result.NewKid);
        Assert.Equal(kidsBefore, ring.Keys.Select(k => k.Kid));
        Assert.Equal(activeBefore, ring.Active.Kid);
        await using var db = await core.DbAsync();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Kind == KeyAdministration.AuditKind));
    }

    [Fact]
    public async Task A_ring_from_configuration_is_not_rotated_and_the_admin_is_told_what_to_do()
    {
        await using var core = await CoreHarness.StartAsync();
        var configured = new SigningKeyRecord("cfgkey01", SigningAlgorithm.ES256, CoreHarness.StartTime, null,
            KeyMaterial.Generate(SigningAlgorithm.ES256));
        using var ring = new KeyRing(new ConfigurationKeyRingStore([configured]), core.Time);
        var administration = new KeyAdministration(ring, core.Get<IDbContextFactory<EpsDbContext>>(), core.Get<AuditTrail>());

        var result = await administration.RotateAsync(await core.ActorAsync(Admin), SigningAlgorithm.ES256, None);

        Assert.False(result.Succeeded);
        Assert.Contains("not rotated", result.Message, StringComparison.Ordinal);
        Assert.Contains("configuration", result.Message, StringComparison.Ordinal);
        Assert.Equal("cfgkey01", Assert.Single(ring.Keys).Kid);
        Assert.Null(ring.Active.RetiredAt);
        await using var db = await core.DbAsync();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Kind == KeyAdministration.AuditKind));
    }

    // Works before and after the service is registered in AddEpsCore.
    private static KeyAdministration Administration(CoreHarness core) =>
        ActivatorUtilities.GetServiceOrCreateInstance<KeyAdministration>(core.Services);
}
