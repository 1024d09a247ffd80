using System.Linq.Expressions;
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
    public long Total => UnpaidWages + LeaveAllowance + Overtime + NoticeAllowance + Other;

    public long Of(string kind) => kind switch
    {
        "unpaid-wages" => UnpaidWages,
        "leave-allowance" => LeaveAllowance,
        "overtime" => Overtime,
        "notice-allowance" => NoticeAllowance,
        _ => Other,
    };
}

/// <summary>
/// The figures of a view. <see cref="Total"/> counts each consultation or case once; the cells of a
/// dimension a row holds several values of (problems, tags) add up to more.
/// </summary>
public sealed record StatisticsResult(StatisticsRequest Request, IReadOnlyList<StatisticsCell> Cells, int Total, MoneyRecovered? Money);

/// <summary>Runs a <see cref="StatisticsRequest"/> as a few aggregate queries over <see cref="StatisticsFact"/>, on either database.</summary>
public sealed class StatisticsQuery(SoudanDbContext db, StatisticsTokens tokens)
{
    /// <summary>A grouped row: the value of the rows dimension and of the columns dimension, as text.</summary>
    private sealed class Keyed
    {
        public string? Row { get; init; }

        public string? Column { get; init; }
    }

    public async Task<StatisticsResult> RunAsync(StatisticsRequest request, CancellationToken cancellationToken)
    {
        var facts = Filtered(request);
        var cells = await Grouped(facts, request.Rows, request.Columns)
            .GroupBy(k => new { k.Row, k.Column })
            .Select(g => new StatisticsCell(g.Key.Row, g.Key.Column, g.Count()))
            .ToListAsync(cancellationToken);
        var total = await facts.CountAsync(cancellationToken);

        MoneyRecovered? money = null;
        if (request.Count == StatisticsCount.Cases)
        {
            money = await facts.Where(f => f.UnpaidWagesYen + f.LeaveAllowanceYen + f.OvertimeYen + f.NoticeAllowanceYen + f.OtherYen > 0)
                .GroupBy(_ => 1)
                .Select(g => new MoneyRecovered(g.Sum(f => f.UnpaidWagesYen), g.Sum(f => f.LeaveAllowanceYen), g.Sum(f => f.OvertimeYen), g.Sum(f => f.NoticeAllowanceYen), g.Sum(f => f.OtherYen), g.Count()))
                .FirstOrDefaultAsync(cancellationToken) ?? new MoneyRecovered(0, 0, 0, 0, 0, 0);
        }

        // Residence statuses leave the database as tokens and are named here, with the key.
        if (request.Rows.Code == StatisticsDimensions.Residence || request.Columns?.Code == StatisticsDimensions.Residence)
        {
            cells = cells.Select(c => c with
            {
                Row = request.Rows.Code == StatisticsDimensions.Residence ? ResidenceCode(c.Row) : c.Row,
                Column = request.Columns?.Code == StatisticsDimensions.Residence ? ResidenceCode(c.Column) : c.Column,
            }).GroupBy(c => (c.Row, c.Column)).Select(g => new StatisticsCell(g.Key.Row, g.Key.Column, g.Sum(c => c.Count))).ToList();
        }

        return new StatisticsResult(request, cells, total, money);
    }

    private string? ResidenceCode(string? token) => token is null ? null : tokens.ResidenceOf(token) ?? StatisticsDimensions.UnknownToken;

    private IQueryable<StatisticsFact> Filtered(StatisticsRequest request)
    {
        var (from, to) = (StatisticsFact.KeyOf(request.From), StatisticsFact.KeyOf(request.To));
        var facts = db.Set<StatisticsFact>().AsNoTracking().Where(f => f.Counted && f.Day >= from && f.Day <= to);
        facts = request.Count switch
        {
            StatisticsCount.Consultations => facts.Where(f => f.Unit == StatisticsUnit.Consultation),
            StatisticsCount.Calls => facts.Where(f => f.Unit == StatisticsUnit.Call),
            StatisticsCount.Cases => facts.Where(f => f.Unit == StatisticsUnit.Case),
            _ => facts.Where(f => f.Unit == StatisticsUnit.Consultation || f.Unit == StatisticsUnit.Call),
        };

        foreach (var filter in request.Filters)
        {
            var values = filter.Dimension.Code == StatisticsDimensions.Residence
                ? filter.Values.Select(tokens.Residence).OfType<string>().ToList()
                : filter.Values.ToList();
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
