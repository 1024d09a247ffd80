namespace Soudan.LaborLaw.MinimumWages;

/// <summary>One prefecture's regional minimum wage (地域別最低賃金) from the day it took effect, and where that was read.</summary>
public sealed record MinimumWageRate(
    string PrefectureCode,
    string PrefectureJa,
    string PrefectureEn,
    int FiscalYear,
    decimal HourlyYen,
    DateOnly EffectiveFrom,
    string Source);
