using Eps.Core.Pharmacies;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Eps.Core.Dispensing;

internal sealed class VerificationAttemptConfiguration : IEntityTypeConfiguration<VerificationAttempt>
{
    public void Configure(EntityTypeBuilder<VerificationAttempt> builder)
    {
        builder.ToTable("VerificationAttempts");
        builder.Property(a => a.ClaimedRxNumber).HasMaxLength(64);
        builder.Property(a => a.ClaimedPharmacyCode).HasMaxLength(64);
        builder.Property(a => a.ClaimedPharmacyName).HasMaxLength(200);
        builder.Property(a => a.AuthenticatedUserId).HasMaxLength(450);
        builder.Property(a => a.Reason).HasMaxLength(500);
        builder.Property(a => a.StepFailed).HasMaxLength(64);
        builder.Property(a => a.ClientIp).HasMaxLength(64);
        builder.HasOne<Prescription>().WithMany().HasForeignKey(a => a.PrescriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.PrescriptionId, a.OccurredAt });
        builder.HasIndex(a => new { a.Success, a.OccurredAt });
        builder.HasIndex(a => new { a.ClientIp, a.OccurredAt });
    }
}

internal sealed class DispenseRecordConfiguration : IEntityTypeConfiguration<DispenseRecord>
{
    public void Configure(EntityTypeBuilder<DispenseRecord> builder)
    {
        builder.Property(d => d.RxNumber).HasMaxLength(24);
        builder.Property(d => d.PharmacistUserId).HasMaxLength(450);
        builder.Property(d => d.PharmacistName).HasMaxLength(200);
        builder.Property(d => d.MedicationName).HasMaxLength(120);
        builder.Property(d => d.Strength).HasMaxLength(60);
        builder.Property(d => d.PatientHpn).HasMaxLength(10);
        builder.Property(d => d.PatientName).HasMaxLength(200);
        builder.Property(d => d.PrescriberName).HasMaxLength(200);
        builder.Property(d => d.IdDocumentNumber).HasMaxLength(32);
        builder.Property(d => d.Notes).HasMaxLength(1000);
        builder.Ignore(d => d.IsControlled);

        // A prescription is dispensed at most once: the database refuses a second record.
        builder.HasIndex(d => d.PrescriptionId).IsUnique();
        builder.HasOne<Prescription>().WithMany().HasForeignKey(d => d.PrescriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Pharmacy>().WithMany().HasForeignKey(d => d.PharmacyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.PharmacyId, d.Schedule, d.DispensedAt });
    }
}
