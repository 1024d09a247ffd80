using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using Soudan.Web.Features.Statistics;
using Soudan.Web.Resources;

namespace Soudan.Tests.Features.Statistics;

/// <summary>
/// The rules for figures with small cells hidden, without the app: which views an analyst may ask
/// for (today is 14 May 2026), how a table hides and orders its values, and when publishing a table
/// asks for confirmation. Worked examples.
/// </summary>
public sealed class SmallCellsRulesTests
{
    private static readonly DateOnly Today = new(2026, 5, 14);

    [Theory]
    [InlineData("", "")]                                                            // the twelve months that have ended
    [InlineData("from=2026-04&to=2026-04", "")]                                      // a month field: April, whole
    [InlineData("from=2026-01-01&to=2026-04-30&rows=nationality&columns=residence-status", "")]
    [InlineData("from=2026-04-02&to=2026-04-30", "from")]                            // starts inside a month
    [InlineData("from=2026-04-01&to=2026-04-29", "to")]                              // ends inside a month
    [InlineData("from=2026-04-01&to=2026-05-31", "to")]                              // May has not ended
    [InlineData("from=2026-04-01&to=2026-05-14", "to")]                              // nor today
    [InlineData("from=2026-04&to=2026-04&rows=day", "rows")]
    [InlineData("from=2026-04&to=2026-04&columns=week", "columns")]
    [InlineData("from=2026-04&to=2026-04&rows=hotline-session", "rows")]
    [InlineData("from=2026-04&to=2026-04&hotline-session=3", "hotline-session")]
    [InlineData("from=2026-04&to=2026-04&rows=tag", "rows")]
    [InlineData("from=2026-04&to=2026-04&tag=COVID-19", "tag")]
    public void With_small_cells_hidden_a_view_covers_whole_months_that_have_ended_by_month_at_the_finest_and_no_tag(string query, string refusedField)
    {
        var (request, mistakes) = Read(query, smallCellsHidden: true);
        var (_, exactMistakes) = Read(query, smallCellsHidden: false);

        Assert.Equal(refusedField, string.Join(",", mistakes.Select(m => m.Field)));
        Assert.Empty(exactMistakes); // those who read exact figures may ask for any of them
        if (query.Length == 0)
        {
            Assert.Equal((new DateOnly(2025, 5, 1), new DateOnly(2026, 4, 30)), (request.From, request.To));
        }
    }

    [Fact]
    public void A_month_field_reads_as_the_first_day_in_from_and_the_last_in_to()
    {
        var (request, mistakes) = Read("from=2024-02&to=2024-02", smallCellsHidden: false);

        Assert.Empty(mistakes);
        Assert.Equal((new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29)), (request.From, request.To));
    }

    [Fact]
    public void A_table_with_small_cells_hidden_shows_them_as_null_and_puts_them_last_by_name()
    {
        // Philippines 12, Nepal 3, Viet Nam 20, Mongolia 7, not recorded 6.
        var table = Table(("PH", 12), ("NP", 3), ("VN", 20), ("MN", 7), (null, 6));
        var exact = Table(false, ("PH", 12), ("NP", 3), ("VN", 20), ("MN", 7), (null, 6));

        // Nepal's 3 is hidden, and the smallest count of 5 or more with it (not recorded, 6).
        Assert.Equal(["VN", "PH", "MN", "NP", null], table.Rows.Select(r => r.Code));
        Assert.Equal([20, 12, 7, null, null], table.Rows.Select(r => table.Shown(r)));
        Assert.Equal(48, table.ShownSum);
        Assert.Equal(48, table.ShownCounted);
        Assert.Equal(2, table.HiddenCells);
        Assert.False(table.NothingShown);
        Assert.Equal(["VN", "PH", "MN", "NP", null], exact.Rows.Select(r => r.Code));
        Assert.Equal([20, 12, 7, 3, 6], exact.Rows.Select(r => exact.Shown(r)));
    }

    [Fact]
    public void A_total_hidden_to_protect_its_cells_hides_the_count_too()
    {
        // 3 and 2: both small, so the total 5 is hidden too; the count, the same 5, would give it away.
        var table = Table(("PH", 3), ("NP", 2));

        Assert.Null(table.ShownSum);
        Assert.Null(table.ShownCounted);
        Assert.True(table.NothingShown);
    }

    [Fact]
    public void A_published_table_asks_for_confirmation_when_crossed_long_or_mostly_hidden()
    {
        var small = PublishedFigures.Of(Table(("PH", 12), ("VN", 20), ("MN", 7)));
        var mostlyHidden = PublishedFigures.Of(Table(("PH", 12), ("VN", 6), ("MN", 3)));
        var longList = PublishedFigures.Of(Table([.. Enumerable.Range(0, 21).Select(i => ((string?)"C" + i.ToString(CultureInfo.InvariantCulture), 10))]));
        var crossed = small with { Columns = "residence-status" };

        Assert.Empty(small.Warnings());
        Assert.Contains("are hidden", Assert.Single(mostlyHidden.Warnings()).Message, StringComparison.Ordinal); // 2 of 3
        Assert.Contains("rows", Assert.Single(longList.Warnings()).Message, StringComparison.Ordinal);
        Assert.Contains("crosses two dimensions", Assert.Single(crossed.Warnings()).Message, StringComparison.Ordinal);
        // Kept as JSON and read back the same.
        var read = PublishedFigures.FromJson(mostlyHidden.ToJson())!;
        Assert.Equal(mostlyHidden.Cells.Select(r => r.ToList()), read.Cells.Select(r => r.ToList()));
        Assert.Equal(mostlyHidden.RowValues, read.RowValues);
        Assert.Equal((mostlyHidden.Count, mostlyHidden.Rows, mostlyHidden.From, mostlyHidden.To, mostlyHidden.Total, mostlyHidden.Counted), (read.Count, read.Rows, read.From, read.To, read.Total, read.Counted));
    }

    [Fact]
    public void Only_figures_with_small_cells_hidden_can_be_published()
    {
        Assert.Throws<ArgumentException>(() => PublishedFigures.Of(Table(false, ("PH", 12))));
    }

    private static (StatisticsRequest Request, IReadOnlyList<StatisticsMistake> Mistakes) Read(string query, bool smallCellsHidden) =>
        StatisticsRequestReader.Read(
            Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).Select(q => new KeyValuePair<string, StringValues>(q.Key, q.Value)),
            Today,
            smallCellsHidden);

    private static StatisticsTable Table(params (string? Nationality, int Count)[] counts) => Table(true, counts);

    /// <summary>Consultations of April 2026 by nationality.</summary>
    private static StatisticsTable Table(bool hideSmallCells, params (string? Nationality, int Count)[] counts)
    {
        var request = new StatisticsRequest(StatisticsCount.Consultations, new(2026, 4, 1), new(2026, 4, 30), StatisticsDimensions.Find("nationality")!, null, []);
        var result = new StatisticsResult(request, [.. counts.Select(c => new StatisticsCell(c.Nationality, null, c.Count))], counts.Sum(c => c.Count), null);
        var words = new StatisticsWords(new KeyText<PublicText>(), new KeyText<StaffText>(), CultureInfo.GetCultureInfo("en"), null!, new Dictionary<int, string>());
        return new StatisticsTable(result, words, hideSmallCells);
    }

    /// <summary>Text as its key (English), formatted.</summary>
    private sealed class KeyText<T> : IStringLocalizer<T>
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.InvariantCulture, name, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
