using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Features.Statistics;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Employers;
using Soudan.Web.Features.Intakes;

namespace Soudan.Tests.Features.Cases;

/// <summary>Triage of a consultation into a case, and the case page, on both databases.</summary>
public abstract class CaseTests(SoudanApp app)
{
    private Task<long> IntakeIdAsync(string reference) => app.IntakeIdAsync(reference);

    private Task<int> OpenCaseAsync(PageClient counselor, IntakeRequest? request = null) => app.OpenCaseAsync(counselor, request);

    private static string UniquePhone() => CaseSteps.UniquePhone();

    [Fact]
    public async Task A_consultation_becomes_a_case_with_its_worker_employer_and_agency()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);

        var id = await OpenCaseAsync(counselor);
        var page = await counselor.GetPageAsync($"/staff/cases/{id}");
        var text = PageClient.MainText(page);
        var (intake, employerKey) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            var c = await db.Set<Case>().SingleAsync(x => x.Id == id);
            var employer = await db.Set<Employer>().SingleAsync(e => e.Id == c.EmployerId);
            return (await db.Intakes.SingleAsync(i => i.CaseId == id), employer.NameKey);
        });

        Assert.Matches(@"^\d{4}-\d{4,}$", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Ana", text, StringComparison.Ordinal);
        Assert.Contains("Hotel Fuji", text, StringComparison.Ordinal);
        Assert.Contains("Tokyo Staffing", text, StringComparison.Ordinal);
        Assert.Equal(TriageOutcome.CaseOpened, intake.Triage);
        Assert.Equal(EmployerNames.Key("HOTEL FUJI Co., Ltd."), employerKey);
    }

    [Fact]
    public async Task The_same_worker_writing_again_is_suggested_by_phone_and_the_consultation_joins_the_case()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var phone = UniquePhone();
        var id = await OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { Contact = new IntakeContact { Phone = phone } });
        var reference = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Case>().Where(c => c.Id == id).Select(c => c.Reference).SingleAsync());

        // The same worker, typing the number another way.
        var again = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { Contact = new IntakeContact { Phone = "+81 " + phone[1..] }, Description = "May dagdag pa po." });
        var intakeId = await IntakeIdAsync(again.Reference);
        var triage = await counselor.GetPageAsync($"/staff/intakes/{intakeId}");
        var attached = await counselor.SubmitAsync(triage, $"/staff/intakes/{intakeId}", new Dictionary<string, string> { ["caseReference"] = reference }, handler: "Attach");

        Assert.Contains(reference, triage.QuerySelector(".triage")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/staff/cases/{id}", attached.Headers.Location?.OriginalString);
        var entries = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseEntry>().CountAsync(e => e.CaseId == id && e.Kind == CaseEntryKind.IntakeAttached));
        Assert.Equal(2, entries);
    }

    [Fact]
    public async Task Spam_is_closed_with_its_reason_and_leaves_the_queue()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var receipt = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { Description = "buy cheap watches" });
        var intakeId = await IntakeIdAsync(receipt.Reference);

        var dismissed = await counselor.SubmitAsync($"/staff/intakes/{intakeId}", new Dictionary<string, string> { ["reason"] = "advertising", ["outcome"] = "Spam" }, handler: "Dismiss");
        var intake = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.AsNoTracking().SingleAsync(i => i.Id == intakeId));

        Assert.Equal("/staff/intakes", dismissed.Headers.Location?.OriginalString);
        Assert.Equal(TriageOutcome.Spam, intake.Triage);
        Assert.Equal("advertising", intake.TriageReason);
        Assert.Equal(IntakeStatus.Closed, intake.Status);
    }

    [Fact]
    public async Task A_sensitive_note_is_read_by_the_cases_counselor_and_admins_only_and_stored_encrypted()
    {
        var counselorCredentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        using var counselor = app.CreatePageClient();
        await counselor.SignInAsync(counselorCredentials);
        using var colleague = await app.SignInAsync(StaffRoles.Counselor);
        using var admin = await app.SignInAsync(StaffRoles.Admin);
        var id = await OpenCaseAsync(counselor);
        await AssignAsync(admin, id, counselorCredentials.Id, interpreterId: null);
        const string Secret = "He was outed at work; HIV treatment 7719";

        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["text"] = Secret, ["sensitive"] = "true" }, handler: "Note");

        Assert.Contains(Secret, PageClient.MainText(await counselor.GetPageAsync($"/staff/cases/{id}")), StringComparison.Ordinal);
        Assert.Contains(Secret, PageClient.MainText(await admin.GetPageAsync($"/staff/cases/{id}")), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, PageClient.MainText(await colleague.GetPageAsync($"/staff/cases/{id}")), StringComparison.Ordinal);
        var stored = await app.WithScopeAsync(async s => JsonSerializer.Serialize(await s.GetRequiredService<SoudanDbContext>().Set<CaseEntry>().AsNoTracking().Where(e => e.CaseId == id).ToListAsync()));
        Assert.DoesNotContain("7719", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interpreter_sees_only_the_cases_given_to_them()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var interpreterCredentials = await app.CreateStaffAsync([StaffRoles.Interpreter], twoFactor: true);
        using var interpreter = app.CreatePageClient();
        await interpreter.SignInAsync(interpreterCredentials);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var given = await OpenCaseAsync(counselor);
        var other = await OpenCaseAsync(counselor);
        await AssignAsync(coordinator, given, counselorId: null, interpreterCredentials.Id);

        var list = PageClient.MainText(await interpreter.GetPageAsync("/staff/cases"));
        var references = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Case>().Where(c => c.Id == given || c.Id == other).ToDictionaryAsync(c => c.Id, c => c.Reference));

        Assert.Contains(references[given], list, StringComparison.Ordinal);
        Assert.DoesNotContain(references[other], list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await interpreter.GetAsync($"/staff/cases/{given}")).StatusCode);
        Assert.Contains("access-denied", (await interpreter.GetAsync($"/staff/cases/{other}")).Headers.Location!.ToString(), StringComparison.Ordinal);
        var note = await interpreter.SubmitAsync($"/staff/cases/{given}", new Dictionary<string, string> { ["text"] = "Translated the pay slip." }, handler: "Note");
        Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);
        Assert.Empty((await interpreter.GetPageAsync($"/staff/cases/{given}")).QuerySelectorAll("form[action*='handler=Status']"));
    }

    [Theory]
    [InlineData(StaffRoles.Operator)]
    [InlineData(StaffRoles.Analyst)]
    public async Task Operators_and_analysts_open_no_case(string role)
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await OpenCaseAsync(counselor);
        using var other = await app.SignInAsync(role);

        Assert.Contains("access-denied", (await other.GetAsync("/staff/cases")).Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("access-denied", (await other.GetAsync($"/staff/cases/{id}")).Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_counselors_changing_one_case_the_second_is_told_who_changed_it()
    {
        using var first = await app.SignInAsync(StaffRoles.Counselor);
        using var second = await app.SignInAsync(StaffRoles.Coordinator);
        var id = await OpenCaseAsync(first);
        var firstPage = await first.GetPageAsync($"/staff/cases/{id}");
        var secondPage = await second.GetPageAsync($"/staff/cases/{id}");

        var saved = await first.SubmitAsync(firstPage, $"/staff/cases/{id}", new Dictionary<string, string> { ["status"] = "WaitingOnWorker", ["reason"] = "asked for pay slips" }, handler: "Status");
        var refused = await second.SubmitAsync(secondPage, $"/staff/cases/{id}", new Dictionary<string, string> { ["status"] = "Referred" }, handler: "Status");
        var status = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Case>().Where(c => c.Id == id).Select(c => c.Status).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Test Counselor changed this case while you were working on it", PageClient.MainText(await PageClient.ParseAsync(refused)), StringComparison.Ordinal);
        Assert.Equal(CaseStatus.WaitingOnWorker, status);
    }

    [Fact]
    public async Task Every_view_of_a_case_is_in_the_audit_log()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await OpenCaseAsync(counselor);

        await counselor.GetPageAsync($"/staff/cases/{id}");
        await counselor.GetPageAsync($"/staff/cases/{id}");
        var views = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.CountAsync(e => e.Action == "case.viewed" && e.TargetId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(2, views);
    }

    [Fact]
    public async Task A_task_with_a_due_date_shows_in_my_tasks_overdue_ones_marked_and_done_ones_gone()
    {
        var counselorCredentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        using var counselor = app.CreatePageClient();
        await counselor.SignInAsync(counselorCredentials);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var id = await OpenCaseAsync(counselor);
        var yesterday = DateOnly.FromDateTime(Soudan.Web.Infrastructure.Time.JapanTime.FromUtc(TimeProvider.System.GetUtcNow().UtcDateTime)).AddDays(-1);
        var title = "Collect shift photos " + Guid.NewGuid().ToString("N")[..6];

        var added = await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string>
        {
            ["title"] = title,
            ["dueOn"] = yesterday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["assigneeId"] = counselorCredentials.Id.ToString(),
        }, handler: "Task");
        var mine = await counselor.GetPageAsync("/staff/tasks");
        var everyonesOverdue = PageClient.MainText(await coordinator.GetPageAsync("/staff/tasks?overdue=true"));
        var casePage = await counselor.GetPageAsync($"/staff/cases/{id}");
        var taskId = casePage.QuerySelector("form[action*='handler=TaskDone'] input[name=taskId]")!.GetAttribute("value")!;
        await counselor.SubmitAsync(casePage, $"/staff/cases/{id}", new Dictionary<string, string> { ["taskId"] = taskId }, handler: "TaskDone");
        var afterDone = PageClient.MainText(await counselor.GetPageAsync("/staff/tasks"));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains(title, mine.QuerySelector("tr.row--urgent")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(title, everyonesOverdue, StringComparison.Ordinal);
        Assert.DoesNotContain(title, afterDone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_needs_a_title_and_a_day()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await OpenCaseAsync(counselor);

        var refused = await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["title"] = " ", ["dueOn"] = "" }, handler: "Task");
        var summary = (await PageClient.ParseAsync(refused)).QuerySelector(".error-summary")!.TextContent;

        Assert.Contains("Say what is to be done.", summary, StringComparison.Ordinal);
        Assert.Contains("Choose the day it is due.", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_a_case_asks_what_it_won_and_keeps_what_was_typed_after_a_mistake()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await OpenCaseAsync(counselor);

        var unanswered = await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["status"] = "Closed" }, handler: "Status");
        var mistaken = await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string>
        {
            ["status"] = "Closed",
            ["outcome.Money[unpaid-wages]"] = "12万",
            ["outcome.Money[leave-allowance]"] = "３０，０００円",
        }, handler: "Status");
        var mistakePage = await PageClient.ParseAsync(mistaken);
        var closed = await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string>
        {
            ["status"] = "Closed",
            ["reason"] = "paid after the union's letter",
            ["outcome.Money[unpaid-wages]"] = "¥120,000",
            ["outcome.Money[leave-allowance]"] = "３０，０００円",
            ["outcome.Benefits"] = "housing-security",
        }, handler: "Status");
        var outcome = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseOutcome>().AsNoTracking().SingleAsync(o => o.CaseId == id));
        var page = PageClient.MainText(await counselor.GetPageAsync($"/staff/cases/{id}"));

        Assert.Contains("Closing a case asks what it won", (await PageClient.ParseAsync(unanswered)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Write an amount in yen with digits only", mistakePage.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("12万", mistakePage.QuerySelector("#outcome-unpaid-wages")!.GetAttribute("value"));
        Assert.Equal("３０，０００円", mistakePage.QuerySelector("#outcome-leave-allowance")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal((120_000, 30_000, 0L), (outcome.UnpaidWagesYen, outcome.LeaveAllowanceYen, outcome.OvertimeYen));
        Assert.Equal(["housing-security"], outcome.Benefits);
        Assert.Contains("¥150,000", page, StringComparison.Ordinal);
        Assert.Contains("Housing security benefit", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consultation_joining_a_case_that_won_money_leaves_the_money_counted()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var phone = UniquePhone();
        var id = await OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { Contact = new IntakeContact { Phone = phone } });
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["status"] = "Resolved", ["outcome.Money[unpaid-wages]"] = "120000" }, handler: "Status");
        var reference = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Case>().Where(c => c.Id == id).Select(c => c.Reference).SingleAsync());
        var again = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { Contact = new IntakeContact { Phone = phone }, Description = "Salamat po, may isa pa." });
        var intakeId = await IntakeIdAsync(again.Reference);

        // The triage page loads the case without its outcome before attaching the consultation to it.
        await counselor.SubmitAsync($"/staff/intakes/{intakeId}", new Dictionary<string, string> { ["caseReference"] = reference }, handler: "Attach");
        var key = await app.FactKeyOfCaseAsync(id);
        var counted = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Soudan.Web.Features.Statistics.StatisticsFact>().AsNoTracking()
            .Where(f => f.SourceKey == key).Select(f => f.UnpaidWagesYen).SingleAsync());

        Assert.Equal(120_000, counted);
    }

    [Fact]
    public async Task A_case_that_won_nothing_closes_when_the_counselor_says_so_and_reopening_and_closing_again_counts_once()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await OpenCaseAsync(counselor);

        var first = await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["status"] = "Resolved", ["outcome.NothingObtained"] = "true" }, handler: "Status");
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["status"] = "Active" }, handler: "Status");
        var again = await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["status"] = "Closed", ["outcome.Money[overtime]"] = "45000" }, handler: "Status");
        var outcomes = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseOutcome>().AsNoTracking().Where(o => o.CaseId == id).ToListAsync());

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(45_000, Assert.Single(outcomes).OvertimeYen);
    }

    [Fact]
    public async Task A_referral_needs_the_workers_agreement_and_keeps_what_was_shared_and_what_came_of_it()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await OpenCaseAsync(counselor);

        var refused = await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["to"] = "union", ["shared"] = "story" }, handler: "Referral");
        var referred = await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string>
        {
            ["to"] = "union",
            ["organisation"] = "Tokyo East Union",
            ["shared"] = "story",
            ["record.ConsentHow"] = "phone",
            ["agreed"] = "true",
        }, handler: "Referral");
        var outcome = await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["outcome"] = "Joined the union; collective bargaining on 3 June." }, handler: "ReferralOutcome");
        var page = PageClient.MainText(await counselor.GetPageAsync($"/staff/cases/{id}"));
        var (status, referral) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            return (await db.Set<Case>().Where(c => c.Id == id).Select(c => c.Status).SingleAsync(), await db.Set<CaseReferral>().AsNoTracking().SingleAsync(r => r.CaseId == id));
        });

        Assert.Contains("Refer a case only when the worker has agreed", (await PageClient.ParseAsync(refused)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, referred.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, outcome.StatusCode);
        Assert.Equal(CaseStatus.Referred, status);
        Assert.Equal(["story"], referral.Shared);
        Assert.Contains("Referred to Union (Tokyo East Union)", page, StringComparison.Ordinal);
        Assert.Contains("Joined the union; collective bargaining on 3 June.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_counselor_corrects_what_the_case_is_about_and_a_mistake_keeps_what_was_typed()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await OpenCaseAsync(counselor);
        var suggested = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Case>().Where(c => c.Id == id).Select(c => c.DisputeCategories).SingleAsync());
        var client = "Grand Hotel Ginza " + Random.Shared.Next(100_000, 999_999);

        var mistaken = await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string>
        {
            ["details.Language"] = "not a language!",
            ["details.Tags"] = "COVID-19, hotels",
        }, handler: "Details");
        var mistakePage = await PageClient.ParseAsync(mistaken);
        var saved = await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string>
        {
            ["details.Problems"] = "dismissal",
            ["details.DisputeCategories"] = "dismissal",
            ["details.Urgency"] = "Urgent",
            ["details.Language"] = "ne",
            ["details.Tags"] = "COVID-19, hotels, covid-19",
            ["details.ClientCompany"] = client,
        }, handler: "Details");
        var stored = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Case>().AsNoTracking().SingleAsync(c => c.Id == id));
        var found = (await counselor.GetPageAsync("/staff/search?q=" + Uri.EscapeDataString(client))).QuerySelectorAll($"a[href='/staff/cases/{id}']");

        Assert.NotEmpty(suggested);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mistaken.StatusCode);
        Assert.Contains("Write a language code", mistakePage.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("COVID-19, hotels", mistakePage.QuerySelector("#details-tags")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["dismissal"], stored.Problems);
        Assert.Equal(["dismissal"], stored.DisputeCategories);
        Assert.Equal(CaseUrgency.Urgent, stored.Urgency);
        Assert.Equal("ne", stored.Language);
        Assert.Equal(["COVID-19", "hotels"], stored.Tags);
        Assert.NotNull(stored.ClientCompanyId);
        Assert.Single(found);
    }

    private static async Task AssignAsync(PageClient who, int caseId, Guid? counselorId, Guid? interpreterId)
    {
        var page = await who.GetPageAsync($"/staff/cases/{caseId}");
        var response = await who.SubmitAsync(page, $"/staff/cases/{caseId}", new Dictionary<string, string>
        {
            ["counselorId"] = counselorId?.ToString() ?? "",
            ["interpreterId"] = interpreterId?.ToString() ?? "",
        }, handler: "Assign");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}

[Collection(OnSqlite.Name)]
public sealed class CaseTestsOnSqlite(SqliteAppFixture fixture) : CaseTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class CaseTestsOnPostgres(PostgresAppFixture fixture) : CaseTests(fixture.App);
