using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using static Soudan.Tests.Features.Statistics.StatisticsSteps;

namespace Soudan.Tests.Features.Statistics;

/// <summary>
/// An analyst reads the statistics as the public page shows them, so that no figure singles out a
/// worker: counts under 5 hidden (with the counts that would give them away) on the dashboard, in
/// every download and on the hotline-day report; whole months that have ended, by month at the
/// finest, never by tag; no rows. Counselors, coordinators and admins keep the exact figures.
/// Each test has its own database, so the counts are exact.
/// </summary>
public abstract class StatisticsWithSmallCellsHiddenTests(TestDatabase database)
{
    [Fact]
    public async Task An_analyst_reads_counts_under_5_hidden_on_the_page_and_in_the_downloads_where_a_counselor_reads_them_all()
    {
        await using var app = await SoudanApp.StartAsync(database);
        // Seven from the Philippines, six from Viet Nam, two from Nepal, last month.
        await ConsultAsync(app, ("PH", 7, null), ("VN", 6, null), ("NP", 2, null));
        await MoveIntoLastMonthAsync(app);
        var view = "count=consultations&rows=nationality&" + LastMonthQuery;
        using var analyst = await app.SignInAsync(StaffRoles.Analyst);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);

        var hidden = await analyst.GetPageAsync("/staff/statistics?" + view);
        var exact = await counselor.GetPageAsync("/staff/statistics?" + view);
        var csv = await CsvAsync(await analyst.Client.GetAsync("/staff/statistics?handler=csv&" + view));
        var xlsx = await WorksheetAsync(await analyst.Client.GetAsync("/staff/statistics?handler=xlsx&" + view));
        var rows = await analyst.Client.GetAsync("/staff/statistics?handler=rows&" + view);
        var rowsXlsx = await analyst.Client.GetAsync("/staff/statistics?handler=rows&format=xlsx&" + view);
        var counselorRows = await counselor.Client.GetAsync("/staff/statistics?handler=rows&" + view);

        Assert.Equal("7", Rows(hidden)["Philippines"]);
        Assert.Equal("not shown", Rows(hidden)["Nepal"]);   // 2: fewer than 5
        Assert.Equal("not shown", Rows(hidden)["Vietnam"]); // 6, hidden too: 15 − 7 would give Nepal's 2 away
        Assert.Contains(": 15", hidden.QuerySelector("#figures-title")!.TextContent, StringComparison.Ordinal);
        // Hidden values come last, by name: ordered by count, their place would tell their size.
        Assert.Equal(["Philippines", "Nepal", "Vietnam"], RowNames(hidden));
        Assert.Equal(["Philippines", "Vietnam", "Nepal"], RowNames(exact));
        Assert.NotNull(hidden.QuerySelector("#small-cells-hidden"));
        Assert.Contains("Not shown: fewer than 5", hidden.QuerySelector("#not-shown-legend")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2", Rows(exact)["Nepal"]);
        Assert.Equal("6", Rows(exact)["Vietnam"]);
        Assert.Null(exact.QuerySelector("#small-cells-hidden"));
        // The chart draws no bar for a hidden count.
        Assert.Single(hidden.QuerySelectorAll("figure.chart rect.chart__bar"), r => r.GetAttribute("width") != "0");

        Assert.Contains("Philippines,7", csv, StringComparison.Ordinal);
        Assert.Contains("Nepal,not shown", csv, StringComparison.Ordinal);
        Assert.Contains("Vietnam,not shown", csv, StringComparison.Ordinal);
        Assert.Contains("Not shown: fewer than 5", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",2", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",6", csv, StringComparison.Ordinal);
        Assert.Contains("not shown", xlsx, StringComparison.Ordinal);
        Assert.DoesNotContain("<v>2</v>", xlsx, StringComparison.Ordinal);
        Assert.DoesNotContain("<v>6</v>", xlsx, StringComparison.Ordinal);

        // One row per consultation is one person, however little it says: not for analysts.
        Assert.Null(hidden.QuerySelector("a[href*='handler=rows']"));
        Assert.Contains("/staff/access-denied", rows.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/staff/access-denied", rowsXlsx.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, counselorRows.StatusCode);
        Assert.NotNull(exact.QuerySelector("a[href*='handler=rows']"));
    }

    public static TheoryData<string, string> ViewsRefusedToAnAnalyst()
    {
        var (from, to) = LastMonth;
        string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var byMonth = "counted by month at the finest";
        var noTags = "not counted by tag";
        return new()
        {
            { $"rows=day&{LastMonthQuery}", byMonth },
            { $"rows=week&{LastMonthQuery}", byMonth },
            { $"rows=nationality&columns=day&{LastMonthQuery}", byMonth },
            { $"rows=hotline-session&{LastMonthQuery}", byMonth },
            { $"rows=nationality&hotline-session=1&{LastMonthQuery}", byMonth },
            { $"rows=tag&{LastMonthQuery}", noTags },
            { $"rows=nationality&tag=COVID-19&{LastMonthQuery}", noTags },
            { $"rows=nationality&from={Day(from.AddDays(1))}&to={Day(to)}", "start on the first day of a month" },
            { $"rows=nationality&from={Day(from)}&to={Day(to.AddDays(-1))}", "end on the last day of a month" },
            { $"rows=nationality&from={Day(from)}&to={Day(to.AddMonths(1))}", "cover months that have ended: end on " + Day(to) },
            { $"rows=nationality&from={Day(from)}&to={Day(Today)}", "cover months that have ended" },
        };
    }

    [Theory]
    [MemberData(nameof(ViewsRefusedToAnAnalyst))]
    public async Task A_view_that_could_single_someone_out_is_refused_to_an_analyst_with_the_reason(string view, string reason)
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var analyst = await app.SignInAsync(StaffRoles.Analyst);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);

