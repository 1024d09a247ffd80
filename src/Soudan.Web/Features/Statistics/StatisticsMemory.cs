using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;

namespace Soudan.Web.Features.Statistics;

/// <summary>
/// A copy in memory of each counted month's facts, held as small arrays (a byte or two a dimension),
/// so a view the tallies cannot answer (two filters, a filter with columns) is counted in
/// milliseconds instead of read from the database row by row. A copy is used only while it is the
/// month as it stands: no <see cref="StatisticsChange"/> names the month, and the month's
/// <see cref="StatisticsMonth.Version"/> is the one the copy was made at. Otherwise the month is read
/// from its tallies or facts as before, so a copy can be late but never shows a stale figure. The
/// summarizer refreshes the copies every round, in every instance of the app.
/// </summary>
public sealed partial class StatisticsMemory(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<StatisticsMemory> logger)
{
    private static readonly FrozenDictionary<int, MonthFacts> None = FrozenDictionary<int, MonthFacts>.Empty;

    private readonly ConcurrentDictionary<int, MonthFacts> _months = new();

    /// <summary>On by default; a small server short of memory can turn it off (about 50 bytes a fact).</summary>
    private bool Enabled => configuration.GetValue("Statistics:KeepInMemory", true);

    /// <summary>The facts held, over every month (for the log and the tests).</summary>
    public int Facts => _months.Values.Sum(m => m.Count);

    /// <summary>The copies of the months from <paramref name="first"/> to <paramref name="last"/> (yyyyMM) that are the months as they now stand.</summary>
    public async Task<IReadOnlyDictionary<int, MonthFacts>> CurrentAsync(SoudanDbContext db, int first, int last, CancellationToken cancellationToken)
    {
        var held = _months.Values.Where(m => m.Month >= first && m.Month <= last).ToList();
        if (held.Count == 0)
        {
            return None;
        }

        var (changed, versions) = await StateAsync(db, first, last, cancellationToken);
        return held.Where(m => !changed.Contains(m.Month) && versions.GetValueOrDefault(m.Month) == m.Version).ToDictionary(m => m.Month);
    }

    /// <summary>Copies every counted month not changed since it was counted and not held as it stands; drops months no longer counted. Returns how many months were copied.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            _months.Clear();
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
        var tallied = await db.Set<StatisticsTally>()
            .Where(t => t.Dimension == StatisticsTally.Every && t.OtherDimension == string.Empty && t.Among == string.Empty)
            .Select(t => t.Month).Distinct().ToListAsync(cancellationToken);
        var (changed, versions) = await StateAsync(db, int.MinValue, int.MaxValue, cancellationToken);
        var counted = tallied.Concat(versions.Keys).ToHashSet();
        foreach (var month in _months.Keys.Where(m => !counted.Contains(m)))
        {
            _months.TryRemove(month, out _);
        }

        var copied = 0;
        foreach (var month in counted.Order())
        {
            var version = versions.GetValueOrDefault(month);
            if (changed.Contains(month) || (_months.TryGetValue(month, out var held) && held.Version == version))
            {
                continue;
            }

            var copy = await MonthFacts.LoadAsync(db, month, version, cancellationToken);
            // The reads took a while: kept only if nothing touched the month meanwhile (a change would
            // still name it, or the summarizer would have counted it again and raised its version).
            var (changedSince, versionsSince) = await StateAsync(db, month, month, cancellationToken);
            if (changedSince.Count == 0 && versionsSince.GetValueOrDefault(month) == version)
            {
                _months[month] = copy;
                copied++;
            }
        }

        if (copied > 0)
        {
            LogCopied(logger, copied, Facts);
        }

        return copied;
    }

    private static async Task<(HashSet<int> Changed, Dictionary<int, long> Versions)> StateAsync(SoudanDbContext db, int first, int last, CancellationToken cancellationToken)
    {
        var changed = await db.Set<StatisticsChange>().Where(c => c.Month >= first && c.Month <= last).Select(c => c.Month).Distinct().ToListAsync(cancellationToken);
        var versions = await db.Set<StatisticsMonth>().AsNoTracking().Where(m => m.Month >= first && m.Month <= last).ToDictionaryAsync(m => m.Month, m => m.Version, cancellationToken);
        return ([.. changed], versions);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied the statistics of {Months} months into memory ({Facts} facts held)")]
    private static partial void LogCopied(ILogger logger, int months, int facts);
}

