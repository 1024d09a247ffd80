using System.Globalization;
using System.Linq.Expressions;
using Microsoft.Extensions.Localization;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Japan;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Statistics;

/// <summary>How a dimension is held: a time period, a column of the fact, or values of their own (several a row).</summary>
public enum DimensionShape
{
    Period,
    Column,
    Values,
}

/// <summary>Everything needed to name a value in the reader's language.</summary>
public sealed record StatisticsWords(IStringLocalizer<PublicText> T, IStringLocalizer<StaffText> S, CultureInfo Culture, StatisticsTokens Tokens, IReadOnlyDictionary<int, string> Sessions, bool ForPublic = false)
{
    /// <summary>How a missing value reads: staff and the public page have their own words.</summary>
    public string NotRecorded => ForPublic ? T["Not recorded"].Value : S["Not recorded"].Value;
}

/// <summary>
/// A way to count: its stable code (the query string, the exports), its name on staff pages, how it
/// is held, and how its values read. <see cref="Key"/> is the SQL-side value grouped on, as text.
/// </summary>
public sealed record StatisticsDimension(
    string Code,
    string Label,
    DimensionShape Shape,
    Expression<Func<StatisticsFact, string?>>? Key,
    Func<string, StatisticsWords, string> Name,
    Func<StatisticsWords, IReadOnlyList<string>>? Choices = null);

/// <summary>The dimensions of the statistics (PRODUCT.md capability 7 and the statistics issue), one list for every view and export.</summary>
public static class StatisticsDimensions
{
    public const string Month = "month";
    public const string Day = "day";
    public const string Week = "week";
    public const string HotlineSession = "hotline-session";
    public const string Unit = "unit";
    public const string Problem = "problem";
    public const string DisputeCategory = "dispute-category";
    public const string Tag = "tag";
    public const string Urgent = "urgent";
    public const string Outcome = "outcome";
    public const string Benefit = "benefit";
    public const string Residence = "residence-status";

    /// <summary>A residence token no status of this version (or of this key) stands for.</summary>
    public const string UnknownToken = "(unknown-token)";

    public static TermList Outcomes { get; } = new(
    [
        new("money-recovered", Localizable.Staff("Money recovered")),
        new("benefits-obtained", Localizable.Staff("Benefits obtained")),
        new("reinstated", Localizable.Staff("Reinstated")),
        new("visa-resolved", Localizable.Staff("Residence matter resolved")),
        new("none-recorded", Localizable.Staff("No outcome recorded")),
    ]);

    public static TermList Units { get; } = new(
    [
        new("consultation", Localizable.Staff("Online consultations")),
        new("call", Localizable.Staff("Calls")),
        new("case", Localizable.Staff("Cases")),
    ]);

    public static TermList Channels { get; } = new(
    [
        new(Intake.Channels.WebForm, Localizable.Staff("Online form")),
        new(Intake.Channels.Api, Localizable.Staff("Partner site (API)")),
        new(Intake.Channels.Phone, Localizable.Staff("Phone")),
    ]);

    public static TermList Triage { get; } = new(
    [
        new("pending", Localizable.Staff("Waiting for triage")),
        new("answered", Localizable.Staff("Answered, nothing more to do")),
        new("case-opened", Localizable.Staff("Case opened")),
        new("attached-to-case", Localizable.Staff("Added to a case")),
        new("spam", Localizable.Staff("Spam")),
        new("duplicate", Localizable.Staff("Duplicate")),
    ]);

    /// <summary>What became of a consultation or call: a call answered on the phone is closed without triage.</summary>
    public static string TriageCode(Intake intake) => intake.Triage switch
    {
        TriageOutcome.CaseOpened => "case-opened",
        TriageOutcome.AttachedToCase => "attached-to-case",
        TriageOutcome.Spam => "spam",
        TriageOutcome.Duplicate => "duplicate",
        _ when intake.Status == IntakeStatus.Closed => "answered",
        _ => "pending",
    };

    public static string StatusCode(CaseStatus status) => status switch
    {
        CaseStatus.Active => "active",
        CaseStatus.WaitingOnWorker => "waiting-on-worker",
        CaseStatus.Referred => "referred",
        CaseStatus.Resolved => "resolved",
        CaseStatus.Closed => "closed",
        _ => "new",
    };

    private static readonly Dictionary<string, CaseStatus> StatusByCode = Enum.GetValues<CaseStatus>().ToDictionary(StatusCode, s => s, StringComparer.Ordinal);

    public static IReadOnlyList<string> OutcomesOf(CaseOutcome? outcome)
    {
        if (outcome is null || outcome.IsEmpty)
        {
            return ["none-recorded"];
        }

        var codes = new List<string>();
        if (outcome.TotalYen > 0)
        {
            codes.Add("money-recovered");
        }

        if (outcome.Benefits.Count > 0)
        {
            codes.Add("benefits-obtained");
        }

        if (outcome.Reinstated)
        {
            codes.Add("reinstated");
        }

        if (outcome.VisaResolved)
        {
            codes.Add("visa-resolved");
        }

        return codes;
    }

    private static Func<string, StatisticsWords, string> Public(TermList terms) => (code, w) => terms.Find(code) is { } term ? w.T[term.Label].Value : code;

    private static Func<string, StatisticsWords, string> Staff(TermList terms) => (code, w) => terms.Find(code) is { } term ? w.S[term.Label].Value : code;

    private static Func<StatisticsWords, IReadOnlyList<string>> CodesOf(TermList terms) => _ => terms.All.Select(t => t.Code).ToList();

