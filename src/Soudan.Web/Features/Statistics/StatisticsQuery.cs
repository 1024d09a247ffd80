using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;

namespace Soudan.Web.Features.Statistics;

/// <summary>What is counted: consultations and calls together, either alone, or cases.</summary>
public enum StatisticsCount
{
    ConsultationsAndCalls,
    Consultations,
    Calls,
    Cases,
}

public sealed record StatisticsFilter(StatisticsDimension Dimension, IReadOnlyList<string> Values);

/// <summary>A view of the statistics: what to count, over which days, by what (and by what beside it), among which.</summary>
public sealed record StatisticsRequest(
    StatisticsCount Count,
    DateOnly From,
    DateOnly To,
    StatisticsDimension Rows,
    StatisticsDimension? Columns,
    IReadOnlyList<StatisticsFilter> Filters);

public sealed record StatisticsCell(string? Row, string? Column, int Count);

/// <summary>Yen recovered on the cases counted, by kind (CaseOutcome.MoneyKinds).</summary>
public sealed record MoneyRecovered(long UnpaidWages, long LeaveAllowance, long Overtime, long NoticeAllowance, long Other, int Cases)
{
    public static MoneyRecovered None { get; } = new(0, 0, 0, 0, 0, 0);

    public long Total => UnpaidWages + LeaveAllowance + Overtime + NoticeAllowance + Other;

    public long Of(string kind) => kind switch
    {
        "unpaid-wages" => UnpaidWages,
        "leave-allowance" => LeaveAllowance,
        "overtime" => Overtime,
        "notice-allowance" => NoticeAllowance,
        _ => Other,
    };

    public MoneyRecovered Plus(MoneyRecovered other) => new(
        UnpaidWages + other.UnpaidWages, LeaveAllowance + other.LeaveAllowance, Overtime + other.Overtime, NoticeAllowance + other.NoticeAllowance, Other + other.Other, Cases + other.Cases);

    public MoneyRecovered Negated() => new(-UnpaidWages, -LeaveAllowance, -Overtime, -NoticeAllowance, -Other, -Cases);
}

/// <summary>
/// The figures of a view. <see cref="Total"/> counts each consultation or case once; the cells of a
/// dimension a row holds several values of (problems, tags) add up to more.
/// </summary>
public sealed record StatisticsResult(StatisticsRequest Request, IReadOnlyList<StatisticsCell> Cells, int Total, MoneyRecovered? Money);

/// <summary>
/// Runs a <see cref="StatisticsRequest"/>, on either database: months copied in memory as they stand
/// (<see cref="StatisticsMemory"/>) are counted there; the others as a few aggregate queries, from their
/// <see cref="StatisticsTally"/> rows where those are up to date and enough, the rest from the
/// <see cref="StatisticsFact"/> rows of those days. The three ways give the same figures (a test
/// compares them on every kind of view).
/// </summary>
public sealed class StatisticsQuery(SoudanDbContext db, StatisticsTokens tokens, StatisticsMemory memory)
{
    /// <summary>A grouped row: the value of the rows dimension and of the columns dimension, as text.</summary>
    private sealed class Keyed
    {
        public string? Row { get; init; }

        public string? Column { get; init; }
    }

    /// <summary>What one part of a view counted (the tallied months, or a range of days from the facts), before adding up.</summary>
    private sealed record Part(IReadOnlyList<StatisticsCell> Cells, int Total, MoneyRecovered Money);

    /// <summary>The months read from tallies: a range, less the months in it that are not (changed since they were counted).</summary>
    private sealed record TalliedMonths(TalliedView View, int First, int Last, IReadOnlyList<int> LeftOut);

    /// <summary>Days read from the facts; <see cref="Subtract"/>: days outside the view in a month read from its tally, taken back out.</summary>
    private sealed record FactDays(DateOnly From, DateOnly To, bool Subtract);

