using System.Globalization;
using System.Text;
using Soudan.LaborLaw.MinimumWages;

namespace Soudan.LaborLaw.Tests;

/// <summary>A new revision an admin loads: all 47 prefectures, real dates, a source each, and no silent decrease.</summary>
public sealed class MinimumWageCsvTests
{
    private const string Header = "prefecture_code,prefecture_ja,prefecture_en,fiscal_year,hourly_yen,effective_from,source";

    private static string Revision(int year, Func<int, int> yen, Func<int, string>? date = null, int prefectures = 47)
    {
        var text = new StringBuilder(Header + "\n");
        foreach (var rate in MinimumWageTable.Seed.Rates.Where(r => r.FiscalYear == 2025).Take(prefectures))
        {
            var n = int.Parse(rate.PrefectureCode, CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{rate.PrefectureCode},{rate.PrefectureJa},{rate.PrefectureEn},{year},{yen(n)},{date?.Invoke(n) ?? $"{year}-10-01"},官報 test notice\n");
        }

        return text.ToString();
    }

    [Fact]
    public void A_complete_revision_reads_without_error_and_answers_from_its_effective_day()
    {
        var parsed = MinimumWageCsv.Parse(new StringReader(Revision(2026, n => 1300 + n)));
        var table = MinimumWageCsv.Merge(MinimumWageTable.Seed, parsed.Rates);

        Assert.Empty(parsed.Errors);
        Assert.Equal(47, parsed.Rates.Count);
        Assert.Equal(1313, table.InForce("13", new DateOnly(2026, 10, 1))!.HourlyYen);
        Assert.Equal(1226, table.InForce("13", new DateOnly(2026, 9, 30))!.HourlyYen);
        Assert.Empty(MinimumWageCsv.Decreases(MinimumWageTable.Seed, parsed.Rates));
    }

    [Fact]
    public void A_missing_prefecture_a_bad_date_and_a_missing_source_are_each_named()
    {
        var missing = MinimumWageCsv.Parse(new StringReader(Revision(2026, n => 1300, prefectures: 46)));
        var badDate = MinimumWageCsv.Parse(new StringReader(Revision(2026, n => 1300, n => n == 13 ? "2026-02-30" : "2026-10-01")));
        var outsideYear = MinimumWageCsv.Parse(new StringReader(Revision(2026, n => 1300, n => n == 1 ? "2028-10-01" : "2026-10-01")));
        var noSource = MinimumWageCsv.Parse(new StringReader(Header + "\n13,東京都,Tokyo,2026,1300,2026-10-01,\n"));
        var wrongHeader = MinimumWageCsv.Parse(new StringReader("code,yen\n13,1300\n"));
        var typo = MinimumWageCsv.Parse(new StringReader(Revision(2026, n => n == 13 ? 13000 : 1300)));

        Assert.Contains(missing.Errors, e => e.Contains("prefecture 47", StringComparison.Ordinal));
        Assert.Contains(badDate.Errors, e => e.Contains("2026-02-30", StringComparison.Ordinal));
        Assert.Contains(outsideYear.Errors, e => e.Contains("outside fiscal year 2026", StringComparison.Ordinal));
        Assert.Contains(noSource.Errors, e => e.Contains("source", StringComparison.Ordinal));
        Assert.Contains(wrongHeader.Errors, e => e.Contains("first line", StringComparison.Ordinal));
        Assert.Contains(typo.Errors, e => e.Contains("13000", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rate_lower_than_the_one_before_it_is_reported_as_a_decrease()
    {
        var parsed = MinimumWageCsv.Parse(new StringReader(Revision(2026, n => n == 13 ? 1200 : 1300)));

        var decrease = Assert.Single(MinimumWageCsv.Decreases(MinimumWageTable.Seed, parsed.Rates));
        Assert.Equal(("13", 1226m, 1200m), (decrease.PrefectureCode, decrease.FromYen, decrease.ToYen));
    }
}
