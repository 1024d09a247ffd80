using System.Text.Json.Serialization;
using Soudan.LaborLaw.MinimumWages;

namespace Soudan.LaborLaw.Calculators;

public enum PayType
{
    Hourly,
    Daily,
    Monthly,
}

/// <summary>The rate in force for a prefecture and day, as the API shows it, and whether a newer revision may apply.</summary>
public sealed record MinimumWageAnswer([property: JsonIgnore] MinimumWageRate Rate, bool NewerRevisionMayApply)
{
    public string PrefectureCode => Rate.PrefectureCode;

    public PrefectureName PrefectureName => new(Rate.PrefectureJa, Rate.PrefectureEn);

    public decimal HourlyYen => Rate.HourlyYen;

    public DateOnly EffectiveFrom => Rate.EffectiveFrom;

    public string Source => Rate.Source;
}

public sealed record PrefectureName(string Ja, string En);

public sealed record MinimumWageCheckInput(string? PrefectureCode, DateOnly? On, PayType? PayType, decimal? PayYen, decimal? ScheduledHoursPerDay, decimal? ScheduledHoursPerMonth);

public sealed record MinimumWageCheckResult(MinimumWageAnswer MinimumWage, decimal HourlyEquivalentYen, bool Compliant, decimal ShortfallPerHourYen) : Explained;

/// <summary>Is the pay at least the regional minimum wage? (最低賃金法 Art. 4; DOMAIN.md §2.7)</summary>
public static class MinimumWageCheck
{
    public const string Article = "Minimum Wage Act Art. 4";

    public static IReadOnlyList<InputError> Check(MinimumWageTable table, MinimumWageCheckInput input)
    {
        var check = new InputCheck();
        Inputs.Prefecture(check, table, "prefectureCode", input.PrefectureCode, input.On, "on");
        Inputs.Pay(check, input.PayType, input.PayYen, input.ScheduledHoursPerDay, input.ScheduledHoursPerMonth);
        return check.Errors;
    }

    public static MinimumWageCheckResult Calculate(MinimumWageTable table, MinimumWageCheckInput input)
    {
        var errors = Check(table, input);
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        var steps = new StepList();
        var answer = Inputs.MinimumWage(table, input.PrefectureCode!, input.On!.Value);
        steps.Add("minimum-wage", Article, $"The minimum wage in {answer.Rate.PrefectureEn} on {input.On:yyyy-MM-dd} is {StepList.Yen(answer.Rate.HourlyYen)} an hour (from {answer.Rate.EffectiveFrom:yyyy-MM-dd}).",
            [("on", input.On.Value), ("effectiveFrom", answer.Rate.EffectiveFrom)], ("hourlyYen", answer.Rate.HourlyYen));
        var hourly = Inputs.Hourly(steps, input.PayType!.Value, input.PayYen!.Value, input.ScheduledHoursPerDay, input.ScheduledHoursPerMonth, excludedYen: 0, "Minimum Wage Act Art. 4; Minimum Wage Act Ordinance Art. 2");
        var compliant = hourly >= answer.Rate.HourlyYen;
        var shortfall = compliant ? 0m : Yen.TruncateToSen(answer.Rate.HourlyYen - hourly);
        steps.Add(compliant ? "compliant" : "below-minimum", Article,
            compliant
                ? $"{StepList.Yen(Yen.TruncateToSen(hourly))} an hour is at least the minimum wage."
                : $"{StepList.Yen(Yen.TruncateToSen(hourly))} an hour is {StepList.Yen(shortfall)} below the minimum wage.",
            ("hourlyEquivalentYen", Yen.TruncateToSen(hourly)), ("shortfallPerHourYen", shortfall));
        return new MinimumWageCheckResult(answer, Yen.TruncateToSen(hourly), compliant, shortfall)
        {
            Steps = steps.All,
            Warnings = Inputs.Warnings(answer),
        };
    }
}
