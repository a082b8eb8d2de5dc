using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Eps.Core.Drugs;

internal sealed class DrugConfiguration : IEntityTypeConfiguration<Drug>
{
    public void Configure(EntityTypeBuilder<Drug> builder)
    {
        builder.Property(d => d.GenericName).HasMaxLength(120);
        builder.HasIndex(d => d.GenericName).IsUnique();
        builder.Property(d => d.Strengths).HasMaxLength(200);
        builder.Property(d => d.Form).HasMaxLength(60);
        builder.Property(d => d.Category).HasMaxLength(80);
        builder.Ignore(d => d.StrengthList);
    }
}
