using System.Globalization;
using Microsoft.Extensions.Primitives;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Statistics;

/// <summary>A mistake in a view's address: the field it is about and a staff text key for the message.</summary>
public sealed record StatisticsMistake(string Field, string Message, object[] Arguments);

/// <summary>
/// Reads a view from its query string (the dashboard and its exports share one address):
/// <c>count</c>, <c>from</c>, <c>to</c> (a day, or a month: yyyy-MM is its first day in <c>from</c>
/// and its last in <c>to</c>), <c>rows</c>, <c>columns</c>, and a dimension's code for each filter
/// (<c>?problem=company-closure&amp;tag=COVID-19</c>; several values of one are "any of them").
/// <para>
/// Read for someone who sees small cells hidden (<c>smallCellsHidden</c>), a view must also leave
/// nothing to subtract one person from: it covers whole months that have ended (a day's
/// consultations would be the difference of two ranges a day apart, and a month still running
/// changes as each one arrives), counts by month at the finest (no day, week or hotline session, as
/// rows, columns or filter), and never by tag (tags are typed freely and can name a person or a
/// company).
/// </para>
/// </summary>
public static class StatisticsRequestReader
{
    public const int MaxDaysByDay = 400;
    public const int MaxWeeks = 530;
    public const int MaxFilterValues = 50;

    private static readonly string PeriodsByMonth = Localizable.Staff("Your statistics are counted by month at the finest: choose something other than a day, a week or a hotline session.");

    private static readonly string TagsNotCounted = Localizable.Staff("Tags are typed freely and can name a person or a company: your statistics are not counted by tag.");

    public static TermList Counts { get; } = new(
    [
        new("consultations-and-calls", Localizable.Staff("Consultations and calls")),
        new("consultations", Localizable.Staff("Online consultations")),
        new("calls", Localizable.Staff("Calls")),
        new("cases", Localizable.Staff("Cases")),
    ]);

    public static (StatisticsRequest Request, IReadOnlyList<StatisticsMistake> Mistakes) Read(IEnumerable<KeyValuePair<string, StringValues>> query, DateOnly today, bool smallCellsHidden = false)
    {
        var values = query.ToDictionary(q => q.Key, q => q.Value, StringComparer.OrdinalIgnoreCase);
        string? One(string key) => values.TryGetValue(key, out var v) && v.Count > 0 && !string.IsNullOrWhiteSpace(v[^1]) ? v[^1]!.Trim() : null;
        var mistakes = new List<StatisticsMistake>();

        var count = One("count") switch
        {
            null or "consultations-and-calls" => StatisticsCount.ConsultationsAndCalls,
            "consultations" => StatisticsCount.Consultations,
            "calls" => StatisticsCount.Calls,
            "cases" => StatisticsCount.Cases,
            _ => Mistake(mistakes, "count", Localizable.Staff("Choose from the list."), StatisticsCount.ConsultationsAndCalls),
        };

        // By default the last twelve months: with small cells hidden, the twelve that have ended.
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var (defaultFrom, defaultTo) = smallCellsHidden ? (thisMonth.AddMonths(-12), thisMonth.AddDays(-1)) : (thisMonth.AddMonths(-11), today);
        var from = Day(One("from"), "from", defaultFrom, mistakes, lastOfMonth: false);
        var to = Day(One("to"), "to", defaultTo, mistakes, lastOfMonth: true);
        if (from > to && !mistakes.Any(m => m.Field is "from" or "to"))
        {
            mistakes.Add(new("from", Localizable.Staff("The first day is after the last day."), []));
        }

        var rows = StatisticsDimensions.Find(One("rows") ?? "month");
        if (rows is null)
        {
            mistakes.Add(new("rows", Localizable.Staff("Choose from the list."), []));
            rows = StatisticsDimensions.Find("month")!;
        }

        StatisticsDimension? columns = null;
        if (One("columns") is { } columnsCode)
        {
            columns = StatisticsDimensions.Find(columnsCode);
            if (columns is null)
            {
                mistakes.Add(new("columns", Localizable.Staff("Choose from the list."), []));
            }
            else if (columns.Code == rows.Code)
            {
                mistakes.Add(new("columns", Localizable.Staff("Choose something other than the rows for the columns."), []));
                columns = null;
            }
        }

        var days = to.DayNumber - from.DayNumber + 1;
        if (!mistakes.Any(m => m.Field is "from" or "to") && (rows.Code == "day" || columns?.Code == "day") && days > MaxDaysByDay)
        {
            mistakes.Add(new("rows", Localizable.Staff("Counted by day, a view covers at most {0} days: choose fewer days, or count by week or month."), [MaxDaysByDay]));
        }
        else if (!mistakes.Any(m => m.Field is "from" or "to") && (rows.Code == "week" || columns?.Code == "week") && days > MaxWeeks * 7)
        {
            mistakes.Add(new("rows", Localizable.Staff("Counted by week, a view covers at most {0} weeks: choose fewer days, or count by month."), [MaxWeeks]));
        }

        var filters = new List<StatisticsFilter>();
        // Periods are chosen with from and to; a hotline session is also something to count among.
        foreach (var dimension in StatisticsDimensions.All.Where(d => d.Shape != DimensionShape.Period || d.Code == "hotline-session"))
        {
            if (!values.TryGetValue(dimension.Code, out var given))
            {
                continue;
            }

            var chosen = given.OfType<string>().Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (chosen.Count > MaxFilterValues || chosen.Any(v => v.Length > 64))
            {
                mistakes.Add(new(dimension.Code, Localizable.Staff("Choose at most {0} values, each shorter than 65 characters."), [MaxFilterValues]));
                continue;
            }

            if (chosen.Count > 0)
            {
                filters.Add(new StatisticsFilter(dimension, chosen));
            }
        }

        var request = new StatisticsRequest(count, from, to, rows, columns, filters);
        if (smallCellsHidden)
        {
            mistakes.AddRange(WithSmallCellsHidden(request, today, mistakes));
        }

        return (request, mistakes);
    }

