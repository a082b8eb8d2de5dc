namespace Eps.Web.Features.Accounts;

/// <summary>Authorization policy names, one per role.</summary>
internal static class Policies
{
    public const string Patient = "PatientOnly";
    public const string Pharmacist = "PharmacistOnly";
    public const string Doctor = "DoctorOnly";
    public const string Admin = "AdminOnly";
}
