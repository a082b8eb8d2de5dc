namespace Eps.Core.Interop;

/// <summary>The identifier systems (naming URIs) of the values Eps exports to FHIR.</summary>
public static class FhirSystems
{
    /// <summary>A prescription ID, e.g. PHB-RX-12345678 (MedicationRequest.identifier, MedicationDispense.identifier).</summary>
    public const string PrescriptionId = "urn:eps:prescription-id";

    /// <summary>A patient's request reference, e.g. REQ-20261127-4F7K2, shared by the prescriptions of one request (groupIdentifier).</summary>
    public const string RequestReference = "urn:eps:request-reference";

    /// <summary>A patient's Health Provider Number (ten digits).</summary>
    public const string Hpn = "urn:eps:hpn";

    /// <summary>A pharmacy's code, e.g. PHB-PH-100101.</summary>
    public const string PharmacyCode = "urn:eps:pharmacy-code";

    /// <summary>A doctor's medical council registration number.</summary>
    public const string DoctorRegistration = "urn:eps:doctor-registration";
}
