using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Features.Privacy;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Tests.Features.Privacy;

/// <summary>
/// Retention by rule: nothing goes until an admin has seen the preview and turned the daily run on;
/// then consultations and closed cases older than their rule are erased once a day, a case under
/// legal hold is kept, and each run leaves a report of counts. On both databases, with a clock
/// moved on by months.
/// </summary>
public abstract class RetentionTests(TestDatabase database)
{
    [Fact]
    public async Task Records_kept_longer_than_their_rule_are_erased_daily_once_an_admin_turned_it_on_except_under_legal_hold()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await SoudanApp.StartAsync(database, new Dictionary<string, string?>
        {
            // The summarizer's timer follows the fake clock: years of 15-second ticks would take minutes to replay.
            ["Statistics:SummaryIntervalSeconds"] = "86400",
        }, clock);
        var closedConsultation = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        var recent = default(IntakeReceipt);
        int closedCase, heldCase;
        using (var counselor = await app.SignInAsync(StaffRoles.Counselor))
        {
            await counselor.SubmitAsync($"/staff/intakes/{await app.IntakeIdAsync(closedConsultation.Reference)}", new Dictionary<string, string>(), handler: "Close");
            closedCase = await app.OpenCaseAsync(counselor);
            await counselor.SubmitAsync($"/staff/cases/{closedCase}", new Dictionary<string, string> { ["status"] = "Resolved", ["reason"] = "paid", ["outcome.Benefits"] = "public-assistance" }, handler: "Status");
            var heldReceipt = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
            var heldIntake = await app.IntakeIdAsync(heldReceipt.Reference);
            var opened = await counselor.SubmitAsync($"/staff/intakes/{heldIntake}", new Dictionary<string, string> { ["personId"] = "" }, handler: "OpenCase");
            heldCase = int.Parse(opened.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
            await counselor.SubmitAsync($"/staff/cases/{heldCase}", new Dictionary<string, string> { ["status"] = "Resolved", ["reason"] = "settled", ["outcome.Benefits"] = "public-assistance" }, handler: "Status");
            await counselor.SubmitAsync($"/staff/cases/{heldCase}/erasure", new Dictionary<string, string> { ["reason"] = "Court case on appeal" }, handler: "Hold");
        }

        clock.Advance(TimeSpan.FromDays(400));
        recent = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        var job = app.Services.GetRequiredService<ErasureJob>();
        await job.RunOnceAsync(CancellationToken.None);
        var keptUntilTurnedOn = await ErasedAsync(app, closedConsultation.Reference);
        using var admin = await app.SignInAsync(StaffRoles.Admin);
        var preview = PageClient.MainText(await admin.GetPageAsync("/staff/retention"));
        var unticked = await admin.SubmitAsync("/staff/retention", new Dictionary<string, string>(), handler: "Enable");
        var tooShort = await admin.SubmitAsync("/staff/retention", new Dictionary<string, string> { ["Input.ConsultationMonths"] = "12", ["Input.CallMonths"] = "12", ["Input.ClosedCaseMonths"] = "6" });
        using var reader = app.CreatePageClient("en");
        var noticeBefore = PageClient.MainText(await reader.GetPageAsync("/en/privacy"));
        var enabled = await admin.SubmitAsync("/staff/retention", new Dictionary<string, string> { ["previewSeen"] = "true" }, handler: "Enable");
        var noticeAfter = PageClient.MainText(await reader.GetPageAsync("/en/privacy"));
        await job.RunOnceAsync(CancellationToken.None);
        await job.RunOnceAsync(CancellationToken.None);   // the same day: no second run
        var (firstErased, recentErased, caseErasedEarly) = (await ErasedAsync(app, closedConsultation.Reference), await ErasedAsync(app, recent.Reference), await CaseErasedAsync(app, closedCase));
        var runsOnTheFirstDay = await RunsAsync(app);

        clock.Advance(TimeSpan.FromDays(3 * 366));
        await job.RunOnceAsync(CancellationToken.None);
        var (caseErased, heldErased) = (await CaseErasedAsync(app, closedCase), await CaseErasedAsync(app, heldCase));
        var runs = await RunsAsync(app);
        using var again = await app.SignInAsync(StaffRoles.Admin);
        var report = PageClient.MainText(await again.GetPageAsync("/staff/retention"));

        Assert.False(keptUntilTurnedOn);
        Assert.Contains("Consultations: 1", preview, StringComparison.Ordinal);
        Assert.Contains("do not run yet", preview, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unticked.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooShort.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.Contains("within 14 days", noticeBefore, StringComparison.Ordinal);
        Assert.DoesNotContain("months after we close it", noticeBefore, StringComparison.Ordinal);
        Assert.Contains("we delete a consultation 12 months after we close it, and a case 36 months after we close it", noticeAfter, StringComparison.Ordinal);
        Assert.True(firstErased);
        Assert.False(recentErased);
        Assert.False(caseErasedEarly);   // closed 13 months ago: kept for 36
        Assert.Single(runsOnTheFirstDay);
        Assert.True(caseErased);
        Assert.False(heldErased);
        Assert.Contains(runs, r => r.Cases == 1 && r.KeptUnderHold == 1);
        Assert.All(runs, r => Assert.NotNull(r.ScheduledDay));
        Assert.Contains("Kept under legal hold", report, StringComparison.Ordinal);
        Assert.True(await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.AnyAsync(e => e.Action == AuditActions.RetentionRun)));
    }

    private static Task<bool> ErasedAsync(SoudanApp app, string reference) =>
        app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.Where(i => i.Reference == reference).Select(i => i.ErasedAtUtc != null).SingleAsync());

    private static Task<bool> CaseErasedAsync(SoudanApp app, int id) =>
        app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Case>().Where(c => c.Id == id).Select(c => c.PersonalDataErasedAtUtc != null).SingleAsync());

    private static Task<List<RetentionRun>> RunsAsync(SoudanApp app) =>
        app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<RetentionRun>().AsNoTracking().ToListAsync());
}

public sealed class RetentionTestsOnSqlite() : RetentionTests(TestDatabase.Sqlite);

public sealed class RetentionTestsOnPostgres() : RetentionTests(TestDatabase.Postgres);