/// <summary>
/// One month's counted facts, a column a dimension: each value a small number standing for its
/// text (the texts kept once for the month), the facts in order of day, so a range of days is a
/// range of the arrays. Never changed once made; a newer copy replaces it.
/// </summary>
public sealed class MonthFacts
{
    /// <summary>The dimensions a fact holds one value of, beside the period, the unit and the day: a column each.</summary>
    private static readonly StatisticsDimension[] Columns =
        [.. StatisticsDimensions.All.Where(d => d.Shape != DimensionShape.Values && d.Code is not (StatisticsDimensions.Month or "week" or StatisticsDimensions.Day or StatisticsDimensions.Unit))];

    private static readonly Func<StatisticsFact, string?>[] ColumnKeys = [.. Columns.Select(d => d.Key!.Compile())];

    private static readonly StatisticsDimension[] ValueDimensions = [.. StatisticsDimensions.All.Where(d => d.Shape == DimensionShape.Values)];

    private static readonly string[] UnitNames = ["consultation", "call", "case"];

    private MonthFacts(int month, long version, int count)
    {
        Month = month;
        Version = version;
        Count = count;
        _units = new byte[count];
        _days = new byte[count];
        _columnCodes = [.. Columns.Select(_ => new ushort[count])];
        _valueStarts = new int[count + 1];
    }

    public int Month { get; }

    public long Version { get; }

    public int Count { get; }

    private readonly byte[] _units;

    /// <summary>The day of the month, in ascending order.</summary>
    private readonly byte[] _days;

    private readonly ushort[][] _columnCodes;

    /// <summary>Per column, the text of each code; code 0 is "not recorded" (null).</summary>
    private string?[][] _columnNames = [];

    /// <summary>The values of fact i are entries _valueStarts[i] to _valueStarts[i + 1] - 1.</summary>
    private readonly int[] _valueStarts;

    private byte[] _valueDimensions = [];

    private ushort[] _valueCodes = [];

    private string[][] _valueNames = [];

    /// <summary>The facts that recovered _money, in ascending order, and their five amounts each.</summary>
    private int[] _moneyAt = [];

    private long[] _money = [];

    /// <summary>Reads the month's counted facts and their values from the database (in two queries).</summary>
    public static async Task<MonthFacts> LoadAsync(SoudanDbContext db, int month, long version, CancellationToken cancellationToken)
    {
        // By day, not by month: every unit and a range of days is what the facts are indexed on.
        var (firstDay, lastDay) = ((month * 100) + 1, (month * 100) + 31);
        StatisticsUnit[] allUnits = [StatisticsUnit.Consultation, StatisticsUnit.Call, StatisticsUnit.Case];
        var ofMonth = db.Set<StatisticsFact>().AsNoTracking().Where(f => allUnits.Contains(f.Unit) && f.Day >= firstDay && f.Day <= lastDay && f.Counted);
        var facts = await ofMonth.OrderBy(f => f.Day).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        var values = await ofMonth.Join(db.Set<StatisticsFactValue>(), f => f.Id, v => v.FactId, (f, v) => new { v.FactId, v.Dimension, v.Value }).ToListAsync(cancellationToken);

        var copy = new MonthFacts(month, version, facts.Count);
        var columnCodes = Columns.Select(_ => new Dictionary<string, ushort>(StringComparer.Ordinal)).ToArray();
        var index = new Dictionary<long, int>(facts.Count);
        var moneyAt = new List<int>();
        var money = new List<long>();
        for (var i = 0; i < facts.Count; i++)
        {
            var fact = facts[i];
            index[fact.Id] = i;
            copy._units[i] = (byte)fact.Unit;
            copy._days[i] = (byte)(fact.Day % 100);
            for (var c = 0; c < Columns.Length; c++)
            {
                copy._columnCodes[c][i] = ColumnKeys[c](fact) is { } text ? Code(columnCodes[c], text, first: 1) : (ushort)0;
            }

            if (fact.UnpaidWagesYen + fact.LeaveAllowanceYen + fact.OvertimeYen + fact.NoticeAllowanceYen + fact.OtherYen > 0)
            {
                moneyAt.Add(i);
                money.AddRange([fact.UnpaidWagesYen, fact.LeaveAllowanceYen, fact.OvertimeYen, fact.NoticeAllowanceYen, fact.OtherYen]);
            }
        }

        copy._columnNames = [.. columnCodes.Select(codes => new string?[] { null }.Concat(codes.OrderBy(c => c.Value).Select(c => c.Key)).ToArray())];
        copy._moneyAt = [.. moneyAt];
        copy._money = [.. money];

        // The values, grouped by fact in the facts' order.
        var dimensionIndex = ValueDimensions.Select((d, i) => (d.Code, i)).ToDictionary(x => x.Code, x => (byte)x.i, StringComparer.Ordinal);
        var valueCodes = ValueDimensions.Select(_ => new Dictionary<string, ushort>(StringComparer.Ordinal)).ToArray();
        var held = values.Where(v => index.ContainsKey(v.FactId) && dimensionIndex.ContainsKey(v.Dimension)).OrderBy(v => index[v.FactId]).ToList();
        copy._valueDimensions = new byte[held.Count];
        copy._valueCodes = new ushort[held.Count];
        var at = 0;
        for (var i = 0; i < facts.Count; i++)
        {
            copy._valueStarts[i] = at;
            while (at < held.Count && index[held[at].FactId] == i)
            {
                var dimension = dimensionIndex[held[at].Dimension];
                copy._valueDimensions[at] = dimension;
                copy._valueCodes[at] = Code(valueCodes[dimension], held[at].Value, first: 0);
                at++;
            }
        }

        copy._valueStarts[facts.Count] = at;
        copy._valueNames = [.. valueCodes.Select(codes => codes.OrderBy(c => c.Value).Select(c => c.Key).ToArray())];
        return copy;
    }

