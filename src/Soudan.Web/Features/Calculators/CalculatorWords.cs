using System.Globalization;
using Microsoft.Extensions.Localization;
using Soudan.LaborLaw;
using Soudan.Web.Features.Calculators.Forms;
using Soudan.Web.Infrastructure.Japan;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Calculators;

/// <summary>
/// The calculators in the reader's words: each step, warning and input problem of the library by
/// its code, with its figures written the reader's way (¥180,000 or 180,000円, a date in their
/// calendar's words), and the articles of law by name. English is the key of every sentence.
/// </summary>
public sealed class CalculatorWords(IStringLocalizer<PublicText> T)
{
    /// <summary>Every article the library cites, so the translation test asks each language for it.</summary>
    public static IReadOnlyList<string> Articles { get; } =
    [
        Localizable.Public("LSA Art. 115"),
        Localizable.Public("LSA Art. 115; Art. 143(3)"),
        Localizable.Public("LSA Art. 12(1)"),
        Localizable.Public("LSA Art. 12(1)(i)"),
        Localizable.Public("LSA Art. 12(1)(ii)"),
        Localizable.Public("LSA Art. 20(1)"),
        Localizable.Public("LSA Art. 20(1)(2)"),
        Localizable.Public("LSA Art. 20(1); Civil Code Art. 140"),
        Localizable.Public("LSA Art. 26"),
        Localizable.Public("LSA Art. 32(1)(2)"),
        Localizable.Public("LSA Art. 35; Art. 37(1)"),
        Localizable.Public("LSA Art. 37"),
        Localizable.Public("LSA Art. 37(1) proviso"),
        Localizable.Public("LSA Art. 37(1); Ordinance Art. 19"),
        Localizable.Public("LSA Art. 37(4)"),
        Localizable.Public("LSA Art. 37(5); Ordinance Art. 21"),
        Localizable.Public("LSA Art. 39(1)(2)"),
        Localizable.Public("LSA Art. 39(2)"),
        Localizable.Public("LSA Art. 39(3); Ordinance Art. 24-3"),
        Localizable.Public("Minimum Wage Act Art. 4"),
        Localizable.Public("Minimum Wage Act Art. 4; LSA Art. 37"),
        Localizable.Public("Minimum Wage Act Art. 4; Minimum Wage Act Ordinance Art. 2"),
    ];

    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    private static bool JapaneseReader => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ja";

    public static string Yen(decimal yen) =>
        Isolated(JapaneseReader ? yen.ToString("#,0.##", Culture) + "円" : "¥" + yen.ToString("#,0.##", Culture));

    public static string Number(decimal value) => Isolated(value.ToString("#,0.##", Culture));

    /// <summary>In Arabic a figure reads left to right inside the sentence ("¥75,520", not "75,520¥"): first-strong isolates around it.</summary>
    private static string Isolated(string figure) => CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft ? "\u2068" + figure + "\u2069" : figure;

    public static string Date(DateOnly date) => date.ToString("D", Culture);

    public string Title(CalculatorKind kind) => T[kind.Title];

    public string Article(string article) => T[article];

    public string Prefecture(string? code) =>
        Prefectures.Find(code) is { } prefecture ? Prefectures.DisplayName(prefecture, JapaneseReader) : code ?? "";

