using Eps.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Eps.Core.Accounts;

/// <summary>A patient's HPN (as printed) and the phone their pharmacy may call, as the account page shows them.</summary>
public sealed record PatientContactDetails(string Hpn, string? Phone);

/// <summary>Reads and changes the contact details on a patient's record (the phone given at registration).</summary>
public sealed class PatientContact(IDbContextFactory<EpsDbContext> dbFactory)
{
    public const int PhoneLength = 32;

    /// <summary>The patient's details, or null for a user who is not a patient.</summary>
    public async Task<PatientContactDetails?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Patients.AsNoTracking().Where(p => p.UserId == userId)
            .Select(p => new { p.Hpn, p.Phone }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new PatientContactDetails(Hpn.Format(row.Hpn), row.Phone);
    }

    /// <summary>Sets the phone (empty clears it); false when the user has no patient record.</summary>
    public async Task<bool> SetPhoneAsync(string userId, string? phone, CancellationToken cancellationToken)
    {
        var value = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (value?.Length > PhoneLength)
        {
            throw new ArgumentException($"A phone number has at most {PhoneLength} characters.", nameof(phone));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Patients.Where(p => p.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Phone, value), cancellationToken) == 1;
    }
}