    public async Task<StatisticsResult> RunAsync(StatisticsRequest request, CancellationToken cancellationToken)
    {
        // Months copied in memory as they stand are counted there; the days between them are read from the database.
        var parts = new List<Part>();
        var copies = await memory.CurrentAsync(db, MonthOf(request.From), MonthOf(request.To), cancellationToken);
        var filters = request.Filters.Where(f => f.Dimension.Code != StatisticsDimensions.Unit).Select(f => (f.Dimension, (IReadOnlyList<string>)FilterValues(f))).ToList();
        DateOnly? unheldFrom = null;
        for (var start = new DateOnly(request.From.Year, request.From.Month, 1); start <= request.To; start = start.AddMonths(1))
        {
            var end = start.AddMonths(1).AddDays(-1);
            var (from, to) = (start < request.From ? request.From : start, end > request.To ? request.To : end);
            if (!copies.TryGetValue(MonthOf(start), out var copy))
            {
                unheldFrom ??= from;
                continue;
            }

            if (unheldFrom is { } since)
            {
                await AddFromDatabaseAsync(request with { From = since, To = from.AddDays(-1) }, parts, cancellationToken);
                unheldFrom = null;
            }

            var counted = copy.Tally(from, to, UnitsOf(request), filters, request.Rows, request.Columns, withMoney: request.Count == StatisticsCount.Cases);
            parts.Add(new Part(counted.Cells, counted.Total, counted.Money));
        }

        if (unheldFrom is { } rest)
        {
            await AddFromDatabaseAsync(request with { From = rest }, parts, cancellationToken);
        }

        // Residence statuses leave the database as tokens and are named here, with the key.
        string? Named(string? key, StatisticsDimension? dimension) => dimension?.Code == StatisticsDimensions.Residence ? ResidenceCode(key) : key;
        var cells = parts.SelectMany(p => p.Cells)
            .Select(c => c with { Row = Named(c.Row, request.Rows), Column = Named(c.Column, request.Columns) })
            .GroupBy(c => (c.Row, c.Column))
            .Select(g => new StatisticsCell(g.Key.Row, g.Key.Column, g.Sum(c => c.Count)))
            .Where(c => c.Count != 0)
            .ToList();
        var money = request.Count == StatisticsCount.Cases
            ? parts.Aggregate(MoneyRecovered.None, (sum, part) => sum.Plus(part.Money))
            : null;
        return new StatisticsResult(request, cells, parts.Sum(p => p.Total), money);
    }

    /// <summary>The view's days as the database holds them: whole months from their tallies where those serve, the rest from the facts.</summary>
    private async Task AddFromDatabaseAsync(StatisticsRequest request, List<Part> parts, CancellationToken cancellationToken)
    {
        var (tallied, fromFacts) = await SplitAsync(request, cancellationToken);
        if (tallied is not null)
        {
            parts.Add(await FromTalliesAsync(request, tallied, cancellationToken));
        }

        foreach (var days in fromFacts)
        {
            var part = await FromFactsAsync(request with { From = days.From, To = days.To }, cancellationToken);
            parts.Add(days.Subtract ? Negated(part) : part);
        }
    }

    private static int MonthOf(DateOnly day) => (day.Year * 100) + day.Month;

    private static Part Negated(Part part) => new(part.Cells.Select(c => c with { Count = -c.Count }).ToList(), -part.Total, part.Money.Negated());