    private static ushort Code(Dictionary<string, ushort> codes, string text, int first)
    {
        if (!codes.TryGetValue(text, out var code))
        {
            // More than 65,535 different values of one dimension in a month: the month is not copied (the database reads it).
            code = checked((ushort)(codes.Count + first));
            codes[text] = code;
        }

        return code;
    }

    /// <summary>How a view reads one dimension of a fact here: which array, and how its codes name their values.</summary>
    private enum Held
    {
        Month,
        Week,
        Day,
        Unit,
        Column,
        Values,
    }

    private readonly record struct Reading(Held Held, int Index)
    {
        public static Reading Of(StatisticsDimension dimension) => dimension.Code switch
        {
            StatisticsDimensions.Month => new(Held.Month, 0),
            "week" => new(Held.Week, 0),
            StatisticsDimensions.Day => new(Held.Day, 0),
            StatisticsDimensions.Unit => new(Held.Unit, 0),
            _ when dimension.Shape == DimensionShape.Values => new(Held.Values, Array.FindIndex(ValueDimensions, d => d.Code == dimension.Code)),
            _ => new(Held.Column, Array.FindIndex(Columns, d => d.Code == dimension.Code)),
        };
    }

    /// <summary>The texts a dimension's codes stand for in this month.</summary>
    private string?[] NamesOf(Reading reading) => reading.Held switch
    {
        Held.Month => [Month.ToString(CultureInfo.InvariantCulture)],
        Held.Week => [.. Enumerable.Range(0, 32).Select(d => d is >= 1 and <= 31 && IsDay(d) ? StatisticsFact.KeysOf(DayOf(d)).Week.ToString(CultureInfo.InvariantCulture) : null)],
        Held.Day => [.. Enumerable.Range(0, 32).Select(d => d is >= 1 and <= 31 && IsDay(d) ? StatisticsFact.KeyOf(DayOf(d)).ToString(CultureInfo.InvariantCulture) : null)],
        Held.Unit => UnitNames,
        Held.Column => _columnNames[reading.Index],
        _ => _valueNames[reading.Index],
    };

    private bool IsDay(int day) => day <= DateTime.DaysInMonth(Month / 100, Month % 100);

    private DateOnly DayOf(int day) => new(Month / 100, Month % 100, day);

    /// <summary>The code of a dimension held once a fact (not as values).</summary>
    private int CodeOf(Reading reading, int i) => reading.Held switch
    {
        Held.Month => 0,
        Held.Week or Held.Day => _days[i],
        Held.Unit => _units[i],
        _ => _columnCodes[reading.Index][i],
    };

