using Eps.Core.Accounts;
using Eps.Core.Data;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Administration;

/// <summary>The profile a staff role needs: a pharmacist's one pharmacy, a doctor's registration number.</summary>
internal static class StaffProfiles
{
    /// <summary>
    /// Creates or updates the profile <paramref name="role"/> needs (saved with the caller's change), or says which field
    /// is wrong. A pharmacist has one profile, so a new pharmacy replaces the old link.
    /// </summary>
    public static async Task<CommandResult?> PrepareAsync(EpsDbContext db, string userId, string role, int? pharmacyId, string? registrationNumber,
        CancellationToken cancellationToken)
    {
        switch (role)
        {
            case Roles.Pharmacist:
                if (pharmacyId is not { } id || !await db.Pharmacies.AnyAsync(p => p.Id == id, cancellationToken))
                {
                    return StaffAdministration.Invalid(StaffRules.PharmacyField, "Choose the pharmacy this pharmacist works at.");
                }

                if (await db.Pharmacists.FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken) is { } pharmacist)
                {
                    pharmacist.PharmacyId = id;
                }
                else
                {
                    db.Pharmacists.Add(new PharmacistProfile { UserId = userId, PharmacyId = id });
                }

                return null;

            case Roles.Doctor:
                var doctor = await db.Doctors.FirstOrDefaultAsync(d => d.UserId == userId, cancellationToken);
                if (registrationNumber is null && doctor is { RegistrationNumber.Length: > 0 })
                {
                    return null; // a returning doctor keeps the number on record
                }

                if (StaffRules.RegistrationNumber(registrationNumber) is not { } number)
                {
                    return StaffAdministration.Invalid(StaffRules.RegistrationNumberField, StaffRules.RegistrationNumberHint);
                }

                if (await db.Doctors.AnyAsync(d => d.UserId != userId && d.RegistrationNumber == number, cancellationToken))
                {
                    return StaffAdministration.Invalid(StaffRules.RegistrationNumberField, "Another doctor is registered with this number.");
                }

                if (doctor is null)
                {
                    db.Doctors.Add(new DoctorProfile { UserId = userId, RegistrationNumber = number });
                }
                else
                {
                    doctor.RegistrationNumber = number;
                }

                return null;

            default:
                return null;
        }
    }
}
