using System.Collections.Frozen;

namespace Soudan.LaborLaw.MinimumWages;

/// <summary>
/// Every known regional minimum wage, by prefecture, in effective order: the rate in force on a day
/// is the one with the latest effective date not after it (CALCULATORS.md). Immutable; a new
/// revision loaded by an admin makes a new table.
/// </summary>
public sealed class MinimumWageTable
{
    /// <summary>A date more than this many months after the newest known rate may fall under a newer one.</summary>
    public const int MonthsBeforeNewerRevisionMayApply = 12;

    private readonly FrozenDictionary<string, MinimumWageRate[]> _byPrefecture;

    public MinimumWageTable(IEnumerable<MinimumWageRate> rates)
    {
        _byPrefecture = rates
            .GroupBy(r => r.PrefectureCode, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(r => r.EffectiveFrom).ToArray(), StringComparer.Ordinal);
        Rates = [.. _byPrefecture.Values.SelectMany(r => r).OrderBy(r => r.PrefectureCode, StringComparer.Ordinal).ThenBy(r => r.EffectiveFrom)];
    }

    /// <summary>The seed revision compiled into the library (FY2023-FY2025).</summary>
    public static MinimumWageTable Seed { get; } = LoadSeed();

    public IReadOnlyList<MinimumWageRate> Rates { get; }

    public IEnumerable<string> PrefectureCodes => _byPrefecture.Keys.Order(StringComparer.Ordinal);

    public bool Knows(string? prefectureCode) => prefectureCode is not null && _byPrefecture.ContainsKey(prefectureCode);

    /// <summary>The rate in force in the prefecture on the day, or null before the oldest known rate (or for an unknown code).</summary>
    public MinimumWageRate? InForce(string prefectureCode, DateOnly on)
    {
        if (!_byPrefecture.TryGetValue(prefectureCode, out var rates))
        {
            return null;
        }

        MinimumWageRate? found = null;
        foreach (var rate in rates)
        {
            if (rate.EffectiveFrom > on)
            {
                break;
            }

            found = rate;
        }

        return found;
    }

    public MinimumWageRate? Newest(string prefectureCode) =>
        _byPrefecture.TryGetValue(prefectureCode, out var rates) ? rates[^1] : null;

    /// <summary>True when the day is so long after the newest known rate that a newer revision, not yet loaded, may apply.</summary>
    public bool NewerRevisionMayApply(string prefectureCode, DateOnly on) =>
        Newest(prefectureCode) is { } newest && on > newest.EffectiveFrom.AddMonths(MonthsBeforeNewerRevisionMayApply);

    private static MinimumWageTable LoadSeed()
    {
        using var stream = typeof(MinimumWageTable).Assembly.GetManifestResourceStream("Soudan.LaborLaw.minimum-wages.csv")
            ?? throw new InvalidOperationException("The seed minimum wages are not compiled into the library.");
        using var reader = new StreamReader(stream);
        var parsed = MinimumWageCsv.Parse(reader);
        return parsed.Errors.Count == 0
            ? new MinimumWageTable(parsed.Rates)
            : throw new InvalidOperationException("The seed minimum wages are invalid: " + string.Join("; ", parsed.Errors));
    }
}
