using Soudan.LaborLaw;
using Soudan.LaborLaw.Calculators;
using Soudan.LaborLaw.MinimumWages;
using Soudan.Web.Infrastructure.Text;

namespace Soudan.Web.Features.Calculators.Forms;

/// <summary>Is my pay at least the minimum wage?</summary>
public sealed class MinimumWageCheckForm : CalculatorForm<MinimumWageCheckInput>
{
    public string? PrefectureCode { get; set; }

    public string? On { get; set; }

    /// <summary>"hourly", "daily" or "monthly", as the API spells them.</summary>
    public string? PayType { get; set; }

    public string? Pay { get; set; }

    public string? HoursPerDay { get; set; }

    public string? HoursPerMonth { get; set; }

    public override void Prefill(KnownFacts facts) => PrefectureCode = facts.PrefectureCode ?? PrefectureCode;

    public override void SetDefaults(DateOnly today)
    {
        On = FormValues.Show(today);
        PayType = "monthly";
        HoursPerDay = "8";
    }

    protected override MinimumWageCheckInput ReadInput(FormErrors errors)
    {
        var payType = PayTypes.Read(PayType);
        return new MinimumWageCheckInput(
            PrefectureCode,
            errors.Date(nameof(On), On),
            payType,
            errors.Yen(nameof(Pay), Pay),
            payType == LaborLaw.Calculators.PayType.Daily ? errors.Number(nameof(HoursPerDay), HoursPerDay) : null,
            payType == LaborLaw.Calculators.PayType.Monthly ? errors.Number(nameof(HoursPerMonth), HoursPerMonth) : null);
    }

    protected override IReadOnlyList<InputError> Check(MinimumWageTable table, MinimumWageCheckInput input) => MinimumWageCheck.Check(table, input);

    protected override Explained Calculate(MinimumWageTable table, MinimumWageCheckInput input) => MinimumWageCheck.Calculate(table, input);

    protected override void Fill(MinimumWageCheckInput input)
    {
        (PrefectureCode, On, PayType, Pay) = (input.PrefectureCode, FormValues.Show(input.On), PayTypes.Show(input.PayType), FormValues.Show(input.PayYen));
        (HoursPerDay, HoursPerMonth) = (FormValues.Show(input.ScheduledHoursPerDay), FormValues.Show(input.ScheduledHoursPerMonth));
    }

    protected override string FieldOf(string apiField) => apiField switch
    {
        "prefectureCode" => nameof(PrefectureCode),
        "on" => nameof(On),
        "payType" => nameof(PayType),
        "scheduledHoursPerDay" => nameof(HoursPerDay),
        "scheduledHoursPerMonth" => nameof(HoursPerMonth),
        _ => nameof(Pay),
    };
}

/// <summary>The pay types as forms and the API spell them.</summary>
public static class PayTypes
{
    public static PayType? Read(string? text) => text switch
    {
        "hourly" => PayType.Hourly,
        "daily" => PayType.Daily,
        "monthly" => PayType.Monthly,
        _ => null,
    };

    public static string? Show(PayType? type) => type?.ToString().ToLowerInvariant();
}
