using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.LaborLaw.MinimumWages;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Calculators;
using Soudan.Web.Features.Cases;

namespace Soudan.Tests.Features.Cases;

/// <summary>
/// Calculators on a case (SCENARIOS.md §1): the counselor works out Ana's average wage, then her leave
/// allowance from it, saves both to the case, corrects one, and sees them on the timeline.
/// </summary>
public abstract class CaseCalculationTests(SoudanApp app)
{
    private static readonly Dictionary<string, string> AnasPaySlips = new()
    {
        ["Input.Period[0].CalendarDays"] = "31",
        ["Input.Period[0].DaysWorked"] = "20",
        ["Input.Period[0].Fixed"] = "0",
        ["Input.Period[0].Variable"] = "192000",
        ["Input.Period[1].CalendarDays"] = "28",
        ["Input.Period[1].DaysWorked"] = "18",
        ["Input.Period[1].Fixed"] = "0",
        ["Input.Period[1].Variable"] = "172800",
        ["Input.Period[2].CalendarDays"] = "31",
        ["Input.Period[2].DaysWorked"] = "21",
        ["Input.Period[2].Fixed"] = "0",
        ["Input.Period[2].Variable"] = "201600",
    };

    [Fact]
    public async Task The_average_wage_saved_on_a_case_fills_in_the_leave_allowance_and_both_are_on_the_timeline()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await app.OpenCaseAsync(counselor);

        var preview = await counselor.SubmitAsync($"/staff/cases/{id}/calculations/average-wage", AnasPaySlips);
        var previewPage = await PageClient.ParseAsync(preview);
        var keptAfterPreview = await KeptAsync(id);
        var savedAverage = await counselor.SubmitAsync($"/staff/cases/{id}/calculations/average-wage", AnasPaySlips, handler: "save");
        var leaveForm = await counselor.GetPageAsync($"/staff/cases/{id}/calculations/leave-allowance");
        var averageWage = ((IHtmlInputElement)leaveForm.QuerySelector("#Input_AverageWage")!).Value;
        var savedLeave = await counselor.SubmitAsync($"/staff/cases/{id}/calculations/leave-allowance", new Dictionary<string, string> { ["Input.LeaveDays"] = "20" }, handler: "save");
        var casePage = await counselor.GetPageAsync($"/staff/cases/{id}");
        var kept = await KeptAsync(id);

        // Paid by the hour: ¥566,400 ÷ 90 calendar days = ¥6,293.33, above the 60 % guarantee (¥566,400 ÷ 59 days worked × 0.6 = ¥5,760).
        Assert.Contains("¥6,293.33", previewPage.QuerySelector(".result")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(keptAfterPreview); // calculating alone keeps nothing
        Assert.Equal(HttpStatusCode.Redirect, savedAverage.StatusCode);
        Assert.StartsWith($"/staff/cases/{id}#calculation-", savedAverage.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("6293.33", averageWage);
        Assert.Equal(HttpStatusCode.Redirect, savedLeave.StatusCode);
        Assert.Equal(["leave-allowance", "average-wage"], kept.Select(k => k.Kind));
        Assert.DoesNotContain("6293.33", kept[1].InputProtected + kept[1].ResultProtected, StringComparison.Ordinal);
        var calculations = casePage.QuerySelector("#calculations")!.TextContent;
        Assert.Contains("¥75,520 owed", calculations, StringComparison.Ordinal); // 6,293.33 × 60 % × 20 days = 75,519.96
        Assert.Contains("¥6,293.33 a day", calculations, StringComparison.Ordinal);
        Assert.Equal(2, casePage.QuerySelectorAll(".timeline a[href^='#calculation-']").Length);
    }

    [Fact]
    public async Task The_form_starts_from_the_prefecture_of_the_consultation_and_a_mistake_saves_nothing()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await app.OpenCaseAsync(counselor); // Ana works in Shizuoka (22)

        var form = await counselor.GetPageAsync($"/staff/cases/{id}/calculations/overtime");
        var refused = await counselor.SubmitAsync($"/staff/cases/{id}/calculations/overtime", new Dictionary<string, string> { ["Input.Pay"] = "much" }, handler: "save");
        var page = await PageClient.ParseAsync(refused);

        Assert.Equal("22", ((IHtmlSelectElement)form.QuerySelector("#Input_PrefectureCode")!).Value);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#Input_Pay']"));
        Assert.Equal("much", ((IHtmlInputElement)page.QuerySelector("#Input_Pay")!).Value);
        Assert.Empty(await KeptAsync(id));
    }

