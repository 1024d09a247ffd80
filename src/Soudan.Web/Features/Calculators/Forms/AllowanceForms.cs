using Soudan.LaborLaw;
using Soudan.LaborLaw.Calculators;
using Soudan.LaborLaw.MinimumWages;
using Soudan.Web.Infrastructure.Text;

namespace Soudan.Web.Features.Calculators.Forms;

/// <summary>The average wage from the last three pay periods (the last three pay slips).</summary>
public sealed class AverageWageForm : CalculatorForm<AverageWageInput>
{
    public const int Periods = 3;

    public List<PeriodRow> Period { get; set; } = [];

    public sealed class PeriodRow
    {
        public string? CalendarDays { get; set; }

        public string? DaysWorked { get; set; }

        public string? Fixed { get; set; }

        public string? Variable { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(CalendarDays) && string.IsNullOrWhiteSpace(DaysWorked) && string.IsNullOrWhiteSpace(Fixed) && string.IsNullOrWhiteSpace(Variable);
    }

    /// <summary>Which row each period read came from, blank rows left out.</summary>
    private readonly List<int> _rows = [];

    public override void SetDefaults(DateOnly today) => Tidy();

    /// <summary>Always three rows to fill in, whatever came back.</summary>
    public override void Tidy()
    {
        while (Period.Count < Periods)
        {
            Period.Add(new PeriodRow());
        }
    }

    protected override AverageWageInput ReadInput(FormErrors errors)
    {
        Tidy();
        _rows.Clear();
        var periods = new List<WagePeriod>();
        for (var i = 0; i < Math.Min(Period.Count, Periods); i++)
        {
            var row = Period[i];
            if (row.IsBlank)
            {
                continue;
            }

            var at = $"{nameof(Period)}[{i}].";
            _rows.Add(i);
            periods.Add(new WagePeriod(
                errors.Whole(at + nameof(PeriodRow.CalendarDays), row.CalendarDays),
                errors.Whole(at + nameof(PeriodRow.DaysWorked), row.DaysWorked),
                errors.Yen(at + nameof(PeriodRow.Fixed), row.Fixed),
                errors.Yen(at + nameof(PeriodRow.Variable), row.Variable)));
        }

        return new AverageWageInput(periods);
    }

    protected override IReadOnlyList<InputError> Check(MinimumWageTable table, AverageWageInput input) => AverageWage.Check(input);

    protected override Explained Calculate(MinimumWageTable table, AverageWageInput input) => AverageWage.Calculate(input);

    protected override void Fill(AverageWageInput input)
    {
        Period = [.. (input.Periods ?? []).Select(p => new PeriodRow
        {
            CalendarDays = FormValues.Show(p.CalendarDays),
            DaysWorked = FormValues.Show(p.DaysWorked),
            Fixed = FormValues.Show(p.FixedYen),
            Variable = FormValues.Show(p.VariableYen),
        })];
        Tidy();
    }

    protected override string FieldOf(string apiField)
    {
        if (Indexed(apiField, "periods") is not var (index, rest))
        {
            return $"{nameof(Period)}[0].{nameof(PeriodRow.CalendarDays)}";
        }

        var row = index < _rows.Count ? _rows[index] : 0;
        return $"{nameof(Period)}[{row}]." + rest switch
        {
            "daysWorked" => nameof(PeriodRow.DaysWorked),
            "fixedYen" => nameof(PeriodRow.Fixed),
            "variableYen" => nameof(PeriodRow.Variable),
            _ => nameof(PeriodRow.CalendarDays),
        };
    }
}

/// <summary>Sent home by the employer: the leave allowance, at least 60 % of the average wage a day.</summary>
public sealed class LeaveAllowanceForm : CalculatorForm<LeaveAllowanceInput>
{
    public string? AverageWage { get; set; }

    public string? LeaveDays { get; set; }

    /// <summary>In per cent, as a person says it: 60.</summary>
    public string? RatePercent { get; set; }

    public string? Paid { get; set; }

    public override void SetDefaults(DateOnly today) => RatePercent = "60";

    public override void Prefill(KnownFacts facts) => AverageWage = FormValues.Show(facts.AverageWageYen) ?? AverageWage;

    protected override LeaveAllowanceInput ReadInput(FormErrors errors)
    {
        var percent = errors.Number(nameof(RatePercent), RatePercent);
        return new LeaveAllowanceInput(errors.Yen(nameof(AverageWage), AverageWage), errors.Whole(nameof(LeaveDays), LeaveDays), percent / 100m, errors.Yen(nameof(Paid), Paid));
    }

    protected override IReadOnlyList<InputError> Check(MinimumWageTable table, LeaveAllowanceInput input) => LeaveAllowance.Check(input);

    protected override Explained Calculate(MinimumWageTable table, LeaveAllowanceInput input) => LeaveAllowance.Calculate(input);

    protected override void Fill(LeaveAllowanceInput input) =>
        (AverageWage, LeaveDays, RatePercent, Paid) = (FormValues.Show(input.AverageWageYen), FormValues.Show(input.LeaveDays), FormValues.Show(input.Rate * 100m), FormValues.Show(input.PaidYen));

    protected override FormError OnBox(FormError problem) =>
        problem.Field == nameof(RatePercent) ? problem with { Min = problem.Min * 100, Max = problem.Max * 100 } : problem;