    /// <summary>A step of a calculation as one sentence; a step this version does not know keeps the library's English.</summary>
    public string Step(CalculationStep step, string? prefectureCode)
    {
        string Y(string name) => Yen(step.Figures.GetValueOrDefault(name));
        string N(string name) => Number(step.Figures.GetValueOrDefault(name));
        string D(string name) => step.Dates.TryGetValue(name, out var date) ? Date(date) : "";
        return step.Code switch
        {
            "hourly-from-monthly" => T["{0} a month ÷ {1} scheduled hours a month = {2} an hour.", Y("payYen"), N("hours"), Y("hourlyYen")],
            "hourly-from-daily" => T["{0} a day ÷ {1} scheduled hours a day = {2} an hour.", Y("payYen"), N("hours"), Y("hourlyYen")],
            "minimum-wage" => T["The minimum wage in {0} on {1} is {2} an hour (in force since {3}).", Prefecture(prefectureCode), D("on"), Y("hourlyYen"), D("effectiveFrom")],
            "compliant" => T["{0} an hour is at least the minimum wage.", Y("hourlyEquivalentYen")],
            "below-minimum" => T["{0} an hour is {1} an hour below the minimum wage.", Y("hourlyEquivalentYen"), Y("shortfallPerHourYen")],
            "leave-per-day" => T["Average wage {0} × {1} % = {2} for each day of leave.", Y("averageWageYen"), Number(step.Figures.GetValueOrDefault("rate") * 100), Y("perDayYen")],
            "leave-total" => T["{0} × {1} days of leave = {2} (rounded to the yen).", Y("perDayYen"), N("leaveDays"), Y("totalYen")],
            "leave-owed" => T["{0} − {1} already paid = {2} still owed.", Y("totalYen"), Y("paidYen"), Y("owedYen")],
            "notice-days" => T["Notice on {0}, dismissal on {1}: {2} days of notice (the day of notice is not counted).", D("noticeDate"), D("dismissalDate"), N("noticeDays")],
            "no-notice" => T["No notice was given."],
            "notice-owed" => T["30 days − {0} days of notice = {1} days short. {1} days × average wage {2} = {3}.", N("noticeDays"), N("daysOwed"), Y("averageWageYen"), Y("totalYen")],
            "average-standard" => T["Wages of the period {0} ÷ {1} calendar days = {2} a day (cut to the sen).", Y("wagesYen"), N("calendarDays"), Y("standardYen")],
            "average-guarantee" when step.Figures.GetValueOrDefault("fixedYen") > 0 =>
                T["Pay by the day or hour {0} ÷ {1} days worked × 60 %, plus the monthly part {2} ÷ {3} calendar days = {4}: the average wage is never less than this.", Y("variableYen"), N("daysWorked"), Y("fixedYen"), N("calendarDays"), Y("minimumGuaranteeYen")],
            "average-guarantee" => T["Pay by the day or hour {0} ÷ {1} days worked × 60 % = {2}: the average wage is never less than this.", Y("variableYen"), N("daysWorked"), Y("minimumGuaranteeYen")],
            "average-wage" => T["Average wage: {0} a day.", Y("averageWageYen")],
            "standard-table" => T["{0} days and {1} hours a week: the standard table applies.", N("weeklyDays"), N("weeklyHours")],
            "proportional-table" => T["{0} days and {1} hours a week (under 30 hours, 4 days or fewer): the table for part-time work applies.", N("weeklyDays"), N("weeklyHours")],
            "grant" => T["{0}: {1} days, which can be used until {2}.", D("grantDate"), N("days"), D("usableUntil")],
            "valid-days" => T["Days granted in the last two years, before any were taken: {0}.", N("validDays")],
            "retirement-five-years" => T["A retirement allowance can be claimed for five years: paydays from {0}.", D("earliestPayday")],
            "other-two-years" => T["Other claims (such as paid leave) can be made for two years: paydays from {0}.", D("earliestPayday")],
            "wages" => T["Wages paid on or after {0} can be claimed for three years, earlier wages for two. On {1}: paydays from {2}.", D("threeYearsFrom"), D("on"), D("earliestPayday")],
            "excluded-allowances" => T["{0} of allowances (family, commuting, housing…) are left out of the base.", Y("excludedYen")],
            "minimum-wage-base" => T["{0} an hour is below the minimum wage ({1} in {2}): the minimum wage is the base on {3} of {4} days.", Y("contractualHourlyYen"), Y("minimumWageYen"), Prefecture(prefectureCode), N("days"), N("totalDays")],
            "hours" => T["{0} hours worked. Hours beyond 8 a day, then beyond {1} a week, are overtime: {2} hours.", N("workedHours"), N("weeklyLimitHours"), N("overtimeHours")],
            "holiday" => T["{0} hours on the weekly day off are holiday work, paid at 135 %.", N("holidayHours")],
            "over-60" => T["Overtime past 60 hours in a month: {0} hours at 150 % instead of 125 %.", N("overtimeOver60Hours")],
            "late-night" => T["{0} hours between 22:00 and 5:00: 25 % more, whatever else they are.", N("lateNightHours")],
            "owed" => T["Premiums and unpaid hours {0} − {1} already paid = {2} owed.", Y("totalYen"), Y("paidYen"), Y("owedYen")],
            _ => step.Text,
        };
    }

    public string Warning(Warning warning) => warning.Code switch
    {
        "newer-minimum-wage-may-apply" => T["The date is more than a year after the newest minimum wage we know: a newer, higher rate may apply."],
        "pay-below-minimum-wage" => T["The pay for the scheduled hours is below the minimum wage too. The minimum wage calculator shows by how much."],
        "implausible-day" => T["A day has more than 20 hours of work. Please check the times."],
        "no-grant" => T["With fewer scheduled days than the tables know (under one a week, or under 48 a year), no paid leave is granted."],
        "not-yet" => T["The first paid leave comes on {0}, six months after the day you started.", warning.Dates.TryGetValue("firstGrant", out var first) ? Date(first) : ""],
        _ => warning.Text,
    };

    /// <summary>What to fix in a box, in the reader's language.</summary>
    public string Error(FormError error) => error.Code switch
    {
        "required" => T["Please fill this in."],
        "not-a-number" => T["Write a number, for example 180000."],
        "not-a-whole-number" => T["Write a whole number, for example 20."],
        "not-a-date" => T["Write a date as year-month-day, for example 2025-11-03."],
        "not-a-time" => T["Write a time as hours:minutes, for example 06:00."],
        "out-of-range" => T["Write a number from {0} to {1}.", Number(error.Min ?? 0), Number(error.Max ?? 0)],
        "positive-at-most" => T["Write a number more than 0 and at most {0}.", Number(error.Max ?? 0)],
        "unknown-prefecture" => T["Choose the prefecture where you work."],
        "before-known-rates" => T["We do not know the minimum wage this far back. Choose a later date."],
        "more-than-pay" => T["The allowances left out cannot be more than the pay."],
        "not-40-or-44" => T["Choose 40 hours, or 44 hours for the small workplaces allowed it."],
        "break-too-long" => T["The break must be shorter than the working time."],
        "too-many" or "period-too-long" => T["The days must fall within 31 days. Calculate one month at a time."],
        "duplicate" => T["This date is entered twice."],
        "count" => T["Fill in at least one pay period."],
        "more-than-calendar-days" => T["The days worked cannot be more than the days in the period."],
        "after-dismissal" => T["The notice cannot come after the day of dismissal."],
        "before-hire" => T["This day is before the day you started working."],
        "too-long-ago" => T["The day you started is too long ago."],
        "year-out-of-range" => T["Choose a day between 2000 and 2200."],
        "no-weekday" => T["Tick at least one day of the week."],
        "before-from" => T["The last day cannot be before the first day."],
        _ => T["Please check this."],
    };
}
