namespace Eps.Web.Features.Accounts;

/// <summary>Authorization policy names: one per role, the register's readers (pharmacists and admins) and the counter (pharmacists and pharmacy systems).</summary>
internal static class Policies
{
    public const string Patient = "PatientOnly";
    public const string Pharmacist = "PharmacistOnly";
    public const string Doctor = "DoctorOnly";
    public const string Admin = "AdminOnly";
    public const string RegisterReader = "RegisterReader";

    /// <summary>The pharmacy counter: pharmacists and their pharmacy's systems (API keys), for queue and dispense.</summary>
    public const string Counter = "Counter";
}
