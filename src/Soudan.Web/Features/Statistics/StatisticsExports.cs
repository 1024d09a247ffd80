using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.Extensions.Localization;
using Soudan.Web.Features.Cases;
using Soudan.Web.Resources;
using SpreadCheetah;

namespace Soudan.Web.Features.Statistics;

/// <summary>
/// A sheet to download: a header and rows of text and numbers. The figures of a view and the rows
/// of a view are each made into one, and every sheet is written the same way as CSV or XLSX.
/// </summary>
public sealed record StatisticsSheet(string Title, IReadOnlyList<string> Header, IAsyncEnumerable<IReadOnlyList<object>> Rows);

/// <summary>The downloads of the dashboard: figures, and one row per consultation or case with no one in it.</summary>
public static class StatisticsExports
{
    /// <summary>An XLSX sheet holds at most 1,048,576 rows, the header among them.</summary>
    public const int MaxRows = 1_048_575;

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The table of a view: its rows, a column per value of the columns dimension, and the total. A
    /// table with small cells hidden writes "not shown" for each hidden count, and a last line that
    /// says why.
    /// </summary>
    public static StatisticsSheet Figures(StatisticsTable table, IStringLocalizer<StaffText> S)
    {
        var request = table.Result.Request;
        var header = new List<string> { S[request.Rows.Label].Value };
        header.AddRange(table.Columns.Select(c => c.Name));
        header.Add(S["Total"].Value);
        return new StatisticsSheet(S[request.Rows.Label].Value, header, LinesAsync());

        async IAsyncEnumerable<IReadOnlyList<object>> LinesAsync()
        {
            await Task.CompletedTask;
            var notShown = S["not shown"].Value;
            object Number(int? count) => count is { } n ? n : notShown;
            foreach (var row in table.Rows)
            {
                var line = new List<object> { row.Name };
                line.AddRange(table.Columns.Select(c => Number(table.Shown(row, c))));
                line.Add(Number(table.Columns.Count == 0 ? table.Shown(row) : table.ShownRowTotal(row)));
                yield return line;
            }

            if (table.HidesSmallCells && (table.HiddenCells > 0 || table.ShownSum is null))
            {
                yield return [S["Not shown: fewer than 5, or hidden so that a count under 5 cannot be worked out from the totals."].Value];
            }
        }
    }

    /// <summary>
    /// One row per consultation, call or case of the view: the month it came in and the categories it
    /// was counted under, never a name, a contact, a day or a word of the worker's. The residence
    /// status is left out: beside the nationality, the prefecture and the month it could point to one
    /// person, and it is the detail that can get a worker deported.
    /// </summary>
    public static StatisticsSheet Rows(IAsyncEnumerable<StatisticsFact> facts, StatisticsWords words)
    {
        var S = words.S;
        StatisticsDimension D(string code) => StatisticsDimensions.Find(code)!;
        var columns = new[] { D(StatisticsDimensions.Unit), D(StatisticsDimensions.Month), D("channel"), D("language"), D("nationality"), D("prefecture"), D("industry"), D("employment-type"), D("status") };
        var values = new[] { D(StatisticsDimensions.Problem), D(StatisticsDimensions.DisputeCategory), D(StatisticsDimensions.Urgent), D(StatisticsDimensions.Tag), D(StatisticsDimensions.Outcome), D(StatisticsDimensions.Benefit) };
        var keys = columns.Select(d => d.Key!.Compile()).ToArray();
        var header = columns.Concat(values).Select(d => S[d.Label].Value)
            .Concat(CaseOutcome.MoneyKinds.All.Select(k => S[k.Label].Value + " (¥)"))
            .ToList();
        return new StatisticsSheet(S["Rows"].Value, header, LinesAsync());

        async IAsyncEnumerable<IReadOnlyList<object>> LinesAsync()
        {
            await foreach (var fact in facts)
            {
                var line = new List<object>(header.Count);
                for (var i = 0; i < columns.Length; i++)
                {
                    line.Add(keys[i](fact) is { } code ? columns[i].Name(code, words) : string.Empty);
                }

                foreach (var dimension in values)
                {
                    line.Add(string.Join("; ", fact.Values.Where(v => v.Dimension == dimension.Code).Select(v => dimension.Name(v.Value, words)).Order(StringComparer.Ordinal)));
                }

                line.AddRange([fact.UnpaidWagesYen, fact.LeaveAllowanceYen, fact.OvertimeYen, fact.NoticeAllowanceYen, fact.OtherYen]);
                yield return line;
            }
        }
    }

    /// <summary>CSV in UTF-8 with a byte order mark (spreadsheets need it to read Japanese); text a spreadsheet would run as a formula is written as text.</summary>
    public static async Task WriteCsvAsync(StatisticsSheet sheet, Stream stream, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var name in sheet.Header)
        {
            csv.WriteField(Text(name));
        }

        await csv.NextRecordAsync();
        await foreach (var line in sheet.Rows.WithCancellation(cancellationToken))
        {
            foreach (var cell in line)
            {
                csv.WriteField(cell is string text ? Text(text) : Convert.ToString(cell, CultureInfo.InvariantCulture));
            }

            await csv.NextRecordAsync();
        }
    }

    /// <summary>XLSX, numbers as numbers; its cells hold values only, so nothing in them runs as a formula.</summary>
    public static async Task WriteXlsxAsync(StatisticsSheet sheet, Stream stream, CancellationToken cancellationToken)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(stream, cancellationToken: cancellationToken);
        await spreadsheet.StartWorksheetAsync(SheetName(sheet.Title), token: cancellationToken);
        var bold = spreadsheet.AddStyle(new SpreadCheetah.Styling.Style { Font = { Bold = true } });
        await spreadsheet.AddRowAsync(sheet.Header.Select(h => new Cell(h, bold)).ToArray(), cancellationToken);
        var written = 0;
        await foreach (var line in sheet.Rows.WithCancellation(cancellationToken))
        {
            if (++written > MaxRows)
            {
                break;
            }

            await spreadsheet.AddRowAsync(line.Select(c => c switch
            {
                int number => new Cell(number),
                long number => new Cell(number),
                _ => new Cell(Convert.ToString(c, CultureInfo.InvariantCulture)),
            }).ToArray(), cancellationToken);
        }

        await spreadsheet.FinishAsync(cancellationToken);
    }

    /// <summary>A spreadsheet runs a cell that starts with = + - @ (or a tab or return) as a formula: such text is written with a leading apostrophe.</summary>
    public static string Text(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>A worksheet name: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string title)
    {
        var name = new string([.. title.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]).Trim();
        return name.Length == 0 ? "Soudan" : name.Length > 31 ? name[..31] : name;
    }
}
