using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Features.Intakes;

namespace Soudan.Web.Features.Statistics;

/// <summary>What one row of the statistics counts.</summary>
public enum StatisticsUnit
{
    /// <summary>A consultation sent through the online form or the API.</summary>
    Consultation = 0,

    /// <summary>A call an operator logged on a hotline day.</summary>
    Call = 1,

    Case = 2,
}

/// <summary>
/// One consultation, call or case as the statistics see it: categories and amounts, never a name,
/// a contact or a word of the worker's, nor its id (<see cref="SourceKey"/>). Kept in step with its source in the same save
/// (<see cref="StatisticsRecorder"/>), so figures are never stale, and the dashboards read only
/// this table, so they cannot show what it does not hold. The residence status, an immigration
/// matter, is held only as a keyed token (<see cref="StatisticsTokens"/>): the database alone shows
/// which rows share a status, not which status it is.
/// </summary>
public sealed class StatisticsFact
{
    public long Id { get; private set; }

    public StatisticsUnit Unit { get; set; }

    /// <summary>
    /// Which consultation, call or case this row counts, as a keyed token (<see cref="StatisticsTokens.SourceOf(Intake)"/>):
    /// the app finds the row of a consultation, but the database alone cannot lead from a row's
    /// problems and tags back to a name. Null only on rows of an older version, until
    /// <see cref="StatisticsBackfill"/> keys them.
    /// </summary>
    public string? SourceKey { get; set; }

    /// <summary>Shadow properties over the ids rows were tied by before, emptied by <see cref="StatisticsBackfill"/>.</summary>
    public const string LegacyIntakeId = "LegacyIntakeId";

    public const string LegacyCaseId = "LegacyCaseId";

    public const string LegacyJoinedCaseId = "LegacyJoinedCaseId";

    /// <summary>The day in Japan it came in (a case: the day it was opened), as yyyyMMdd: one key that both databases compare and group alike.</summary>
    public int Day { get; set; }

    /// <summary>The Monday of its week, yyyyMMdd, for counts by week.</summary>
    public int Week { get; set; }

    /// <summary>yyyyMM, for counts by month.</summary>
    public int Month { get; set; }

    public int? HotlineSessionId { get; set; }

    /// <summary>Spam and duplicates are kept (their triage is a figure too) but not counted.</summary>
    public bool Counted { get; set; } = true;

    public string? Channel { get; set; }

    public string? Language { get; set; }

    public string? Nationality { get; set; }

    public string? PrefectureCode { get; set; }

    public string? Industry { get; set; }

    public string? EmploymentType { get; set; }

    public string? ResidenceToken { get; set; }

    /// <summary>A case's status, or what triage made of a consultation.</summary>
    public string? Status { get; set; }

    public long UnpaidWagesYen { get; set; }

    public long LeaveAllowanceYen { get; set; }

    public long OvertimeYen { get; set; }

    public long NoticeAllowanceYen { get; set; }

    public long OtherYen { get; set; }

    /// <summary>The dimensions a row may hold several values of: problems, dispute categories, tags, outcomes.</summary>
    public List<StatisticsFactValue> Values { get; init; } = [];

    public void SetDay(DateOnly day) => (Day, Week, Month) = KeysOf(day);

    /// <summary>A day's keys: itself, the Monday of its week (yyyyMMdd), and its month (yyyyMM).</summary>
    public static (int Day, int Week, int Month) KeysOf(DateOnly day) =>
        (KeyOf(day), KeyOf(day.AddDays(-(((int)day.DayOfWeek + 6) % 7))), (day.Year * 100) + day.Month);

    public static int KeyOf(DateOnly day) => (day.Year * 10_000) + (day.Month * 100) + day.Day;

    public static DateOnly DayOf(int key) => new(key / 10_000, key / 100 % 100, key % 100);
}

/// <summary>One value of a dimension a row may hold several of (a consultation about two problems counts under both).</summary>
public sealed class StatisticsFactValue
{
    public long FactId { get; set; }

    public required string Dimension { get; init; }

    public required string Value { get; init; }
}

internal sealed class StatisticsFactConfiguration : IEntityTypeConfiguration<StatisticsFact>
{
    public void Configure(EntityTypeBuilder<StatisticsFact> builder)
    {
        builder.Property(f => f.SourceKey).HasMaxLength(32);
        builder.HasIndex(f => f.SourceKey).IsUnique();
        builder.Property<long?>(StatisticsFact.LegacyIntakeId).HasColumnName("IntakeId");
        builder.Property<int?>(StatisticsFact.LegacyCaseId).HasColumnName("CaseId");
        builder.Property<int?>(StatisticsFact.LegacyJoinedCaseId).HasColumnName("JoinedCaseId");
        builder.HasIndex(StatisticsFact.LegacyIntakeId);
        builder.HasIndex(StatisticsFact.LegacyCaseId);
        // Every view filters by unit and a range of days first.
        builder.HasIndex(f => new { f.Unit, f.Day });
        builder.HasMany(f => f.Values).WithOne().HasForeignKey(v => v.FactId).OnDelete(DeleteBehavior.Cascade);
        foreach (var column in new[] { nameof(StatisticsFact.Channel), nameof(StatisticsFact.Language), nameof(StatisticsFact.Nationality), nameof(StatisticsFact.Industry), nameof(StatisticsFact.EmploymentType), nameof(StatisticsFact.Status) })
        {
            builder.Property(column).HasMaxLength(64);
        }

        builder.Property(f => f.PrefectureCode).HasMaxLength(2);
        builder.Property(f => f.ResidenceToken).HasMaxLength(32);
    }
}

internal sealed class StatisticsFactValueConfiguration : IEntityTypeConfiguration<StatisticsFactValue>
{
    public void Configure(EntityTypeBuilder<StatisticsFactValue> builder)
    {
        builder.HasKey(v => new { v.FactId, v.Dimension, v.Value });
        builder.Property(v => v.Dimension).HasMaxLength(32);
        builder.Property(v => v.Value).HasMaxLength(64);
        builder.HasIndex(v => new { v.Dimension, v.Value, v.FactId });
    }
}