    /// <summary>
    /// Which months of the view are read from tallies, and which days from the facts. A month not
    /// changed since it was counted comes from its tally; one the view cuts comes from its tally less
    /// the facts of the days left out, when those are fewer than the days kept (five years from the
    /// 2nd of a month: one day read, not thirty), and from the facts of its days kept otherwise.
    /// </summary>
    private async Task<(TalliedMonths? Tallied, List<FactDays> FromFacts)> SplitAsync(StatisticsRequest request, CancellationToken cancellationToken)
    {
        if (TalliedShape(request) is not { } view)
        {
            return (null, [new(request.From, request.To, Subtract: false)]);
        }

        var (first, last) = (MonthOf(request.From), MonthOf(request.To));
        var changed = (await db.Set<StatisticsChange>().Where(c => c.Month >= first && c.Month <= last).Select(c => c.Month).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var tallied = new List<int>();
        var days = new List<FactDays>();
        void Add(DateOnly from, DateOnly to, bool subtract)
        {
            if (from > to)
            {
                return;
            }

            if (days.Count > 0 && days[^1].Subtract == subtract && days[^1].To.AddDays(1) == from)
            {
                days[^1] = days[^1] with { To = to };
            }
            else
            {
                days.Add(new(from, to, subtract));
            }
        }

        for (var start = new DateOnly(request.From.Year, request.From.Month, 1); start <= request.To; start = start.AddMonths(1))
        {
            var end = start.AddMonths(1).AddDays(-1);
            var (from, to) = (start < request.From ? request.From : start, end > request.To ? request.To : end);
            var kept = to.DayNumber - from.DayNumber + 1;
            var month = MonthOf(start);
            if (changed.Contains(month) || end.DayNumber - start.DayNumber + 1 - kept >= kept)
            {
                Add(from, to, subtract: false);
                continue;
            }

            tallied.Add(month);
            Add(start, from.AddDays(-1), subtract: true);
            Add(to.AddDays(1), end, subtract: true);
        }

        if (tallied.Count == 0)
        {
            return (null, days);
        }

        var leftOut = new List<int>();
        for (var start = new DateOnly(tallied[0] / 100, tallied[0] % 100, 1); MonthOf(start) < tallied[^1]; start = start.AddMonths(1))
        {
            if (!tallied.Contains(MonthOf(start)))
            {
                leftOut.Add(MonthOf(start));
            }
        }

        return (new TalliedMonths(view, tallied[0], tallied[^1], leftOut), days);
    }

    /// <summary>What a view reads from tallies: the tag it counts among (empty: every fact), and the one filter beside it.</summary>
    private sealed record TalliedView(string Among, StatisticsFilter? Filter);

    /// <summary>
    /// Tallies hold single values and pairs, among every fact and among each tag: enough for any rows
    /// by any columns, or rows among one filter, and either of those among one tag. A filter of
    /// several values of a dimension a fact may hold several of would count a fact twice when its
    /// pairs are added, and two filters besides a tag need three dimensions: those views are counted
    /// from the facts (null).
    /// </summary>
    private static TalliedView? TalliedShape(StatisticsRequest request)
    {
        var filters = request.Filters.Where(f => f.Dimension.Code != StatisticsDimensions.Unit).ToList();
        var among = filters.FirstOrDefault(f => f.Dimension.Code == StatisticsDimensions.Tag && f.Values.Count == 1);
        if (among is not null)
        {
            filters.Remove(among);
        }

        var view = new TalliedView(among?.Values[0] ?? string.Empty, filters.FirstOrDefault());
        return filters switch
        {
            [] => view,
            [var filter] when request.Columns is null && filter.Dimension.Code != request.Rows.Code
                && (filter.Dimension.Shape != DimensionShape.Values || filter.Values.Count == 1) => view,
            _ => null,
        };
    }

    private async Task<Part> FromTalliesAsync(StatisticsRequest request, TalliedMonths months, CancellationToken cancellationToken)
    {
        var units = UnitsOf(request);
        var (among, filter) = months.View;
        var filterValues = filter is null ? [] : FilterValues(filter);
        IQueryable<StatisticsTally> Of(string dimension, string other) => db.Set<StatisticsTally>().AsNoTracking()
            .Where(t => t.Dimension == dimension && t.OtherDimension == other && t.Among == among && units.Contains(t.Unit)
                && t.Month >= months.First && t.Month <= months.Last && !months.LeftOut.Contains(t.Month));

        // The month and the unit are columns of every tally; any other dimension is named in it, alone or in a pair.
        static bool Held(StatisticsDimension? d) => d?.Code is StatisticsDimensions.Month or StatisticsDimensions.Unit;
        var (rows, columns) = (request.Rows, request.Columns);
        var named = new[] { rows, columns, filter?.Dimension }.Where(d => d is not null && !Held(d)).Select(d => d!.Code).Distinct().Order(StringComparer.Ordinal).ToList();
        var tallies = named switch
        {
            [] => Of(StatisticsTally.Every, string.Empty),
            [var one] => Of(one, string.Empty),
            [var first, var second] => Of(first, second),
            _ => throw new InvalidOperationException("Tallies hold at most two dimensions."),
        };
        if (filter is not null)
        {
            tallies = named.IndexOf(filter.Dimension.Code) == 0
                ? tallies.Where(t => filterValues.Contains(t.Value))
                : tallies.Where(t => filterValues.Contains(t.OtherValue));
        }

        // Grouped by what the rows and columns are; the rest is summed away.
        var (byMonth, byUnit) = (rows.Code == StatisticsDimensions.Month || columns?.Code == StatisticsDimensions.Month, rows.Code == StatisticsDimensions.Unit || columns?.Code == StatisticsDimensions.Unit);
        var (byValue, byOther) = (named.Count > 0 && named[0] != filter?.Dimension.Code, named.Count > 1 && named[1] != filter?.Dimension.Code);
        var groups = await tallies
            .GroupBy(t => new { Month = byMonth ? t.Month : 0, Unit = byUnit ? t.Unit : StatisticsUnit.Consultation, Value = byValue ? t.Value : string.Empty, Other = byOther ? t.OtherValue : string.Empty })
            .Select(g => new { g.Key.Month, g.Key.Unit, g.Key.Value, g.Key.Other, Count = g.Sum(t => t.Count) })
            .ToListAsync(cancellationToken);

        string? KeyOf(StatisticsDimension dimension, int month, StatisticsUnit unit, string value, string other) => dimension.Code switch
        {
            StatisticsDimensions.Month => month.ToString(CultureInfo.InvariantCulture),
            StatisticsDimensions.Unit => UnitCode(unit),
            _ => (named[0] == dimension.Code ? value : other) is { Length: > 0 } held ? held : null,
        };
        var cells = groups.Select(g => new StatisticsCell(
            KeyOf(rows, g.Month, g.Unit, g.Value, g.Other),
            columns is null ? null : KeyOf(columns, g.Month, g.Unit, g.Value, g.Other),
            g.Count)).ToList();

        // Each fact counts once in the total and the money: in the tally of every fact, or of the value filtered on.
        var counted = filter is null ? Of(StatisticsTally.Every, string.Empty) : Of(filter.Dimension.Code, string.Empty).Where(t => filterValues.Contains(t.Value));
        var sums = await counted.GroupBy(t => t.Unit == StatisticsUnit.Case)
            .Select(g => new { Cases = g.Key, Count = g.Sum(t => t.Count), MoneyCases = g.Sum(t => t.MoneyCases), Unpaid = g.Sum(t => t.UnpaidWagesYen), Leave = g.Sum(t => t.LeaveAllowanceYen), Overtime = g.Sum(t => t.OvertimeYen), Notice = g.Sum(t => t.NoticeAllowanceYen), Other = g.Sum(t => t.OtherYen) })
            .ToListAsync(cancellationToken);
        var money = sums.FirstOrDefault(s => s.Cases) is { } c ? new MoneyRecovered(c.Unpaid, c.Leave, c.Overtime, c.Notice, c.Other, c.MoneyCases) : MoneyRecovered.None;
        return new Part(cells, sums.Sum(s => s.Count), money);
    }

    /// <summary>The facts a view counts, with their values, a page at a time (after the last id read, so each page is as quick as the first).</summary>
    public async IAsyncEnumerable<StatisticsFact> RowsAsync(StatisticsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int Page = 2000;
        var after = 0L;
        while (true)
        {
            var page = await Filtered(request).Where(f => f.Id > after).OrderBy(f => f.Id).Take(Page)
                .Include(f => f.Values).AsSplitQuery().ToListAsync(cancellationToken);
            foreach (var fact in page)
            {
                yield return fact;
            }

            if (page.Count < Page)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }

    private async Task<Part> FromFactsAsync(StatisticsRequest request, CancellationToken cancellationToken)
    {
        var facts = Filtered(request);
        var cells = await Grouped(facts, request.Rows, request.Columns)
            .GroupBy(k => new { k.Row, k.Column })
            .Select(g => new StatisticsCell(g.Key.Row, g.Key.Column, g.Count()))
            .ToListAsync(cancellationToken);
        var total = await facts.CountAsync(cancellationToken);
        var money = MoneyRecovered.None;
        if (request.Count == StatisticsCount.Cases)
        {
            money = await facts.Where(f => f.UnpaidWagesYen + f.LeaveAllowanceYen + f.OvertimeYen + f.NoticeAllowanceYen + f.OtherYen > 0)
                .GroupBy(_ => 1)
                .Select(g => new MoneyRecovered(g.Sum(f => f.UnpaidWagesYen), g.Sum(f => f.LeaveAllowanceYen), g.Sum(f => f.OvertimeYen), g.Sum(f => f.NoticeAllowanceYen), g.Sum(f => f.OtherYen), g.Count()))
                .FirstOrDefaultAsync(cancellationToken) ?? money;
        }

        return new Part(cells, total, money);
    }

    /// <summary>The units a view counts, narrowed by a filter on the unit.</summary>
    private static List<StatisticsUnit> UnitsOf(StatisticsRequest request)
    {
        List<StatisticsUnit> units = request.Count switch
        {
            StatisticsCount.Consultations => [StatisticsUnit.Consultation],
            StatisticsCount.Calls => [StatisticsUnit.Call],
            StatisticsCount.Cases => [StatisticsUnit.Case],
            _ => [StatisticsUnit.Consultation, StatisticsUnit.Call],
        };
        return request.Filters.FirstOrDefault(f => f.Dimension.Code == StatisticsDimensions.Unit) is { } filter
            ? units.Where(u => filter.Values.Contains(UnitCode(u))).ToList()
            : units;
    }

    private static string UnitCode(StatisticsUnit unit) => unit switch
    {
        StatisticsUnit.Consultation => "consultation",
        StatisticsUnit.Call => "call",
        _ => "case",
    };

    /// <summary>A filter's values as the database holds them: residence statuses as their tokens.</summary>
    private List<string> FilterValues(StatisticsFilter filter) => filter.Dimension.Code == StatisticsDimensions.Residence
        ? filter.Values.Select(tokens.Residence).OfType<string>().ToList()
        : filter.Values.ToList();

    private string? ResidenceCode(string? token) => token is null ? null : tokens.ResidenceOf(token) ?? StatisticsDimensions.UnknownToken;

    private IQueryable<StatisticsFact> Filtered(StatisticsRequest request)
    {
        var (from, to) = (StatisticsFact.KeyOf(request.From), StatisticsFact.KeyOf(request.To));
        var facts = db.Set<StatisticsFact>().AsNoTracking().Where(f => f.Counted && f.Day >= from && f.Day <= to);
        var units = UnitsOf(request);
        facts = facts.Where(f => units.Contains(f.Unit));

        foreach (var filter in request.Filters)
        {
            if (filter.Dimension.Code == StatisticsDimensions.Unit)
            {
                continue;
            }

            var values = FilterValues(filter);
            if (filter.Dimension.Shape == DimensionShape.Values)
            {
                var code = filter.Dimension.Code;
                facts = facts.Where(f => db.Set<StatisticsFactValue>().Any(v => v.FactId == f.Id && v.Dimension == code && values.Contains(v.Value)));
            }
            else
            {
                // values.Contains(key(f)), with the dimension's own key expression.
                var key = filter.Dimension.Key!;
                var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Expression.Constant(values), key.Body);
                facts = facts.Where(Expression.Lambda<Func<StatisticsFact, bool>>(contains, key.Parameters));
            }
        }

        return facts;
    }

    /// <summary>Each fact as (row value, column value): a dimension held as values joins them, so a fact counts once under each.</summary>
    private IQueryable<Keyed> Grouped(IQueryable<StatisticsFact> facts, StatisticsDimension rows, StatisticsDimension? columns)
    {
        var values = db.Set<StatisticsFactValue>().AsNoTracking();
        var f = Expression.Parameter(typeof(StatisticsFact), "f");
        var v = Expression.Parameter(typeof(StatisticsFactValue), "v");
        Expression KeyOf(StatisticsDimension? dimension, ParameterExpression value) => dimension switch
        {
            null => Expression.Constant(null, typeof(string)),
            { Shape: DimensionShape.Values } => Expression.Property(value, nameof(StatisticsFactValue.Value)),
            _ => new Rebind(dimension.Key!.Parameters[0], f).Visit(dimension.Key.Body),
        };

        var rowsJoin = rows.Shape == DimensionShape.Values;
        var columnsJoin = columns?.Shape == DimensionShape.Values;
        if (!rowsJoin && !columnsJoin)
        {
            var body = Init(KeyOf(rows, v), KeyOf(columns, v));
            return facts.Select(Expression.Lambda<Func<StatisticsFact, Keyed>>(body, f));
        }

        if (rowsJoin != columnsJoin)
        {
            var joined = rowsJoin ? rows : columns!;
            var code = joined.Code;
            var body = Init(KeyOf(rows, v), KeyOf(columns, v));
            return facts.Join(values.Where(x => x.Dimension == code), x => x.Id, x => x.FactId,
                Expression.Lambda<Func<StatisticsFact, StatisticsFactValue, Keyed>>(body, f, v));
        }

        // Both held as values (problem by tag): two joins.
        var (rowCode, columnCode) = (rows.Code, columns!.Code);
        return facts
            .Join(values.Where(x => x.Dimension == rowCode), x => x.Id, x => x.FactId, (fact, value) => new { fact.Id, value.Value })
            .Join(values.Where(x => x.Dimension == columnCode), x => x.Id, x => x.FactId, (first, second) => new Keyed { Row = first.Value, Column = second.Value });
    }

    private static MemberInitExpression Init(Expression row, Expression column) => Expression.MemberInit(
        Expression.New(typeof(Keyed)),
        Expression.Bind(typeof(Keyed).GetProperty(nameof(Keyed.Row))!, row),
        Expression.Bind(typeof(Keyed).GetProperty(nameof(Keyed.Column))!, column));

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
