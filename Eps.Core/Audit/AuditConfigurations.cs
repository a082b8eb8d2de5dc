using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Eps.Core.Audit;

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
