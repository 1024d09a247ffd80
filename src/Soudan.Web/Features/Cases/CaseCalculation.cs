using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Soudan.Web.Features.Cases;

/// <summary>
/// A calculator run on a case and kept: its input as the API takes it (so it can be calculated
/// again when minimum wages change, or opened to be corrected) and its answer as the API gave it,
/// both encrypted: they tell of a person's pay and hours.
/// </summary>
public sealed class CaseCalculation
{
    public int Id { get; private set; }

    public int CaseId { get; init; }

    /// <summary>The calculator's slug: "overtime", "leave-allowance"...</summary>
    public required string Kind { get; init; }

    public required string InputProtected { get; set; }

    public required string ResultProtected { get; set; }

    public required DateTime CalculatedAtUtc { get; init; }

    public required Guid CalculatedBy { get; init; }

    /// <summary>The earlier calculation this one replaces, calculated again with newer rates or corrected.</summary>
    public int? ReplacesId { get; init; }
}

internal sealed class CaseCalculationConfiguration : IEntityTypeConfiguration<CaseCalculation>
{
    public void Configure(EntityTypeBuilder<CaseCalculation> builder)
    {
        builder.ToTable("CaseCalculations");
        builder.Property(c => c.Kind).HasMaxLength(32);
        builder.HasIndex(c => new { c.CaseId, c.CalculatedAtUtc });
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