    [Fact]
    public async Task A_kept_calculation_opens_in_the_form_to_be_corrected_and_the_correction_replaces_it()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await app.OpenCaseAsync(counselor);
        await counselor.SubmitAsync($"/staff/cases/{id}/calculations/notice-allowance", new Dictionary<string, string>
        {
            ["Input.AverageWage"] = "10000",
            ["Input.NoticeGiven"] = "yes",
            ["Input.NoticeDate"] = "2025-08-14",
            ["Input.DismissalDate"] = "2025-08-27",
        }, handler: "save");
        var first = (await KeptAsync(id)).Single();

        var viewsBefore = await ViewsAsync(id);
        var reopened = await counselor.GetPageAsync($"/staff/cases/{id}/calculations/notice-allowance?from={first.Id}");
        var viewsAfter = await ViewsAsync(id);
        var corrected = await counselor.SubmitAsync(reopened, $"/staff/cases/{id}/calculations/notice-allowance?from={first.Id}", new Dictionary<string, string> { ["Input.NoticeDate"] = "2025-08-20" }, handler: "save");
        var kept = await KeptAsync(id);
        var casePage = await counselor.GetPageAsync($"/staff/cases/{id}");

        Assert.Equal(viewsBefore + 1, viewsAfter); // opening a kept calculation is a view of the case, audited
        Assert.Equal("2025-08-14", ((IHtmlInputElement)reopened.QuerySelector("#Input_NoticeDate")!).Value);
        Assert.Equal("10000", ((IHtmlInputElement)reopened.QuerySelector("#Input_AverageWage")!).Value);
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Equal(first.Id, kept[0].ReplacesId);
        Assert.Contains("¥230,000 owed", casePage.QuerySelector($"#calculation-{kept[0].Id}")!.TextContent, StringComparison.Ordinal); // 23 days short
        Assert.NotNull(casePage.QuerySelector($"#calculation-{first.Id}.calculation--replaced"));
        Assert.Equal(HttpStatusCode.NotFound, (await counselor.GetAsync($"/staff/cases/{id}/calculations/overtime?from={first.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_kept_calculation_this_version_cannot_read_leaves_the_case_page_working()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await app.OpenCaseAsync(counselor);
        await app.WithScopeAsync(async s =>
        {
            var sensitive = s.GetRequiredService<Soudan.Web.Infrastructure.Security.SensitiveText>();
            var db = s.GetRequiredService<SoudanDbContext>();
            foreach (var (kind, json) in new[] { ("overtime", """{"prefectureCode":"13","payType":"weekly"}"""), ("renamed-calculator", "{}") })
            {
                db.Add(new CaseCalculation { CaseId = id, Kind = kind, InputProtected = sensitive.Protect(json), ResultProtected = sensitive.Protect("{not json"), CalculatedAtUtc = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), CalculatedBy = Guid.Empty });
            }

            return await db.SaveChangesAsync();
        });

        var page = await counselor.GetPageAsync($"/staff/cases/{id}");
        var form = await counselor.GetPageAsync($"/staff/cases/{id}/calculations/leave-allowance");

        Assert.Equal(2, page.QuerySelectorAll("#calculations li[id^='calculation-'] .hint").Length);
        Assert.NotNull(form.QuerySelector("#Input_AverageWage"));
    }

    [Fact]
    public async Task Only_those_who_may_see_the_case_calculate_on_it()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        using var interpreter = await app.SignInAsync(StaffRoles.Interpreter);
        using var analyst = await app.SignInAsync(StaffRoles.Analyst);
        var id = await app.OpenCaseAsync(counselor);

        var byInterpreter = await interpreter.GetAsync($"/staff/cases/{id}/calculations/overtime");
        var byAnalyst = await analyst.GetAsync($"/staff/cases/{id}/calculations/overtime");
        var missing = await counselor.GetAsync("/staff/cases/99999999/calculations/overtime");
        var unknown = await counselor.GetAsync($"/staff/cases/{id}/calculations/no-such");

        Assert.Contains("access-denied", byInterpreter.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Contains("access-denied", byAnalyst.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private Task<int> ViewsAsync(int id) =>
        app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Soudan.Web.Infrastructure.Audit.AuditEvent>()
            .CountAsync(e => e.Action == Soudan.Web.Infrastructure.Audit.AuditActions.CaseViewed && e.TargetId == id.ToString(CultureInfo.InvariantCulture)));

    private Task<List<CaseCalculation>> KeptAsync(int id) =>
        app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseCalculation>().AsNoTracking().Where(c => c.CaseId == id).OrderByDescending(c => c.Id).ToListAsync());
}

[Collection(OnSqlite.Name)]
public sealed class CaseCalculationTestsOnSqlite(SqliteAppFixture fixture) : CaseCalculationTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class CaseCalculationTestsOnPostgres(PostgresAppFixture fixture) : CaseCalculationTests(fixture.App);

/// <summary>
/// New minimum wages are loaded after a calculation was kept: the case says the figure has changed and
/// offers the new one. An app of its own, as the revision changes what every other test is answered.
/// </summary>
public abstract class CaseRecalculationTests(TestDatabase database)
{
    [Fact]
    public async Task After_new_minimum_wages_the_case_offers_the_new_figure_and_keeps_it_beside_the_old()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await app.OpenCaseAsync(counselor);
        await counselor.SubmitAsync($"/staff/cases/{id}/calculations/minimum-wage-check", new Dictionary<string, string>
        {
            ["Input.PrefectureCode"] = "13",
            ["Input.On"] = "2030-11-01",
            ["Input.PayType"] = "hourly",
            ["Input.Pay"] = "1300",
        }, handler: "save");
        var before = await counselor.GetPageAsync($"/staff/cases/{id}");