    private static string MonthName(string key, StatisticsWords w) =>
        int.TryParse(key, CultureInfo.InvariantCulture, out var month) && month / 100 is >= 1 and <= 9999 && month % 100 is >= 1 and <= 12
            ? new DateOnly(month / 100, month % 100, 1).ToString("Y", w.Culture)
            : key;

    private static string DayName(string key, StatisticsWords w) =>
        int.TryParse(key, CultureInfo.InvariantCulture, out var day) && day > 1_000_000
            ? StatisticsFact.DayOf(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : key;

    // The keys are SQL: EF Core turns int.ToString() into a CAST, where no culture applies.
#pragma warning disable CA1305
    public static IReadOnlyList<StatisticsDimension> All { get; } =
    [
        new(Month, Localizable.Staff("Month"), DimensionShape.Period, f => f.Month.ToString(), MonthName),
        new("week", Localizable.Staff("Week (from Monday)"), DimensionShape.Period, f => f.Week.ToString(), DayName),
        new(Day, Localizable.Staff("Day"), DimensionShape.Period, f => f.Day.ToString(), DayName),
        new("hotline-session", Localizable.Staff("Hotline session"), DimensionShape.Period,
            f => f.HotlineSessionId == null ? null : ((int)f.HotlineSessionId).ToString(),
            (key, w) => int.TryParse(key, CultureInfo.InvariantCulture, out var id) && w.Sessions.TryGetValue(id, out var title) ? title : key),
        new(Unit, Localizable.Staff("Counted as"), DimensionShape.Column,
            f => f.Unit == StatisticsUnit.Consultation ? "consultation" : f.Unit == StatisticsUnit.Call ? "call" : "case", Staff(Units), CodesOf(Units)),
        new(Problem, Localizable.Staff("Problem"), DimensionShape.Values, null, Public(ConsultationTerms.Problems), CodesOf(ConsultationTerms.Problems)),
        new(DisputeCategory, Localizable.Staff("MHLW dispute category"), DimensionShape.Values, null, Staff(DisputeCategories.All), CodesOf(DisputeCategories.All)),
        new(Urgent, Localizable.Staff("Urgent need"), DimensionShape.Values, null, Public(ConsultationTerms.UrgentNeeds), CodesOf(ConsultationTerms.UrgentNeeds)),
        new("nationality", Localizable.Staff("Nationality"), DimensionShape.Column, f => f.Nationality,
            (code, w) => WorldNames.IsCountry(code) ? WorldNames.Country(code, w.Culture) : code,
            w => WorldNames.Countries.OrderBy(c => WorldNames.Country(c, w.Culture), StringComparer.Create(w.Culture, false)).ToList()),
        new("language", Localizable.Staff("Language"), DimensionShape.Column, f => f.Language,
            (code, w) => WorldNames.IsLanguageCode(code) ? WorldNames.Language(code, w.Culture) : code,
            _ => [.. PublicLanguages.All.Select(l => l.Code).Concat(WorldNames.CommonLanguages).Distinct().Order(StringComparer.Ordinal)]),
        new("prefecture", Localizable.Staff("Prefecture"), DimensionShape.Column, f => f.PrefectureCode,
            (code, w) => Prefectures.Find(code) is { } p ? (w.Culture.Name.StartsWith("ja", StringComparison.Ordinal) ? p.Japanese : p.Romaji) : code,
            _ => Prefectures.All.Select(p => p.Code).ToList()),
        new("industry", Localizable.Staff("Industry"), DimensionShape.Column, f => f.Industry, Public(ConsultationTerms.Industries), CodesOf(ConsultationTerms.Industries)),
        new("employment-type", Localizable.Staff("Employment type"), DimensionShape.Column, f => f.EmploymentType, Public(ConsultationTerms.EmploymentTypes), CodesOf(ConsultationTerms.EmploymentTypes)),
        // The key is the token; the query names it (StatisticsQuery) before the page does.
        new(Residence, Localizable.Staff("Residence status"), DimensionShape.Column, f => f.ResidenceToken,
            (code, w) => code == UnknownToken ? w.S["(no longer known)"].Value : Public(ConsultationTerms.ResidenceStatuses)(code, w),
            CodesOf(ConsultationTerms.ResidenceStatuses)),
        new("channel", Localizable.Staff("Channel"), DimensionShape.Column, f => f.Channel, Staff(Channels), CodesOf(Channels)),
        new("status", Localizable.Staff("Status or triage"), DimensionShape.Column, f => f.Status,
            (code, w) => StatusByCode.TryGetValue(code, out var status) ? w.S[CaseStaffText.Status(status)].Value : Staff(Triage)(code, w),
            _ => [.. Enum.GetValues<CaseStatus>().Select(StatusCode), .. Triage.All.Select(t => t.Code)]),
        new(Outcome, Localizable.Staff("Outcome"), DimensionShape.Values, null, Staff(Outcomes), CodesOf(Outcomes)),
        new(Benefit, Localizable.Staff("Benefit obtained"), DimensionShape.Values, null, Staff(CaseOutcome.BenefitKinds), CodesOf(CaseOutcome.BenefitKinds)),
        new(Tag, Localizable.Staff("Tag"), DimensionShape.Values, null, (code, _) => code),
    ];
#pragma warning restore CA1305

    private static readonly Dictionary<string, StatisticsDimension> ByCode = All.ToDictionary(d => d.Code, StringComparer.Ordinal);

    public static StatisticsDimension? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var d) ? d : null;
}
