using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Time;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Statistics.Pages.Staff;

/// <summary>
/// The staff dashboard: what to count, over which days, by what and by what beside it, among which;
/// a table and a chart of the figures, the same view as CSV or XLSX, and its rows with no one in them. Figures only: it reads nothing
/// but <see cref="StatisticsFact"/>. Someone who reads the statistics with small cells hidden (an analyst:
/// <see cref="StaffRoles.SeesStatisticsWithSmallCellsHidden"/>) reads every figure and download as the
/// public page would show it, over whole months that have ended, without tags and without the rows.
/// </summary>
[Authorize(Policy = StaffPolicies.Statistics)]
public sealed class DashboardModel(
    StatisticsQuery query,
    PublicStatistics publicStatistics,
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

    /// <summary>Counts from 1 to 4 (and those that would give them away) are not shown to this reader.</summary>
    public bool SmallCellsHidden => StaffRoles.SeesStatisticsWithSmallCellsHidden(User);

    /// <summary>Why the view shown cannot be published as it is (a period still running), or null.</summary>
    public StatisticsMistake? PublishRefusal { get; private set; }

    /// <summary>What the coordinator confirms before publishing the view shown (a crossing, many rows, many counts hidden).</summary>
    public IReadOnlyList<StatisticsMistake> PublishWarnings { get; private set; } = [];

    /// <summary>Today in Japan: a published view whose figures are not frozen yet waits for its period to end.</summary>
    public DateOnly Today => DateOnly.FromDateTime(JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    public IReadOnlyList<PublishedStatistic> Published { get; private set; } = [];

    public bool Publishable => PublicStatistics.IsPublishable(View);

    /// <summary>What the publish form held when it comes back with a warning or a mistake.</summary>
    public string? Posted(string field) => Request.HasFormContentType ? Request.Form[field].FirstOrDefault() : null;

    public IReadOnlyList<string> Chosen(string dimension) => View.Filters.FirstOrDefault(f => f.Dimension.Code == dimension)?.Values ?? [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ShowAsync(cancellationToken))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }

    /// <summary>
    /// Publishes the view shown on <c>/{lang}/stats</c>: a period that has ended, its figures counted
    /// now, small ones hidden, and kept as they are (<see cref="PublishedFigures"/>). A detailed table
    /// is published only once the coordinator ticked "Publish anyway" beside its warnings.
    /// </summary>
    public async Task<IActionResult> OnPostPublishAsync(string? view, string? titleJa, string? titleEn, bool confirm, CancellationToken cancellationToken)
    {
        if (!MayPublish)
        {
            return Forbid();
        }

        var (request, mistakes) = PublicStatistics.Read(view ?? "", Today);
        var titles = new[] { titleJa, titleEn }.Select(Infrastructure.Text.UserText.Line).ToArray();
        var refusals = mistakes.ToList();
        if ((view?.Length ?? 0) > PublishedStatistic.ViewMaxLength)
        {
            refusals.Add(new("view", Localizable.Staff("Choose fewer filters."), []));
        }

        if (titles.Any(t => t?.Length > PublishedStatistic.TitleMaxLength))
        {
            refusals.Add(new("titleJa", Localizable.Staff("Write a title of at most {0} characters."), [PublishedStatistic.TitleMaxLength]));
        }

        var figures = refusals.Count == 0 ? await publicStatistics.FreezeAsync(request, cancellationToken) : null;
        if (figures is not null && !confirm && figures.Warnings().Count > 0)
        {
            refusals.Add(new("confirm", Localizable.Staff("Read the warnings, and tick \"Publish anyway\" to publish this table all the same."), []));
        }

        if (figures is null || refusals.Count > 0)
        {
            await ShowAsync(cancellationToken);
            foreach (var refusal in refusals)
            {
                ModelState.AddModelError(refusal.Field, S[refusal.Message, refusal.Arguments].Value);
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(new PublishedStatistic
        {
            View = StatisticsRequestReader.QueryOf(request),
            TitleJa = titles[0],
            TitleEn = titles[1],
            PublishedAtUtc = now,
            PublishedBy = AuditLog.ActorOf(User)!.Value,
            Figures = figures.ToJson(),
            FiguresAtUtc = now,
        });
        audit.Add(AuditActions.StatisticsPublished, AuditLog.ActorOf(User), "statistics", "publish");
        await db.SaveChangesAsync(cancellationToken);
        await PublicPageCache.EvictAsync(HttpContext.RequestServices, cancellationToken);
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
            await PublicPageCache.EvictAsync(HttpContext.RequestServices, cancellationToken);
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
    /// Not for those who read small cells hidden: a row is one person, however little it says.
    /// </summary>
    public async Task<IActionResult> OnGetRowsAsync(string? format, CancellationToken cancellationToken)
    {
        if (SmallCellsHidden)
        {
            return Forbid();
        }

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

        var table = new StatisticsTable(await query.RunAsync(View, cancellationToken), Words, SmallCellsHidden);
        if (table.NothingShown)
        {
            ModelState.AddModelError("rows", S[NothingShownMessage].Value);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

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

    /// <summary>For a reader with small cells hidden, a view whose every count is hidden: the page and the downloads say so.</summary>
    public static readonly string NothingShownMessage = Localizable.Staff("Every count of this view is under 5, or would give one away, so none is shown. Choose more months, fewer filters, or one dimension instead of two.");

    /// <summary>Reads the view and counts it; for a coordinator, also what publishing it would mean.</summary>
    private async Task<bool> ShowAsync(CancellationToken cancellationToken)
    {
        if (!await ReadAsync(cancellationToken))
        {
            return false;
        }

        Table = new StatisticsTable(await query.RunAsync(View, cancellationToken), Words, SmallCellsHidden);
        if (MayPublish && Publishable)
        {
            PublishRefusal = PublicStatistics.Read(Query, Today).Mistakes is [var refusal, ..] ? refusal : null;
            PublishWarnings = PublishRefusal is null ? PublishedFigures.Of(new StatisticsTable(Table.Result, Words, hideSmallCells: true)).Warnings() : [];
        }

        return true;
    }

    private async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        (View, Mistakes) = StatisticsRequestReader.Read(Request.Query, Today, SmallCellsHidden);
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
