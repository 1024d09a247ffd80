using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Cases;

/// <summary>
/// The twelve dispute categories of the MHLW individual labour dispute statistics (DOMAIN.md §6.3,
/// JIL k30), so that the organisation's figures can be set beside the Ministry's.
/// </summary>
public static class DisputeCategories
{
    public static TermList All { get; } = new(
    [
        new("dismissal", Localizable.Staff("Dismissal (解雇)")),
        new("non-renewal", Localizable.Staff("Non-renewal of a fixed-term contract (雇止め)")),
        new("pressure-to-resign", Localizable.Staff("Pressure to resign (退職勧奨)")),
        new("offer-withdrawn", Localizable.Staff("Job offer withdrawn (採用内定取消)")),
        new("resignation", Localizable.Staff("Problems resigning (自己都合退職)")),
        new("transfer", Localizable.Staff("Secondment or transfer (出向・配置転換)")),
        new("worse-conditions", Localizable.Staff("Working conditions lowered (労働条件の引下げ)")),
        new("other-conditions", Localizable.Staff("Other working conditions (その他の労働条件)")),
        new("bullying-harassment", Localizable.Staff("Bullying or harassment (いじめ・嫌がらせ)")),
        new("employment-management", Localizable.Staff("Employment management (雇用管理等)")),
        new("recruitment", Localizable.Staff("Recruitment or hiring (募集・採用)")),
        new("other", Localizable.Staff("Other (その他)")),
    ]);

    /// <summary>The category a problem the worker ticked most likely falls under; the counselor corrects it on the case.</summary>
    public static IReadOnlyList<string> SuggestedFor(IEnumerable<string> problems) =>
        problems.Select(problem => problem switch
            {
                "dismissal" => "dismissal",
                "contract-not-renewed" => "non-renewal",
                "wage-cut" or "lost-shifts" => "worse-conditions",
                "harassment" or "outing-or-discrimination" => "bullying-harassment",
                "unpaid-wages" or "unpaid-overtime" or "unpaid-leave-allowance" or "company-closure" or "telework" or "work-injury" or "social-insurance" or "housing-dormitory" => "other-conditions",
                _ => null,
            })
            .OfType<string>()
            .Distinct()
            .ToList();
}
