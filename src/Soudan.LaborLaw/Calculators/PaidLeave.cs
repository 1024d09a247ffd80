namespace Soudan.LaborLaw.Calculators;

public sealed record PaidLeaveInput(DateOnly? HireDate, DateOnly? On, int? WeeklyDays, decimal? WeeklyHours, int? AnnualDays);

public enum PaidLeaveTable
{
    Standard,
    Proportional,
}

public sealed record PaidLeaveGrant(DateOnly GrantDate, int Days, DateOnly ExpiresOn);

public sealed record PaidLeaveResult(PaidLeaveTable Table, IReadOnlyList<PaidLeaveGrant> Grants, int ValidDays) : Explained;

/// <summary>Annual paid leave (年次有給休暇), LSA Art. 39 and Ordinance Art. 24-3, assuming 80 % attendance.</summary>
public static class PaidLeave
{
    /// <summary>Days granted at 0.5, 1.5, ... 6.5 years of service (and every year after).</summary>
    private static readonly int[] StandardDays = [10, 11, 12, 14, 16, 18, 20];

    /// <summary>The proportional table, by weekly scheduled days 1-4.</summary>
    private static readonly int[][] ProportionalDays =
    [
        [1, 2, 2, 2, 3, 3, 3],
        [3, 4, 4, 5, 6, 6, 7],
        [5, 6, 6, 8, 9, 10, 11],
        [7, 8, 9, 10, 12, 13, 15],
    ];

    public static IReadOnlyList<InputError> Check(PaidLeaveInput input)
    {
        var check = new InputCheck();
        check.Required("hireDate", input.HireDate);
        check.Required("on", input.On);
        check.Required("weeklyDays", input.WeeklyDays);
        check.Required("weeklyHours", input.WeeklyHours);
        check.Range("weeklyDays", input.WeeklyDays, 0, 7);
        check.Range("weeklyHours", input.WeeklyHours, 0, 168);
        check.Range("annualDays", input.AnnualDays, 0, 366);
        if (input.On is { Year: < 2000 or > 2200 })
        {
            check.Fail("on", "year-out-of-range", "Choose a day between 2000 and 2200.");
        }

        if (input.On < input.HireDate)
        {
            check.Fail("on", "before-hire", "The day asked about is before the hire date.");
        }

        if (input.On is { } on && input.HireDate is { } hired && on.Year - hired.Year > 80)
        {
            check.Fail("hireDate", "too-long-ago", "More than 80 years of service.");
        }

        return check.Errors;
    }

    public static PaidLeaveResult Calculate(PaidLeaveInput input)
    {
        var errors = Check(input);
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        var (hired, on, weeklyDays, weeklyHours) = (input.HireDate!.Value, input.On!.Value, input.WeeklyDays!.Value, input.WeeklyHours!.Value);
        var steps = new StepList();
        var standard = weeklyHours >= 30 || weeklyDays >= 5 || input.AnnualDays >= 217;
        var row = standard ? StandardDays : ProportionalRow(weeklyDays, input.AnnualDays);
        steps.Add(standard ? "standard-table" : "proportional-table", standard ? "LSA Art. 39(2)" : "LSA Art. 39(3); Ordinance Art. 24-3",
            standard
                ? $"{weeklyDays} days and {StepList.Number(weeklyHours)} hours a week: the standard table."
                : $"{weeklyDays} days and {StepList.Number(weeklyHours)} hours a week (under 30 hours, 4 days or fewer): the proportional table.",
            ("weeklyDays", weeklyDays), ("weeklyHours", weeklyHours));

        var grants = new List<PaidLeaveGrant>();
        var first = hired.AddMonths(6);
        for (var year = 0; row is not null; year++)
        {
            var date = first.AddYears(year);
            if (date > on)
            {
                break;
            }

            grants.Add(new PaidLeaveGrant(date, row[Math.Min(year, row.Length - 1)], date.AddYears(2)));
        }

        foreach (var grant in grants)
        {
            steps.Add("grant", "LSA Art. 39(1)(2)", $"{grant.GrantDate:yyyy-MM-dd}: {grant.Days} days, usable until the day before {grant.ExpiresOn:yyyy-MM-dd}.",
                [("grantDate", grant.GrantDate), ("usableUntil", grant.ExpiresOn.AddDays(-1))], ("days", grant.Days));
        }

        var valid = grants.Where(g => g.GrantDate <= on && on < g.ExpiresOn).Sum(g => g.Days);
        steps.Add("valid-days", "LSA Art. 115", $"Days granted in the last two years, before any were taken: {valid}.", ("validDays", valid));
        var warnings = row is null
            ? [new Warning("no-grant", "Fewer scheduled days than the tables know (under one a week, or under 48 a year): no paid leave is granted.")]
            : grants.Count == 0
                ? new[] { new Warning("not-yet", $"The first paid leave comes on {first:yyyy-MM-dd}, six months after the hire date.") { Dates = new Dictionary<string, DateOnly> { ["firstGrant"] = first } } }
                : [];
        return new PaidLeaveResult(standard ? PaidLeaveTable.Standard : PaidLeaveTable.Proportional, grants, valid) { Steps = steps.All, Warnings = warnings };
    }

    private static int[]? ProportionalRow(int weeklyDays, int? annualDays)
    {
        var days = weeklyDays > 0 ? weeklyDays : annualDays switch
        {
            >= 169 => 4,
            >= 121 => 3,
            >= 73 => 2,
            >= 48 => 1,
            _ => 0,
        };
        return days is >= 1 and <= 4 ? ProportionalDays[days - 1] : null;
    }
}
