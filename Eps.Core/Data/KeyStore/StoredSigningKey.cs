using Eps.Core.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Eps.Core.Data.KeyStore;

/// <summary>A signing key of the shared key ring, its private key encrypted with data protection.</summary>
public sealed class StoredSigningKey
{
    /// <summary>The value of <see cref="ActiveSlot"/> on the one key that signs.</summary>
    public const int Active = 1;

    public string Kid { get; set; } = "";

    public SigningAlgorithm Algorithm { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RetiredAt { get; set; }

    /// <summary>
    /// <see cref="Active"/> on the active key, null on every other. Unique, and the retiring update is conditional on it,
    /// so two instances rotating at once cannot both succeed: the database holds one active key whatever the timing.
    /// </summary>
    public int? ActiveSlot { get; set; }

    /// <summary>The private key (as in <see cref="SigningKeyRecord.PrivateKey"/>), protected with <see cref="DatabaseKeyRingStore.Purpose"/>.</summary>
    public string ProtectedPrivateKey { get; set; } = "";
}

internal sealed class StoredSigningKeyConfiguration : IEntityTypeConfiguration<StoredSigningKey>
{
    public void Configure(EntityTypeBuilder<StoredSigningKey> builder)
    {
        builder.ToTable("SigningKeys");
        builder.HasKey(k => k.Kid);
        builder.Property(k => k.Kid).HasMaxLength(64);
        builder.Property(k => k.Algorithm).HasConversion<string>().HasMaxLength(10);
        builder.Property(k => k.ProtectedPrivateKey).IsRequired();
        builder.Property(k => k.ActiveSlot).IsConcurrencyToken();
        builder.HasIndex(k => k.ActiveSlot).IsUnique();
    }
}
