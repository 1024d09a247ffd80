using Soudan.LaborLaw.MinimumWages;

namespace Soudan.LaborLaw.Tests;

/// <summary>The seed rates (DOMAIN.md §1) and the rule that the rate in force is the latest not after the day.</summary>
public sealed class MinimumWageTableTests
{
    private static readonly MinimumWageTable Seed = MinimumWageTable.Seed;

    [Fact]
    public void The_seed_holds_every_prefecture_for_three_fiscal_years_each_with_a_source()
    {
        Assert.Equal(47 * 3, Seed.Rates.Count);
        Assert.Equal(47, Seed.PrefectureCodes.Count());
        Assert.All(Seed.Rates, r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
    }

    [Theory]
    [InlineData("13", "2025-10-02", 1163)] // Tokyo, the day before FY2025 took effect
    [InlineData("13", "2025-10-03", 1226)] // the day it did
    [InlineData("13", "2023-10-01", 1113)] // the oldest known
    [InlineData("05", "2026-03-30", 951)] // Akita: FY2025 took effect only on 2026-03-31
    [InlineData("05", "2026-03-31", 1031)]
    [InlineData("07", "2025-12-31", 955)] // Fukushima: 2026-01-01
    [InlineData("07", "2026-01-01", 1033)]
    [InlineData("10", "2026-03-01", 1063)] // Gunma: 2026-03-01
    public void The_rate_in_force_is_the_latest_one_not_after_the_day(string prefecture, string on, int hourlyYen) =>
        Assert.Equal(hourlyYen, Seed.InForce(prefecture, DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture))!.HourlyYen);

    [Fact]
    public void Before_the_oldest_rate_or_for_an_unknown_code_there_is_none()
    {
        Assert.Null(Seed.InForce("13", new DateOnly(2023, 9, 30)));
        Assert.Null(Seed.InForce("48", new DateOnly(2025, 1, 1)));
        Assert.Null(Seed.InForce("1", new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void A_day_more_than_twelve_months_after_the_newest_rate_may_fall_under_a_newer_one()
    {
        Assert.False(Seed.NewerRevisionMayApply("13", new DateOnly(2026, 10, 3)));
        Assert.True(Seed.NewerRevisionMayApply("13", new DateOnly(2026, 10, 4)));
        Assert.False(Seed.NewerRevisionMayApply("05", new DateOnly(2026, 12, 1))); // Akita's newest is from 2026-03-31
    }
}
