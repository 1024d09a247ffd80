using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Statistics;

/// <summary>A value of a published table's rows or columns.</summary>
/// <param name="Code">The stable code (a problem code, a country code, yyyyMM for a month); null for "not recorded".</param>
/// <param name="Label">Its name in the language asked for.</param>
public sealed record PublicHeading(string? Code, string Label);

/// <summary>A published table. Every count is null where it is fewer than 5 (or hidden so that one cannot be worked out).</summary>
/// <param name="Id">Stable while the table stays published.</param>
/// <param name="Title">In the language asked for.</param>
/// <param name="Counting">What is counted (consultations, calls or cases), in that language.</param>
/// <param name="From">First day counted (Japan), yyyy-MM-dd.</param>
/// <param name="To">Last day counted (Japan), yyyy-MM-dd.</param>
/// <param name="Rows">What the rows are (month, problem, nationality...), in that language.</param>
/// <param name="Columns">What the columns are, or null for a table of one column.</param>
/// <param name="RowValues">The rows, in order.</param>
/// <param name="ColumnValues">The columns, in order; empty for a table of one column.</param>
/// <param name="Cells">One list per row, one count per column (one count when the table has no columns).</param>
/// <param name="RowTotals">Each row's total (the same as its cell when there are no columns).</param>
/// <param name="ColumnTotals">Each column's total; empty for a table of one column.</param>
/// <param name="Total">The sum of the cells.</param>
/// <param name="Counted">How many consultations, calls or cases in all, each once; may be fewer than the sum of the cells when one counts under several values.</param>
/// <param name="AsOf">The day (Japan), yyyy-MM-dd, the figures were counted: they are kept as published and do not change afterwards.</param>
public sealed record PublicStatisticsTable(
    int Id,
    string Title,
    string Counting,
    string From,
    string To,
    string Rows,
    string? Columns,
    IReadOnlyList<PublicHeading> RowValues,
    IReadOnlyList<PublicHeading> ColumnValues,
    IReadOnlyList<IReadOnlyList<int?>> Cells,
    IReadOnlyList<int?> RowTotals,
    IReadOnlyList<int?> ColumnTotals,
    int? Total,
    int? Counted,
    string AsOf);

/// <summary>The published statistics, in the language asked for.</summary>
/// <param name="Language">The language of the titles and labels.</param>
/// <param name="SmallestShown">Counts under this are never shown.</param>
/// <param name="Tables">The published tables, in the order they were published.</param>
public sealed record PublicStatisticsAnswer(string Language, int SmallestShown, IReadOnlyList<PublicStatisticsTable> Tables);

public static class StatisticsEndpoints
{
    public static IEndpointRouteBuilder MapStatistics(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/stats/public", PublicAsync)
            .WithTags("Statistics")
            .WithName("PublicStatistics")
            .WithSummary("The figures the organisation publishes, as they were when published (asOf); counts under 5 are null")
            .AllowAnonymous();

        // For the benchmarks only (off unless Benchmark__Enabled=true): how many facts the copies in memory hold, to wait for them.
        if (routes.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("Benchmark:Enabled", false))
        {
            routes.MapGet("/bench/statistics-memory", (StatisticsMemory memory) => memory.Facts.ToString(CultureInfo.InvariantCulture)).AllowAnonymous().ExcludeFromDescription();
        }

        return routes;
    }

    private static async Task<Ok<PublicStatisticsAnswer>> PublicAsync(PublicStatistics statistics, HttpContext http, string? lang, CancellationToken cancellationToken)
    {
        var language = PublicLanguages.AskedBy(lang, http.Request.Headers.AcceptLanguage.ToString());
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = language.Culture;
        try
        {
            var tables = await statistics.TablesAsync(cancellationToken);
            http.Response.Headers.CacheControl = "public, max-age=60";
            return TypedResults.Ok(new PublicStatisticsAnswer(language.Code, SmallCells.Threshold, [.. tables.Select(t => new PublicStatisticsTable(
                t.Id, t.Title, t.Count, t.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), t.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                t.RowsName, t.ColumnsName,
                [.. t.Rows.Select(h => new PublicHeading(h.Code, h.Name))], [.. t.Columns.Select(h => new PublicHeading(h.Code, h.Name))],
                t.Cells, t.RowTotals, t.ColumnTotals, t.Total, t.Counted, t.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))]));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
