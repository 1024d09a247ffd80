using Soudan.LaborLaw.Calculators;
using Soudan.LaborLaw.MinimumWages;

namespace Soudan.LaborLaw.Tests;

/// <summary>Worked examples for the calculators of CALCULATORS.md other than overtime.</summary>
public sealed class SimpleCalculatorTests
{
    private static readonly MinimumWageTable Rates = MinimumWageTable.Seed;

    [Fact]
    public void A_monthly_salary_below_tokyos_minimum_wage_is_found_and_the_shortfall_given()
    {
        // ¥180,000 a month over 160 scheduled hours is ¥1,125 an hour; Tokyo's rate from 2025-10-03 is ¥1,226.
        var result = MinimumWageCheck.Calculate(Rates, new(PrefectureCode: "13", On: new DateOnly(2025, 11, 1), PayType.Monthly, 180_000m, null, 160m));

        Assert.False(result.Compliant);
        Assert.Equal(1125m, result.HourlyEquivalentYen);
        Assert.Equal(101m, result.ShortfallPerHourYen);
        Assert.Equal(1226m, result.MinimumWage.Rate.HourlyYen);
        Assert.Contains("Minimum Wage Act Art. 4", result.Basis);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Exactly_the_minimum_wage_is_compliant_and_a_day_far_past_the_newest_rate_warns()
    {
        var exact = MinimumWageCheck.Calculate(Rates, new("13", new DateOnly(2025, 10, 3), PayType.Daily, 1226m * 8, 8m, null));
        var later = MinimumWageCheck.Calculate(Rates, new("13", new DateOnly(2026, 11, 1), PayType.Hourly, 1300m, null, null));

        Assert.True(exact.Compliant);
        Assert.Equal(0m, exact.ShortfallPerHourYen);
        Assert.Equal("newer-minimum-wage-may-apply", Assert.Single(later.Warnings).Code);
    }

    [Fact]
    public void Bad_input_names_each_field()
    {
        var errors = MinimumWageCheck.Check(Rates, new("99", new DateOnly(2025, 1, 1), PayType.Monthly, -5m, null, null));
        var tooEarly = MinimumWageCheck.Check(Rates, new("13", new DateOnly(2020, 1, 1), PayType.Hourly, 1000m, null, null));

        Assert.Equal(["prefectureCode", "payYen", "scheduledHoursPerMonth"], errors.Select(e => e.Field));
        Assert.Equal("on", Assert.Single(tooEarly).Field);
        Assert.Throws<InvalidInputException>(() => MinimumWageCheck.Calculate(Rates, new("99", null, null, null, null, null)));
    }

    [Fact]
    public void The_average_wage_divides_three_months_of_wages_by_the_calendar_days_cut_to_the_sen()
    {
        // ¥300,000 a month for August, September, October: ¥900,000 ÷ 92 days = ¥9,782.6086… → ¥9,782.60.
        var result = AverageWage.Calculate(new([new(31, 22, 300_000m, 0), new(30, 21, 300_000m, 0), new(31, 22, 300_000m, 0)]));

        Assert.Equal(9782.60m, result.AverageWageYen);
        Assert.Equal(AverageWageMethod.Standard, result.Method);
        Assert.Null(result.MinimumGuaranteeYen);
    }

    [Fact]
    public void A_worker_paid_by_the_hour_with_few_shifts_gets_the_minimum_guarantee()
    {
        // ¥450,000 for 30 days worked in 92: standard ¥4,891.30; guarantee ¥450,000 ÷ 30 × 60 % = ¥9,000.
        var result = AverageWage.Calculate(new([new(31, 10, 0, 150_000m), new(30, 10, 0, 150_000m), new(31, 10, 0, 150_000m)]));

        Assert.Equal(4891.30m, result.StandardYen);
        Assert.Equal(9000m, result.AverageWageYen);
        Assert.Equal(AverageWageMethod.MinimumGuarantee, result.Method);
        Assert.Contains("LSA Art. 12(1)(i)", result.Basis);
    }

    [Fact]
    public void Mixed_pay_adds_the_monthly_part_over_calendar_days_to_the_guarantee()
    {
        // Fixed ¥60,000 ÷ 90 = 666.66…; variable ¥240,000 ÷ 40 × 0.6 = 3,600; sum 4,266.66 > standard 3,333.33.
        var result = AverageWage.Calculate(new([new(30, 13, 20_000m, 80_000m), new(30, 13, 20_000m, 80_000m), new(30, 14, 20_000m, 80_000m)]));

        Assert.Equal(3333.33m, result.StandardYen);
        Assert.Equal(4266.66m, result.AverageWageYen);
    }

    [Fact]
    public void Average_wage_input_is_checked_field_by_field()
    {
        Assert.Equal("periods", Assert.Single(AverageWage.Check(new([]))).Field);
        Assert.Equal("periods[0].daysWorked", Assert.Single(AverageWage.Check(new([new(30, 31, 1m, 0)]))).Field);
        Assert.Contains(AverageWage.Check(new([new(null, null, -1m, 0)])), e => e.Field == "periods[0].fixedYen");
    }

    [Fact]
    public void The_leave_allowance_is_sixty_percent_of_the_average_for_each_day_rounded_at_the_end()
    {
        // ¥9,782.60 × 60 % = ¥5,869.56 a day; × 20 days = ¥117,391.20 → ¥117,391; ¥50,000 paid leaves ¥67,391.
        var result = LeaveAllowance.Calculate(new(9782.60m, 20, null, 50_000m));

        Assert.Equal(5869.56m, result.PerDayYen);
        Assert.Equal(117_391m, result.TotalYen);
        Assert.Equal(67_391m, result.OwedYen);
        Assert.Equal(0m, LeaveAllowance.Calculate(new(9782.60m, 20, 1m, 500_000m)).OwedYen);
        Assert.Equal("rate", Assert.Single(LeaveAllowance.Check(new(9000m, 5, 0.5m, null))).Field);
    }

    [Fact]
    public void Half_a_yen_is_rounded_up()
    {
        // ¥1,000.25 × 0.6 = 600.15 a day × 10 = 6,001.5 → 6,002.
        Assert.Equal(6002m, LeaveAllowance.Calculate(new(1000.25m, 10, null, null)).TotalYen);
    }

    [Fact]
    public void Notice_on_the_fourteenth_for_a_dismissal_on_the_twenty_seventh_leaves_seventeen_days_to_pay()
    {
        // DOMAIN.md §2.5: notice given 8/14 for dismissal on 8/27 requires at least 17 days' pay.
        var result = NoticeAllowance.Calculate(new(10_000m, new DateOnly(2025, 8, 14), new DateOnly(2025, 8, 27)));
        var none = NoticeAllowance.Calculate(new(9782.60m, null, new DateOnly(2025, 8, 27)));
        var enough = NoticeAllowance.Calculate(new(10_000m, new DateOnly(2025, 7, 1), new DateOnly(2025, 8, 27)));

        Assert.Equal((13, 17, 170_000m), (result.NoticeDays, result.DaysOwed, result.TotalYen));
        Assert.Equal((30, 293_478m), (none.DaysOwed, none.TotalYen));
        Assert.Equal(0, enough.DaysOwed);
        Assert.Equal("noticeDate", Assert.Single(NoticeAllowance.Check(new(1m, new DateOnly(2025, 9, 1), new DateOnly(2025, 8, 27)))).Field);
    }

    [Fact]
    public void Paid_leave_follows_the_standard_table_and_grants_expire_after_two_years()
    {
        var result = PaidLeave.Calculate(new(new DateOnly(2024, 4, 1), new DateOnly(2026, 12, 1), 5, 40m, null));

        Assert.Equal(PaidLeaveTable.Standard, result.Table);
        Assert.Equal([(new DateOnly(2024, 10, 1), 10), (new DateOnly(2025, 10, 1), 11), (new DateOnly(2026, 10, 1), 12)], result.Grants.Select(g => (g.GrantDate, g.Days)));
        Assert.Equal(new DateOnly(2026, 10, 1), result.Grants[0].ExpiresOn);
        Assert.Equal(23, result.ValidDays); // the first grant expired on 2026-10-01
    }

    [Theory]
    [InlineData(4, 32, null, PaidLeaveTable.Standard, 10)] // four days but 32 hours a week
    [InlineData(4, 29, null, PaidLeaveTable.Proportional, 7)]
    [InlineData(3, 20, null, PaidLeaveTable.Proportional, 5)]
    [InlineData(0, 10, 100, PaidLeaveTable.Proportional, 3)] // by annual days: 73-120
    [InlineData(4, 20, 217, PaidLeaveTable.Standard, 10)]
    public void Part_timers_get_the_proportional_table_unless_they_work_thirty_hours_five_days_or_217_days(int weeklyDays, int weeklyHours, int? annualDays, PaidLeaveTable table, int firstGrant)
    {
        var result = PaidLeave.Calculate(new(new DateOnly(2025, 1, 15), new DateOnly(2025, 7, 15), weeklyDays, weeklyHours, annualDays));

        Assert.Equal(table, result.Table);
        Assert.Equal(firstGrant, Assert.Single(result.Grants).Days);
    }

    [Fact]
    public void Before_six_months_there_is_no_grant_yet()
    {
        var result = PaidLeave.Calculate(new(new DateOnly(2025, 1, 15), new DateOnly(2025, 7, 14), 5, 40m, null));

        Assert.Empty(result.Grants);
        Assert.Equal("not-yet", Assert.Single(result.Warnings).Code);
    }

    [Theory]
    [InlineData("2026-12-01", ClaimType.Wages, "2023-12-01", 3)]
    [InlineData("2023-04-01", ClaimType.Wages, "2020-04-01", 3)] // three years back lands on the change itself
    [InlineData("2022-06-01", ClaimType.Wages, "2020-04-01", 3)] // earlier paydays had two years: gone by now
    [InlineData("2021-06-01", ClaimType.Wages, "2019-06-01", 2)]
    [InlineData("2026-12-01", ClaimType.RetirementAllowance, "2021-12-01", 5)]
    [InlineData("2026-12-01", ClaimType.Other, "2024-12-01", 2)]
    public void Claims_go_back_three_years_for_wages_paid_since_april_2020(string on, ClaimType type, string earliest, int years)
    {
        var result = ClaimLimitation.Calculate(new(DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), type));

        Assert.Equal((DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture), years), (result.EarliestClaimablePayday, result.Years));
    }

    [Theory]
    [InlineData("9999-01-01", "9998-01-01")]
    [InlineData("1999-12-31", "1990-04-01")]
    public void Paid_leave_for_a_day_out_of_any_working_life_is_refused_rather_than_overflowing(string on, string hired)
    {
        var input = new PaidLeaveInput(DateOnly.Parse(hired, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), 5, 40, null);

        Assert.Contains(PaidLeave.Check(input), e => e.Field == "on" && e.Code == "year-out-of-range");
        Assert.Throws<InvalidInputException>(() => PaidLeave.Calculate(input));
    }
}
