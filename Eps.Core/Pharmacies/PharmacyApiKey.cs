using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Eps.Core.Pharmacies;

/// <summary>
/// A key a pharmacy's own system uses to call the queue, verify and dispense endpoints for that pharmacy. Only the
/// SHA-256 of the key is stored; <see cref="Prefix"/> (random, shown on the admin's list) finds the row.
/// </summary>
public sealed class PharmacyApiKey
{
    public int Id { get; set; }
    public int PharmacyId { get; set; }
    public Pharmacy Pharmacy { get; set; } = null!;

    /// <summary>What the admin called the key, e.g. "Dispensary till 2".</summary>
    public string Name { get; set; } = "";

    public string Prefix { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public string Hash { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public string CreatedByUserId { get; set; } = "";
    public DateTime? RevokedAt { get; set; }
    public string? RevokedByUserId { get; set; }
}

internal sealed class PharmacyApiKeyConfiguration : IEntityTypeConfiguration<PharmacyApiKey>
{
    public void Configure(EntityTypeBuilder<PharmacyApiKey> builder)
    {
        builder.ToTable("PharmacyApiKeys");
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.Hash).HasMaxLength(64).IsFixedLength();
        builder.Property(k => k.CreatedByUserId).HasMaxLength(450);
        builder.Property(k => k.RevokedByUserId).HasMaxLength(450);
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.HasIndex(k => k.PharmacyId);
        builder.HasOne(k => k.Pharmacy).WithMany().HasForeignKey(k => k.PharmacyId).OnDelete(DeleteBehavior.Restrict);
    }
}
