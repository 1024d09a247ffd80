using System.Globalization;
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
/// a table and a chart of the figures, the same view as CSV or XLSX, and its rows with no one in them. Figures only: it reads nothing
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

    /// <summary>The figures of the view as CSV.</summary>
    public Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken) => FiguresAsync(xlsx: false, cancellationToken);

    /// <summary>The figures of the view as an XLSX workbook.</summary>
    public Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken) => FiguresAsync(xlsx: true, cancellationToken);

    /// <summary>
    /// One row per consultation, call or case the view counts, with no one in it (<see cref="StatisticsExports.Rows"/>),
    /// as CSV or (<c>format=xlsx</c>) XLSX; written to a file that is gone once sent, as a million rows would not fit well in memory.
    /// </summary>
    public async Task<IActionResult> OnGetRowsAsync(string? format, CancellationToken cancellationToken)
    {
        if (!await ReadAsync(cancellationToken))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var xlsx = format == "xlsx";
        await audit.RecordAsync(AuditActions.StatisticsExported, AuditLog.ActorOf(User), "statistics-rows", Detail(xlsx), cancellationToken);
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var sheet = StatisticsExports.Rows(query.RowsAsync(View, cancellationToken), Words);
            await (xlsx ? StatisticsExports.WriteXlsxAsync(sheet, file, cancellationToken) : StatisticsExports.WriteCsvAsync(sheet, file, cancellationToken));
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        Response.Headers.CacheControl = "no-store";
        return File(file, xlsx ? StatisticsExports.XlsxType : "text/csv; charset=utf-8", FileName("rows", xlsx));
    }

    private async Task<IActionResult> FiguresAsync(bool xlsx, CancellationToken cancellationToken)
    {
        if (!await ReadAsync(cancellationToken))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var table = new StatisticsTable(await query.RunAsync(View, cancellationToken), Words);
        await audit.RecordAsync(AuditActions.StatisticsExported, AuditLog.ActorOf(User), "statistics", Detail(xlsx), cancellationToken);
        using var file = new MemoryStream();
        var sheet = StatisticsExports.Figures(table, S);
        await (xlsx ? StatisticsExports.WriteXlsxAsync(sheet, file, cancellationToken) : StatisticsExports.WriteCsvAsync(sheet, file, cancellationToken));
        Response.Headers.CacheControl = "no-store";
        return File(file.ToArray(), xlsx ? StatisticsExports.XlsxType : "text/csv; charset=utf-8", FileName("by-" + View.Rows.Code + (View.Columns is { } c ? "-and-" + c.Code : ""), xlsx));
    }

    /// <summary>What the audit log keeps of an export: its format and the view (cut to the log's length).</summary>
    private string Detail(bool xlsx)
    {
        var detail = (xlsx ? "xlsx " : "csv ") + Query;
        return detail.Length <= 64 ? detail : detail[..64];
    }

    private string FileName(string what, bool xlsx) =>
        string.Create(CultureInfo.InvariantCulture, $"soudan-{StatisticsRequestReader.CodeOf(View.Count)}-{what}-{View.From:yyyyMMdd}-{View.To:yyyyMMdd}.{(xlsx ? "xlsx" : "csv")}");

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
