namespace Soudan.LaborLaw;

/// <summary>Rounding as CALCULATORS.md says: exact decimals throughout, rounded only at the end.</summary>
public static class Yen
{
    /// <summary>To the yen, half up: under 0.5 yen dropped, 0.5 and over raised (amounts here are never negative).</summary>
    public static decimal Round(decimal yen) => Math.Round(yen, 0, MidpointRounding.AwayFromZero);

    /// <summary>Cut to the sen (0.01 yen), as the average wage is.</summary>
    public static decimal TruncateToSen(decimal yen) => Math.Truncate(yen * 100m) / 100m;
}