        var csv = new StringBuilder("prefecture_code,prefecture_ja,prefecture_en,fiscal_year,hourly_yen,effective_from,source\n");
        foreach (var rate in MinimumWageTable.Seed.Rates.Where(r => r.FiscalYear == 2025))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{rate.PrefectureCode},{rate.PrefectureJa},{rate.PrefectureEn},2030,{rate.HourlyYen + 400},2030-10-01,官報 test\n");
        }

        Assert.Equal(47, (await app.Services.GetRequiredService<MinimumWageRates>().ImportAsync(csv.ToString(), "fy2030.csv", null, false, CancellationToken.None)).Loaded);
        var after = await counselor.GetPageAsync($"/staff/cases/{id}");
        var recalculated = await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string>(), handler: "Recalculate");
        var settled = await counselor.GetPageAsync($"/staff/cases/{id}");
        var kept = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseCalculation>().Where(c => c.CaseId == id).OrderBy(c => c.Id).ToListAsync());

        Assert.Contains("at least the minimum wage", before.QuerySelector("#calculations")!.TextContent, StringComparison.Ordinal);
        Assert.Null(before.QuerySelector("#calculations .recalculation"));
        Assert.Contains("¥326 an hour below the minimum wage", after.QuerySelector("#calculations .recalculation")!.TextContent, StringComparison.Ordinal); // 1,626 − 1,300
        Assert.Equal(HttpStatusCode.Redirect, recalculated.StatusCode);
        Assert.Equal(2, kept.Count);
        Assert.Equal(kept[0].Id, kept[1].ReplacesId);
        Assert.Null(settled.QuerySelector("#calculations .recalculation"));
        Assert.Contains("¥326 an hour below the minimum wage", settled.QuerySelector($"#calculation-{kept[1].Id}")!.TextContent, StringComparison.Ordinal);
    }
}

public sealed class CaseRecalculationTestsOnSqlite() : CaseRecalculationTests(TestDatabase.Sqlite);

public sealed class CaseRecalculationTestsOnPostgres() : CaseRecalculationTests(TestDatabase.Postgres);
