using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Statistics;

/// <summary>A published table as the public sees it: a null count is "fewer than 5".</summary>
public sealed record PublicTable(
    int Id,
    string Title,
    string Count,
    DateOnly From,
    DateOnly To,
    string RowsName,
    string? ColumnsName,
    IReadOnlyList<StatisticsHeading> Rows,
    IReadOnlyList<StatisticsHeading> Columns,
    IReadOnlyList<IReadOnlyList<int?>> Cells,
    IReadOnlyList<int?> RowTotals,
    IReadOnlyList<int?> ColumnTotals,
    int? Total,
    int? Counted,
    bool SeveralPerItem);

/// <summary>
/// The views a coordinator published, counted now and named in the reader's language, every count
/// from 1 to 4 hidden with the complements that keep it hidden (<see cref="SmallCells"/>).
/// </summary>
public sealed class PublicStatistics(SoudanDbContext db, StatisticsQuery query, StatisticsTokens tokens, TimeProvider clock, IStringLocalizer<PublicText> T, IStringLocalizer<StaffText> S)
{
    /// <summary>Public names of what is counted.</summary>
    private static readonly Dictionary<string, string> CountNames = new(StringComparer.Ordinal)
    {
        ["consultations-and-calls"] = Localizable.Public("Consultations and calls"),
        ["consultations"] = Localizable.Public("Online consultations"),
        ["calls"] = Localizable.Public("Calls to the hotline"),
        ["cases"] = Localizable.Public("Cases followed"),
    };

    /// <summary>
    /// The dimensions the public page may count by, with their public names: only those whose values
    /// have names in every public language.
    /// </summary>
    private static readonly Dictionary<string, string> DimensionNames = new(StringComparer.Ordinal)
    {
        ["month"] = Localizable.Public("Month"),
        [StatisticsDimensions.Problem] = Localizable.Public("Problem"),
        [StatisticsDimensions.Urgent] = Localizable.Public("Urgent need"),
        ["nationality"] = Localizable.Public("Nationality"),
        ["language"] = Localizable.Public("Language"),
        ["prefecture"] = Localizable.Public("Prefecture"),
        ["industry"] = Localizable.Public("Industry"),
        ["employment-type"] = Localizable.Public("Employment type"),
        [StatisticsDimensions.Residence] = Localizable.Public("Residence status"),
    };

    /// <summary>Reads a view as one to publish: a view the dashboard can count, by dimensions the public page can name.</summary>
    public static (StatisticsRequest Request, IReadOnlyList<StatisticsMistake> Mistakes) Read(string view, DateOnly today)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(view);
        var (request, mistakes) = StatisticsRequestReader.Read(query.Select(q => new KeyValuePair<string, StringValues>(q.Key, q.Value)), today);
        var list = mistakes.ToList();
        if (!IsPublishable(request))
        {
            list.Add(new("rows", Localizable.Staff("The public page counts by month, problem, urgent need, nationality, language, prefecture, industry, employment type or residence status."), []));
        }

        return (request, list);
    }

    public static bool IsPublishable(StatisticsRequest request) =>
        DimensionNames.ContainsKey(request.Rows.Code) && (request.Columns is null || DimensionNames.ContainsKey(request.Columns.Code));

    public async Task<IReadOnlyList<PublicTable>> TablesAsync(CancellationToken cancellationToken)
    {
        var culture = CultureInfo.CurrentUICulture;
        var japanese = culture.Name.StartsWith("ja", StringComparison.Ordinal);
        var words = new StatisticsWords(T, S, culture, tokens, new Dictionary<int, string>(), ForPublic: true);
        var today = DateOnly.FromDateTime(Infrastructure.Time.JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));
        var published = await db.Set<PublishedStatistic>().AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var tables = new List<PublicTable>();
        foreach (var item in published)
        {
            var (request, mistakes) = Read(item.View, today);
            if (mistakes.Count > 0)
            {
                continue; // published by an older version in a shape this one refuses: left out, not shown wrong
            }

            var table = new StatisticsTable(await query.RunAsync(request, cancellationToken), words);
            var columns = request.Columns is null ? [new StatisticsHeading("", "")] : table.Columns;
            var counts = new int[table.Rows.Count, columns.Count];
            for (var r = 0; r < table.Rows.Count; r++)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    counts[r, c] = request.Columns is null ? table.Cell(table.Rows[r]) : table.Cell(table.Rows[r], columns[c]);
                }
            }

            var hidden = SmallCells.Hidden(counts);
            int? Shown(int r, int c, int value) => hidden[r, c] ? null : value;
            var (rows, cols) = (table.Rows.Count, columns.Count);
            var countName = T[CountNames[StatisticsRequestReader.CodeOf(request.Count)]].Value;
            var rowsName = T[DimensionNames[request.Rows.Code]].Value;
            var columnsName = request.Columns is { } columnsDimension ? T[DimensionNames[columnsDimension.Code]].Value : null;
            var title = (japanese ? item.TitleJa : null) ?? (culture.Name == "en" ? item.TitleEn : null)
                ?? (columnsName is null ? T["{0} by {1}", countName, rowsName].Value : T["{0} by {1} and {2}", countName, rowsName, columnsName].Value);
            var rowTotals = Enumerable.Range(0, rows).Select(r => Shown(r, cols, Enumerable.Range(0, cols).Sum(c => counts[r, c]))).ToList();
            var columnTotals = Enumerable.Range(0, cols).Select(c => Shown(rows, c, Enumerable.Range(0, rows).Sum(r => counts[r, c]))).ToList();
            var total = Shown(rows, cols, counts.Cast<int>().Sum());
            var counted = table.Result.Total is > 0 and < SmallCells.Threshold ? (int?)null : table.Result.Total;
            tables.Add(new PublicTable(
                item.Id, title, countName, request.From, request.To, rowsName, columnsName, table.Rows, request.Columns is null ? [] : columns,
                Enumerable.Range(0, rows).Select(r => (IReadOnlyList<int?>)Enumerable.Range(0, cols).Select(c => Shown(r, c, counts[r, c])).ToList()).ToList(),
                rowTotals, columnTotals, total, counted,
                request.Rows.Shape == DimensionShape.Values || request.Columns?.Shape == DimensionShape.Values));
        }

        return tables;
    }
}
