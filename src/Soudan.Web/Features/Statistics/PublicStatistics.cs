using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Statistics;

/// <summary>A published table as the public sees it: a null count is "not shown" (fewer than 5, or one that would give such a count away).</summary>
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
    bool SeveralPerItem,
    DateOnly AsOf);

/// <summary>
/// The figures of a published table as they were published, small counts already hidden: codes
/// (of what is counted, of the dimensions and of their values), not words, so that each language
/// names them when the table is shown, and nothing is counted again.
/// </summary>
public sealed record PublishedFigures(
    string Count,
    string Rows,
    string? Columns,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<string?> RowValues,
    IReadOnlyList<string?> ColumnValues,
    IReadOnlyList<IReadOnlyList<int?>> Cells,
    IReadOnlyList<int?> RowTotals,
    IReadOnlyList<int?> ColumnTotals,
    int? Total,
    int? Counted,
    bool SeveralPerItem)
{
    /// <summary>More rows than this, and the coordinator is asked to confirm before publishing.</summary>
    public const int ManyRows = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The figures of a table read with small cells hidden, as the public may see them.</summary>
    public static PublishedFigures Of(StatisticsTable table)
    {
        if (!table.HidesSmallCells)
        {
            throw new ArgumentException("Only figures with small cells hidden are published.", nameof(table));
        }

        var request = table.Result.Request;
        var oneColumn = request.Columns is null;
        return new PublishedFigures(
            StatisticsRequestReader.CodeOf(request.Count),
            request.Rows.Code,
            request.Columns?.Code,
            request.From,
            request.To,
            [.. table.Rows.Select(r => r.Code)],
            [.. table.Columns.Select(c => c.Code)],
            [.. table.Rows.Select(r => (IReadOnlyList<int?>)(oneColumn ? [table.Shown(r)] : [.. table.Columns.Select(c => table.Shown(r, c))]))],
            [.. table.Rows.Select(r => oneColumn ? table.Shown(r) : table.ShownRowTotal(r))],
            [.. table.Columns.Select(table.ShownColumnTotal)],
            table.ShownSum,
            table.ShownCounted,
            request.Rows.Shape == DimensionShape.Values || request.Columns?.Shape == DimensionShape.Values);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PublishedFigures? FromJson(string json) => JsonSerializer.Deserialize<PublishedFigures>(json, Json);

    /// <summary>
    /// Why a coordinator should think twice before publishing these figures (staff texts): two
    /// dimensions crossed, more than <see cref="ManyRows"/> rows, or a third or more of the counts
    /// that are not zero hidden. The more detailed a table, the fewer people stand behind each count.
    /// </summary>
    public IReadOnlyList<StatisticsMistake> Warnings()
    {
        var warnings = new List<StatisticsMistake>();
        if (Columns is not null)
        {
            warnings.Add(new("confirm", Localizable.Staff("This table crosses two dimensions: crossed figures single people out more easily, even with small counts hidden."), []));
        }

        if (RowValues.Count > ManyRows)
        {
            warnings.Add(new("confirm", Localizable.Staff("This table has {0} rows, more than {1}: the more rows, the fewer people behind each."), [RowValues.Count, ManyRows]));
        }

        var counts = Cells.SelectMany(row => row).Where(c => c != 0).ToList();
        var hidden = counts.Count(c => c is null);
        if (hidden > 0 && hidden * 3 >= counts.Count)
        {
            warnings.Add(new("confirm", Localizable.Staff("{0} of its {1} counts that are not zero are hidden: such a table tells little, and each count it shows stands for few people."), [hidden, counts.Count]));
        }

        return warnings;
    }
}

/// <summary>
/// The views a coordinator published, with the figures frozen when they were published (every
/// count from 1 to 4 hidden with the complements that keep it hidden, <see cref="SmallCells"/>),
/// named in the reader's language. A view published before figures were frozen is frozen here at its
/// first showing once its period has ended, and left out until then.
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

    /// <summary>
    /// Reads a view as one to publish: a view the dashboard can count, by dimensions the public page
    /// can name, over a period that has ended (figures of a period still running would change as
    /// each consultation arrives).
    /// </summary>
    public static (StatisticsRequest Request, IReadOnlyList<StatisticsMistake> Mistakes) Read(string view, DateOnly today)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(view);
        var (request, mistakes) = StatisticsRequestReader.Read(query.Select(q => new KeyValuePair<string, StringValues>(q.Key, q.Value)), today);
        var list = mistakes.ToList();
        if (!IsPublishable(request))
        {
            list.Add(new("rows", Localizable.Staff("The public page counts by month, problem, urgent need, nationality, language, prefecture, industry, employment type or residence status."), []));
        }

        if (!list.Any(m => m.Field is "from" or "to") && request.To >= today)
        {
            list.Add(new("to", Localizable.Staff("Only a period that has ended can be published: end the view on {0} at the latest."), [today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]));
        }

        return (request, list);
    }

    public static bool IsPublishable(StatisticsRequest request) =>
        DimensionNames.ContainsKey(request.Rows.Code) && (request.Columns is null || DimensionNames.ContainsKey(request.Columns.Code));

    /// <summary>Counts a view once, small counts hidden, as it will stay published.</summary>
    public async Task<PublishedFigures> FreezeAsync(StatisticsRequest request, CancellationToken cancellationToken)
    {
        var words = new StatisticsWords(T, S, CultureInfo.CurrentUICulture, tokens, new Dictionary<int, string>(), ForPublic: true);
        return PublishedFigures.Of(new StatisticsTable(await query.RunAsync(request, cancellationToken), words, hideSmallCells: true));
    }

    public async Task<IReadOnlyList<PublicTable>> TablesAsync(CancellationToken cancellationToken)
    {
        var culture = CultureInfo.CurrentUICulture;
        var words = new StatisticsWords(T, S, culture, tokens, new Dictionary<int, string>(), ForPublic: true);
        var published = await db.Set<PublishedStatistic>().AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var tables = new List<PublicTable>();
        foreach (var item in published)
        {
            var (json, asOfUtc) = item.Figures is { } figures ? (figures, item.FiguresAtUtc ?? item.PublishedAtUtc) : await FreezeLateAsync(item, cancellationToken);
            if (json is not null && PublishedFigures.FromJson(json) is { } frozen && Show(item, frozen, asOfUtc, words) is { } table)
            {
                tables.Add(table);
            }
        }

        return tables;
    }

    /// <summary>
    /// A view published before figures were frozen: frozen now if its period has ended (the first
    /// instance to do so wins, the others show what it stored), else left out until it has.
    /// </summary>
    private async Task<(string? Figures, DateTime AtUtc)> FreezeLateAsync(PublishedStatistic item, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (request, mistakes) = Read(item.View, DateOnly.FromDateTime(Infrastructure.Time.JapanTime.FromUtc(now)));
        if (mistakes.Count > 0)
        {
            return (null, now); // a period still running, or a shape this version refuses: left out, not shown wrong
        }

        var json = (await FreezeAsync(request, cancellationToken)).ToJson();
        var frozen = await db.Set<PublishedStatistic>().Where(p => p.Id == item.Id && p.Figures == null)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.Figures, json).SetProperty(x => x.FiguresAtUtc, now), cancellationToken);
        if (frozen == 1)
        {
            return (json, now);
        }

        var stored = await db.Set<PublishedStatistic>().AsNoTracking().Where(p => p.Id == item.Id).Select(p => new { p.Figures, p.FiguresAtUtc }).SingleOrDefaultAsync(cancellationToken);
        return (stored?.Figures, stored?.FiguresAtUtc ?? now);
    }

    /// <summary>Frozen figures named in the reader's language; values whose total is hidden after the others, by name in that language.</summary>
    private PublicTable? Show(PublishedStatistic item, PublishedFigures figures, DateTime asOfUtc, StatisticsWords words)
    {
        if (!CountNames.TryGetValue(figures.Count, out var countKey) || StatisticsDimensions.Find(figures.Rows) is not { } rowsDimension
            || !DimensionNames.TryGetValue(rowsDimension.Code, out var rowsKey))
        {
            return null;
        }

        var columnsDimension = StatisticsDimensions.Find(figures.Columns);
        if ((figures.Columns is not null && (columnsDimension is null || !DimensionNames.ContainsKey(columnsDimension.Code)))
            || figures.Cells.Count != figures.RowValues.Count || figures.RowTotals.Count != figures.RowValues.Count
            || figures.ColumnTotals.Count != figures.ColumnValues.Count)
        {
            return null;
        }

        StatisticsHeading Heading(StatisticsDimension dimension, string? code) => new(code, code is null ? words.NotRecorded : dimension.Name(code, words));
        var rows = figures.RowValues.Select(code => Heading(rowsDimension, code)).ToList();
        var columns = columnsDimension is null ? [] : figures.ColumnValues.Select(code => Heading(columnsDimension, code)).ToList();
        var rowOrder = HiddenLast(rowsDimension, rows, figures.RowTotals, words);
        var columnOrder = columnsDimension is null ? [] : HiddenLast(columnsDimension, columns, figures.ColumnTotals, words);

        var culture = words.Culture;
        var japanese = culture.Name.StartsWith("ja", StringComparison.Ordinal);
        var countName = T[countKey].Value;
        var rowsName = T[rowsKey].Value;
        var columnsName = columnsDimension is null ? null : T[DimensionNames[columnsDimension.Code]].Value;
        var title = (japanese ? item.TitleJa : null) ?? (culture.Name == "en" ? item.TitleEn : null)
            ?? (columnsName is null ? T["{0} by {1}", countName, rowsName].Value : T["{0} by {1} and {2}", countName, rowsName, columnsName].Value);
        return new PublicTable(
            item.Id, title, countName, figures.From, figures.To, rowsName, columnsName,
            [.. rowOrder.Select(r => rows[r])],
            [.. columnOrder.Select(c => columns[c])],
            [.. rowOrder.Select(r => (IReadOnlyList<int?>)(columnsDimension is null ? [figures.Cells[r][0]] : [.. columnOrder.Select(c => figures.Cells[r][c])]))],
            [.. rowOrder.Select(r => figures.RowTotals[r])],
            [.. columnOrder.Select(c => figures.ColumnTotals[c])],
            figures.Total,
            figures.Counted,
            figures.SeveralPerItem,
            DateOnly.FromDateTime(Infrastructure.Time.JapanTime.FromUtc(asOfUtc)));
    }

    /// <summary>The order to show values in: as published, except those whose total is hidden, which go last by name in the reader's language.</summary>
    private static List<int> HiddenLast(StatisticsDimension dimension, List<StatisticsHeading> headings, IReadOnlyList<int?> totals, StatisticsWords words)
    {
        var all = Enumerable.Range(0, headings.Count).ToList();
        if (dimension.Shape == DimensionShape.Period)
        {
            return all;
        }

        var names = StringComparer.Create(words.Culture, false);
        return
        [
            .. all.Where(i => headings[i].Code is not null && totals[i] is not null),
            .. all.Where(i => headings[i].Code is not null && totals[i] is null).OrderBy(i => headings[i].Name, names),
            .. all.Where(i => headings[i].Code is null),
        ];
    }
}
