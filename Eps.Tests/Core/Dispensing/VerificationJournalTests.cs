using Eps.Core.Audit;
using Eps.Core.Dispensing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Dispensing;

/// <summary>Concurrent verifications are group-committed: every attempt and its audit entry lands, in one linear chain.</summary>
public sealed class VerificationJournalTests
{
    private const int Concurrent = 64;

    [Fact]
    public async Task Sixty_four_concurrent_verifications_each_write_one_attempt_and_one_chained_audit_entry()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        await using var before = await core.DbAsync();
        var (attempts, entries) = (await before.VerificationAttempts.CountAsync(), await before.AuditEntries.CountAsync());
        var verifier = core.Get<VerificationService>();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(i => Task.Run(() => verifier.VerifyAsync(
            new VerifyRequest(i % 4 == 0 ? "EPS1:not a token" : rx.Token, null, null, null, null, null), new RequestOrigin($"10.0.0.{i}"), None))));

        Assert.Equal(Concurrent / 4 * 3, outcomes.Count(o => o.Valid));
        Assert.All(outcomes.Where(o => !o.Valid), o => Assert.Equal(VerificationSteps.Format, o.StepFailed));
        await using var after = await core.DbAsync();
        Assert.Equal(attempts + Concurrent, await after.VerificationAttempts.CountAsync());
        Assert.Equal(entries + Concurrent, await after.AuditEntries.CountAsync());
        Assert.Equal(Concurrent, await after.VerificationAttempts.Select(a => a.ClientIp).Distinct().CountAsync(ip => ip!.StartsWith("10.0.0.")));
        var chain = await core.Get<AuditVerifier>().VerifyAsync(None);
        Assert.True(chain.Intact, chain.Message);
    }
}
