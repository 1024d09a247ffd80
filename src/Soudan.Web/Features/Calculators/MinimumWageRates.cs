using Soudan.LaborLaw.MinimumWages;

namespace Soudan.Web.Features.Calculators;

/// <summary>
/// The regional minimum wages the calculators use: the revision compiled into Soudan.LaborLaw
/// (FY2023-FY2025, with sources). Revisions loaded by an admin are to be merged on top.
/// </summary>
public sealed class MinimumWageRates
{
    public MinimumWageTable Current { get; } = MinimumWageTable.Seed;
}