        var refused = await analyst.Client.GetAsync("/staff/statistics?" + view);
        var csv = await analyst.Client.GetAsync("/staff/statistics?handler=csv&" + view);
        var exact = await counselor.Client.GetAsync("/staff/statistics?" + view);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains(reason, (await PageClient.ParseAsync(refused)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, csv.StatusCode);
        Assert.Equal(HttpStatusCode.OK, exact.StatusCode);
    }

    [Fact]
    public async Task An_analyst_is_offered_whole_months_that_have_ended_and_neither_days_nor_tags()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var analyst = await app.SignInAsync(StaffRoles.Analyst);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);

        var offered = await analyst.GetPageAsync("/staff/statistics");
        var exact = await counselor.GetPageAsync("/staff/statistics");
        var months = await analyst.Client.GetAsync($"/staff/statistics?rows=nationality&from={LastMonth.From:yyyy-MM}&to={LastMonth.To:yyyy-MM}");

        // The last twelve months that have ended, in month fields.
        Assert.Equal("month", offered.QuerySelector("#from")!.GetAttribute("type"));
        Assert.Equal(LastMonth.To.ToString("yyyy-MM", CultureInfo.InvariantCulture), offered.QuerySelector("#to")!.GetAttribute("value"));
        Assert.Equal(LastMonth.From.AddMonths(-11).ToString("yyyy-MM", CultureInfo.InvariantCulture), offered.QuerySelector("#from")!.GetAttribute("value"));
        var rows = offered.QuerySelectorAll("#rows option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("month", rows);
        Assert.DoesNotContain("day", rows);
        Assert.DoesNotContain("week", rows);
        Assert.DoesNotContain("hotline-session", rows);
        Assert.DoesNotContain("tag", rows);
        Assert.Null(offered.QuerySelector("#tag"));
        Assert.Equal(HttpStatusCode.OK, months.StatusCode);
        // Those who see the consultations keep every choice, and this month so far.
        Assert.Equal("date", exact.QuerySelector("#to")!.GetAttribute("type"));
        Assert.Equal(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), exact.QuerySelector("#to")!.GetAttribute("value"));
        Assert.Contains("tag", exact.QuerySelectorAll("#rows option").Select(o => o.GetAttribute("value")));
        Assert.NotNull(exact.QuerySelector("#tag"));
    }

    [Fact]
    public async Task A_crossing_whose_every_count_would_be_hidden_says_so_instead_of_an_empty_grid()
    {
        await using var app = await SoudanApp.StartAsync(database);
        await ConsultAsync(app, ("NP", 2, "technical-intern-training"), ("NP", 1, "student"), ("MN", 3, "technical-intern-training"));
        await MoveIntoLastMonthAsync(app);
        var view = "count=consultations&rows=nationality&columns=residence-status&" + LastMonthQuery;
        using var analyst = await app.SignInAsync(StaffRoles.Analyst);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);

        var page = await analyst.GetPageAsync("/staff/statistics?" + view);
        var csv = await analyst.Client.GetAsync("/staff/statistics?handler=csv&" + view);
        var exact = await counselor.GetPageAsync("/staff/statistics?" + view);

        Assert.Contains("Every count of this view is under 5", page.QuerySelector("#nothing-shown")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("section.statistics table"));
        Assert.Null(page.QuerySelector("section.statistics figure"));
        Assert.Null(page.QuerySelector("a[href*='handler=csv']"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, csv.StatusCode);
        Assert.Equal("6", exact.QuerySelector("section.statistics tfoot td:last-child")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_analyst_reads_money_recovered_only_as_a_total_over_five_cases_or_more()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var caseId = await app.OpenCaseAsync(counselor);
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            var now = s.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var @case = await db.Set<Case>().Include(c => c.Outcome).SingleAsync(c => c.Id == caseId);
            @case.Finish(CaseStatus.Resolved, CaseOutcome.Of(new Dictionary<string, long> { ["leave-allowance"] = 120_000 }, [], false, false, now), null, Guid.Empty, now);
            return await db.SaveChangesAsync();
        });
        await MoveIntoLastMonthAsync(app);
        var view = "count=cases&rows=outcome&" + LastMonthQuery;
        using var analyst = await app.SignInAsync(StaffRoles.Analyst);

        var hidden = await analyst.GetPageAsync("/staff/statistics?" + view);
        var exact = await counselor.GetPageAsync("/staff/statistics?" + view);

        Assert.NotNull(hidden.QuerySelector("#money-hidden"));
        Assert.DoesNotContain("120,000", hidden.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(hidden.QuerySelector("#nothing-shown")); // one case: its only count is hidden
        Assert.Contains("¥120,000", exact.QuerySelector("section.statistics")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analyst_reads_a_hotline_day_report_without_a_count_under_5()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var sessionId = await HotlineDayAsync(app, coordinator, [("ne", "unpaid-wages", 6), ("tl", "lost-shifts", 5), ("mn", "dismissal", 2)]);
        using var analyst = await app.SignInAsync(StaffRoles.Analyst);

        var hidden = await analyst.GetPageAsync($"/staff/statistics/sessions/{sessionId}");
        var exact = await coordinator.GetPageAsync($"/staff/statistics/sessions/{sessionId}");

        var byLanguage = hidden.QuerySelector("section.statistics table")!;
        // Mongolian's 2 is hidden, and Tagalog's 5 with it, or 13 − 6 would give the 2 away.
        Assert.Equal(["6", "not shown", "not shown"], byLanguage.QuerySelectorAll("tbody td").Select(td => td.TextContent.Trim()));
        Assert.Contains("13 calls", hidden.QuerySelector(".result__headline")!.TextContent, StringComparison.Ordinal);
        var press = hidden.QuerySelector("blockquote")!.TextContent;
        Assert.Contains("My wages were not paid (6)", press, StringComparison.Ordinal);
        Assert.DoesNotContain("(5)", press, StringComparison.Ordinal);
        Assert.DoesNotContain("(2)", press, StringComparison.Ordinal);
        // The dashboard's view of one day is not theirs: no link to it.
        Assert.Null(hidden.QuerySelector("a[href*='hotline-session=']"));
        Assert.Equal(["6", "5", "2"], exact.QuerySelector("section.statistics table")!.QuerySelectorAll("tbody td").Select(td => td.TextContent.Trim()));
        Assert.Contains("(5)", exact.QuerySelector("blockquote")!.TextContent, StringComparison.Ordinal);

        // A day of fewer than 5 calls is not described at all.
        var quiet = await HotlineDayAsync(app, coordinator, [("ne", "unpaid-wages", 3)]);
        var few = await analyst.GetPageAsync($"/staff/statistics/sessions/{quiet}");
        Assert.Contains("Calls: not shown", few.QuerySelector(".result__headline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("too few calls to describe", few.QuerySelector("blockquote")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["not shown"], few.QuerySelector("section.statistics table")!.QuerySelectorAll("tbody td").Select(td => td.TextContent.Trim()));
    }

    /// <summary>A hotline session that began half an hour ago, and calls logged for it: (language, problem, how many).</summary>
    private static async Task<int> HotlineDayAsync(SoudanApp app, PageClient coordinator, (string Language, string Problem, int Times)[] calls)
    {
        var start = Soudan.Web.Infrastructure.Time.JapanTime.FromUtc(TimeProvider.System.GetUtcNow().UtcDateTime).AddMinutes(-30);
        var title = "Hotline " + Guid.NewGuid().ToString("N")[..6];
        await coordinator.SubmitAsync("/staff/hotline/new", new Dictionary<string, string>
        {
            ["Input.Date"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Start"] = start.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Input.End"] = start.AddHours(4).ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Input.PhoneNumbers"] = "0120-000-111",
            ["Input.Languages"] = "ne",
            ["Input.Titles[en]"] = title,
        });
        var sessionId = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Soudan.Web.Features.Hotline.HotlineSession>()
            .OrderByDescending(h => h.Id).Select(h => h.Id).FirstAsync());
        foreach (var (language, problem, times) in calls)
        {
            for (var i = 0; i < times; i++)
            {
                await app.WithScopeAsync(async s => await s.GetRequiredService<Soudan.Web.Features.Intakes.IntakeDesk>().LogCallAsync(
                    new Soudan.Web.Features.Intakes.LoggedCall(sessionId, language, null, null, "13", null, [problem], [], null, false), Guid.NewGuid(), CancellationToken.None));
            }
        }

        return sessionId;
    }

    /// <summary>The first worksheet's XML of a downloaded workbook.</summary>
    private static async Task<string> WorksheetAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        using var reader = new StreamReader(await zip.GetEntry("xl/worksheets/sheet1.xml")!.OpenAsync());
        return await reader.ReadToEndAsync();
    }
}

public sealed class StatisticsWithSmallCellsHiddenTestsOnSqlite() : StatisticsWithSmallCellsHiddenTests(TestDatabase.Sqlite);

public sealed class StatisticsWithSmallCellsHiddenTestsOnPostgres() : StatisticsWithSmallCellsHiddenTests(TestDatabase.Postgres);
