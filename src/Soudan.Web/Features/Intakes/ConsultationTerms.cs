using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Intakes;

/// <summary>A term of the shared vocabulary: a stable code (the API, statistics) and its English label (a key of the public text).</summary>
public sealed record Term(string Code, string Label);

/// <summary>A closed list of terms.</summary>
public sealed class TermList(IReadOnlyList<Term> terms)
{
    private readonly Dictionary<string, Term> _byCode = terms.ToDictionary(t => t.Code, StringComparer.Ordinal);

    public IReadOnlyList<Term> All { get; } = terms;

    public bool IsKnown(string? code) => code is not null && _byCode.ContainsKey(code);

    public Term? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var term) ? term : null;

    /// <summary>The label of a code, or the code itself when it is not (or no longer) in the list.</summary>
    public string LabelOf(string? code) => Find(code)?.Label ?? code ?? "";
}

/// <summary>
/// The words of a consultation, from PRODUCT.md ("Stable public interface") and DOMAIN.md: what
/// happened, what is urgent, the person's situation. Codes never change; labels are in the worker's
/// own words, first person, as on the form.
/// </summary>
public static class ConsultationTerms
{
    /// <summary>Problems and urgent needs that tell of health or of being a victim (APPI's "special care" data): kept only with consent.</summary>
    public static bool IsSensitive(string code) => code is "work-injury" or "injured-or-ill" or "in-danger";

    public static TermList Problems { get; } = new(
    [
        new("lost-shifts", Localizable.Public("My shifts were cut, or I was sent home")),
        new("company-closure", Localizable.Public("My company closed or stopped work")),
        new("wage-cut", Localizable.Public("My wages were cut")),
        new("unpaid-leave-allowance", Localizable.Public("I was sent home without the leave allowance")),
        new("cannot-pay-rent", Localizable.Public("I cannot pay my rent")),
        new("telework", Localizable.Public("Problems with working from home")),
        new("no-income", Localizable.Public("I have no income")),
        new("dismissal", Localizable.Public("I was dismissed")),
        new("contract-not-renewed", Localizable.Public("My contract was not renewed")),
        new("unpaid-wages", Localizable.Public("My wages were not paid")),
        new("unpaid-overtime", Localizable.Public("My overtime was not paid")),
        new("harassment", Localizable.Public("Harassment or bullying at work")),
        new("outing-or-discrimination", Localizable.Public("Discrimination, or someone told others about my private life")),
        new("work-injury", Localizable.Public("I was injured or became ill because of work")),
        new("residence-status", Localizable.Public("Worries about my residence status (visa)")),
        new("social-insurance", Localizable.Public("Social insurance, pension or health insurance")),
        new("passport-confiscated", Localizable.Public("My employer keeps my passport or residence card")),
        new("housing-dormitory", Localizable.Public("Problems with company housing or the dormitory")),
        new("other", Localizable.Public("Something else")),
    ]);

    public static TermList UrgentNeeds { get; } = new(
    [
        new("no-money-for-food", Localizable.Public("I have no money for food today")),
        new("losing-housing", Localizable.Public("I am losing my home")),
        new("injured-or-ill", Localizable.Public("I am injured or ill")),
        new("in-danger", Localizable.Public("I am in danger")),
    ]);

    /// <summary>DOMAIN.md §4, the statuses workers who call hold, with the Japanese name on their card.</summary>
    public static TermList ResidenceStatuses { get; } = new(
    [
        new("technical-intern-training", Localizable.Public("Technical intern (技能実習)")),
        new("specified-skilled-worker", Localizable.Public("Specified skilled worker (特定技能)")),
        new("engineer-humanities-international", Localizable.Public("Engineer, specialist in humanities or international services (技術・人文知識・国際業務)")),
        new("skilled-labor", Localizable.Public("Skilled labor, for example a cook (技能)")),
        new("nursing-care", Localizable.Public("Nursing care (介護)")),
        new("student", Localizable.Public("Student (留学)")),
        new("dependent", Localizable.Public("Family member of a resident (家族滞在)")),
        new("designated-activities", Localizable.Public("Designated activities (特定活動)")),
        new("permanent-resident", Localizable.Public("Permanent resident (永住者)")),
        new("spouse-of-japanese", Localizable.Public("Spouse or child of a Japanese national (日本人の配偶者等)")),
        new("spouse-of-permanent-resident", Localizable.Public("Spouse or child of a permanent resident (永住者の配偶者等)")),
        new("long-term-resident", Localizable.Public("Long-term resident (定住者)")),
        new("special-permanent-resident", Localizable.Public("Special permanent resident (特別永住者)")),
        new("temporary-visitor", Localizable.Public("Short-term visitor (短期滞在)")),
        new("other-status", Localizable.Public("Another status")),
        new("no-status", Localizable.Public("I have no valid residence status now")),
        new("unknown", Localizable.Public("I do not know")),
    ]);

    public static TermList EmploymentTypes { get; } = new(
    [
        new("regular", Localizable.Public("Regular full-time employee (正社員)")),
        new("contract", Localizable.Public("Fixed-term contract (契約社員)")),
        new("part-time", Localizable.Public("Part-time (パート・アルバイト)")),
        new("dispatched", Localizable.Public("Sent by a dispatch agency (派遣)")),
        new("technical-intern", Localizable.Public("Technical intern (技能実習生)")),
        new("self-employed", Localizable.Public("Freelance, self-employed or gig work (業務委託)")),
        new("other", Localizable.Public("Something else")),
        new("unknown", Localizable.Public("I do not know")),
    ]);

    public static TermList Industries { get; } = new(
    [
        new("manufacturing", Localizable.Public("Factory or manufacturing")),
        new("food-processing", Localizable.Public("Food processing")),
        new("construction", Localizable.Public("Construction")),
        new("food-service", Localizable.Public("Restaurant or food service")),
        new("hospitality", Localizable.Public("Hotel or lodging")),
        new("retail", Localizable.Public("Shop, convenience store or wholesale")),
        new("care", Localizable.Public("Nursing care, hospital or welfare")),
        new("agriculture", Localizable.Public("Farming or fishing")),
        new("logistics", Localizable.Public("Delivery, warehouse or transport")),
        new("cleaning", Localizable.Public("Cleaning or building maintenance")),
        new("office", Localizable.Public("Office, IT or teaching")),
        new("other", Localizable.Public("Something else")),
    ]);
}