    protected override string FieldOf(string apiField) => apiField switch
    {
        "leaveDays" => nameof(LeaveDays),
        "rate" => nameof(RatePercent),
        "paidYen" => nameof(Paid),
        _ => nameof(AverageWage),
    };
}

/// <summary>Dismissed with less than 30 days' notice: the notice allowance.</summary>
public sealed class NoticeAllowanceForm : CalculatorForm<NoticeAllowanceInput>
{
    public string? AverageWage { get; set; }

    /// <summary>"yes" or "no": was the dismissal announced before the day?</summary>
    public string? NoticeGiven { get; set; }

    public string? NoticeDate { get; set; }

    public string? DismissalDate { get; set; }

    public override void SetDefaults(DateOnly today) => NoticeGiven = "yes";

    public override void Prefill(KnownFacts facts) => AverageWage = FormValues.Show(facts.AverageWageYen) ?? AverageWage;

    protected override NoticeAllowanceInput ReadInput(FormErrors errors)
    {
        var noticeDate = NoticeGiven == "no" ? null : errors.Date(nameof(NoticeDate), NoticeDate);
        if (NoticeGiven != "no" && noticeDate is null && errors.All.All(e => e.Field != nameof(NoticeDate)))
        {
            errors.Add(nameof(NoticeDate), "required");
        }

        return new NoticeAllowanceInput(errors.Yen(nameof(AverageWage), AverageWage), noticeDate, errors.Date(nameof(DismissalDate), DismissalDate));
    }

    protected override IReadOnlyList<InputError> Check(MinimumWageTable table, NoticeAllowanceInput input) => NoticeAllowance.Check(input);

    protected override Explained Calculate(MinimumWageTable table, NoticeAllowanceInput input) => NoticeAllowance.Calculate(input);

    protected override void Fill(NoticeAllowanceInput input) =>
        (AverageWage, NoticeGiven, NoticeDate, DismissalDate) = (FormValues.Show(input.AverageWageYen), input.NoticeDate is null ? "no" : "yes", FormValues.Show(input.NoticeDate), FormValues.Show(input.DismissalDate));

    protected override string FieldOf(string apiField) => apiField switch
    {
        "noticeDate" => nameof(NoticeDate),
        "dismissalDate" => nameof(DismissalDate),
        _ => nameof(AverageWage),
    };
}

/// <summary>How many days of paid leave do I have?</summary>
public sealed class PaidLeaveForm : CalculatorForm<PaidLeaveInput>
{
    public string? HireDate { get; set; }

    public string? On { get; set; }

    public string? WeeklyDays { get; set; }

    public string? WeeklyHours { get; set; }

    public string? AnnualDays { get; set; }

    public override void SetDefaults(DateOnly today) => (On, WeeklyDays, WeeklyHours) = (FormValues.Show(today), "5", "40");

    protected override PaidLeaveInput ReadInput(FormErrors errors) => new(
        errors.Date(nameof(HireDate), HireDate),
        errors.Date(nameof(On), On),
        errors.Whole(nameof(WeeklyDays), WeeklyDays),
        errors.Number(nameof(WeeklyHours), WeeklyHours),
        errors.Whole(nameof(AnnualDays), AnnualDays));

    protected override IReadOnlyList<InputError> Check(MinimumWageTable table, PaidLeaveInput input) => PaidLeave.Check(input);

    protected override Explained Calculate(MinimumWageTable table, PaidLeaveInput input) => PaidLeave.Calculate(input);

    protected override void Fill(PaidLeaveInput input) =>
        (HireDate, On, WeeklyDays, WeeklyHours, AnnualDays) = (FormValues.Show(input.HireDate), FormValues.Show(input.On), FormValues.Show(input.WeeklyDays), FormValues.Show(input.WeeklyHours), FormValues.Show(input.AnnualDays));

    protected override string FieldOf(string apiField) => apiField switch
    {
        "on" => nameof(On),
        "weeklyDays" => nameof(WeeklyDays),
        "weeklyHours" => nameof(WeeklyHours),
        "annualDays" => nameof(AnnualDays),
        _ => nameof(HireDate),
    };
}

/// <summary>How far back can I still claim unpaid wages?</summary>
public sealed class ClaimLimitationForm : CalculatorForm<ClaimLimitationInput>
{
    public string? On { get; set; }

    /// <summary>"wages", "retirementAllowance" or "other", as the API spells them.</summary>
    public string? ClaimType { get; set; }

    public override void SetDefaults(DateOnly today) => (On, ClaimType) = (FormValues.Show(today), "wages");

    protected override ClaimLimitationInput ReadInput(FormErrors errors) => new(
        errors.Date(nameof(On), On),
        ClaimType switch
        {
            "wages" => LaborLaw.Calculators.ClaimType.Wages,
            "retirementAllowance" => LaborLaw.Calculators.ClaimType.RetirementAllowance,
            "other" => LaborLaw.Calculators.ClaimType.Other,
            _ => null,
        });

    protected override IReadOnlyList<InputError> Check(MinimumWageTable table, ClaimLimitationInput input) => ClaimLimitation.Check(input);

    protected override Explained Calculate(MinimumWageTable table, ClaimLimitationInput input) => ClaimLimitation.Calculate(input);

    protected override void Fill(ClaimLimitationInput input) =>
        (On, ClaimType) = (FormValues.Show(input.On), input.ClaimType switch
        {
            LaborLaw.Calculators.ClaimType.RetirementAllowance => "retirementAllowance",
            LaborLaw.Calculators.ClaimType.Other => "other",
            _ => "wages",
        });

    protected override string FieldOf(string apiField) => apiField == "claimType" ? nameof(ClaimType) : nameof(On);
}
