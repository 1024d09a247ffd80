using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Soudan.Web.Features.Statistics;

/// <summary>
/// A count kept for one month of facts: how many of a unit held a value (<see cref="Dimension"/>
/// alone, <see cref="OtherDimension"/> empty) or a pair of values (a cross-tabulation, or a
/// count among a filter), and the money recovered on those. A month's tallies are made from its
/// facts by <see cref="StatisticsSummarizer"/> and are read only while no
/// <see cref="StatisticsChange"/> names the month, so they are never staler than the facts.
/// Like the facts, they hold categories and tokens, never a name.
/// </summary>
public sealed class StatisticsTally
{
    /// <summary>The dimension of the tally of every fact (the month's total, its money).</summary>
    public const string Every = "*";

    /// <summary>How a fact without a value of a column dimension is kept (a key cannot hold null).</summary>
    public const string NotRecorded = "";

    public StatisticsUnit Unit { get; init; }

    /// <summary>yyyyMM, as <see cref="StatisticsFact.Month"/>.</summary>
    public int Month { get; init; }

    public required string Dimension { get; init; }

    public required string Value { get; init; }

    /// <summary>For a pair, the second dimension (after <see cref="Dimension"/> in ordinal order); empty for a single one.</summary>
    public required string OtherDimension { get; init; }

    public required string OtherValue { get; init; }

    /// <summary>
    /// A tag, for a tally among the facts holding it; empty for one among every fact. Counting among
    /// a tag (COVID-19, the filter analysts ask for most) is kept apart, so a cross-tabulation among a
    /// tag, or a tag and one more filter, is read from tallies too. Few facts hold a tag, so these cost little.
    /// </summary>
    public required string Among { get; init; }

    public int Count { get; set; }

    /// <summary>Of those counted, how many recovered any money.</summary>
    public int MoneyCases { get; set; }

    public long UnpaidWagesYen { get; set; }

    public long LeaveAllowanceYen { get; set; }

    public long OvertimeYen { get; set; }

    public long NoticeAllowanceYen { get; set; }

    public long OtherYen { get; set; }
}

/// <summary>
/// "A fact of this month changed": written in the same save as the fact (<see cref="StatisticsRecorder"/>),
/// so a month whose tallies are behind is always known. Rows only ever get added here by writers,
/// and removed by the summarizer once it has counted the month again, so two writers never meet.
/// </summary>
public sealed class StatisticsChange
{
    public long Id { get; private set; }

    public int Month { get; init; }

    public DateTime AtUtc { get; init; }
}

/// <summary>
/// How many times a month has been counted again: the summarizer adds one in the same transaction
/// that removes the month's changes. A copy of the month's facts made when no change named it
/// (<see cref="StatisticsMemory"/>) is the month as it stands while no change names it and this is
/// as it was then; a month never counted again has none (version 0).
/// </summary>
public sealed class StatisticsMonth
{
    /// <summary>yyyyMM, as <see cref="StatisticsFact.Month"/>.</summary>
    public int Month { get; init; }

    public long Version { get; set; }
}

internal sealed class StatisticsTallyConfiguration : IEntityTypeConfiguration<StatisticsTally>
{
    public void Configure(EntityTypeBuilder<StatisticsTally> builder)
    {
        // Every read names the dimensions, what it counts among, the units and a range of months, in this order.
        builder.HasKey(t => new { t.Dimension, t.OtherDimension, t.Among, t.Unit, t.Month, t.Value, t.OtherValue });
        builder.HasIndex(t => t.Month);
        builder.Property(t => t.Dimension).HasMaxLength(32);
        builder.Property(t => t.OtherDimension).HasMaxLength(32);
        builder.Property(t => t.Value).HasMaxLength(64);
        builder.Property(t => t.OtherValue).HasMaxLength(64);
        builder.Property(t => t.Among).HasMaxLength(64);
    }
}

internal sealed class StatisticsChangeConfiguration : IEntityTypeConfiguration<StatisticsChange>
{
    public void Configure(EntityTypeBuilder<StatisticsChange> builder) => builder.HasIndex(c => c.Month);
}

internal sealed class StatisticsMonthConfiguration : IEntityTypeConfiguration<StatisticsMonth>
{
    public void Configure(EntityTypeBuilder<StatisticsMonth> builder)
    {
        builder.HasKey(m => m.Month);
        builder.Property(m => m.Month).ValueGeneratedNever();
    }
}
