using Eps.Core.Prescribing;
using Eps.Tests.Infrastructure;
using static Eps.Tests.Core.Prescribing.PrescribingKit;

namespace Eps.Tests.Core.Prescribing;

public sealed class PrescriptionAccessTests
{
    [Theory]
    [InlineData(Patient)]
    [InlineData(Doctor)]
    [InlineData(LagosPharmacist)]
    [InlineData(Admin)]
    public async Task The_patient_prescriber_nominated_pharmacy_and_admins_can_open_a_prescription(string email)
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);

        var view = await core.Get<Prescriptions>().FindForAsync(await core.ActorAsync(email), rx.RxNumber, None);

        Assert.NotNull(view);
        Assert.Equal(rx.RxNumber, view.RxNumber);
        Assert.Equal(rx.Token, view.Token);
        Assert.Equal("Adaeze Okafor", view.PatientName);
        Assert.Equal("Dr Chinedu Eze", view.PrescriberName);
        Assert.Equal(Scenario.Lagos, view.Pharmacy.Code);
    }

    [Theory]
    [InlineData(Patient2)]
    [InlineData(AbujaPharmacist)]
    public async Task Another_patient_or_another_pharmacy_cannot_open_it(string email)
    {
        await using var core = await CoreHarness.StartAsync();
        var rx = await IssueAsync(core);

        Assert.Null(await core.Get<Prescriptions>().FindForAsync(await core.ActorAsync(email), rx.RxNumber, None));
    }

    [Fact]
    public async Task An_unknown_prescription_id_finds_nothing_even_for_an_admin()
    {
        await using var core = await CoreHarness.StartAsync();
        await IssueAsync(core);

        Assert.Null(await core.Get<Prescriptions>().FindForAsync(await core.ActorAsync(Admin), "PHB-RX-00000000", None));
    }
}
