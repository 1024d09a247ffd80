using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Time;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Statistics.Pages.Staff;

/// <summary>
/// The staff dashboard: what to count, over which days, by what and by what beside it, among which;
/// a table and a chart of the figures, and the same view as CSV. Figures only: it reads nothing
/// but <see cref="StatisticsFact"/>.
/// </summary>
[Authorize(Policy = StaffPolicies.Statistics)]
public sealed class DashboardModel(
    StatisticsQuery query,
    StatisticsTokens tokens,
    SoudanDbContext db,
    AuditLog audit,
    TimeProvider clock,
    IStringLocalizer<StaffText> S,
    IStringLocalizer<PublicText> T) : PageModel
{
    public StatisticsRequest View { get; private set; } = null!;

    public IReadOnlyList<StatisticsMistake> Mistakes { get; private set; } = [];

    public StatisticsTable? Table { get; private set; }

    public StatisticsWords Words { get; private set; } = null!;

    public string Query => StatisticsRequestReader.QueryOf(View);

    /// <summary>Coordinators and admins choose what the public page shows.</summary>
    public bool MayPublish => User.IsInRole(StaffRoles.Admin) || User.IsInRole(StaffRoles.Coordinator);

    public IReadOnlyList<PublishedStatistic> Published { get; private set; } = [];

    public bool Publishable => PublicStatistics.IsPublishable(View);

    public IReadOnlyList<string> Chosen(string dimension) => View.Filters.FirstOrDefault(f => f.Dimension.Code == dimension)?.Values ?? [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ReadAsync(cancellationToken))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Table = new StatisticsTable(await query.RunAsync(View, cancellationToken), Words);
        return Page();
    }

    /// <summary>Publishes the view shown on <c>/{lang}/stats</c>, its figures counted afresh each time and small ones hidden.</summary>
    public async Task<IActionResult> OnPostPublishAsync(string? view, string? titleJa, string? titleEn, CancellationToken cancellationToken)
    {
        if (!MayPublish)
        {
            return Forbid();
        }

        var today = DateOnly.FromDateTime(JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));
        var (request, mistakes) = PublicStatistics.Read(view ?? "", today);
        var titles = new[] { titleJa, titleEn }.Select(Infrastructure.Text.UserText.Line).ToArray();
        if (mistakes.Count > 0 || (view?.Length ?? 0) > PublishedStatistic.ViewMaxLength || titles.Any(t => t?.Length > PublishedStatistic.TitleMaxLength))
        {
            await ReadAsync(cancellationToken);
            foreach (var mistake in mistakes)
            {
                ModelState.AddModelError(mistake.Field, S[mistake.Message, mistake.Arguments].Value);
            }

            if (titles.Any(t => t?.Length > PublishedStatistic.TitleMaxLength))
            {
                ModelState.AddModelError("titleJa", S["Write a title of at most {0} characters.", PublishedStatistic.TitleMaxLength].Value);
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        db.Add(new PublishedStatistic
        {
            View = StatisticsRequestReader.QueryOf(request),
            TitleJa = titles[0],
            TitleEn = titles[1],
            PublishedAtUtc = clock.GetUtcNow().UtcDateTime,
            PublishedBy = AuditLog.ActorOf(User)!.Value,
        });
        audit.Add(AuditActions.StatisticsPublished, AuditLog.ActorOf(User), "statistics", "publish");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/staff/statistics?" + StatisticsRequestReader.QueryOf(request) + "#published");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken cancellationToken)
    {
        if (!MayPublish)
        {
            return Forbid();
        }

        if (await db.Set<PublishedStatistic>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is { } published)
        {
            db.Remove(published);
            audit.Add(AuditActions.StatisticsPublished, AuditLog.ActorOf(User), "statistics", "withdraw " + id.ToString(CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(cancellationToken);
        }

        return Redirect("/staff/statistics#published");
    }

    /// <summary>The figures of the view as CSV (UTF-8 with a byte order mark, which spreadsheets need to read Japanese).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (!await ReadAsync(cancellationToken))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var table = new StatisticsTable(await query.RunAsync(View, cancellationToken), Words);
        await audit.RecordAsync(AuditActions.StatisticsExported, AuditLog.ActorOf(User), "statistics", Query.Length <= 64 ? Query : Query[..64], cancellationToken);

        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            csv.WriteField(S[View.Rows.Label].Value);
            foreach (var column in table.Columns)
            {
                csv.WriteField(Cell(column.Name));
            }

            csv.WriteField(S["Total"].Value);
            await csv.NextRecordAsync();
            foreach (var row in table.Rows)
            {
                csv.WriteField(Cell(row.Name));
                foreach (var column in table.Columns)
                {
                    csv.WriteField(table.Cell(row, column));
                }

                csv.WriteField(table.Columns.Count == 0 ? table.Cell(row) : table.RowTotal(row));
                await csv.NextRecordAsync();
            }
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"soudan-{StatisticsRequestReader.CodeOf(View.Count)}-by-{View.Rows.Code}{(View.Columns is { } c ? "-and-" + c.Code : "")}-{View.From:yyyyMMdd}-{View.To:yyyyMMdd}.csv");
        Response.Headers.CacheControl = "no-store";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv; charset=utf-8", name);
    }

    /// <summary>A spreadsheet runs a cell that starts with = + - @ (or a tab or return) as a formula: such a name is written as text.</summary>
    public static string Cell(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));
        (View, Mistakes) = StatisticsRequestReader.Read(Request.Query, today);
        var sessions = View.Rows.Code == "hotline-session" || View.Columns?.Code == "hotline-session"
            ? await SessionNamesAsync(cancellationToken)
            : new Dictionary<int, string>();
        Words = new StatisticsWords(T, S, CultureInfo.CurrentUICulture, tokens, sessions);
        foreach (var mistake in Mistakes)
        {
            ModelState.AddModelError(mistake.Field, S[mistake.Message, mistake.Arguments].Value);
        }

        Published = MayPublish ? await db.Set<PublishedStatistic>().AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken) : [];
        return Mistakes.Count == 0;
    }

    private async Task<Dictionary<int, string>> SessionNamesAsync(CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.Name.StartsWith("ja", StringComparison.Ordinal) ? "ja" : "en";
        var sessions = await db.Set<Hotline.HotlineSession>().AsNoTracking().ToListAsync(cancellationToken);
        return sessions.ToDictionary(
            s => s.Id,
            s => JapanTime.FromUtc(s.StartsAtUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " " +
                 (s.Texts.FirstOrDefault(t => t.Language == language) ?? s.Texts.FirstOrDefault())?.Title);
    }
}
