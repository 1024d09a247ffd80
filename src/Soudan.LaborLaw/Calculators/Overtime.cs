using Soudan.LaborLaw.MinimumWages;

namespace Soudan.LaborLaw.Calculators;

/// <summary>One day of work: a shift whose end is not after its start ends the next day, and belongs to the day it started.</summary>
public sealed record WorkedDay(DateOnly? Date, TimeOnly? Start, TimeOnly? End, int? BreakMinutes);

public sealed record OvertimeInput(
    string? PrefectureCode,
    PayType? PayType,
    decimal? PayYen,
    decimal? ScheduledHoursPerMonth,
    decimal? ScheduledHoursPerDay,
    decimal? ExcludedAllowancesYen,
    int? WeeklyLimitHours,
    DayOfWeek? StatutoryHoliday,
    DayOfWeek? WeekStartsOn,
    decimal? OvertimePaidYen,
    IReadOnlyList<WorkedDay>? Days);

public sealed record OvertimeHours(decimal Worked, decimal Scheduled, decimal WithinStatutory, decimal Overtime, decimal OvertimeOver60, decimal Holiday, decimal LateNight);

public sealed record OvertimeAmounts(decimal WithinStatutoryYen, decimal OvertimeYen, decimal OvertimeOver60Yen, decimal HolidayYen, decimal LateNightYen, decimal MinimumWageShortfallYen, decimal TotalYen, decimal PaidYen, decimal OwedYen);

/// <param name="BaseHourlyYen">The hourly base the premiums are paid on: the contract's rate, or the minimum wage where that is higher (on the last day worked, should the rate change within the days).</param>
/// <param name="ContractualHourlyYen">The pay as an hourly figure, before the minimum wage is laid under it.</param>
/// <param name="MinimumWageApplied">The minimum wage was the base on at least one day.</param>
/// <param name="Hours">The hours, counted as CALCULATORS.md says.</param>
/// <param name="Amounts">The money for each kind of hour, and what is owed.</param>
public sealed record OvertimeResult(decimal BaseHourlyYen, decimal ContractualHourlyYen, bool MinimumWageApplied, OvertimeHours Hours, OvertimeAmounts Amounts) : Explained;

/// <summary>
/// Unpaid overtime, late-night and holiday premiums from the days worked (LSA Arts. 32, 35, 37),
/// counted as CALCULATORS.md says: per calendar week, in order of time, with the 60-hour monthly
/// threshold and the minimum wage as the floor of the base hourly wage.
/// </summary>
public static class Overtime
{
    public const int MaxDays = 31;

    private const int DayMinutes = 24 * 60;
    private const int DailyLimitMinutes = 8 * 60;
    private const int MonthlyThresholdMinutes = 60 * 60;

    public static IReadOnlyList<InputError> Check(MinimumWageTable table, OvertimeInput input)
    {
        var check = new InputCheck();
        check.Required("prefectureCode", input.PrefectureCode);
        if (input.PrefectureCode is { } code && !table.Knows(code))
        {
            check.Fail("prefectureCode", "unknown-prefecture", "Not a prefecture code (01-47).");
        }

        Inputs.Pay(check, input.PayType, input.PayYen, input.ScheduledHoursPerDay, input.ScheduledHoursPerMonth);
        check.Range("excludedAllowancesYen", input.ExcludedAllowancesYen, 0, Inputs.MaxYen);
        if (input.ExcludedAllowancesYen > input.PayYen)
        {
            check.Fail("excludedAllowancesYen", "more-than-pay", "Cannot be more than the pay.");
        }

        if (input.WeeklyLimitHours is not (null or 40 or 44))
        {
            check.Fail("weeklyLimitHours", "not-40-or-44", "40, or 44 for the small workplaces of LSA Art. 40.");
        }

        check.Range("overtimePaidYen", input.OvertimePaidYen, 0, Inputs.MaxYen);
        if (input.Days is not { Count: >= 1 } days)
        {
            check.Fail("days", "required", "Give at least one day worked.");
            return check.Errors;
        }

        if (days.Count > MaxDays)
        {
            check.Fail("days", "too-many", $"At most {MaxDays} days at a time.");
            return check.Errors;
        }

        for (var i = 0; i < days.Count; i++)
        {
            if (days[i] is null)
            {
                check.Fail($"days[{i}]", "required", "Give the date, start and end of the day.");
                continue;
            }

            var (day, at) = (days[i], $"days[{i}].");
            check.Required(at + "date", day.Date);
            check.Required(at + "start", day.Start);
            check.Required(at + "end", day.End);
            if (day.BreakMinutes is < 0 || (day.Start is { } start && day.End is { } end && day.BreakMinutes >= SpanMinutes(start, end)))
            {
                check.Fail(at + "breakMinutes", "break-too-long", "A break is 0 minutes or more, and shorter than the shift.");
            }

            if (day.Date is { } date && input.PrefectureCode is { } prefecture && table.Knows(prefecture) && table.InForce(prefecture, date) is null)
            {
                check.Fail(at + "date", "before-known-rates", "No minimum wage is known this far back.");
            }
        }

        var dates = days.Select(d => d?.Date).OfType<DateOnly>().ToList();
        if (dates.Count > 0 && dates.Max().DayNumber - dates.Min().DayNumber >= MaxDays)
        {
            check.Fail("days", "period-too-long", $"The days must fall within {MaxDays} days.");
        }

        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < days.Count; i++)
        {
            if (days[i]?.Date is { } date && !seen.Add(date))
            {
                check.Fail($"days[{i}].date", "duplicate", $"{date:yyyy-MM-dd} is given twice.");
            }
        }

