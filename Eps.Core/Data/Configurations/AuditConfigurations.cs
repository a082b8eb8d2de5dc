using Eps.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Eps.Core.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => new { e.Kind, e.At });
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.Subject).HasMaxLength(64);
        builder.Property(e => e.Details).HasMaxLength(4000);
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
        builder.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
    }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> builder)
    {
        builder.ToTable("AuditHead");
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(64).IsFixedLength();
        builder.HasData(new AuditHead { Id = 1, Sequence = 0, Hash = Audit.AuditChain.Genesis });
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.ToTable("AuditCheckpoints");
        builder.HasIndex(c => c.Date).IsUnique();
        builder.Property(c => c.Hash).HasMaxLength(64).IsFixedLength();
        builder.Property(c => c.KeyId).HasMaxLength(32);
        builder.Property(c => c.Signature).HasMaxLength(200);
    }
}

internal sealed class SecurityAlertConfiguration : IEntityTypeConfiguration<Oversight.SecurityAlert>
{
    public void Configure(EntityTypeBuilder<Oversight.SecurityAlert> builder)
    {
        builder.Property(a => a.Rule).HasMaxLength(40);
        builder.Property(a => a.Key).HasMaxLength(100);
        builder.Property(a => a.Summary).HasMaxLength(500);
        builder.Property(a => a.ClientIp).HasMaxLength(64);
        builder.Property(a => a.PrescriptionId).HasMaxLength(64);
        builder.Property(a => a.PharmacyCode).HasMaxLength(64);
        builder.HasIndex(a => new { a.Rule, a.Key, a.RaisedAt });
        builder.HasIndex(a => a.RaisedAt);
    }
}

internal sealed class IncidentReportConfiguration : IEntityTypeConfiguration<Oversight.IncidentReport>
{
    public void Configure(EntityTypeBuilder<Oversight.IncidentReport> builder)
    {
        builder.HasIndex(r => r.Date).IsUnique();
        builder.Property(r => r.Body).HasMaxLength(20_000);
    }
}
