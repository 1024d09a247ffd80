namespace Soudan.Web.Features.Statistics;

/// <summary>A value of a dimension as a table shows it: its code (null: not recorded) and its name.</summary>
public sealed record StatisticsHeading(string? Code, string Name);

/// <summary>
/// The cells of a result laid out as the page, the chart and the exports show them: periods in
/// order of time, other values by count (largest first), "not recorded" last; totals beside.
/// <para>
/// With small cells hidden (the public page, and staff who read the statistics that way: see
/// <c>StaffRoles.SeesStatisticsWithSmallCellsHidden</c>), the <c>Shown</c> figures are null where
/// <see cref="SmallCells"/> hides them, and values whose total is hidden come after the others in
/// order of name, so that their place does not tell their size. <see cref="Cell(StatisticsHeading, StatisticsHeading?)"/>
/// stays exact, for the code that decides what to show.
/// </para>
/// </summary>
public sealed class StatisticsTable
{
    private readonly Dictionary<(string?, string?), int> _cells;
    private readonly Dictionary<string, int> _rowTotals;
    private readonly Dictionary<string, int> _columnTotals;
    private readonly HashSet<(string, string)> _hiddenCells = [];
    private readonly HashSet<string> _hiddenRowTotals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hiddenColumnTotals = new(StringComparer.Ordinal);
    private readonly bool _sumHidden;

    public StatisticsTable(StatisticsResult result, StatisticsWords words, bool hideSmallCells = false)
    {
        Result = result;
        HidesSmallCells = hideSmallCells;
        _cells = result.Cells.ToDictionary(c => (c.Row, c.Column), c => c.Count);
        _rowTotals = result.Cells.GroupBy(c => Key(c.Row)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal);
        _columnTotals = result.Cells.GroupBy(c => Key(c.Column)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal);
        var rows = Order(result.Request.Rows, Counted(result.Request, result.Request.Rows, result.Cells.GroupBy(c => c.Row)), words);
        var columns = result.Request.Columns is { } dimension
            ? Order(dimension, Counted(result.Request, dimension, result.Cells.GroupBy(c => c.Column)), words)
            : [];
        if (hideSmallCells)
        {
            _sumHidden = Hide(rows, columns);
            rows = HiddenLast(result.Request.Rows, rows, _hiddenRowTotals, words);
            columns = result.Request.Columns is { } columnsDimension ? HiddenLast(columnsDimension, columns, _hiddenColumnTotals, words) : columns;
        }

        Rows = rows;
        Columns = columns;
    }

    public StatisticsResult Result { get; }

    /// <summary>Whether the <c>Shown</c> figures hide counts from 1 to 4 and those that would give them away.</summary>
    public bool HidesSmallCells { get; }

    public IReadOnlyList<StatisticsHeading> Rows { get; }

    public IReadOnlyList<StatisticsHeading> Columns { get; }

    /// <summary>The exact count: never shown to someone who reads small cells hidden (use <see cref="Shown"/>).</summary>
    public int Cell(StatisticsHeading row, StatisticsHeading? column = null) => _cells.GetValueOrDefault((row.Code, column?.Code));

    public int RowTotal(StatisticsHeading row) => _rowTotals.GetValueOrDefault(Key(row.Code));

    public int ColumnTotal(StatisticsHeading column) => _columnTotals.GetValueOrDefault(Key(column.Code));

    public int Largest => _rowTotals.Count == 0 ? 0 : _rowTotals.Values.Max();

    /// <summary>A cell as it may be shown: null when hidden.</summary>
    public int? Shown(StatisticsHeading row, StatisticsHeading? column = null) =>
        _hiddenCells.Contains((Key(row.Code), Key(column?.Code))) ? null : Cell(row, column);

    public int? ShownRowTotal(StatisticsHeading row) => _hiddenRowTotals.Contains(Key(row.Code)) ? null : RowTotal(row);

    public int? ShownColumnTotal(StatisticsHeading column) => _hiddenColumnTotals.Contains(Key(column.Code)) ? null : ColumnTotal(column);

    /// <summary>The sum of the cells (more than <see cref="ShownCounted"/> where one counts under several values), or null when hidden.</summary>
    public int? ShownSum => _sumHidden ? null : Result.Cells.Sum(c => c.Count);

    /// <summary>
    /// How many were counted, each once: hidden from 1 to 4, and whenever the sum of the cells is
    /// hidden (for most dimensions the two are the same number).
    /// </summary>
    public int? ShownCounted => HidesSmallCells && (_sumHidden || Result.Total is > 0 and < SmallCells.Threshold) ? null : Result.Total;

    /// <summary>How many cells of the table (not its totals) are hidden.</summary>
    public int HiddenCells => _hiddenCells.Count;

    /// <summary>How many cells the table has, zeros included.</summary>
    public int CellCount => Rows.Count * Math.Max(1, Columns.Count);

    /// <summary>Some cell is not zero, yet every such cell is hidden: the table would show nothing.</summary>
    public bool NothingShown => HidesSmallCells && _cells.Values.Any(c => c != 0) &&
        Rows.All(r => Columns.Count == 0 ? Cell(r) == 0 || Shown(r) is null : Columns.All(c => Cell(r, c) == 0 || Shown(r, c) is null));

    /// <summary>The money recovered as it may be shown: with small cells hidden, only once five cases or more recovered some.</summary>
    public MoneyRecovered? ShownMoney => HidesSmallCells && Result.Money is { Cases: < SmallCells.Threshold } ? null : Result.Money;

    /// <summary>"Not recorded" (null) as a dictionary key.</summary>
    private static string Key(string? code) => code ?? "\0";

    /// <summary>Applies <see cref="SmallCells"/>; says whether the sum of every cell is hidden.</summary>
    private bool Hide(List<StatisticsHeading> rows, List<StatisticsHeading> columns)
    {
        var oneColumn = columns.Count == 0;
        var width = oneColumn ? 1 : columns.Count;
        var counts = new int[rows.Count, width];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < width; c++)
            {
                counts[r, c] = oneColumn ? Cell(rows[r]) : Cell(rows[r], columns[c]);
            }
        }

        var hidden = SmallCells.Hidden(counts);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < width; c++)
            {
                if (hidden[r, c])
                {
                    _hiddenCells.Add((Key(rows[r].Code), Key(oneColumn ? null : columns[c].Code)));
                }
            }

            if (hidden[r, width])
            {
                _hiddenRowTotals.Add(Key(rows[r].Code));
            }
        }

        for (var c = 0; c < width && !oneColumn; c++)
        {
            if (hidden[rows.Count, c])
            {
                _hiddenColumnTotals.Add(Key(columns[c].Code));
            }
        }

        return hidden[rows.Count, width];
    }

    /// <summary>Values whose total is hidden go last, by name ("not recorded" after them): ordered by count, they would tell how large they are.</summary>
    private static List<StatisticsHeading> HiddenLast(StatisticsDimension dimension, List<StatisticsHeading> headings, HashSet<string> hidden, StatisticsWords words)
    {
        if (dimension.Shape == DimensionShape.Period || hidden.Count == 0)
        {
            return headings;
        }

        var names = StringComparer.Create(words.Culture, false);
        return
        [
            .. headings.Where(h => h.Code is not null && !hidden.Contains(h.Code)),
            .. headings.Where(h => h.Code is not null && hidden.Contains(h.Code)).OrderBy(h => h.Name, names),
            .. headings.Where(h => h.Code is null),
        ];
    }

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
