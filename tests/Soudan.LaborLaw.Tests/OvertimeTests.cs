using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Soudan.LaborLaw.Calculators;
using Soudan.LaborLaw.MinimumWages;

namespace Soudan.LaborLaw.Tests;

/// <summary>The overtime calculator: worked examples (the amounts worked out by hand beside each), boundaries, and invariants.</summary>
public sealed class OvertimeTests
{
    private static readonly MinimumWageTable Rates = MinimumWageTable.Seed;

    private static readonly DayOfWeek[] MondayToSaturday = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday];

    private static OvertimeInput Hourly(decimal yen, params WorkedDay[] days) =>
        new("13", PayType.Hourly, yen, null, null, null, null, null, null, null, days);

    private static WorkedDay Day(int year, int month, int day, int startHour, int endHour, int breakMinutes = 0) =>
        new(new DateOnly(year, month, day), new TimeOnly(startHour, 0), new TimeOnly(endHour, 0), breakMinutes);

    [Fact]
    public void The_cook_who_never_stopped_working_is_owed_premiums_on_the_minimum_wage()
    {
        // SCENARIOS.md §2: Tokyo, ¥180,000 a month (160 scheduled hours: ¥1,125 an hour, below ¥1,226),
        // Monday to Saturday 6:00-23:00 with an hour's break, November 2025 (25 days of 16 hours).
        // Sat 1 Nov: 8 h overtime. Each of the four full weeks: 8 h a day over 8 on six days (48 h),
        // and Saturday's first 8 hours are past 40 a week (8 h): 56 h. Overtime 8 + 4 × 56 = 232 h,
        // of which 172 h past the 60th. Late night 22:00-23:00: 25 h.
        //   overtime    60 h × 1,226 × 1.25 =  91,950
        //   past 60    172 h × 1,226 × 1.50 = 316,308
        //   late night  25 h × 1,226 × 0.25 =   7,662.5 → 7,663
        var days = Overtime.Pattern(new DateOnly(2025, 11, 1), new DateOnly(2025, 11, 30), MondayToSaturday, new TimeOnly(6, 0), new TimeOnly(23, 0), 60);
        var result = Overtime.Calculate(Rates, new("13", PayType.Monthly, 180_000m, 160m, null, null, null, null, null, null, days));

        Assert.Equal(25, days.Count);
        Assert.True(result.MinimumWageApplied);
        Assert.Equal(1226m, result.BaseHourlyYen);
        Assert.Equal(1125m, result.ContractualHourlyYen);
        Assert.Equal(new OvertimeHours(Worked: 400, Scheduled: 168, WithinStatutory: 0, Overtime: 232, OvertimeOver60: 172, Holiday: 0, LateNight: 25), result.Hours);
        Assert.Equal((91_950m, 316_308m, 7_663m, 0m), (result.Amounts.OvertimeYen, result.Amounts.OvertimeOver60Yen, result.Amounts.LateNightYen, result.Amounts.HolidayYen));
        Assert.Equal(415_921m, result.Amounts.OwedYen);
        Assert.Contains(result.Warnings, w => w.Code == "pay-below-minimum-wage");
        Assert.Contains("LSA Art. 37(1) proviso", result.Basis);
    }

    [Fact]
    public void A_shift_across_midnight_belongs_to_its_first_day_and_its_night_hours_earn_a_quarter_more()
    {
        // 18:00-3:00 with an hour's break: 8 hours worked, 5 of them between 22:00 and 5:00: 5 × 1,300 × 0.25 = 1,625.
        var result = Overtime.Calculate(Rates, Hourly(1300m, new WorkedDay(new DateOnly(2025, 11, 3), new TimeOnly(18, 0), new TimeOnly(3, 0), 60)));

        Assert.Equal((8m, 0m, 5m), (result.Hours.Worked, result.Hours.Overtime, result.Hours.LateNight));
        Assert.Equal(1625m, result.Amounts.OwedYen);
    }

    [Fact]
    public void A_night_shift_starting_after_midnight_counts_its_early_hours_as_night()
    {
        // 3:00-9:00: 3:00-5:00 is night (2 h).
        var result = Overtime.Calculate(Rates, Hourly(1300m, Day(2025, 11, 3, 3, 9)));

        Assert.Equal(2m, result.Hours.LateNight);
    }

    [Fact]
    public void Seven_days_worked_in_a_week_make_the_last_one_the_statutory_holiday()
    {
        // Sun 2 to Sat 8 November 2025, 9:00-17:00: Saturday is holiday work (8 h × 1,300 × 0.35 = 3,640);
        // of the other six days, Friday's 8 hours are past 40 (8 h × 1,300 × 0.25 = 2,600).
        var days = Enumerable.Range(2, 7).Select(d => Day(2025, 11, d, 9, 17)).ToArray();
        var result = Overtime.Calculate(Rates, Hourly(1300m, days));

        Assert.Equal((8m, 8m), (result.Hours.Holiday, result.Hours.Overtime));
        Assert.Equal((3640m, 2600m, 6240m), (result.Amounts.HolidayYen, result.Amounts.OvertimeYen, result.Amounts.OwedYen));
    }

    [Fact]
    public void A_statutory_holiday_given_by_the_employer_is_used_instead()
    {
        var days = Enumerable.Range(2, 7).Select(d => Day(2025, 11, d, 9, 17)).ToArray();
        var result = Overtime.Calculate(Rates, Hourly(1300m, days) with { StatutoryHoliday = DayOfWeek.Sunday });

        Assert.Equal(8m, result.Hours.Holiday);
        Assert.Equal(8m, result.Hours.Overtime); // Saturday's hours, past 40
    }

    [Fact]
    public void The_sixtieth_hour_of_overtime_crossed_in_the_middle_of_a_day_splits_that_day()
    {
        // Mon-Fri 3-14 November 2025, 7:00-22:00 (15 h, 7 over 8): 56 h by the 8th day; the 9th day's
        // 7 hours are 4 at 25 % and 3 at 50 %; the 10th day's 7 at 50 %. 60 × 2,000 × 0.25 = 30,000; 10 × 2,000 × 0.5 = 10,000.
        var days = Overtime.Pattern(new DateOnly(2025, 11, 3), new DateOnly(2025, 11, 14), MondayToSaturday[..5], new TimeOnly(7, 0), new TimeOnly(22, 0), 0).ToArray();
        var result = Overtime.Calculate(Rates, Hourly(2000m, days));

        Assert.Equal((70m, 10m), (result.Hours.Overtime, result.Hours.OvertimeOver60));
        Assert.Equal((30_000m, 10_000m), (result.Amounts.OvertimeYen, result.Amounts.OvertimeOver60Yen));
    }

    [Fact]
    public void The_sixty_hours_start_again_with_a_new_month()
    {
        // 31 October and 3 November 2025, each 15 hours of which 7 overtime: neither month passes 60.
        var result = Overtime.Calculate(Rates, Hourly(2000m, Day(2025, 10, 31, 7, 22), Day(2025, 11, 3, 7, 22)));

        Assert.Equal((14m, 0m), (result.Hours.Overtime, result.Hours.OvertimeOver60));
    }

    [Fact]
    public void The_minimum_wage_changes_on_its_effective_day_within_one_calculation()
    {
        // Tokyo: ¥1,163 until 2 October 2025, ¥1,226 from the 3rd. At ¥1,200 an hour, 8 hours on the 2nd
        // fall short by nothing; 8 hours on the 3rd by 8 × 26 = 208.
        var result = Overtime.Calculate(Rates, Hourly(1200m, Day(2025, 10, 2, 9, 17), Day(2025, 10, 3, 9, 17)));

        Assert.Equal(208m, result.Amounts.MinimumWageShortfallYen);
        Assert.True(result.MinimumWageApplied);
    }

    [Fact]
    public void Monthly_pay_owes_the_hours_beyond_the_contract_but_within_eight_at_the_plain_rate()
    {
        // Seven scheduled hours a day, 9:00-18:00 with an hour's break (8 h): 1 h a day at 100 %.
        // ¥320,000 ÷ 160 h = ¥2,000. Five days: 5 h × 2,000 = 10,000, no overtime.
        var days = Enumerable.Range(3, 5).Select(d => Day(2025, 11, d, 9, 18, 60)).ToArray();
        var result = Overtime.Calculate(Rates, new("13", PayType.Monthly, 320_000m, 160m, 7m, null, null, null, null, null, days));

        Assert.Equal((5m, 0m, 35m), (result.Hours.WithinStatutory, result.Hours.Overtime, result.Hours.Scheduled));
        Assert.Equal(10_000m, result.Amounts.WithinStatutoryYen);
    }

    [Fact]
    public void Allowances_left_out_of_the_base_and_overtime_already_paid_reduce_what_is_owed()
    {
        // (¥360,000 − ¥40,000 housing allowance) ÷ 160 = ¥2,000; one day 9:00-20:00 with an hour's break: 2 h × 2,000 × 1.25 = 5,000; 3,000 paid.
        var result = Overtime.Calculate(Rates, new("13", PayType.Monthly, 360_000m, 160m, null, 40_000m, null, null, null, 3_000m, [Day(2025, 11, 3, 9, 20, 60)]));

        Assert.Equal(2000m, result.BaseHourlyYen);
        Assert.Equal((5_000m, 2_000m), (result.Amounts.OvertimeYen, result.Amounts.OwedYen));
    }

    [Fact]
    public void A_small_workplace_counts_overtime_past_forty_four_hours_a_week()
    {
        // Mon-Sat 9:00-17:00 (8 h): 48 h a week; 8 past 40, but only 4 past 44.
        var days = Enumerable.Range(3, 6).Select(d => Day(2025, 11, d, 9, 17)).ToArray();

        Assert.Equal(8m, Overtime.Calculate(Rates, Hourly(2000m, days)).Hours.Overtime);
        Assert.Equal(4m, Overtime.Calculate(Rates, Hourly(2000m, days) with { WeeklyLimitHours = 44 }).Hours.Overtime);
    }

    [Fact]
    public void Bad_input_names_the_field_of_the_day()
    {
        var errors = Overtime.Check(Rates, Hourly(1300m,
            Day(2025, 11, 3, 9, 17),
            new WorkedDay(new DateOnly(2025, 11, 4), new TimeOnly(9, 0), null, 600),
            Day(2025, 11, 3, 9, 17)) with
        { WeeklyLimitHours = 48 });
        var tooLong = Overtime.Check(Rates, Hourly(1300m, Day(2025, 10, 1, 9, 17), Day(2025, 11, 1, 9, 17)));
        var tooMany = Overtime.Check(Rates, Hourly(1300m, [.. Enumerable.Range(0, 32).Select(i => Day(2025, 1, 1, 9, 17))]));
        var tooEarly = Overtime.Check(Rates, Hourly(1300m, Day(2022, 1, 4, 9, 17)));

        Assert.Equal(["weeklyLimitHours", "days[1].end", "days[2].date"], errors.Select(e => e.Field));
        Assert.Equal("days", Assert.Single(tooLong).Field);
        Assert.Equal("days", Assert.Single(tooMany).Field);
        Assert.Equal("days[0].date", Assert.Single(tooEarly).Field);
        Assert.Equal("days[0].breakMinutes", Assert.Single(Overtime.Check(Rates, Hourly(1300m, Day(2025, 11, 3, 9, 17, 480)))).Field);
    }

    /// <summary>A month of shifts from generated numbers: day of November 2025, start hour, length in half hours, break.</summary>
    private static WorkedDay[] Shifts((int Day, int Start, int HalfHours, int Break)[] raw) =>
        raw.Select(r => (Day: 1 + Math.Abs(r.Day % 30), Start: Math.Abs(r.Start % 24), Length: 1 + Math.Abs(r.HalfHours % 40), Break: Math.Abs(r.Break % 4) * 15))
            .DistinctBy(r => r.Day)
            .Select(r => new WorkedDay(new DateOnly(2025, 11, r.Day), new TimeOnly(r.Start, 0), new TimeOnly(r.Start, 0).AddMinutes(r.Length * 30), Math.Min(r.Break, (r.Length * 30) - 1)))
            .ToArray();

    [Property(MaxTest = 300)]
    public Property More_hours_never_owe_less((int, int, int, int)[] raw, int which, PositiveInt extraHalfHours)
    {
        var days = Shifts(raw);
        if (days.Length == 0)
        {
            return true.ToProperty();
        }

        var i = Math.Abs(which % days.Length);
        var longer = days.ToArray();
        var span = Overtime.SpanMinutes(days[i].Start!.Value, days[i].End!.Value);
        var extra = Math.Min(extraHalfHours.Get % 8 * 30, (24 * 60) - 1 - span);
        longer[i] = days[i] with { End = days[i].End!.Value.AddMinutes(extra) };
        var before = Overtime.Calculate(Rates, Hourly(1300m, days) with { PayType = PayType.Monthly, PayYen = 250_000m, ScheduledHoursPerMonth = 160m });
        var after = Overtime.Calculate(Rates, Hourly(1300m, longer) with { PayType = PayType.Monthly, PayYen = 250_000m, ScheduledHoursPerMonth = 160m });
        return (after.Amounts.OwedYen >= before.Amounts.OwedYen && after.Hours.Worked >= before.Hours.Worked).Label($"{before.Amounts.OwedYen} -> {after.Amounts.OwedYen}");
    }

    [Property(MaxTest = 300)]
    public bool Hours_add_up_and_nothing_is_negative((int, int, int, int)[] raw)
    {
        var days = Shifts(raw);
        if (days.Length == 0)
        {
            return true;
        }

        var result = Overtime.Calculate(Rates, Hourly(1000m, days));
        var hours = result.Hours;
        return hours.Overtime + hours.Holiday <= hours.Worked
            && hours.OvertimeOver60 <= hours.Overtime
            && hours.LateNight <= hours.Worked
            && result.Amounts.OwedYen >= 0
            && result.Amounts.TotalYen == result.Amounts.OvertimeYen + result.Amounts.OvertimeOver60Yen + result.Amounts.HolidayYen + result.Amounts.LateNightYen + result.Amounts.MinimumWageShortfallYen + result.Amounts.WithinStatutoryYen;
    }

    [Fact]
    public void A_pattern_to_the_last_day_of_the_calendar_ends_there()
    {
        var days = Overtime.Pattern(new DateOnly(9999, 12, 25), DateOnly.MaxValue, MondayToSaturday, new TimeOnly(9, 0), new TimeOnly(18, 0), 60);

        Assert.Equal(DateOnly.MaxValue, days[^1].Date);
    }

    [Fact]
    public void A_date_given_twice_is_named_where_it_is_given_the_second_time_blank_days_counted()
    {
        var errors = Overtime.Check(Rates, Hourly(1_300m, Day(2025, 11, 3, 9, 18), new WorkedDay(null, new TimeOnly(9, 0), new TimeOnly(18, 0), 0), Day(2025, 11, 3, 9, 18)));

        Assert.Contains(errors, e => e.Field == "days[2].date" && e.Code == "duplicate");
        Assert.Contains(errors, e => e.Field == "days[1].date" && e.Code == "required");
    }

    [Fact]
    public void Where_the_minimum_wage_is_the_base_the_answer_says_both_rates()
    {
        var result = Overtime.Calculate(Rates, Hourly(1_000m, Day(2025, 11, 3, 9, 20, 60)));

        Assert.Equal((1226m, 1000m, true), (result.BaseHourlyYen, result.ContractualHourlyYen, result.MinimumWageApplied));
    }
}
