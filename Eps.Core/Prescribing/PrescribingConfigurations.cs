using Eps.Core.Drugs;
using Eps.Core.Pharmacies;
using Eps.Core.Queue.Counts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Eps.Core.Prescribing;

internal sealed class PrescriptionRequestConfiguration : IEntityTypeConfiguration<PrescriptionRequest>
{
    public void Configure(EntityTypeBuilder<PrescriptionRequest> builder)
    {
        builder.Property(r => r.Reference).HasMaxLength(32);
        builder.HasIndex(r => r.Reference).IsUnique();
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.Property(r => r.TriageNote).HasMaxLength(1000);
        builder.Property(r => r.ClinicalNotes).HasMaxLength(2000);
        builder.Property(r => r.RejectionReason).HasMaxLength(1000);
        builder.Property(r => r.TriagedByUserId).HasMaxLength(450);
        builder.Property(r => r.RejectedByUserId).HasMaxLength(450);
        builder.HasOne(r => r.Patient).WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Pharmacy).WithMany().HasForeignKey(r => r.PharmacyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.ReviewedByDoctor).WithMany().HasForeignKey(r => r.ReviewedByDoctorId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Items).WithOne(i => i.Request).HasForeignKey(i => i.RequestId);

        // Triage list (pharmacy + status, oldest first) and a patient's own requests.
        builder.HasIndex(r => new { r.PharmacyId, r.Status, r.SubmittedAt });
        builder.HasIndex(r => new { r.PatientId, r.SubmittedAt });
        builder.HasIndex(r => new { r.Status, r.SubmittedAt });
    }
}

internal sealed class PrescriptionRequestItemConfiguration : IEntityTypeConfiguration<PrescriptionRequestItem>
{
    public void Configure(EntityTypeBuilder<PrescriptionRequestItem> builder)
    {
        builder.Property(i => i.Strength).HasMaxLength(60);
        builder.Property(i => i.Form).HasMaxLength(60);
        builder.Property(i => i.Notes).HasMaxLength(500);
        builder.Property(i => i.ApprovedDosage).HasMaxLength(500);
        builder.Property(i => i.ApprovedFrequency).HasMaxLength(100);
        builder.HasOne(i => i.Drug).WithMany().HasForeignKey(i => i.DrugId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PrescriptionConfiguration : IEntityTypeConfiguration<Prescription>
{
    public void Configure(EntityTypeBuilder<Prescription> builder)
    {
        // The queue's counts are kept by triggers on this table (Queue/Counts); EF must not read generated values through
        // RETURNING / OUTPUT, which SQL Server refuses on a table with triggers.
        builder.ToTable(table =>
        {
            foreach (var trigger in QueueCountTriggers.Names)
            {
                table.HasTrigger(trigger);
            }
        });
        builder.Property(p => p.RxNumber).HasMaxLength(24);
        builder.HasIndex(p => p.RxNumber).IsUnique();
        builder.HasIndex(p => p.Nonce).IsUnique();
        builder.Property(p => p.Token).HasMaxLength(1024);
        builder.Property(p => p.KeyId).HasMaxLength(32);
        builder.Property(p => p.MedicationName).HasMaxLength(120);
        builder.Property(p => p.Strength).HasMaxLength(60);
        builder.Property(p => p.Form).HasMaxLength(60);
        builder.Property(p => p.Route).HasMaxLength(40);
        builder.Property(p => p.Dosage).HasMaxLength(500);
        builder.Property(p => p.Frequency).HasMaxLength(100);
        builder.Property(p => p.Indication).HasMaxLength(2000);
        builder.Property(p => p.DispensedByUserId).HasMaxLength(450);
        builder.Property(p => p.DispensingPharmacistName).HasMaxLength(200);
        builder.Property(p => p.CancelledByUserId).HasMaxLength(450);
        builder.Property(p => p.CancellationReason).HasMaxLength(1000);
        builder.Property(p => p.ReadyByUserId).HasMaxLength(450);
        builder.Ignore(p => p.MedicationDisplay);

        builder.HasOne(p => p.Patient).WithMany().HasForeignKey(p => p.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Prescriber).WithMany().HasForeignKey(p => p.PrescriberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Pharmacy).WithMany().HasForeignKey(p => p.PharmacyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.DispensedByPharmacy).WithMany().HasForeignKey(p => p.DispensedByPharmacyId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Request).WithMany().HasForeignKey(p => p.RequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Drug).WithMany().HasForeignKey(p => p.DrugId).OnDelete(DeleteBehavior.Restrict);
        // An item's original and each of its repeats: one prescription per repeat number, and each repeat follows exactly
        // one prescription, so a retried or concurrent dispense can never issue a repeat twice.
        builder.HasOne<PrescriptionRequestItem>().WithMany().HasForeignKey(p => p.RequestItemId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.RequestItemId, p.RepeatNumber }).IsUnique();
        builder.HasOne(p => p.Previous).WithOne(p => p.Next).HasForeignKey<Prescription>(p => p.PreviousPrescriptionId)
            .OnDelete(DeleteBehavior.Restrict);

        // The pharmacy queue. The unexpired pending rows (Pending, Ready) and the expired ones are ranges of the expiry
        // index, which covers everything their stats, filters and issue order read (drug, patient, ready, issue time):
        // a tab's page picks its ids from the index alone and reads only those rows from the table. Dispensed reads a
        // range by dispense time, which covers a search by patient. History-wide counts come from Queue/Counts, never from these ranges.
        // No index orders a pharmacy's pending rows by issue time: PostgreSQL would walk it from the oldest through every
        // expired, never-collected row (2 s at 10,000,000 prescriptions) where the expiry range holds only the unexpired.
        // The id ends it: SQLite's indexes carry the row id anyway, PostgreSQL's do not, and without it a page's ids came
        // from the table (10,000 pending rows read at random: 45 ms at 10,000,000 prescriptions) instead of the index alone.
        builder.HasIndex(p => new { p.PharmacyId, p.Status, p.ExpiresAt, p.Schedule, p.RiskLevel, p.IssuedAt, p.PatientId, p.ReadyAt, p.Id });
        builder.HasIndex(p => new { p.PharmacyId, p.Status, p.DispensedAt, p.Schedule, p.RiskLevel, p.PatientId });
        builder.HasIndex(p => new { p.PatientId, p.IssuedAt });
        // A search by patient: each matching patient's pending or expired rows at the pharmacy, not all of their history.
        builder.HasIndex(p => new { p.PatientId, p.PharmacyId, p.Status, p.ExpiresAt });
        builder.HasIndex(p => new { p.PrescriberId, p.IssuedAt });
        // The expiry reminder job: pending tokens by expiry, those not yet reminded.
        builder.HasIndex(p => new { p.Status, p.ExpiresAt, p.ExpiryReminderSentAt });
    }
}
