using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Features.Statistics;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Tests.Features.Statistics;

/// <summary>
/// "257 coronavirus-related consultations in March and April": consultations, a call and a case go
/// in through the app's own pages and API; a counselor counts them by problem, nationality and
/// residence status, with a tag, and downloads the figures (an analyst reads them with small cells
/// hidden: <see cref="StatisticsWithSmallCellsHiddenTests"/>). Each test has its own database, so the
/// counts are exact.
/// </summary>
public abstract class StatisticsTests(TestDatabase database)
{
    [Fact]
    public async Task Consultations_calls_and_cases_are_counted_by_any_two_dimensions_with_a_tag_and_money_recovered()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);

        // Ana (Philippines, long-term resident, Shizuoka) becomes a case tagged COVID-19.
        var caseId = await app.OpenCaseAsync(counselor);
        // Bishnu (Nepal, technical intern, Tokyo) writes too; and someone sends spam.
        await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with
        {
            Name = "Bishnu",
            Nationality = "NP",
            PrefectureCode = "13",
            ResidenceStatus = "technical-intern-training",
            Problems = ["company-closure"],
            Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() },
        });
        var spam = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { Name = "Buy now", Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        var spamId = await app.IntakeIdAsync(spam.Reference);
        await counselor.SubmitAsync($"/staff/intakes/{spamId}", new Dictionary<string, string> { ["outcome"] = "Spam", ["reason"] = "advert" }, handler: "Dismiss");
        // An operator logs a call from Mongolia about unpaid wages.
        await app.WithScopeAsync(async s => await s.GetRequiredService<IntakeDesk>().LogCallAsync(
            new LoggedCall(null, "mn", "Bat", null, "23", "MN", ["unpaid-wages"], [], null, false), Guid.NewGuid(), CancellationToken.None));
        // The case is tagged, and closed with ¥120,000 of leave allowance recovered.
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            var now = s.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var @case = await db.Set<Case>().Include(c => c.Outcome).SingleAsync(c => c.Id == caseId);
            @case.Tags = ["COVID-19"];
            @case.Finish(CaseStatus.Resolved, CaseOutcome.Of(new Dictionary<string, long> { ["leave-allowance"] = 120_000 }, ["leave-support"], false, false, now), null, Guid.Empty, now);
            return await db.SaveChangesAsync();
        });

        var byProblem = await counselor.GetPageAsync("/staff/statistics?count=consultations-and-calls&rows=problem");
        var covid = await counselor.GetPageAsync("/staff/statistics?count=consultations-and-calls&rows=problem&tag=COVID-19");
        var crossed = await counselor.GetPageAsync("/staff/statistics?count=consultations-and-calls&rows=nationality&columns=residence-status");
        var cases = await counselor.GetPageAsync("/staff/statistics?count=cases&rows=outcome&tag=COVID-19");
        var calls = await counselor.GetPageAsync("/staff/statistics?count=calls&rows=prefecture");

        // Three consultations and calls counted (the spam is not), the headline total once each.
        Assert.Contains("Consultations and calls: 3", byProblem.QuerySelector("#figures-title")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", RowCount(byProblem, "My shifts were cut, or I was sent home"));
        Assert.Equal("1", RowCount(byProblem, "My company closed or stopped work"));
        Assert.Equal("1", RowCount(byProblem, "My wages were not paid"));
        // The tag of Ana's case counts for her consultation: two problems, one consultation.
        Assert.Contains("Consultations and calls: 1", covid.QuerySelector("#figures-title")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, covid.QuerySelectorAll("section.statistics table tbody tr").Length);
        // Nationality by residence status: named, though the database holds the status as a token.
        var header = crossed.QuerySelectorAll("section.statistics thead th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Contains(header, h => h.StartsWith("Technical intern", StringComparison.Ordinal));
        Assert.Contains(header, h => h.StartsWith("Long-term resident", StringComparison.Ordinal));
        Assert.Equal("3", crossed.QuerySelector("section.statistics tfoot td:last-child")!.TextContent.Trim());
        // Its chart: a bar per nationality cut by status, each part named (a title to hover, a legend to read).
        Assert.Equal(3, crossed.QuerySelectorAll("figure.chart rect.chart__part").Length);
        Assert.Contains(crossed.QuerySelectorAll("figure.chart .chart__legend li"), li => li.TextContent.Trim().StartsWith("Technical intern", StringComparison.Ordinal));
        Assert.NotNull(crossed.QuerySelector("figure.chart svg[role=img] title"));
        // The case: its outcome and the money.
        Assert.Contains("Cases: 1", cases.QuerySelector("#figures-title")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", RowCount(cases, "Money recovered"));
        Assert.Contains("¥120,000", cases.QuerySelector("section.statistics")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", RowCount(calls, "Aichi"));

        // The figures leave as CSV, with a byte order mark for spreadsheets, and the export is audited.
        var csv = await counselor.Client.GetAsync("/staff/statistics?handler=csv&count=consultations-and-calls&rows=nationality&columns=residence-status");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var exports = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.CountAsync(e => e.Action == AuditActions.StatisticsExported));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith("Nationality,", text, StringComparison.Ordinal);
        Assert.Contains("Nepal,", text, StringComparison.Ordinal);
        Assert.Equal(1, exports);

        // The statistics hold the residence status only as a token: no status is written out.
        var facts = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<StatisticsFact>().AsNoTracking().ToListAsync());
        Assert.Equal(5, facts.Count); // four intakes (the spam kept, not counted) and the case
        Assert.All(facts, f => Assert.DoesNotContain("intern", f.ResidenceToken ?? "", StringComparison.Ordinal));
        Assert.Equal(2, facts.Where(f => f.Unit == StatisticsUnit.Consultation && f.Counted).Select(f => f.ResidenceToken).Distinct().Count());
    }

    [Fact]
    public async Task Figures_leave_as_XLSX_and_rows_leave_without_anyone_in_them_each_download_audited()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var phone = CaseSteps.UniquePhone();
        var caseId = await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { Name = "Ana Reyes", Contact = new IntakeContact { Phone = phone } });
        // A tag a spreadsheet would run as a formula.
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            var @case = await db.Set<Case>().SingleAsync(c => c.Id == caseId);
            @case.Tags = ["=HYPERLINK(\"http://example.org\")"];
            return await db.SaveChangesAsync();
        });

        var figures = await counselor.Client.GetAsync("/staff/statistics?handler=xlsx&count=cases&rows=nationality");
        Assert.Equal(HttpStatusCode.OK, figures.StatusCode);
        Assert.Equal(StatisticsExports.XlsxType, figures.Content.Headers.ContentType!.MediaType);
        var sheet = await WorksheetAsync(figures);
        Assert.Contains("Philippines", sheet, StringComparison.Ordinal);
        Assert.Contains("<v>1</v>", sheet, StringComparison.Ordinal);

        var rowsCsv = await counselor.Client.GetAsync("/staff/statistics?handler=rows&count=consultations-and-calls&rows=month");
        var bytes = await rowsCsv.Content.ReadAsByteArrayAsync();
        var csv = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Equal(HttpStatusCode.OK, rowsCsv.StatusCode);
        Assert.Equal("text/csv", rowsCsv.Content.Headers.ContentType!.MediaType);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length); // the header and Ana's consultation
        Assert.StartsWith("Counted as,Month,Channel,Language,Nationality,Prefecture,", lines[0], StringComparison.Ordinal);
        Assert.Contains("Philippines", lines[1], StringComparison.Ordinal);
        Assert.Contains("Shizuoka", lines[1], StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", lines[1], StringComparison.Ordinal);

        var rowsXlsx = await counselor.Client.GetAsync("/staff/statistics?handler=rows&format=xlsx&count=cases&rows=month");
        Assert.Equal(StatisticsExports.XlsxType, rowsXlsx.Content.Headers.ContentType!.MediaType);
        var rows = await WorksheetAsync(rowsXlsx);
        Assert.Contains("Philippines", rows, StringComparison.Ordinal);

        // No name, phone, words of hers or residence status in any of it.
        foreach (var text in new[] { csv, rows, sheet })
        {
            foreach (var secret in new[] { "Ana", phone, phone.Replace("-", "", StringComparison.Ordinal), "Pinauwi", "Hotel Fuji", "Long-term resident", "long-term-resident" })
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }

        var audited = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.Where(e => e.Action == AuditActions.StatisticsExported).Select(e => e.TargetType).ToListAsync());
        Assert.Equal(["statistics", "statistics-rows", "statistics-rows"], audited.Order(StringComparer.Ordinal));

        // A view with a mistake is refused, not downloaded.
        var wrong = await counselor.Client.GetAsync("/staff/statistics?handler=rows&from=2026-05-01&to=2026-04-01");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
    }

    /// <summary>The first worksheet's XML of a downloaded workbook.</summary>
    private static async Task<string> WorksheetAsync(HttpResponseMessage response)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        using var reader = new StreamReader(await zip.GetEntry("xl/worksheets/sheet1.xml")!.OpenAsync());
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Facts_missing_from_an_older_database_are_made_on_start()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var caseId = await app.OpenCaseAsync(counselor);
        await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<StatisticsFact>().ExecuteDeleteAsync());

        await using var restarted = app.StartSecondInstance();
        var counted = 0;
        for (var attempt = 0; attempt < 100 && counted < 2; attempt++)
        {
            await Task.Delay(100);
            counted = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<StatisticsFact>().CountAsync());
        }

        var caseKey = await app.FactKeyOfCaseAsync(caseId);
        var caseFact = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<StatisticsFact>().Include(f => f.Values).SingleAsync(f => f.SourceKey == caseKey));
        Assert.Equal(2, counted);
        Assert.Equal("api", caseFact.Channel); // how the consultation that opened it came in
        Assert.Equal("22", caseFact.PrefectureCode);
        Assert.Contains(caseFact.Values, v => v.Dimension == StatisticsDimensions.Problem && v.Value == "lost-shifts");
    }

    [Fact]
    public async Task A_bulk_writer_that_turns_off_change_detection_still_counts_each_problem()
    {
        // demo-data writes its cases so; the facts' values were once lost that way.
        await using var app = await SoudanApp.StartAsync(database);
        var caseId = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var @case = new Case { Reference = "2026-9999999", OpenedAtUtc = s.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, Problems = ["dismissal", "harassment"] };
            db.Add(@case);
            await db.SaveChangesAsync();
            return @case.Id;
        });

        var key = await app.FactKeyOfCaseAsync(caseId);
        var values = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<StatisticsFact>()
            .Where(f => f.SourceKey == key).SelectMany(f => f.Values).Where(v => v.Dimension == StatisticsDimensions.Problem).Select(v => v.Value).OrderBy(v => v).ToListAsync());

        Assert.Equal(["dismissal", "harassment"], values);
    }

    [Theory]
    [InlineData("from=2026-05-01&to=2026-04-01", "The first day is after the last day.")]
    [InlineData("from=yesterday", "Write the day as 2026-04-30.")]
    [InlineData("from=1789-07-14", "Choose a day between 1990 and 2200.")]
    [InlineData("rows=shoe-size", "Choose from the list.")]
    [InlineData("rows=problem&columns=problem", "Choose something other than the rows for the columns.")]
    [InlineData("rows=day&from=2020-01-01&to=2026-01-01", "Counted by day, a view covers at most 400 days")]
    [InlineData("count=everything", "Choose from the list.")]
    public async Task A_view_that_cannot_be_counted_says_why_and_never_fails(string query, string message)
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);

        var response = await counselor.Client.GetAsync("/staff/statistics?" + query);
        var page = await PageClient.ParseAsync(response);
        var csv = await counselor.Client.GetAsync("/staff/statistics?handler=csv&" + query);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("section.statistics"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, csv.StatusCode);
    }

    [Fact]
    public async Task Only_analysts_and_those_who_run_the_hotline_read_the_statistics()
    {
        await using var app = await SoudanApp.StartAsync(database);
        foreach (var role in StaffRoles.All)
        {
            using var staff = await app.SignInAsync(role);
            var response = await staff.Client.GetAsync("/staff/statistics");
            var expected = StaffRoles.ReadingStatistics.Contains(role);
            Assert.True(expected == (response.StatusCode == HttpStatusCode.OK), $"{role}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_published_view_shows_every_language_its_figures_with_small_counts_hidden()
    {
        await using var app = await SoudanApp.StartAsync(database);
        // Seven from the Philippines, six from Viet Nam, two from Nepal, last month.
        await StatisticsSteps.ConsultAsync(app, ("PH", 7, null), ("VN", 6, null), ("NP", 2, null));
        await StatisticsSteps.MoveIntoLastMonthAsync(app);

        using var analyst = await app.SignInAsync(StaffRoles.Analyst);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var view = "count=consultations&rows=nationality&" + StatisticsSteps.LastMonthQuery;
        var refused = await analyst.PostAsync("/staff/statistics", "/staff/statistics?handler=publish", new Dictionary<string, string> { ["view"] = view });
        var notPublishable = await coordinator.PostAsync("/staff/statistics", "/staff/statistics?handler=publish", new Dictionary<string, string> { ["view"] = "count=consultations&rows=channel&" + StatisticsSteps.LastMonthQuery });
        // Two of its three counts are hidden: published once the coordinator confirms it.
        var published = await coordinator.SubmitAsync("/staff/statistics?" + view, new Dictionary<string, string> { ["view"] = view, ["titleEn"] = "Who writes to us", ["confirm"] = "true" }, handler: "publish");
        using var anonymous = app.CreateClient();
        var english = await PageClient.ParseAsync(await anonymous.GetAsync("/en/stats"));
        var nepali = await PageClient.ParseAsync(await anonymous.GetAsync("/ne/stats"));
        var api = await anonymous.GetFromJsonAsync<PublicStatisticsAnswer>("/api/v1/stats/public?lang=vi");

        Assert.Equal("/staff/access-denied", refused.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notPublishable.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal("Who writes to us", english.QuerySelector("section.statistics h2")!.TextContent);
        var rows = english.QuerySelectorAll("section.statistics tbody tr").ToDictionary(tr => tr.QuerySelector("th")!.TextContent.Trim(), tr => tr.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal("7", rows["Philippines"]);
        Assert.Equal("not shown", rows["Nepal"]);   // 2: fewer than 5
        Assert.Equal("not shown", rows["Vietnam"]); // 6, hidden too: 15 − 7 would give Nepal's 2 away
        Assert.Equal("15", english.QuerySelector("section.statistics tfoot td")!.TextContent.Trim());
        Assert.Contains("Not shown: fewer than 5", english.QuerySelector("section.statistics .hint")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("नेपाल", nepali.QuerySelector("section.statistics tbody")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("vi", api!.Language);
        var table = Assert.Single(api.Tables);
        var cells = table.RowValues.Select((value, i) => (value.Code, table.Cells[i][0])).ToDictionary(x => x.Code!, x => x.Item2);
        Assert.Equal(7, cells["PH"]);
        Assert.Null(cells["NP"]);
        Assert.Null(cells["VN"]);
        Assert.Equal(15, table.Total);
    }

    [Fact]
    public async Task Right_after_a_hotline_day_its_report_counts_the_calls_for_a_press_release()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var start = Soudan.Web.Infrastructure.Time.JapanTime.FromUtc(TimeProvider.System.GetUtcNow().UtcDateTime).AddMinutes(-30);
        await coordinator.SubmitAsync("/staff/hotline/new", new Dictionary<string, string>
        {
            ["Input.Date"] = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Start"] = start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.End"] = start.AddHours(4).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.PhoneNumbers"] = "0120-000-111",
            ["Input.Languages"] = "ne",
            ["Input.Titles[en]"] = "Corona hotline",
        });
        var sessionId = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Soudan.Web.Features.Hotline.HotlineSession>().Select(h => h.Id).SingleAsync());
        foreach (var (language, problem) in new[] { ("ne", "unpaid-wages"), ("ne", "unpaid-wages"), ("tl", "lost-shifts") })
        {
            await app.WithScopeAsync(async s => await s.GetRequiredService<IntakeDesk>().LogCallAsync(
                new LoggedCall(sessionId, language, null, null, "13", null, [problem], [], null, false), Guid.NewGuid(), CancellationToken.None));
        }

        var report = await coordinator.GetPageAsync($"/staff/statistics/sessions/{sessionId}");
        var missing = await coordinator.Client.GetAsync("/staff/statistics/sessions/999999");
        var sessions = await coordinator.GetPageAsync("/staff/hotline");

        Assert.Contains("Corona hotline", report.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var press = report.QuerySelector("blockquote")!.TextContent;
        Assert.Contains("received 3 calls in 2 languages", press, StringComparison.Ordinal);
        Assert.Contains("My wages were not paid (2)", press, StringComparison.Ordinal);
        var byLanguage = report.QuerySelector("section.statistics table")!;
        Assert.Equal(["2", "1"], byLanguage.QuerySelectorAll("tbody td").Select(td => td.TextContent.Trim()));
        // Answered on the phone, with nothing left to do.
        Assert.Contains("Answered, nothing more to do", report.QuerySelectorAll("section.statistics table")[^1].TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.NotNull(sessions.QuerySelector($"a[href='/staff/statistics/sessions/{sessionId}']"));
    }

    private static string RowCount(AngleSharp.Dom.IDocument page, string label) =>
        page.QuerySelectorAll("section.statistics table tbody tr")
            .Single(tr => tr.QuerySelector("th")!.TextContent.Trim() == label)
            .QuerySelector("td")!.TextContent.Trim();
}

public sealed class StatisticsTestsOnSqlite() : StatisticsTests(TestDatabase.Sqlite);

public sealed class StatisticsTestsOnPostgres() : StatisticsTests(TestDatabase.Postgres);
