using Eps.Core.Drugs;

namespace Eps.Core.Dispensing;

/// <summary>Accepted identity documents for controlled drugs.</summary>
public enum IdDocumentType
{
    Nin = 1,
    DriversLicence = 2,
    InternationalPassport = 3,
}

/// <summary>
/// One row per dispensed prescription (unique per prescription). Rows with a schedule are the controlled drugs register:
/// who, what, how much, to whom, ID seen, when.
/// </summary>
public sealed class DispenseRecord
{
    public long Id { get; set; }
    public int PrescriptionId { get; set; }
    public string RxNumber { get; set; } = "";
    public int PharmacyId { get; set; }
    public string PharmacistUserId { get; set; } = "";
    public string PharmacistName { get; set; } = "";
    public DateTime DispensedAt { get; set; }

    public string MedicationName { get; set; } = "";
    public string Strength { get; set; } = "";
    public int Quantity { get; set; }
    public DrugSchedule Schedule { get; set; }
    public string PatientHpn { get; set; } = "";
    public string PatientName { get; set; } = "";
    public string PrescriberName { get; set; } = "";

    public IdDocumentType? IdDocumentType { get; set; }
    public string? IdDocumentNumber { get; set; }
    public string? Notes { get; set; }

    public bool IsControlled => Schedule.IsControlled();
}
