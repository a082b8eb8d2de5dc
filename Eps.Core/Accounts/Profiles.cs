using Eps.Core.Pharmacies;

namespace Eps.Core.Accounts;

/// <summary>A patient's record: the health provider number identifies them on every token.</summary>
public sealed class PatientProfile
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public EpsUser User { get; set; } = null!;

    /// <summary>Ten digits, stored without spaces; shown as <c>123 456 7890</c>.</summary>
    public string Hpn { get; set; } = "";
    public string? Phone { get; set; }
    public string Email { get; set; } = "";
    public DateOnly? DateOfBirth { get; set; }

    /// <summary>The pharmacy the patient nominated last; offered as the default on the next request.</summary>
    public int? DefaultPharmacyId { get; set; }
    public Pharmacy? DefaultPharmacy { get; set; }
}

/// <summary>A prescriber.</summary>
public sealed class DoctorProfile
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public EpsUser User { get; set; } = null!;

    /// <summary>Medical council registration number.</summary>
    public string RegistrationNumber { get; set; } = "";
    public string? Specialty { get; set; }
}

/// <summary>A pharmacist belongs to exactly one pharmacy and sees only its queue.</summary>
public sealed class PharmacistProfile
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public EpsUser User { get; set; } = null!;

    public int PharmacyId { get; set; }
    public Pharmacy Pharmacy { get; set; } = null!;

    /// <summary>Pharmacists council licence number.</summary>
    public string LicenceNumber { get; set; } = "";
}