    /// <summary>
    /// Counts the view over the _days <paramref name="from"/> to <paramref name="to"/> of this month,
    /// the _units given and the filters (values as the database holds them: residence statuses as tokens).
    /// The same figures as the query on the facts: a fact counts once in the total and the _money, and
    /// once under each of its values of a dimension held as values.
    /// </summary>
    internal (List<StatisticsCell> Cells, int Total, MoneyRecovered Money) Tally(
        DateOnly from, DateOnly to, IReadOnlyCollection<StatisticsUnit> countedUnits, IReadOnlyList<(StatisticsDimension Dimension, IReadOnlyList<string> Values)> filters,
        StatisticsDimension rows, StatisticsDimension? columns, bool withMoney)
    {
        var (start, end) = (LowerBound(from.Day), LowerBound(to.Day + 1));
        var unitCounted = new bool[UnitNames.Length];
        foreach (var unit in countedUnits)
        {
            unitCounted[(int)unit] = true;
        }

        // Each filter as the codes it lets through; a value this month does not hold lets nothing through.
        var checks = filters.Select(f =>
        {
            var reading = Reading.Of(f.Dimension);
            var names = NamesOf(reading);
            var allowed = names.Select(n => n is not null && f.Values.Contains(n)).ToArray();
            return (Reading: reading, Allowed: allowed);
        }).ToArray();

        var rowReading = Reading.Of(rows);
        var rowNames = NamesOf(rowReading);
        var columnReading = columns is null ? (Reading?)null : Reading.Of(columns);
        var columnNamesOfView = columnReading is { } cr ? NamesOf(cr) : [null];
        var width = columnNamesOfView.Length;
        var counts = new int[rowNames.Length * width];

        var total = 0;
        var (unpaid, leave, overtime, notice, other, moneyCases) = (0L, 0L, 0L, 0L, 0L, 0);
        var nextMoney = Array.BinarySearch(_moneyAt, start) is var found && found < 0 ? ~found : found;
        var mostValues = 1;
        for (var i = start; i < end; i++)
        {
            mostValues = Math.Max(mostValues, _valueStarts[i + 1] - _valueStarts[i]);
        }

        var (rowCodes, columnCodesOfFact) = (new int[mostValues], new int[mostValues]);
        for (var i = start; i < end; i++)
        {
            if (!unitCounted[_units[i]] || !Passes(i, checks))
            {
                continue;
            }

            total++;
            if (withMoney)
            {
                while (nextMoney < _moneyAt.Length && _moneyAt[nextMoney] < i)
                {
                    nextMoney++;
                }

                if (nextMoney < _moneyAt.Length && _moneyAt[nextMoney] == i)
                {
                    var m = nextMoney * 5;
                    (unpaid, leave, overtime, notice, other, moneyCases) = (unpaid + _money[m], leave + _money[m + 1], overtime + _money[m + 2], notice + _money[m + 3], other + _money[m + 4], moneyCases + 1);
                }
            }

            var rowCount = Codes(i, rowReading, rowCodes);
            var columnCount = columnReading is { } reading ? Codes(i, reading, columnCodesOfFact) : 1;
            if (columnReading is null)
            {
                columnCodesOfFact[0] = 0;
            }

            for (var r = 0; r < rowCount; r++)
            {
                for (var c = 0; c < columnCount; c++)
                {
                    counts[(rowCodes[r] * width) + columnCodesOfFact[c]]++;
                }
            }
        }

        var cells = new List<StatisticsCell>();
        for (var r = 0; r < rowNames.Length; r++)
        {
            for (var c = 0; c < width; c++)
            {
                if (counts[(r * width) + c] is > 0 and var count)
                {
                    cells.Add(new StatisticsCell(rowNames[r], columnNamesOfView[c], count));
                }
            }
        }

        return (cells, total, new MoneyRecovered(unpaid, leave, overtime, notice, other, moneyCases));
    }

    private bool Passes(int i, (Reading Reading, bool[] Allowed)[] checks)
    {
        foreach (var (reading, allowed) in checks)
        {
            if (reading.Held != Held.Values)
            {
                if (!allowed[CodeOf(reading, i)])
                {
                    return false;
                }

                continue;
            }

            var any = false;
            for (var v = _valueStarts[i]; v < _valueStarts[i + 1] && !any; v++)
            {
                any = _valueDimensions[v] == reading.Index && allowed[_valueCodes[v]];
            }

            if (!any)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The codes fact i holds of a dimension: one, or each of its values (none: it is not counted under that dimension).</summary>
    private int Codes(int i, Reading reading, int[] codes)
    {
        if (reading.Held != Held.Values)
        {
            codes[0] = CodeOf(reading, i);
            return 1;
        }

        var held = 0;
        for (var v = _valueStarts[i]; v < _valueStarts[i + 1]; v++)
        {
            if (_valueDimensions[v] == reading.Index)
            {
                codes[held++] = _valueCodes[v];
            }
        }

        return held;
    }

    /// <summary>The first fact on or after the day of the month given.</summary>
    private int LowerBound(int day)
    {
        var (low, high) = (0, Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = _days[middle] < day ? (middle + 1, high) : (low, middle);
        }

        return low;
    }
}
