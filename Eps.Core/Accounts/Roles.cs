namespace Eps.Core.Accounts;

/// <summary>The four roles of Eps; names are stored in Identity's role table.</summary>
public static class Roles
{
    public const string Patient = nameof(Patient);
    public const string Pharmacist = nameof(Pharmacist);
    public const string Doctor = nameof(Doctor);
    public const string Admin = nameof(Admin);

    public static IReadOnlyList<string> All { get; } = [Patient, Pharmacist, Doctor, Admin];
}
