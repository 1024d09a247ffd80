using Soudan.LaborLaw;
using Soudan.LaborLaw.Calculators;
using Soudan.LaborLaw.MinimumWages;
using Soudan.Web.Infrastructure.Text;

namespace Soudan.Web.Features.Calculators.Forms;

/// <summary>
/// Unpaid overtime from the hours worked: either a weekly pattern ("Monday to Saturday, 6:00 to
/// 23:00, one hour break") between two days, or day by day. A pattern can be turned into days to
/// change the ones that were different, without JavaScript.
/// </summary>
public sealed class OvertimeForm : CalculatorForm<OvertimeInput>
{
    public const string PatternMode = "pattern";
    public const string DaysMode = "days";

    /// <summary>Blank rows offered at a time when entering day by day.</summary>
    public const int RowsAtATime = 7;

    public static IReadOnlyList<DayOfWeek> Week { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public string? PrefectureCode { get; set; }

    public string? PayType { get; set; }

    public string? Pay { get; set; }

    public string? HoursPerMonth { get; set; }

    public string? HoursPerDay { get; set; }

    public string? ExcludedAllowances { get; set; }

    /// <summary>"40", or "44" for the small workplaces of LSA Art. 40.</summary>
    public string? WeeklyLimit { get; set; }

    /// <summary>A weekday as the API spells it ("sunday"), or empty: the last day of a week worked every day.</summary>
    public string? StatutoryHoliday { get; set; }

    public string? OvertimePaid { get; set; }

    public string? Mode { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>Weekdays as the API spells them: "monday".</summary>
    public List<string> Weekdays { get; set; } = [];

    public string? Start { get; set; }

    public string? End { get; set; }

    public string? Break { get; set; }

    public List<DayRow> Days { get; set; } = [];

    public sealed class DayRow
    {
        public string? Date { get; set; }

        public string? Start { get; set; }

        public string? End { get; set; }

        public string? Break { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Date) && string.IsNullOrWhiteSpace(Start) && string.IsNullOrWhiteSpace(End) && string.IsNullOrWhiteSpace(Break);
    }

    public bool ByDay => Mode == DaysMode;

    /// <summary>Which row each day read came from, blank rows left out.</summary>
    private readonly List<int> _rows = [];

    public static string Spelling(DayOfWeek day) => day.ToString().ToLowerInvariant();

    public override void Prefill(KnownFacts facts) => PrefectureCode = facts.PrefectureCode ?? PrefectureCode;

    public override void SetDefaults(DateOnly today)
    {
        // Last month, Monday to Friday, nine to six with an hour's break: change what differs.
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        (From, To) = (FormValues.Show(firstOfMonth.AddMonths(-1)), FormValues.Show(firstOfMonth.AddDays(-1)));
        (PayType, HoursPerDay, WeeklyLimit, Mode) = ("monthly", "8", "40", PatternMode);
        Weekdays = [.. Week.Take(5).Select(Spelling)];
        (Start, End, Break) = ("09:00", "18:00", "60");
    }

    /// <summary>The pattern written out as days, to change those that were different.</summary>
    public IReadOnlyList<FormError> WriteOutDays()
    {
        var errors = new FormErrors();
        var days = PatternDays(errors);
        if (errors.All.Count > 0)
        {
            return errors.All;
        }

        Days = [.. days.Select(d => new DayRow { Date = FormValues.Show(d.Date), Start = FormValues.Show(d.Start), End = FormValues.Show(d.End), Break = FormValues.Show(d.BreakMinutes) })];
        Mode = DaysMode;
        AddRows();
        return [];
    }

    public void BackToPattern() => Mode = PatternMode;

    /// <summary>A few more blank rows, up to a month's worth.</summary>
    public void AddRows()
    {
        Mode = DaysMode;
        var blanks = Days.Count(d => d.IsBlank);
        for (var i = blanks; i < RowsAtATime && Days.Count < Overtime.MaxDays; i++)
        {
            Days.Add(new DayRow());
        }
    }

    protected override OvertimeInput ReadInput(FormErrors errors)
    {
        var payType = PayTypes.Read(PayType);
        var weeklyLimit = errors.Whole(nameof(WeeklyLimit), WeeklyLimit);
        var holiday = Week.Where(d => Spelling(d) == StatutoryHoliday).Cast<DayOfWeek?>().FirstOrDefault();
        return new OvertimeInput(
            PrefectureCode,
            payType,
            errors.Yen(nameof(Pay), Pay),
            payType == LaborLaw.Calculators.PayType.Monthly ? errors.Number(nameof(HoursPerMonth), HoursPerMonth) : null,
            errors.Number(nameof(HoursPerDay), HoursPerDay),
            errors.Yen(nameof(ExcludedAllowances), ExcludedAllowances),
            weeklyLimit,
            holiday,
            WeekStartsOn: null,
            errors.Yen(nameof(OvertimePaid), OvertimePaid),
            ByDay ? RowDays(errors) : PatternDays(errors));
    }

    protected override IReadOnlyList<InputError> Check(MinimumWageTable table, OvertimeInput input) => Overtime.Check(table, input);

    protected override Explained Calculate(MinimumWageTable table, OvertimeInput input) => Overtime.Calculate(table, input);

    protected override void Fill(OvertimeInput input)
    {
        (PrefectureCode, PayType, Pay, HoursPerMonth, HoursPerDay) =
            (input.PrefectureCode, PayTypes.Show(input.PayType), FormValues.Show(input.PayYen), FormValues.Show(input.ScheduledHoursPerMonth), FormValues.Show(input.ScheduledHoursPerDay));
        (ExcludedAllowances, WeeklyLimit, StatutoryHoliday, OvertimePaid) =
            (FormValues.Show(input.ExcludedAllowancesYen), FormValues.Show(input.WeeklyLimitHours), input.StatutoryHoliday is { } d ? Spelling(d) : null, FormValues.Show(input.OvertimePaidYen));
        Days = [.. (input.Days ?? []).Select(d => new DayRow { Date = FormValues.Show(d.Date), Start = FormValues.Show(d.Start), End = FormValues.Show(d.End), Break = FormValues.Show(d.BreakMinutes) })];
        Mode = DaysMode;
        AddRows();
    }

    protected override string FieldOf(string apiField)
    {
        var day = Indexed(apiField, "days");
        if (!ByDay && (day is not null || apiField == "days"))
        {
            // A pattern: the problem is with its days, start, end or break.
            return day?.Field switch
            {
                "start" => nameof(Start),
                "end" => nameof(End),
                "breakMinutes" => nameof(Break),
                null when apiField == "days" => nameof(To),
                _ => nameof(From),
            };
        }

        if (day is var (index, rest))
        {
            var row = index < _rows.Count ? _rows[index] : 0;
            return $"{nameof(Days)}[{row}]." + rest switch
            {
                "start" => nameof(DayRow.Start),
                "end" => nameof(DayRow.End),
                "breakMinutes" => nameof(DayRow.Break),
                _ => nameof(DayRow.Date),
            };
        }

        return apiField switch
        {
            "days" => $"{nameof(Days)}[0].{nameof(DayRow.Date)}",
            "prefectureCode" => nameof(PrefectureCode),
            "payType" => nameof(PayType),
            "scheduledHoursPerMonth" => nameof(HoursPerMonth),
            "scheduledHoursPerDay" => nameof(HoursPerDay),
            "excludedAllowancesYen" => nameof(ExcludedAllowances),
            "weeklyLimitHours" => nameof(WeeklyLimit),
            "overtimePaidYen" => nameof(OvertimePaid),
            _ => nameof(Pay),
        };
    }

    private List<WorkedDay> RowDays(FormErrors errors)
    {
        _rows.Clear();
        var days = new List<WorkedDay>();
        for (var i = 0; i < Days.Count; i++)
        {
            var row = Days[i];
            if (row.IsBlank)
            {
                continue;
            }

            var at = $"{nameof(Days)}[{i}].";
            _rows.Add(i);
            days.Add(new WorkedDay(
                errors.Date(at + nameof(DayRow.Date), row.Date),
                errors.Time(at + nameof(DayRow.Start), row.Start),
                errors.Time(at + nameof(DayRow.End), row.End),
                errors.Whole(at + nameof(DayRow.Break), row.Break) ?? 0));
        }

        return days;
    }

    private IReadOnlyList<WorkedDay> PatternDays(FormErrors errors)
    {
        var (from, to) = (errors.Date(nameof(From), From), errors.Date(nameof(To), To));
        var (start, end) = (errors.Time(nameof(Start), Start), errors.Time(nameof(End), End));
        var breakMinutes = errors.Whole(nameof(Break), Break) ?? 0;
        foreach (var (field, missing) in new[] { (nameof(From), From), (nameof(To), To), (nameof(Start), Start), (nameof(End), End) })
        {
            if (string.IsNullOrWhiteSpace(missing))
            {
                errors.Add(field, "required");
            }
        }

        var weekdays = Week.Where(d => Weekdays.Contains(Spelling(d))).ToList();
        if (weekdays.Count == 0)
        {
            errors.Add(nameof(Weekdays), "no-weekday");
        }

        if (from > to)
        {
            errors.Add(nameof(To), "before-from");
        }

        if (from is not { } first || to is not { } last || start is not { } s || end is not { } e || weekdays.Count == 0 || first > last)
        {
            return [];
        }

        if (last.DayNumber - first.DayNumber >= Overtime.MaxDays)
        {
            errors.Add(nameof(To), "period-too-long");
            return [];
        }

        return Overtime.Pattern(first, last, weekdays, s, e, breakMinutes);
    }
}
