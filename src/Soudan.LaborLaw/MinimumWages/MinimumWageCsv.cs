using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Soudan.LaborLaw.MinimumWages;

/// <summary>What reading a revision found: its rates, and every line that is wrong (with its line number).</summary>
public sealed record ParsedRevision(IReadOnlyList<MinimumWageRate> Rates, IReadOnlyList<string> Errors);

/// <summary>A rate lower than the one it follows: allowed only when an admin confirms it (it has never happened).</summary>
public sealed record MinimumWageDecrease(string PrefectureCode, decimal FromYen, decimal ToYen, DateOnly EffectiveFrom);

/// <summary>
/// Reads and checks a revision of regional minimum wages in the shape of the seed file
/// (<c>prefecture_code,prefecture_ja,prefecture_en,fiscal_year,hourly_yen,effective_from,source</c>).
/// A revision must name all 47 prefectures for every fiscal year it holds, with real dates, a
/// plausible rate and a source for each.
/// </summary>
public static class MinimumWageCsv
{
    public const int Prefectures = 47;

    /// <summary>Far above any Japanese minimum wage yet, far below a typing slip of one more zero.</summary>
    public const decimal HighestPlausibleYen = 5000m;

    private static readonly string[] Header = ["prefecture_code", "prefecture_ja", "prefecture_en", "fiscal_year", "hourly_yen", "effective_from", "source"];

    public static ParsedRevision Parse(TextReader text)
    {
        var rates = new List<MinimumWageRate>();
        var errors = new List<string>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, DetectColumnCountChanges = false };
        using var csv = new CsvReader(text, configuration);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header || !header.SequenceEqual(Header, StringComparer.Ordinal))
        {
            return new ParsedRevision([], ["The first line must be: " + string.Join(',', Header)]);
        }

        while (csv.Read())
        {
            var line = csv.Parser.Row;
            if (csv.Parser.Count != Header.Length)
            {
                errors.Add($"Line {line}: {csv.Parser.Count} columns, not {Header.Length}.");
                continue;
            }

            var code = csv.GetField(0)!;
            var (ja, en, source) = (csv.GetField(1)!, csv.GetField(2)!, csv.GetField(6)!);
            var lineErrors = new List<string>();
            if (code.Length != 2 || !int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > Prefectures)
            {
                lineErrors.Add($"prefecture code \"{code}\" is not 01-47");
            }

            if (!int.TryParse(csv.GetField(3), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
            {
                lineErrors.Add($"fiscal year \"{csv.GetField(3)}\" is not a year");
            }

            if (!decimal.TryParse(csv.GetField(4), NumberStyles.None, CultureInfo.InvariantCulture, out var yen) || yen is <= 0 or > HighestPlausibleYen)
            {
                lineErrors.Add($"hourly rate \"{csv.GetField(4)}\" is not a whole number of yen up to {HighestPlausibleYen}");
            }

            if (!DateOnly.TryParseExact(csv.GetField(5), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
            {
                lineErrors.Add($"effective date \"{csv.GetField(5)}\" is not a date (YYYY-MM-DD)");
            }
            else if (year != 0 && (from < new DateOnly(year, 4, 1) || from > new DateOnly(year + 1, 3, 31)))
            {
                lineErrors.Add($"effective date {from:yyyy-MM-dd} is outside fiscal year {year} (April to March)");
            }

            if (ja.Length == 0 || en.Length == 0)
            {
                lineErrors.Add("the prefecture's names are missing");
            }

            if (source.Length == 0)
            {
                lineErrors.Add("the source is missing: every rate says where it was read");
            }

            if (lineErrors.Count > 0)
            {
                errors.Add($"Line {line}: " + string.Join("; ", lineErrors) + ".");
                continue;
            }

            rates.Add(new MinimumWageRate(code, ja, en, year, yen, from, source));
        }

        foreach (var fiscalYear in rates.GroupBy(r => r.FiscalYear).OrderBy(g => g.Key))
        {
            var codes = fiscalYear.Select(r => r.PrefectureCode).ToList();
            var missing = Enumerable.Range(1, Prefectures).Select(n => n.ToString("00", CultureInfo.InvariantCulture)).Except(codes, StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                errors.Add($"Fiscal year {fiscalYear.Key}: no rate for prefecture {string.Join(", ", missing)} (all {Prefectures} are needed).");
            }

            foreach (var twice in codes.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                errors.Add($"Fiscal year {fiscalYear.Key}: prefecture {twice.Key} appears {twice.Count()} times.");
            }
        }

        if (rates.Count == 0 && errors.Count == 0)
        {
            errors.Add("The file holds no rates.");
        }

        return new ParsedRevision(rates, errors);
    }

    /// <summary>Rates of the revision lower than the rate before them (in the revision or the table it adds to).</summary>
    public static IReadOnlyList<MinimumWageDecrease> Decreases(MinimumWageTable current, IEnumerable<MinimumWageRate> revision)
    {
        var merged = Merge(current, revision);
        var added = revision.Select(r => (r.PrefectureCode, r.EffectiveFrom)).ToHashSet();
        return merged.Rates
            .GroupBy(r => r.PrefectureCode, StringComparer.Ordinal)
            .SelectMany(g => g.Zip(g.Skip(1), (before, after) => (before, after)))
            .Where(p => p.after.HourlyYen < p.before.HourlyYen && added.Contains((p.after.PrefectureCode, p.after.EffectiveFrom)))
            .Select(p => new MinimumWageDecrease(p.after.PrefectureCode, p.before.HourlyYen, p.after.HourlyYen, p.after.EffectiveFrom))
            .ToList();
    }

    /// <summary>The table with the revision's rates added; a rate for the same prefecture and fiscal year replaces the old one.</summary>
    public static MinimumWageTable Merge(MinimumWageTable current, IEnumerable<MinimumWageRate> revision)
    {
        var replaced = revision.ToList();
        var keys = replaced.Select(r => (r.PrefectureCode, r.FiscalYear)).ToHashSet();
        return new MinimumWageTable(current.Rates.Where(r => !keys.Contains((r.PrefectureCode, r.FiscalYear))).Concat(replaced));
    }
}
