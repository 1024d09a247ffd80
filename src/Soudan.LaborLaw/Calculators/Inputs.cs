using Soudan.LaborLaw.MinimumWages;

namespace Soudan.LaborLaw.Calculators;

/// <summary>Checks and steps that several calculators share.</summary>
internal static class Inputs
{
    /// <summary>More than any month has hours; and a day has 24.</summary>
    public const decimal MaxHoursPerMonth = 744m;

    public const decimal MaxYen = 100_000_000m;

    public static void Prefecture(InputCheck check, MinimumWageTable table, string field, string? code, DateOnly? on, string dateField)
    {
        check.Required(field, code);
        check.Required(dateField, on);
        if (code is not null && !table.Knows(code))
        {
            check.Fail(field, "unknown-prefecture", "Not a prefecture code (01-47).");
        }
        else if (code is not null && on is { } day && table.InForce(code, day) is null)
        {
            check.Fail(dateField, "before-known-rates", $"No minimum wage is known this far back (the oldest is from {table.Rates.Where(r => r.PrefectureCode == code).Min(r => r.EffectiveFrom):yyyy-MM-dd}).");
        }
    }

    public static void Pay(InputCheck check, PayType? payType, decimal? payYen, decimal? hoursPerDay, decimal? hoursPerMonth)
    {
        check.Required("payType", payType);
        check.Required("payYen", payYen);
        check.Range("payYen", payYen, 0, MaxYen);
        if (payType == PayType.Daily)
        {
            check.Required("scheduledHoursPerDay", hoursPerDay);
        }

        if (payType == PayType.Monthly)
        {
            check.Required("scheduledHoursPerMonth", hoursPerMonth);
        }

        check.PositiveAtMost("scheduledHoursPerDay", hoursPerDay, 24);
        check.PositiveAtMost("scheduledHoursPerMonth", hoursPerMonth, MaxHoursPerMonth);
    }

    public static MinimumWageAnswer MinimumWage(MinimumWageTable table, string code, DateOnly on) =>
        new(table.InForce(code, on)!, table.NewerRevisionMayApply(code, on));

    public static IReadOnlyList<Warning> Warnings(params MinimumWageAnswer[] answers) =>
        answers.Any(a => a.NewerRevisionMayApply)
            ? [new Warning("newer-minimum-wage-may-apply", "The date is more than a year after the newest minimum wage known here: a newer, higher rate may apply.")]
            : [];

    /// <summary>The pay as an hourly figure (DOMAIN.md §2.7), exact.</summary>
    public static decimal Hourly(StepList steps, PayType payType, decimal payYen, decimal? hoursPerDay, decimal? hoursPerMonth, decimal excludedYen, string article)
    {
        var counted = payYen - excludedYen;
        switch (payType)
        {
            case PayType.Daily:
                steps.Add("hourly-from-daily", article, $"{StepList.Yen(counted)} a day ÷ {StepList.Number(hoursPerDay!.Value)} scheduled hours a day.",
                    ("payYen", counted), ("hours", hoursPerDay.Value), ("hourlyYen", Yen.TruncateToSen(counted / hoursPerDay.Value)));
                return counted / hoursPerDay.Value;
            case PayType.Monthly:
                steps.Add("hourly-from-monthly", article, $"{StepList.Yen(counted)} a month ÷ {StepList.Number(hoursPerMonth!.Value)} scheduled hours a month on average.",
                    ("payYen", counted), ("hours", hoursPerMonth.Value), ("hourlyYen", Yen.TruncateToSen(counted / hoursPerMonth.Value)));
                return counted / hoursPerMonth.Value;
            default:
                return counted;
        }
    }
}
