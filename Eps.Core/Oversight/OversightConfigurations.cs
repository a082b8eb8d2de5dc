using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Eps.Core.Oversight;

internal sealed class SecurityAlertConfiguration : IEntityTypeConfiguration<SecurityAlert>
{
    public void Configure(EntityTypeBuilder<SecurityAlert> builder)
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

internal sealed class IncidentReportConfiguration : IEntityTypeConfiguration<IncidentReport>
{
    public void Configure(EntityTypeBuilder<IncidentReport> builder)
    {
        builder.HasIndex(r => r.Date).IsUnique();
        builder.Property(r => r.Body).HasMaxLength(20_000);
    }
}