        return check.Errors;
    }

    public static OvertimeResult Calculate(MinimumWageTable table, OvertimeInput input)
    {
        var errors = Check(table, input);
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        var steps = new StepList();
        var payType = input.PayType!.Value;
        var hourlyPay = payType == PayType.Hourly;
        var perDay = input.ScheduledHoursPerDay ?? 8m;
        var weeklyLimit = input.WeeklyLimitHours ?? 40;
        var weekStart = input.WeekStartsOn ?? DayOfWeek.Sunday;
        var prefecture = input.PrefectureCode!;
        var excluded = input.ExcludedAllowancesYen ?? 0;
        var contractual = Inputs.Hourly(steps, payType, input.PayYen!.Value, perDay, input.ScheduledHoursPerMonth, excluded, "LSA Art. 37(1); Ordinance Art. 19");
        if (excluded > 0)
        {
            steps.Add("excluded-allowances", "LSA Art. 37(5); Ordinance Art. 21", $"{StepList.Yen(excluded)} of allowances (family, commuting, housing...) are left out of the base.", ("excludedYen", excluded));
        }

        var days = input.Days!.OrderBy(d => d.Date).Select(d => Shift.Of(d, perDay)).ToList();
        var holidays = StatutoryHolidays(days, input.StatutoryHoliday, weekStart);

        var weeklyRegular = new Dictionary<DateOnly, int>();
        var monthlyOvertime = new Dictionary<(int, int), int>();
        var (sum, minimumWageDays, answers, lastRate) = (new Sums(), 0, new List<MinimumWageAnswer>(), contractual);
        foreach (var day in days)
        {
            var minimumWage = Inputs.MinimumWage(table, prefecture, day.Date);
            answers.Add(minimumWage);
            var rate = Math.Max(contractual, minimumWage.Rate.HourlyYen);
            lastRate = rate;
            minimumWageDays += rate > contractual ? 1 : 0;
            sum.Worked += day.Worked;
            sum.LateNight += day.LateNight;
            sum.LateNightYen += day.LateNight * rate * 0.25m;
            if (hourlyPay && minimumWage.Rate.HourlyYen > contractual)
            {
                sum.ShortfallYen += day.Worked * (minimumWage.Rate.HourlyYen - contractual);
            }

            if (holidays.Contains(day.Date))
            {
                // Art. 35: the weekly day off; its hours are holiday work, never overtime, and not counted toward 60.
                sum.Holiday += day.Worked;
                sum.HolidayYen += day.Worked * rate * (hourlyPay ? 0.35m : 1.35m);
                continue;
            }

            var dailyOvertime = Math.Max(0, day.Worked - DailyLimitMinutes);
            var regular = day.Worked - dailyOvertime;
            var week = WeekOf(day.Date, weekStart);
            var before = weeklyRegular.GetValueOrDefault(week);
            var weeklyOvertime = Math.Max(0, before + regular - (weeklyLimit * 60));
            weeklyOvertime = Math.Min(weeklyOvertime, regular);
            weeklyRegular[week] = before + regular - weeklyOvertime;
            var overtime = dailyOvertime + weeklyOvertime;

            var month = (day.Date.Year, day.Date.Month);
            var monthBefore = monthlyOvertime.GetValueOrDefault(month);
            monthlyOvertime[month] = monthBefore + overtime;
            var over60 = Math.Max(0, monthBefore + overtime - MonthlyThresholdMinutes) - Math.Max(0, monthBefore - MonthlyThresholdMinutes);

            var scheduled = Math.Min(day.Scheduled, regular - weeklyOvertime);
            var withinStatutory = Math.Max(0, regular - weeklyOvertime - day.Scheduled);
            sum.Scheduled += scheduled;
            sum.Overtime += overtime;
            sum.Over60 += over60;
            sum.OvertimeYen += (overtime - over60) * rate * (hourlyPay ? 0.25m : 1.25m);
            sum.Over60Yen += over60 * rate * (hourlyPay ? 0.5m : 1.5m);
            if (!hourlyPay)
            {
                sum.WithinStatutory += withinStatutory;
                sum.WithinStatutoryYen += withinStatutory * rate;
            }
        }

        var minimumWageApplied = minimumWageDays > 0;
        if (minimumWageApplied)
        {
            var lowest = answers.Min(a => a.Rate.HourlyYen);
            steps.Add("minimum-wage-base", "Minimum Wage Act Art. 4; LSA Art. 37",
                $"{StepList.Yen(Yen.TruncateToSen(contractual))} an hour is below the minimum wage ({StepList.Yen(lowest)} in {answers[0].Rate.PrefectureEn}): the minimum wage is the base on {minimumWageDays} of {days.Count} days.",
                ("contractualHourlyYen", Yen.TruncateToSen(contractual)), ("minimumWageYen", lowest), ("days", minimumWageDays), ("totalDays", days.Count));
        }

        steps.Add("hours", "LSA Art. 32(1)(2)",
            $"{Hours(sum.Worked)} hours worked: beyond 8 a day, then beyond {weeklyLimit} a week (Sunday-to-Saturday weeks unless told otherwise), {Hours(sum.Overtime)} are overtime.",
            ("workedHours", Hours(sum.Worked)), ("overtimeHours", Hours(sum.Overtime)), ("weeklyLimitHours", weeklyLimit));
        if (holidays.Count > 0)
        {
            steps.Add("holiday", "LSA Art. 35; Art. 37(1)", $"{Hours(sum.Holiday)} hours on the weekly day off are holiday work, paid at 135 %.", ("holidayHours", Hours(sum.Holiday)));
        }

        if (sum.Over60 > 0)
        {
            steps.Add("over-60", "LSA Art. 37(1) proviso", $"Overtime past 60 hours in a month: {Hours(sum.Over60)} hours at 150 % instead of 125 %.", ("overtimeOver60Hours", Hours(sum.Over60)));
        }

        if (sum.LateNight > 0)
        {
            steps.Add("late-night", "LSA Art. 37(4)", $"{Hours(sum.LateNight)} hours between 22:00 and 5:00: 25 % more, whatever else they are.", ("lateNightHours", Hours(sum.LateNight)));
        }

        var amounts = Amounts(sum, input.OvertimePaidYen ?? 0);
        steps.Add("owed", "LSA Art. 37", $"Premiums and unpaid hours {StepList.Yen(amounts.TotalYen)} − {StepList.Yen(amounts.PaidYen)} already paid = {StepList.Yen(amounts.OwedYen)} owed.",
            ("totalYen", amounts.TotalYen), ("paidYen", amounts.PaidYen), ("owedYen", amounts.OwedYen));

        var warnings = Inputs.Warnings([.. answers]).ToList();
        if (minimumWageApplied && !hourlyPay)
        {
            warnings.Add(new Warning("pay-below-minimum-wage", "The pay for the scheduled hours is below the minimum wage too: the minimum-wage check tells how much."));
        }

        if (days.Any(d => d.Worked > 20 * 60))
        {
            warnings.Add(new Warning("implausible-day", "A day has more than 20 hours of work: check the times."));
        }

        var hours = new OvertimeHours(Hours(sum.Worked), Hours(sum.Scheduled), Hours(sum.WithinStatutory), Hours(sum.Overtime), Hours(sum.Over60), Hours(sum.Holiday), Hours(sum.LateNight));
        return new OvertimeResult(Yen.TruncateToSen(lastRate), Yen.TruncateToSen(contractual), minimumWageApplied, hours, amounts) { Steps = steps.All, Warnings = warnings };
    }

    /// <summary>The days of a weekly pattern ("Monday to Saturday, 6:00 to 23:00, one hour break") between two dates.</summary>
    public static IReadOnlyList<WorkedDay> Pattern(DateOnly from, DateOnly to, IReadOnlyCollection<DayOfWeek> weekdays, TimeOnly start, TimeOnly end, int breakMinutes)
    {
        var days = new List<WorkedDay>();
        // By day number, so the last day of the calendar (9999-12-31) ends the loop rather than overflowing it.
        for (var day = from.DayNumber; day <= to.DayNumber && days.Count <= MaxDays; day++)
        {
            var date = DateOnly.FromDayNumber(day);
            if (weekdays.Contains(date.DayOfWeek))
            {
                days.Add(new WorkedDay(date, start, end, breakMinutes));
            }
        }

        return days;
    }

    internal static int SpanMinutes(TimeOnly start, TimeOnly end)
    {
        var (s, e) = (start.Hour * 60 + start.Minute, end.Hour * 60 + end.Minute);
        return e > s ? e - s : e + DayMinutes - s;
    }

    /// <summary>The weekly days off of Art. 35: the weekday given, or the last day of a week worked every day.</summary>
    private static HashSet<DateOnly> StatutoryHolidays(List<Shift> days, DayOfWeek? weekday, DayOfWeek weekStart)
    {
        if (weekday is { } given)
        {
            return days.Where(d => d.Date.DayOfWeek == given).Select(d => d.Date).ToHashSet();
        }

        return days.Where(d => d.Worked > 0)
            .GroupBy(d => WeekOf(d.Date, weekStart))
            .Where(w => w.Select(d => d.Date).Distinct().Count() == 7)
            .Select(w => w.Max(d => d.Date))
            .ToHashSet();
    }

    private static DateOnly WeekOf(DateOnly date, DayOfWeek weekStart) => date.AddDays(-(((int)date.DayOfWeek - (int)weekStart + 7) % 7));

    private static decimal Hours(decimal minutes) => Math.Round(minutes / 60m, 2, MidpointRounding.AwayFromZero);

    private static OvertimeAmounts Amounts(Sums sum, decimal paid)
    {
        // Minutes × yen an hour: divided by 60 once, at the end, then rounded to the yen.
        decimal Part(decimal minuteYen) => Yen.Round(minuteYen / 60m);
        var (within, overtime, over60, holiday, night, shortfall) =
            (Part(sum.WithinStatutoryYen), Part(sum.OvertimeYen), Part(sum.Over60Yen), Part(sum.HolidayYen), Part(sum.LateNightYen), Part(sum.ShortfallYen));
        var total = within + overtime + over60 + holiday + night + shortfall;
        return new OvertimeAmounts(within, overtime, over60, holiday, night, shortfall, total, paid, Math.Max(0, total - paid));
    }

    /// <summary>A day in minutes: worked, of which late at night, and the scheduled part.</summary>
    private sealed record Shift(DateOnly Date, int Worked, int LateNight, decimal Scheduled)
    {
        public static Shift Of(WorkedDay day, decimal scheduledHours)
        {
            var start = day.Start!.Value.Hour * 60 + day.Start.Value.Minute;
            var span = SpanMinutes(day.Start.Value, day.End!.Value);
            var worked = span - (day.BreakMinutes ?? 0);
            // 22:00-5:00 windows on the shift's own timeline (the night before, its night, and the next).
            var night = 0;
            foreach (var (from, to) in new[] { (-120, 300), (1320, 1740), (2760, 3180) })
            {
                night += Math.Max(0, Math.Min(start + span, to) - Math.Max(start, from));
            }

            // Breaks are taken outside the night (CALCULATORS.md), so the night is worked whole, up to what was worked.
            return new Shift(day.Date!.Value, worked, Math.Min(night, worked), scheduledHours * 60);
        }
    }

    private sealed class Sums
    {
        public int Worked { get; set; }

        public decimal Scheduled { get; set; }

        public decimal WithinStatutory { get; set; }

        public int Overtime { get; set; }

        public int Over60 { get; set; }

        public int Holiday { get; set; }

        public int LateNight { get; set; }

        public decimal WithinStatutoryYen { get; set; }

        public decimal OvertimeYen { get; set; }

        public decimal Over60Yen { get; set; }

        public decimal HolidayYen { get; set; }

        public decimal LateNightYen { get; set; }

        public decimal ShortfallYen { get; set; }
    }
}