    /// <summary>Whether someone who sees small cells hidden may count by this dimension, or among its values.</summary>
    public static bool OfferedWithSmallCellsHidden(StatisticsDimension dimension) =>
        dimension.Code is not (StatisticsDimensions.Day or StatisticsDimensions.Week or StatisticsDimensions.HotlineSession or StatisticsDimensions.Tag);

    /// <summary>What a view read for someone who sees small cells hidden must also keep to (see the class).</summary>
    private static IEnumerable<StatisticsMistake> WithSmallCellsHidden(StatisticsRequest request, DateOnly today, List<StatisticsMistake> earlier)
    {
        foreach (var (field, dimension) in new[] { ("rows", request.Rows), ("columns", request.Columns) })
        {
            if (dimension is not null && !OfferedWithSmallCellsHidden(dimension))
            {
                yield return new(field, dimension.Code == StatisticsDimensions.Tag ? TagsNotCounted : PeriodsByMonth, []);
            }
        }

        foreach (var filter in request.Filters.Where(f => !OfferedWithSmallCellsHidden(f.Dimension)))
        {
            yield return new(filter.Dimension.Code, filter.Dimension.Code == StatisticsDimensions.Tag ? TagsNotCounted : PeriodsByMonth, []);
        }

        if (earlier.Any(m => m.Field is "from" or "to"))
        {
            yield break;
        }

        if (request.From.Day != 1)
        {
            yield return new("from", Localizable.Staff("Your statistics cover whole months: start on the first day of a month."), []);
        }

        var lastEnded = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        if (request.To > lastEnded)
        {
            yield return new("to", Localizable.Staff("Your statistics cover months that have ended: end on {0} at the latest."), [lastEnded.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        }
        else if (request.To.AddDays(1).Day != 1)
        {
            yield return new("to", Localizable.Staff("Your statistics cover whole months: end on the last day of a month."), []);
        }
    }


    /// <summary>The same view as a query string, for links (exports, the other unit) that keep it.</summary>
    public static string QueryOf(StatisticsRequest request, string? count = null)
    {
        var parts = new List<string>
        {
            "count=" + (count ?? CodeOf(request.Count)),
            "from=" + request.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "to=" + request.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "rows=" + request.Rows.Code,
        };
        if (request.Columns is { } columns)
        {
            parts.Add("columns=" + columns.Code);
        }

        parts.AddRange(request.Filters.SelectMany(f => f.Values.Select(v => f.Dimension.Code + "=" + Uri.EscapeDataString(v))));
        return string.Join('&', parts);
    }

    public static string CodeOf(StatisticsCount count) => count switch
    {
        StatisticsCount.Consultations => "consultations",
        StatisticsCount.Calls => "calls",
        StatisticsCount.Cases => "cases",
        _ => "consultations-and-calls",
    };

    /// <summary>A day (yyyy-MM-dd), or a month (yyyy-MM, as a month field sends it): its first day, or its last (<paramref name="lastOfMonth"/>).</summary>
    private static DateOnly Day(string? text, string field, DateOnly fallback, List<StatisticsMistake> mistakes, bool lastOfMonth)
    {
        if (text is null)
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            text = (lastOfMonth ? month.AddMonths(1).AddDays(-1) : month).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            mistakes.Add(new(field, Localizable.Staff("Write the day as {0}."), ["2026-04-30"]));
            return fallback;
        }

        if (day.Year is < 1990 or > 2200)
        {
            mistakes.Add(new(field, Localizable.Staff("Choose a day between 1990 and 2200."), []));
            return fallback;
        }

        return day;
    }

    private static T Mistake<T>(List<StatisticsMistake> mistakes, string field, string message, T fallback)
    {
        mistakes.Add(new(field, message, []));
        return fallback;
    }
}
