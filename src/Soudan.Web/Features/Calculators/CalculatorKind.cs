using Soudan.Web.Features.Calculators.Forms;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Calculators;

/// <summary>
/// One calculator as people meet it: its address (<c>/{lang}/tools/{Slug}</c>, the same name as
/// its API kind), its name and what it answers in plain words, the problem of the consultation form
/// it leads to, and its form.
/// </summary>
/// <param name="Slug">The address and the API's kind: "overtime".</param>
/// <param name="Title">Its name, in English (the key of its translations).</param>
/// <param name="Question">What it answers, as the worker would ask it.</param>
/// <param name="Problem">The consultation form's problem it is about, ticked when the worker writes to us from it.</param>
/// <param name="UsesMinimumWages">Its answer can change when new minimum wages are loaded.</param>
/// <param name="Fields">The partial view with the form's boxes, in Pages/Fields.</param>
/// <param name="NewForm">A blank form.</param>
/// <param name="KeyFigures">The figures of its answer a counselor would quote, by their path in the answer: two answers with the same are the same.</param>
/// <param name="Owed">Where its answer says the money owed, for those that say one: what the consultation form carries over.</param>
public sealed record CalculatorKind(
    string Slug, string Title, string Question, string? Problem, bool UsesMinimumWages, string Fields, Func<CalculatorForm> NewForm, string[][] KeyFigures, string[]? Owed = null)
{
    /// <summary>In the order a worker is most likely to need them.</summary>
    public static IReadOnlyList<CalculatorKind> All { get; } =
    [
        new("minimum-wage-check", Localizable.Public("Minimum wage"), Localizable.Public("Is my pay at least the minimum wage where I work?"),
            "unpaid-wages", UsesMinimumWages: true, "_MinimumWageCheck", () => new MinimumWageCheckForm(),
            [["minimumWage", "hourlyYen"], ["compliant"], ["shortfallPerHourYen"]]),
        new("overtime", Localizable.Public("Unpaid overtime"), Localizable.Public("How much overtime, late-night and holiday pay am I owed for the hours I worked?"),
            "unpaid-overtime", UsesMinimumWages: true, "_Overtime", () => new OvertimeForm(),
            [["baseHourlyYen"], ["amounts", "totalYen"], ["amounts", "owedYen"]], Owed: ["amounts", "owedYen"]),
        new("leave-allowance", Localizable.Public("Sent home without pay"), Localizable.Public("My employer told me not to come to work. How much leave allowance must they pay?"),
            "unpaid-leave-allowance", UsesMinimumWages: false, "_LeaveAllowance", () => new LeaveAllowanceForm(),
            [["owedYen"], ["totalYen"]], Owed: ["owedYen"]),
        new("notice-allowance", Localizable.Public("Dismissed without notice"), Localizable.Public("I was dismissed with less than 30 days' notice. How much must my employer pay?"),
            "dismissal", UsesMinimumWages: false, "_NoticeAllowance", () => new NoticeAllowanceForm(),
            [["totalYen"], ["daysOwed"]], Owed: ["totalYen"]),
        new("average-wage", Localizable.Public("Average wage"), Localizable.Public("What is my average wage a day, the base of the leave and notice allowances?"),
            null, UsesMinimumWages: false, "_AverageWage", () => new AverageWageForm(),
            [["averageWageYen"]]),
        new("paid-leave", Localizable.Public("Paid leave"), Localizable.Public("How many days of paid leave do I have?"),
            null, UsesMinimumWages: false, "_PaidLeave", () => new PaidLeaveForm(),
            [["validDays"]]),
        new("claim-limitation", Localizable.Public("How far back can I claim?"), Localizable.Public("Until when can I still claim unpaid wages?"),
            "unpaid-wages", UsesMinimumWages: false, "_ClaimLimitation", () => new ClaimLimitationForm(),
            [["earliestClaimablePayday"]]),
    ];

    private static readonly Dictionary<string, CalculatorKind> BySlug = All.ToDictionary(k => k.Slug, StringComparer.Ordinal);

    public static CalculatorKind? Find(string? slug) => slug is not null && BySlug.TryGetValue(slug, out var kind) ? kind : null;

    public string PublicPath(PublicLanguage language) => $"/{language.Code}/tools/{Slug}";

    /// <summary>The form's boxes, shared by the public page and the case.</summary>
    public string FieldsView => $"~/Features/Calculators/Pages/Fields/{Fields}.cshtml";
}
