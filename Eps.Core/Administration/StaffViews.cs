namespace Eps.Core.Administration;

/// <summary>A page of the staff list: free text over name and email, an optional role, and the rows wanted.</summary>
public sealed record StaffQuery(string? Search = null, string? Role = null, int Skip = 0, int Take = 25);

/// <summary>A user as the staff list shows them.</summary>
public sealed record StaffRow(string UserId, string FullName, string Email, IReadOnlyList<string> Roles, string? PharmacyName,
    string? RegistrationNumber, bool Locked, bool TwoFactorEnabled, bool HasPassword);

/// <summary>One page of the staff list and the number of users that match the filter.</summary>
public sealed record StaffResults(IReadOnlyList<StaffRow> Rows, int Total);

/// <summary>Everything the staff detail page shows and edits about one user.</summary>
public sealed record StaffMember(string UserId, string FullName, string Email, IReadOnlyList<string> Roles, int? PharmacyId,
    string? PharmacyName, string? RegistrationNumber, DateTimeOffset? LockedUntil, bool TwoFactorEnabled, bool HasPassword, bool IsDemo)
{
    public bool Locked => LockedUntil is not null;
}

/// <summary>
/// An invitation of a doctor, pharmacist or admin: a pharmacist needs their pharmacy, a doctor their registration
/// number.
/// </summary>
public sealed record Invitation(string Email, string FullName, string Role, int? PharmacyId = null, string? RegistrationNumber = null);

/// <summary>Outcome of the first-admin command: the one-time link at which the admin sets their password.</summary>
public sealed record AdminSetup(bool Succeeded, string Message, IReadOnlyDictionary<string, string> Errors, string? SetPasswordLink = null);
