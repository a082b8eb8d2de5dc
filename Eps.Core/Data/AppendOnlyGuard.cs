using Eps.Core.Dispensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Eps.Core.Data;

/// <summary>Refuses updates and deletes of audit rows made through the context.</summary>
internal static class AppendOnlyGuard
{
    public static void Check(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<VerificationAttempt>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Verification attempts are append-only.");
            }
        }

        foreach (var entry in tracker.Entries<Audit.AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The audit trail is append-only.");
            }
        }

        foreach (var entry in tracker.Entries<DispenseRecord>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The controlled drugs register is append-only.");
            }
        }
    }
}
