using Eps.Core.Data;
using Eps.Core.Dispensing;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Dispensing;

/// <summary>The SQLite prepared-statement lookup reads exactly what the EF query reads.</summary>
public sealed class CounterPrescriptionsTests
{
    [Fact]
    public async Task Prepared_lookup_matches_the_EF_query_before_and_after_dispensing_and_for_an_unknown_id()
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);
        var rows = core.Get<CounterPrescriptions>();
        await using var db = await core.DbAsync();

        async Task AssertSameAsync(string rxNumber)
        {
            var expected = await CounterPrescriptions.FindOnContextAsync(db, rxNumber, None);
            var actual = await rows.FindAsync(db, rxNumber, None);
            Assert.Equal(expected, actual);
            Assert.Equal(expected?.IssuedAt.Kind, actual?.IssuedAt.Kind);
        }

        await AssertSameAsync(rx.RxNumber);

        await Notifications.NotificationKit.DispenseAsync(core, rx.RxNumber);
        var after = await rows.FindAsync(db, rx.RxNumber, None);
        Assert.NotNull(after?.DispensedAt);
        Assert.Equal(DateTimeKind.Utc, after.DispensedAt.Value.Kind);
        Assert.NotNull(after.DispensedByPharmacy);
        await AssertSameAsync(rx.RxNumber);

        await AssertSameAsync("PHB-RX-00000000");
        Assert.Null(await rows.FindAsync(db, "PHB-RX-00000000", None));
        Assert.Equal(1, await db.Prescriptions.CountAsync());
    }
}
