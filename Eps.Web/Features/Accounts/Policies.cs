namespace Eps.Web.Features.Accounts;

/// <summary>Authorization policy names: one per role, and the register's readers (pharmacists and admins).</summary>
internal static class Policies
{
    public const string Patient = "PatientOnly";
    public const string Pharmacist = "PharmacistOnly";
    public const string Doctor = "DoctorOnly";
    public const string Admin = "AdminOnly";
    public const string RegisterReader = "RegisterReader";
}
