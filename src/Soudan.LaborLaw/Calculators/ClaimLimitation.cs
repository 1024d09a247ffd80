namespace Soudan.LaborLaw.Calculators;

public enum ClaimType
{
    Wages,
    RetirementAllowance,
    Other,
}

public sealed record ClaimLimitationInput(DateOnly? On, ClaimType? ClaimType);

public sealed record ClaimLimitationResult(DateOnly EarliestClaimablePayday, int Years) : Explained;

/// <summary>
/// How far back a claim can go (消滅時効), LSA Art. 115 and the transitional Art. 143(3): a claim
/// whose payday is P can be made through the day that corresponds to P, N years later.
/// </summary>
public static class ClaimLimitation
{
    /// <summary>Wages with a payday from this day have three years; earlier ones kept two.</summary>
    public static readonly DateOnly ThreeYearsFrom = new(2020, 4, 1);

    public static IReadOnlyList<InputError> Check(ClaimLimitationInput input)
    {
        var check = new InputCheck();
        check.Required("on", input.On);
        check.Required("claimType", input.ClaimType);
        if (input.On is { Year: < 2000 or > 2200 })
        {
            check.Fail("on", "year-out-of-range", "Choose a day between 2000 and 2200.");
        }

        return check.Errors;
    }

    public static ClaimLimitationResult Calculate(ClaimLimitationInput input)
    {
        var errors = Check(input);
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        var on = input.On!.Value;
        var steps = new StepList();
        DateOnly earliest;
        int years;
        switch (input.ClaimType!.Value)
        {
            case ClaimType.RetirementAllowance:
                (earliest, years) = (on.AddYears(-5), 5);
                steps.Add("retirement-five-years", "LSA Art. 115; Art. 143(3)", $"A retirement allowance can be claimed for five years: paydays from {earliest:yyyy-MM-dd}.", [("on", on), ("earliestPayday", earliest)], ("years", 5));
                break;
            case ClaimType.Other:
                (earliest, years) = (on.AddYears(-2), 2);
                steps.Add("other-two-years", "LSA Art. 115", $"Other claims (such as paid leave) last two years: paydays from {earliest:yyyy-MM-dd}.", [("on", on), ("earliestPayday", earliest)], ("years", 2));
                break;
            default:
                // Three years back if that lands after the change; before it, the old two years decide.
                var threeBack = on.AddYears(-3);
                var twoBack = on.AddYears(-2);
                (earliest, years) = threeBack >= ThreeYearsFrom ? (threeBack, 3)
                    : twoBack < ThreeYearsFrom ? (twoBack, 2)
                    : (ThreeYearsFrom, 3);
                steps.Add("wages", "LSA Art. 115; Art. 143(3)",
                    $"Wages paid on or after {ThreeYearsFrom:yyyy-MM-dd} can be claimed for three years, earlier ones for two: on {on:yyyy-MM-dd}, paydays from {earliest:yyyy-MM-dd}.",
                    [("on", on), ("earliestPayday", earliest), ("threeYearsFrom", ThreeYearsFrom)], ("years", years));
                break;
        }

        return new ClaimLimitationResult(earliest, years) { Steps = steps.All };
    }
}
