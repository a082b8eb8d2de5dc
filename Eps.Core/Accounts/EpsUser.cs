using Microsoft.AspNetCore.Identity;

namespace Eps.Core.Accounts;

/// <summary>An Identity user of Eps; role-specific details live in the profile tables.</summary>
public sealed class EpsUser : IdentityUser
{
    [PersonalData]
    public string FullName { get; set; } = "";

    /// <summary>Seeded demo account: refused outside Development.</summary>
    public bool IsDemo { get; set; }

    public PatientProfile? Patient { get; set; }
    public DoctorProfile? Doctor { get; set; }
    public PharmacistProfile? Pharmacist { get; set; }
}
