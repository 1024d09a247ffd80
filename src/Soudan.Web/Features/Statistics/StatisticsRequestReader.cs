using System.Globalization;
using Microsoft.Extensions.Primitives;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Statistics;

/// <summary>A mistake in a view's address: the field it is about and a staff text key for the message.</summary>
public sealed record StatisticsMistake(string Field, string Message, object[] Arguments);

/// <summary>
/// Reads a view from its query string (the dashboard and its exports share one address):
/// <c>count</c>, <c>from</c>, <c>to</c>, <c>rows</c>, <c>columns</c>, and a dimension's code for each
/// filter (<c>?problem=company-closure&amp;tag=COVID-19</c>; several values of one are "any of them").
/// </summary>
public static class StatisticsRequestReader
{
    public const int MaxDaysByDay = 400;
    public const int MaxWeeks = 530;
    public const int MaxFilterValues = 50;

    public static TermList Counts { get; } = new(
    [
        new("consultations-and-calls", Localizable.Staff("Consultations and calls")),
        new("consultations", Localizable.Staff("Online consultations")),
        new("calls", Localizable.Staff("Calls")),
        new("cases", Localizable.Staff("Cases")),
    ]);

    public static (StatisticsRequest Request, IReadOnlyList<StatisticsMistake> Mistakes) Read(IEnumerable<KeyValuePair<string, StringValues>> query, DateOnly today)
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

        var defaultFrom = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var from = Day(One("from"), "from", defaultFrom, mistakes);
        var to = Day(One("to"), "to", today, mistakes);
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

        return (new StatisticsRequest(count, from, to, rows, columns, filters), mistakes);
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

    private static DateOnly Day(string? text, string field, DateOnly fallback, List<StatisticsMistake> mistakes)
    {
        if (text is null)
        {
            return fallback;
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
