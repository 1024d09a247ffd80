using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Soudan.Web.Features.Calculators;

/// <summary>
/// A revision of regional minimum wages loaded by an admin (every autumn, FY2026 onwards), kept
/// whole as the CSV it was, so the rates and their sources can always be shown as loaded.
/// The rates in force are the seed with every revision laid on it in order.
/// </summary>
public sealed class MinimumWageRevision
{
    /// <summary>Far more than 47 prefectures × a few fiscal years with long source notes.</summary>
    public const int MaxCsvLength = 512 * 1024;

    public int Id { get; private set; }

    public required DateTime LoadedAtUtc { get; init; }

    /// <summary>The admin who loaded it; null from the command line.</summary>
    public Guid? LoadedById { get; init; }

    /// <summary>The name of the file it came from.</summary>
    public required string FileName { get; init; }

    public required string Csv { get; init; }

    public required int RateCount { get; init; }

    /// <summary>True when it lowers a rate and the admin said that was meant.</summary>
    public bool DecreaseConfirmed { get; init; }
}

internal sealed class MinimumWageRevisionConfiguration : IEntityTypeConfiguration<MinimumWageRevision>
{
    public void Configure(EntityTypeBuilder<MinimumWageRevision> builder)
    {
        builder.ToTable("MinimumWageRevisions");
        builder.Property(r => r.FileName).HasMaxLength(200);
        builder.Property(r => r.Csv).HasMaxLength(MinimumWageRevision.MaxCsvLength);
    }
}
