namespace Soudan.LaborLaw.Calculators;

/// <summary>One wage period before the triggering day, without the excluded days and wages of Art. 12 ③④.</summary>
public sealed record WagePeriod(int? CalendarDays, int? DaysWorked, decimal? FixedYen, decimal? VariableYen);

public sealed record AverageWageInput(IReadOnlyList<WagePeriod>? Periods);

public enum AverageWageMethod
{
    Standard,
    MinimumGuarantee,
}

public sealed record AverageWageResult(decimal AverageWageYen, decimal StandardYen, decimal? MinimumGuaranteeYen, AverageWageMethod Method) : Explained;

/// <summary>Average wage (平均賃金), LSA Art. 12: the base of the leave and notice allowances.</summary>
public static class AverageWage
{
    public static IReadOnlyList<InputError> Check(AverageWageInput input)
    {
        var check = new InputCheck();
        if (input.Periods is not { Count: >= 1 and <= 3 } periods)
        {
            check.Fail("periods", "count", "Give one to three wage periods.");
            return check.Errors;
        }

        if (periods.Any(p => p is null))
        {
            check.Fail($"periods[{periods.ToList().FindIndex(p => p is null)}]", "required", "Give the days and wages of each period.");
            return check.Errors;
        }

        for (var i = 0; i < periods.Count; i++)
        {
            var (p, at) = (periods[i], $"periods[{i}].");
            check.Required(at + "calendarDays", p.CalendarDays);
            check.Required(at + "daysWorked", p.DaysWorked);
            check.Range(at + "calendarDays", p.CalendarDays, 1, 31);
            check.Range(at + "daysWorked", p.DaysWorked, 0, 31);
            check.Range(at + "fixedYen", p.FixedYen, 0, Inputs.MaxYen);
            check.Range(at + "variableYen", p.VariableYen, 0, Inputs.MaxYen);
            if (p.DaysWorked > p.CalendarDays)
            {
                check.Fail(at + "daysWorked", "more-than-calendar-days", "Cannot be more than the calendar days.");
            }
        }

        if (periods.Sum(p => p.VariableYen ?? 0) > 0 && periods.Sum(p => p.DaysWorked ?? 0) == 0)
        {
            check.Fail("periods[0].daysWorked", "required", "Pay by the day or hour needs the days worked.");
        }

        return check.Errors;
    }

    public static AverageWageResult Calculate(AverageWageInput input)
    {
        var errors = Check(input);
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        var periods = input.Periods!;
        var steps = new StepList();
        var calendarDays = periods.Sum(p => p.CalendarDays!.Value);
        var daysWorked = periods.Sum(p => p.DaysWorked!.Value);
        var fixedYen = periods.Sum(p => p.FixedYen ?? 0);
        var variableYen = periods.Sum(p => p.VariableYen ?? 0);
        var standard = Yen.TruncateToSen((fixedYen + variableYen) / calendarDays);
        steps.Add("average-standard", "LSA Art. 12(1)",
            $"Wages of the period {StepList.Yen(fixedYen + variableYen)} ÷ {calendarDays} calendar days = {StepList.Yen(standard)} (cut to the sen).",
            ("wagesYen", fixedYen + variableYen), ("calendarDays", calendarDays), ("standardYen", standard));

        decimal? guarantee = null;
        if (variableYen > 0)
        {
            guarantee = Yen.TruncateToSen((fixedYen / calendarDays) + (variableYen / daysWorked * 0.6m));
            steps.Add("average-guarantee", fixedYen > 0 ? "LSA Art. 12(1)(ii)" : "LSA Art. 12(1)(i)",
                $"Pay by the day or hour {StepList.Yen(variableYen)} ÷ {daysWorked} days worked × 60 %" + (fixedYen > 0 ? $", plus the monthly part {StepList.Yen(fixedYen)} ÷ {calendarDays} calendar days" : "") + $" = {StepList.Yen(guarantee.Value)}: the average is never less.",
                ("variableYen", variableYen), ("daysWorked", daysWorked), ("fixedYen", fixedYen), ("calendarDays", calendarDays), ("minimumGuaranteeYen", guarantee.Value));
        }

        var method = guarantee > standard ? AverageWageMethod.MinimumGuarantee : AverageWageMethod.Standard;
        var average = method == AverageWageMethod.MinimumGuarantee ? guarantee!.Value : standard;
        steps.Add("average-wage", "LSA Art. 12(1)", $"Average wage: {StepList.Yen(average)} a day.", ("averageWageYen", average));
        return new AverageWageResult(average, standard, guarantee, method) { Steps = steps.All };
    }
}
