namespace Soudan.Web.Features.Statistics;

/// <summary>A value of a dimension as a table shows it: its code (null: not recorded) and its name.</summary>
public sealed record StatisticsHeading(string? Code, string Name);

/// <summary>
/// The cells of a result laid out as the page, the chart and the exports show them: periods in
/// order of time, other values by count (largest first), "not recorded" last; totals beside.
/// </summary>
public sealed class StatisticsTable
{
    private readonly Dictionary<(string?, string?), int> _cells;
    private readonly Dictionary<string, int> _rowTotals;
    private readonly Dictionary<string, int> _columnTotals;

    public StatisticsTable(StatisticsResult result, StatisticsWords words)
    {
        Result = result;
        _cells = result.Cells.ToDictionary(c => (c.Row, c.Column), c => c.Count);
        _rowTotals = result.Cells.GroupBy(c => Key(c.Row)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal);
        _columnTotals = result.Cells.GroupBy(c => Key(c.Column)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal);
        Rows = Order(result.Request.Rows, Counted(result.Request, result.Request.Rows, result.Cells.GroupBy(c => c.Row)), words);
        Columns = result.Request.Columns is { } columns
            ? Order(columns, Counted(result.Request, columns, result.Cells.GroupBy(c => c.Column)), words)
            : [];
    }

    public StatisticsResult Result { get; }

    public IReadOnlyList<StatisticsHeading> Rows { get; }

    public IReadOnlyList<StatisticsHeading> Columns { get; }

    public int Cell(StatisticsHeading row, StatisticsHeading? column = null) => _cells.GetValueOrDefault((row.Code, column?.Code));

    public int RowTotal(StatisticsHeading row) => _rowTotals.GetValueOrDefault(Key(row.Code));

    public int ColumnTotal(StatisticsHeading column) => _columnTotals.GetValueOrDefault(Key(column.Code));

    public int Largest => _rowTotals.Count == 0 ? 0 : _rowTotals.Values.Max();

    /// <summary>"Not recorded" (null) as a dictionary key.</summary>
    private static string Key(string? code) => code ?? "\0";

    /// <summary>The values found, and every month, week or day of the range, so a quiet month shows as 0, not as a gap.</summary>
    private static IEnumerable<(string? Code, int Count)> Counted(StatisticsRequest request, StatisticsDimension dimension, IEnumerable<IGrouping<string?, StatisticsCell>> found)
    {
        var counts = found.ToDictionary(g => Key(g.Key), g => g.Sum(c => c.Count), StringComparer.Ordinal);
        var periods = new List<string>();
        for (var day = request.From; day <= request.To && dimension.Code is "month" or "week" or "day"; day = day.AddDays(1))
        {
            var keys = StatisticsFact.KeysOf(day);
            periods.Add((dimension.Code switch { "month" => keys.Month, "week" => keys.Week, _ => keys.Day }).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var period in periods.Distinct())
        {
            counts.TryAdd(period, 0);
        }

        return counts.Select(c => (c.Key == Key(null) ? null : c.Key, c.Value));
    }

    private static List<StatisticsHeading> Order(StatisticsDimension dimension, IEnumerable<(string? Code, int Count)> values, StatisticsWords words)
    {
        var named = values.Select(v => (v.Code, v.Count, Name: v.Code is null ? words.NotRecorded : dimension.Name(v.Code, words))).ToList();
        var ordered = dimension.Shape == DimensionShape.Period
            ? named.OrderBy(v => v.Code is null).ThenBy(v => v.Code?.Length).ThenBy(v => v.Code, StringComparer.Ordinal)
            : named.OrderBy(v => v.Code is null).ThenByDescending(v => v.Count).ThenBy(v => v.Name, StringComparer.Create(words.Culture, false));
        return ordered.Select(v => new StatisticsHeading(v.Code, v.Name)).ToList();
    }
}
