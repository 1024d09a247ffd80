using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Hotline;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Statistics.Pages.Staff;

/// <summary>
/// Right after a hotline day: the calls it received by language, problem, prefecture and what
/// became of them, and a paragraph to start a press release with. Someone who reads statistics with
/// small cells hidden reads each breakdown so, and a paragraph with no count under 5 in it.
/// </summary>
[Authorize(Policy = StaffPolicies.Statistics)]
public sealed class SessionReportModel(SoudanDbContext db, StatisticsQuery query, StatisticsTokens tokens, IStringLocalizer<StaffText> S, IStringLocalizer<PublicText> T) : PageModel
{
    public static IReadOnlyList<string> Breakdowns { get; } = ["language", StatisticsDimensions.Problem, "prefecture", "nationality", "status"];

    public HotlineSession Session { get; private set; } = null!;

    public string Title { get; private set; } = "";

    public IReadOnlyList<StatisticsTable> Tables { get; private set; } = [];

    public int Calls { get; private set; }

    public string PressText { get; private set; } = "";

    /// <summary>The calls as they may be shown: null with small cells hidden and fewer than 5.</summary>
    public int? CallsShown { get; private set; }

    public bool SmallCellsHidden => StaffRoles.SeesStatisticsWithSmallCellsHidden(User);

    /// <summary>The same breakdown on the dashboard, to cross it with something else or download it.</summary>
    public string ViewOf(string rows) => $"count=calls&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&rows={rows}&hotline-session={Session.Id}";

    // The session decides what is counted; the days only have to hold it, and calls logged in the week after.
    private DateOnly From => DateOnly.FromDateTime(Infrastructure.Time.JapanTime.FromUtc(Session.StartsAtUtc)).AddDays(-1);

    private DateOnly To => DateOnly.FromDateTime(Infrastructure.Time.JapanTime.FromUtc(Session.EndsAtUtc)).AddDays(7);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Set<HotlineSession>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } session)
        {
            return NotFound();
        }

        Session = session;
        var culture = CultureInfo.CurrentUICulture;
        Title = (session.TextFor(PublicLanguages.FindByCulture(culture) ?? PublicLanguages.Japanese) ?? session.Texts.FirstOrDefault())?.Title ?? "";
        var words = new StatisticsWords(T, S, culture, tokens, new Dictionary<int, string>());
        var tables = new List<StatisticsTable>();
        foreach (var rows in Breakdowns)
        {
            var request = new StatisticsRequest(
                StatisticsCount.Calls,
                From,
                To,
                StatisticsDimensions.Find(rows)!,
                null,
                [new StatisticsFilter(StatisticsDimensions.Find("hotline-session")!, [id.ToString(CultureInfo.InvariantCulture)])]);
            tables.Add(new StatisticsTable(await query.RunAsync(request, cancellationToken), words, SmallCellsHidden));
        }

        Tables = tables;
        Calls = tables[0].Result.Total;
        CallsShown = tables[0].ShownCounted;
        var when = Infrastructure.Time.JapanTime.FormatRange(session.StartsAtUtc, session.EndsAtUtc);
        if (CallsShown is null)
        {
            PressText = S["On {0}, the hotline received too few calls to describe without pointing at someone.", when].Value;
            return Page();
        }

        var languages = tables[0].Rows.Count(r => r.Code is not null && tables[0].Cell(r) > 0);
        var problems = tables[1].Rows.Where(r => r.Code is not null && tables[1].Shown(r) > 0).Take(3).Select(r => S["{0} ({1})", r.Name, tables[1].Shown(r)!].Value).ToList();
        PressText = S["On {0}, the hotline received {1} calls in {2} languages.", when, Calls, languages].Value
            + (problems.Count > 0 ? " " + S["They were most often about: {0}.", string.Join(S[", "].Value, problems)].Value : "");
        return Page();
    }
}
