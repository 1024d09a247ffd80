namespace Soudan.LaborLaw.Calculators;

public sealed record LeaveAllowanceInput(decimal? AverageWageYen, int? LeaveDays, decimal? Rate, decimal? PaidYen);

public sealed record LeaveAllowanceResult(decimal PerDayYen, decimal TotalYen, decimal OwedYen) : Explained;

/// <summary>Leave allowance (休業手当), LSA Art. 26: at least 60 % of the average wage for each scheduled working day of leave the employer caused.</summary>
public static class LeaveAllowance
{
    public const decimal StatutoryRate = 0.6m;

    public const int MaxLeaveDays = 366;

    public static IReadOnlyList<InputError> Check(LeaveAllowanceInput input)
    {
        var check = new InputCheck();
        check.Required("averageWageYen", input.AverageWageYen);
        check.Range("averageWageYen", input.AverageWageYen, 0, 1_000_000m);
        check.Required("leaveDays", input.LeaveDays);
        check.Range("leaveDays", input.LeaveDays, 0, MaxLeaveDays);
        check.Range("rate", input.Rate, StatutoryRate, 1m);
        check.Range("paidYen", input.PaidYen, 0, Inputs.MaxYen);
        return check.Errors;
    }

    public static LeaveAllowanceResult Calculate(LeaveAllowanceInput input)
    {
        var errors = Check(input);
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        var (average, days, rate, paid) = (input.AverageWageYen!.Value, input.LeaveDays!.Value, input.Rate ?? StatutoryRate, input.PaidYen ?? 0);
        var steps = new StepList();
        var perDay = average * rate;
        steps.Add("leave-per-day", "LSA Art. 26", $"{StepList.Yen(average)} average wage × {StepList.Number(rate * 100)} % = {StepList.Yen(perDay)} for each day of leave.",
            ("averageWageYen", average), ("rate", rate), ("perDayYen", perDay));
        var total = Yen.Round(perDay * days);
        steps.Add("leave-total", "LSA Art. 26", $"{StepList.Yen(perDay)} × {days} scheduled working days = {StepList.Yen(total)} (rounded to the yen).",
            ("perDayYen", perDay), ("leaveDays", days), ("totalYen", total));
        var owed = Math.Max(0, total - paid);
        steps.Add("leave-owed", "LSA Art. 26", $"{StepList.Yen(total)} − {StepList.Yen(paid)} already paid = {StepList.Yen(owed)} owed.",
            ("totalYen", total), ("paidYen", paid), ("owedYen", owed));
        return new LeaveAllowanceResult(perDay, total, owed) { Steps = steps.All };
    }
}

public sealed record NoticeAllowanceInput(decimal? AverageWageYen, DateOnly? NoticeDate, DateOnly? DismissalDate);

public sealed record NoticeAllowanceResult(int NoticeDays, int DaysOwed, decimal TotalYen) : Explained;

/// <summary>Dismissal notice allowance (解雇予告手当), LSA Art. 20: 30 days' notice, or the average wage for each day short.</summary>
public static class NoticeAllowance
{
    public const int NoticePeriodDays = 30;

    public static IReadOnlyList<InputError> Check(NoticeAllowanceInput input)
    {
        var check = new InputCheck();
        check.Required("averageWageYen", input.AverageWageYen);
        check.Range("averageWageYen", input.AverageWageYen, 0, 1_000_000m);
        check.Required("dismissalDate", input.DismissalDate);
        if (input.NoticeDate > input.DismissalDate)
        {
            check.Fail("noticeDate", "after-dismissal", "The notice cannot come after the dismissal.");
        }

        return check.Errors;
    }

    public static NoticeAllowanceResult Calculate(NoticeAllowanceInput input)
    {
        var errors = Check(input);
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        var steps = new StepList();
        var average = input.AverageWageYen!.Value;
        int noticeDays;
        if (input.NoticeDate is { } notice)
        {
            // The day of notice is not counted (Civil Code Art. 140): notice on 14 August for 27 August is 13 days.
            noticeDays = input.DismissalDate!.Value.DayNumber - notice.DayNumber;
            steps.Add("notice-days", "LSA Art. 20(1); Civil Code Art. 140", $"Notice on {notice:yyyy-MM-dd} for dismissal on {input.DismissalDate:yyyy-MM-dd}: {noticeDays} days (the day of notice not counted).",
                [("noticeDate", notice), ("dismissalDate", input.DismissalDate.Value)], ("noticeDays", noticeDays));
        }
        else
        {
            noticeDays = 0;
            steps.Add("no-notice", "LSA Art. 20(1)", "No notice was given.", ("noticeDays", 0));
        }

        var owedDays = Math.Max(0, NoticePeriodDays - noticeDays);
        var total = Yen.Round(average * owedDays);
        steps.Add("notice-owed", "LSA Art. 20(1)(2)", $"{NoticePeriodDays} − {noticeDays} = {owedDays} days short × {StepList.Yen(average)} average wage = {StepList.Yen(total)}.",
            ("noticeDays", noticeDays), ("daysOwed", owedDays), ("averageWageYen", average), ("totalYen", total));
        return new NoticeAllowanceResult(noticeDays, owedDays, total) { Steps = steps.All };
    }
}
