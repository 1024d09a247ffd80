using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Privacy;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Tests.Features.Privacy;

/// <summary>
/// Records of provision and receipt (APPI Arts. 29, 30): a referral that shares data leaves one with
/// the recipient and the ground, a case referred in records its provider and how it obtained the
/// data, the register lists them, and they outlive the case's erasure by three years, no longer.
/// </summary>
public abstract class ThirdPartyRecordTests(TestDatabase database)
{
    [Fact]
    public async Task Data_passed_on_or_received_is_recorded_listed_and_kept_three_years_after_the_case_is_erased()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await SoudanApp.StartAsync(database, new Dictionary<string, string?> { ["Statistics:SummaryIntervalSeconds"] = "86400" }, clock);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await app.OpenCaseAsync(counselor);
        var casePath = $"/staff/cases/{id}";
        var worker = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseWorker>().Where(w => w.CaseId == id).Select(w => w.Person!.Name).SingleAsync());

        var incomplete = await counselor.SubmitAsync(casePath, new Dictionary<string, string> { ["to"] = "union", ["shared"] = "story", ["record.Address"] = "1-2-3 Kameido, Koto-ku", ["agreed"] = "true" }, handler: "Referral");
        var incompletePage = await PageClient.ParseAsync(incomplete);
        var withConsent = await counselor.SubmitAsync(casePath, new Dictionary<string, string>
        {
            ["to"] = "union",
            ["organisation"] = "Tokyo East Union",
            ["record.Address"] = "1-2-3 Kameido, Koto-ku",
            ["record.Representative"] = "Executive Chair Sato",
            ["record.ConsentHow"] = "phone",
            ["shared"] = "name-contact",
            ["agreed"] = "true",
        }, handler: "Referral");
        var version = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Case>().Where(c => c.Id == id).Select(c => c.Version).SingleAsync());
        var onGround = await counselor.SubmitAsync(casePath, new Dictionary<string, string> { ["version"] = $"{version}", ["to"] = "shelter", ["organisation"] = "Safe house", ["record.Basis"] = "life", ["shared"] = "name-contact" }, handler: "Referral");
        var receiptRefused = await counselor.SubmitAsync($"{casePath}/third-parties", new Dictionary<string, string> { ["Organisation"] = "Kanagawa City Union", ["On"] = "2999-01-01" });
        var received = await counselor.SubmitAsync($"{casePath}/third-parties", new Dictionary<string, string>
        {
            ["Organisation"] = "Kanagawa City Union",
            ["Address"] = "Kawasaki",
            ["HowObtained"] = "The worker came to their office and agreed to be referred to us",
            ["Items"] = "story",
            ["On"] = $"{DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime):yyyy-MM-dd}",
        });
        var casePage = PageClient.MainText(await counselor.GetPageAsync($"{casePath}/third-parties"));
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var register = PageClient.MainText(await coordinator.GetPageAsync("/staff/third-parties"));
        var registerByCounselor = await counselor.GetAsync("/staff/third-parties");
        using var interpreter = await app.SignInAsync(StaffRoles.Interpreter);
        var caseRecordsByInterpreter = await interpreter.GetAsync($"{casePath}/third-parties");

        await app.WithScopeAsync(s => s.GetRequiredService<CaseErasure>().EraseAsync(id, null, null, CancellationToken.None, wholeCase: true));
        var job = app.Services.GetRequiredService<ErasureJob>();
        await job.RunOnceAsync(CancellationToken.None);
        var keptAfterErasure = await RecordsAsync(app, id);
        clock.Advance(TimeSpan.FromDays((3 * 366) + 2));
        await job.RunOnceAsync(CancellationToken.None);
        var keptAfterThreeYears = await RecordsAsync(app, id);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);
        var errors = incompletePage.QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("Name the organisation that receives the data", errors, StringComparison.Ordinal);
        Assert.Contains("Say how the worker agreed.", errors, StringComparison.Ordinal);
        Assert.Equal("1-2-3 Kameido, Koto-ku", ((AngleSharp.Html.Dom.IHtmlInputElement)incompletePage.QuerySelector("#record_Address")!).Value);   // what was typed stays
        Assert.Equal(HttpStatusCode.Redirect, withConsent.StatusCode);
        Assert.True(onGround.StatusCode == HttpStatusCode.Redirect, PageClient.MainText(await PageClient.ParseAsync(onGround)));   // no consent tick: a legal ground instead
        Assert.Equal(HttpStatusCode.UnprocessableEntity, receiptRefused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, received.StatusCode);
        Assert.Contains("Executive Chair Sato", casePage, StringComparison.Ordinal);
        Assert.Contains("The worker's consent (On the phone)", casePage, StringComparison.Ordinal);
        Assert.Contains("To protect life, body or property", casePage, StringComparison.Ordinal);
        Assert.Contains("Obtained by them: The worker came to their office", casePage, StringComparison.Ordinal);
        Assert.Contains(worker, register, StringComparison.Ordinal);
        Assert.Contains("Kanagawa City Union", register, StringComparison.Ordinal);
        Assert.Contains("access-denied", registerByCounselor.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Contains("access-denied", caseRecordsByInterpreter.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);

        Assert.Equal(3, keptAfterErasure.Count);
        var provided = keptAfterErasure.Single(r => r.Organisation == "Tokyo East Union");
        Assert.Equal((ThirdPartyDirection.Provided, ThirdPartyRecord.Consent, "phone"), (provided.Direction, provided.Basis, provided.ConsentHow));
        Assert.Equal([worker], provided.People);   // the law keeps whose data it was, after the case forgot
        Assert.Equal(["name-contact"], provided.Items);
        Assert.DoesNotContain("Tokyo East Union", provided.FieldsProtected, StringComparison.Ordinal);
        Assert.Equal(ThirdPartyDirection.Received, keptAfterErasure.Single(r => r.Organisation == "Kanagawa City Union").Direction);
        Assert.Empty(keptAfterThreeYears);
        Assert.Equal(3, await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.CountAsync(e => e.Action == AuditActions.ThirdPartyRecorded)));
    }

    private static Task<List<ThirdPartyRecord>> RecordsAsync(SoudanApp app, int id) =>
        app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<ThirdPartyRecord>().AsNoTracking().Where(r => r.CaseId == id).ToListAsync());
}

public sealed class ThirdPartyRecordTestsOnSqlite() : ThirdPartyRecordTests(TestDatabase.Sqlite);

public sealed class ThirdPartyRecordTestsOnPostgres() : ThirdPartyRecordTests(TestDatabase.Postgres);
