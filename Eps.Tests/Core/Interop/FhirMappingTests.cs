// The SDK's model is nullable throughout; here a missing element fails the test as a null dereference, which reads as clearly.
#nullable disable warnings
using Eps.Core.Interop;
using Eps.Core.Prescribing;
using Eps.Tests.Api.Interop;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Eps.Tests.Core.Interop;

/// <summary>The mapping of each prescription state, and the validation the API tests rely on catching a broken resource.</summary>
public sealed class FhirMappingTests
{
    private static readonly DateTime Issued = new(2026, 11, 2, 9, 30, 0, DateTimeKind.Utc);

    private static FhirPrescription Rx(PrescriptionState state, string? previous = null, string? reason = null) => new(
        "PHB-RX-12345678", "REQ-20261102-AB3CD", state, Issued, Issued.AddDays(30),
        "Amoxicillin", "500 mg", "Capsule", "oral", "Take one three times a day", "Three times daily", 21, 1,
        "Adaeze Okafor", "1234567890", "Dr Chinedu Eze", "MDCN-12345", "Marina Community Pharmacy", "PHB-PH-100101", previous,
        state == PrescriptionState.Cancelled ? Issued.AddDays(1) : null, reason,
        state == PrescriptionState.Dispensed ? Issued.AddDays(2) : null,
        state == PrescriptionState.Dispensed ? "Marina Community Pharmacy" : null,
        state == PrescriptionState.Dispensed ? "PHB-PH-100101" : null,
        state == PrescriptionState.Dispensed ? "Funmilayo Adeyemi" : null);

    [Theory]
    [InlineData(PrescriptionState.PendingCollection, MedicationRequest.MedicationrequestStatus.Active)]
    [InlineData(PrescriptionState.Dispensed, MedicationRequest.MedicationrequestStatus.Completed)]
    [InlineData(PrescriptionState.Cancelled, MedicationRequest.MedicationrequestStatus.Cancelled)]
    [InlineData(PrescriptionState.Expired, MedicationRequest.MedicationrequestStatus.Stopped)]
    public void Every_state_maps_to_a_valid_MedicationRequest_with_its_FHIR_status(PrescriptionState state, MedicationRequest.MedicationrequestStatus status)
    {
        var request = RoundTrip(FhirMapping.ToMedicationRequest(Rx(state, reason: "Wrong strength")));

        Assert.Equal(status, request.Status);
        Assert.Equal("MDCN-12345", request.Requester.Identifier.Value);
        if (state == PrescriptionState.Cancelled)
        {
            Assert.Equal("Cancelled by the prescriber: Wrong strength", request.StatusReason.Text);
        }
        else if (state == PrescriptionState.Expired)
        {
            Assert.StartsWith("Expired", request.StatusReason.Text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(request.StatusReason);
        }
    }

    [Fact]
    public void A_repeat_points_at_the_prescription_it_follows()
    {
        var request = RoundTrip(FhirMapping.ToMedicationRequest(Rx(PrescriptionState.PendingCollection, previous: "PHB-RX-87654321")));

        Assert.Equal("MedicationRequest/PHB-RX-87654321", request.PriorPrescription.Reference);
    }

    [Theory]
    [InlineData(PrescriptionState.PendingCollection)]
    [InlineData(PrescriptionState.Cancelled)]
    [InlineData(PrescriptionState.Expired)]
    public void Only_a_dispensed_prescription_has_a_dispense(PrescriptionState state) =>
        Assert.Null(FhirMapping.ToMedicationDispense(Rx(state)));

    [Fact]
    public void A_closed_account_without_a_name_still_maps_to_a_valid_resource()
    {
        var rx = Rx(PrescriptionState.Dispensed) with { PatientName = "", PrescriberRegistration = "", PharmacistName = null };

        var dispense = RoundTrip(FhirMapping.ToMedicationDispense(rx)!);

        Assert.Null(dispense.Subject.Display);
        Assert.Equal("1234567890", dispense.Subject.Identifier.Value);
        Assert.Single(dispense.Performer);
    }

    [Fact]
    public void The_validation_catches_a_MedicationRequest_without_its_required_elements()
    {
        var broken = FhirMapping.ToMedicationRequest(Rx(PrescriptionState.PendingCollection));
        broken.Subject = null;
        broken.StatusElement = null;

        var problems = FhirResources.Problems(broken);

        Assert.Contains(problems, p => p.Contains("subject", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(problems, p => p.Contains("status", StringComparison.OrdinalIgnoreCase));
    }

    private static T RoundTrip<T>(T resource) where T : Resource => FhirResources.ParseValid<T>(new FhirJsonSerializer().SerializeToString(resource));
}
