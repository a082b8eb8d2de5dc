using Eps.Core.Prescribing;
using Hl7.Fhir.Model;

namespace Eps.Core.Interop;

/// <summary>Maps a prescription to FHIR R4 MedicationRequest and MedicationDispense resources.</summary>
public static class FhirMapping
{
    public static MedicationRequest ToMedicationRequest(FhirPrescription rx)
    {
        var request = new MedicationRequest
        {
            Id = rx.RxNumber,
            Identifier = [new Identifier(FhirSystems.PrescriptionId, rx.RxNumber)],
            GroupIdentifier = new Identifier(FhirSystems.RequestReference, rx.RequestReference),
            Status = StatusOf(rx.State),
            Intent = MedicationRequest.MedicationRequestIntent.Order,
            Medication = Medication(rx),
            Subject = Patient(rx),
            AuthoredOnElement = DateTimeOf(rx.IssuedAt),
            Requester = new ResourceReference
            {
                Display = NullIfEmpty(rx.PrescriberName),
                Identifier = string.IsNullOrWhiteSpace(rx.PrescriberRegistration)
                    ? null : new Identifier(FhirSystems.DoctorRegistration, rx.PrescriberRegistration),
            },
            DosageInstruction = [Dosage(rx)],
            DispenseRequest = new MedicationRequest.DispenseRequestComponent
            {
                ValidityPeriod = new Period(DateTimeOf(rx.IssuedAt), DateTimeOf(rx.ExpiresAt)),
                NumberOfRepeatsAllowed = rx.Refills,
                Quantity = Quantity(rx),
                Performer = Pharmacy(rx.PharmacyName, rx.PharmacyCode),
            },
        };
        if (rx.StatusReason() is { } reason)
        {
            request.StatusReason = new CodeableConcept { Text = reason };
        }

        if (rx.PreviousRxNumber is { } previous)
        {
            request.PriorPrescription = new ResourceReference($"MedicationRequest/{previous}");
        }

        return request;
    }

    /// <summary>The dispense of a collected prescription; null while it has not been dispensed.</summary>
    public static MedicationDispense? ToMedicationDispense(FhirPrescription rx)
    {
        if (rx.State != PrescriptionState.Dispensed || rx.DispensedAt is not { } handedOver)
        {
            return null;
        }

        var performers = new List<MedicationDispense.PerformerComponent>();
        if (!string.IsNullOrWhiteSpace(rx.PharmacistName))
        {
            performers.Add(new MedicationDispense.PerformerComponent { Actor = new ResourceReference { Display = rx.PharmacistName } });
        }

        if (rx.DispensedByPharmacyCode is { } code)
        {
            performers.Add(new MedicationDispense.PerformerComponent { Actor = Pharmacy(rx.DispensedByPharmacyName ?? code, code) });
        }

        return new MedicationDispense
        {
            Id = rx.RxNumber,
            Identifier = [new Identifier(FhirSystems.PrescriptionId, rx.RxNumber)],
            Status = MedicationDispense.MedicationDispenseStatusCodes.Completed,
            Medication = Medication(rx),
            Subject = Patient(rx),
            Performer = performers,
            AuthorizingPrescription = [new ResourceReference($"MedicationRequest/{rx.RxNumber}")],
            Quantity = Quantity(rx),
            WhenHandedOverElement = DateTimeOf(handedOver),
            DosageInstruction = [Dosage(rx)],
        };
    }

    /// <summary>Expired (a pending prescription past its validity) reads as stopped; collected as completed.</summary>
    public static MedicationRequest.MedicationrequestStatus StatusOf(PrescriptionState state) => state switch
    {
        PrescriptionState.PendingCollection => MedicationRequest.MedicationrequestStatus.Active,
        PrescriptionState.Dispensed => MedicationRequest.MedicationrequestStatus.Completed,
        PrescriptionState.Cancelled => MedicationRequest.MedicationrequestStatus.Cancelled,
        PrescriptionState.Expired => MedicationRequest.MedicationrequestStatus.Stopped,
        _ => MedicationRequest.MedicationrequestStatus.Unknown,
    };

    private static string? StatusReason(this FhirPrescription rx) => rx.State switch
    {
        PrescriptionState.Cancelled => string.IsNullOrWhiteSpace(rx.CancellationReason)
            ? "Cancelled by the prescriber" : $"Cancelled by the prescriber: {rx.CancellationReason}",
        PrescriptionState.Expired => "Expired: not collected within its validity period",
        _ => null,
    };

    private static CodeableConcept Medication(FhirPrescription rx) => new() { Text = rx.MedicationDisplay };

    private static ResourceReference Patient(FhirPrescription rx) => new()
    {
        Type = "Patient",
        Identifier = new Identifier(FhirSystems.Hpn, rx.PatientHpn),
        Display = NullIfEmpty(rx.PatientName),
    };

    private static ResourceReference Pharmacy(string name, string code) => new()
    {
        Type = "Organization",
        Identifier = new Identifier(FhirSystems.PharmacyCode, code),
        Display = NullIfEmpty(name),
    };

    private static Dosage Dosage(FhirPrescription rx) => new()
    {
        Text = NullIfEmpty(rx.Dosage),
        Timing = string.IsNullOrWhiteSpace(rx.Frequency) ? null : new Timing { Code = new CodeableConcept { Text = rx.Frequency } },
        Route = string.IsNullOrWhiteSpace(rx.Route) ? null : new CodeableConcept { Text = rx.Route },
    };

    private static Quantity Quantity(FhirPrescription rx) => new()
    {
        Value = rx.Quantity,
        Unit = NullIfEmpty(rx.Form),
    };

    private static FhirDateTime DateTimeOf(DateTime utc) =>
        new(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
