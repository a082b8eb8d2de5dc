using Eps.Core.Pharmacies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Eps.Core.Notifications;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.Property(m => m.Kind).HasMaxLength(64);
        builder.Property(m => m.To).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Property(m => m.ClaimedBy).HasMaxLength(100);
        builder.Property(m => m.Regarding).HasMaxLength(100);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => new { m.Kind, m.Regarding, m.CreatedAt });
    }
}

internal sealed class DigestRecordConfiguration : IEntityTypeConfiguration<DigestRecord>
{
    public void Configure(EntityTypeBuilder<DigestRecord> builder)
    {
        // At most one digest per pharmacy per local day, whatever the number of runs or instances.
        builder.HasIndex(d => new { d.PharmacyId, d.Date }).IsUnique();
        builder.HasOne<Pharmacy>().WithMany().HasForeignKey(d => d.PharmacyId).OnDelete(DeleteBehavior.Restrict);
    }
}
