using Eps.Core.Pharmacies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Eps.Core.Accounts;

internal sealed class EpsUserConfiguration : IEntityTypeConfiguration<EpsUser>
{
    public void Configure(EntityTypeBuilder<EpsUser> builder) =>
        builder.Property(u => u.FullName).HasMaxLength(200);
}

internal sealed class PatientProfileConfiguration : IEntityTypeConfiguration<PatientProfile>
{
    public void Configure(EntityTypeBuilder<PatientProfile> builder)
    {
        builder.Property(p => p.Hpn).HasMaxLength(10).IsFixedLength();
        builder.HasIndex(p => p.Hpn).IsUnique();
        builder.HasIndex(p => p.UserId).IsUnique();
        builder.Property(p => p.Phone).HasMaxLength(32);
        builder.Property(p => p.Email).HasMaxLength(256);
        builder.HasOne(p => p.User).WithOne(u => u.Patient).HasForeignKey<PatientProfile>(p => p.UserId);
        builder.HasOne(p => p.DefaultPharmacy).WithMany().HasForeignKey(p => p.DefaultPharmacyId)
            .OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class DoctorProfileConfiguration : IEntityTypeConfiguration<DoctorProfile>
{
    public void Configure(EntityTypeBuilder<DoctorProfile> builder)
    {
        builder.HasIndex(d => d.UserId).IsUnique();
        builder.Property(d => d.RegistrationNumber).HasMaxLength(32);
        builder.Property(d => d.Specialty).HasMaxLength(100);
        builder.HasOne(d => d.User).WithOne(u => u.Doctor).HasForeignKey<DoctorProfile>(d => d.UserId);
    }
}

internal sealed class PharmacistProfileConfiguration : IEntityTypeConfiguration<PharmacistProfile>
{
    public void Configure(EntityTypeBuilder<PharmacistProfile> builder)
    {
        builder.HasIndex(p => p.UserId).IsUnique();
        builder.Property(p => p.LicenceNumber).HasMaxLength(32);
        builder.HasOne(p => p.User).WithOne(u => u.Pharmacist).HasForeignKey<PharmacistProfile>(p => p.UserId);
        builder.HasOne(p => p.Pharmacy).WithMany().HasForeignKey(p => p.PharmacyId).OnDelete(DeleteBehavior.Restrict);
    }
}
