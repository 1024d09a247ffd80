using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.People;
using Soudan.Web.Features.Privacy;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Tests.Features.Privacy;

/// <summary>
/// A person's requests about their data (APPI Arts. 34, 35): staff record each, act on it, and the
/// audit shows what was done. Stopping use refuses any referral that would share their data until
/// lifted; erasing puts their case before its counselor as their own "delete everything" does.
/// </summary>
public abstract class PrivacyRequestTests(TestDatabase database)
{
    [Fact]
    public async Task A_request_to_stop_using_or_erase_data_is_recorded_acted_on_and_audited()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await app.OpenCaseAsync(counselor);
        var personId = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseWorker>().Where(w => w.CaseId == id).Select(w => w.PersonId).SingleAsync());
        var path = $"/staff/people/{personId}/requests";

        var empty = PageClient.MainText(await counselor.GetPageAsync(path));
        var incomplete = await counselor.SubmitAsync(path, new Dictionary<string, string> { ["details"] = "Please stop sending my data to the union" });
        var incompletePage = await PageClient.ParseAsync(incomplete);
        var recorded = await counselor.SubmitAsync(path, new Dictionary<string, string> { ["kind"] = "stop-provision", ["receivedHow"] = "phone", ["details"] = "Please stop sending my data to the union" });
        var requestId = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<PrivacyRequest>().Where(r => r.PersonId == personId).Select(r => r.Id).SingleAsync());
        var undecided = await counselor.SubmitAsync(path, new Dictionary<string, string> { ["requestId"] = $"{requestId}", ["action"] = "restricted" }, handler: "Decide");
        var restricted = await counselor.SubmitAsync(path, new Dictionary<string, string> { ["requestId"] = $"{requestId}", ["action"] = "restricted", ["taken"] = "No more referrals; told her on the phone." }, handler: "Decide");
        var referralWhileStopped = await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string>
        {
            ["to"] = "union",
            ["organisation"] = "Tokyo East Union",
            ["shared"] = "story",
            ["record.ConsentHow"] = "phone",
            ["agreed"] = "true",
        }, handler: "Referral");
        var personPage = PageClient.MainText(await counselor.GetPageAsync($"/staff/people/{personId}"));
        var lifted = await counselor.SubmitAsync(path, new Dictionary<string, string>(), handler: "Lift");
        var referralAfter = await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string>
        {
            ["to"] = "union",
            ["organisation"] = "Tokyo East Union",
            ["shared"] = "story",
            ["record.ConsentHow"] = "phone",
            ["agreed"] = "true",
        }, handler: "Referral");
        await counselor.SubmitAsync(path, new Dictionary<string, string> { ["kind"] = "stop-use", ["receivedHow"] = "writing", ["details"] = "Delete all my data" });
        var eraseId = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<PrivacyRequest>().Where(r => r.PersonId == personId && r.Kind == "stop-use").Select(r => r.Id).SingleAsync());
        var erasure = await counselor.SubmitAsync(path, new Dictionary<string, string> { ["requestId"] = $"{eraseId}", ["action"] = "erasure", ["taken"] = "Sent to the counselor's decision." }, handler: "Decide");
        var page = PageClient.MainText(await counselor.GetPageAsync(path));
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var register = PageClient.MainText(await coordinator.GetPageAsync("/staff/privacy-requests"));
        var home = PageClient.MainText(await coordinator.GetPageAsync("/staff"));
        using var interpreter = await app.SignInAsync(StaffRoles.Interpreter);
        var byInterpreter = await interpreter.GetAsync(path);

        Assert.Contains("No request recorded.", empty, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);
        Assert.Contains("Choose what the person asks.", incompletePage.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Please stop sending my data to the union", incompletePage.QuerySelector("#details")!.TextContent);   // what was typed stays
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, undecided.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, restricted.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, referralWhileStopped.StatusCode);
        Assert.Contains("asked us to stop using their data", await referralWhileStopped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("no referral can pass their data on", personPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, referralAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, erasure.StatusCode);
        Assert.Contains("No more referrals; told her on the phone.", page, StringComparison.Ordinal);
        Assert.Contains("To stop passing their data on", register, StringComparison.Ordinal);
        Assert.Contains("Use stopped", register, StringComparison.Ordinal);
        Assert.Contains("Workers who asked to be deleted", home, StringComparison.Ordinal);
        Assert.Contains("access-denied", byInterpreter.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);

        var (requests, restrictedSince, erasureAsked, actions) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            return (
                await db.Set<PrivacyRequest>().AsNoTracking().Where(r => r.PersonId == personId).ToListAsync(),
                await db.Set<Person>().Where(p => p.Id == personId).Select(p => p.UseRestrictedSinceUtc).SingleAsync(),
                await db.Set<Case>().Where(c => c.Id == id).Select(c => c.ErasureRequestedAtUtc).SingleAsync(),
                await db.AuditEvents.Where(e => e.TargetType == "person" && e.TargetId == personId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(e => e.Action).ToListAsync());
        });
        Assert.All(requests, r => Assert.False(r.IsOpen));
        Assert.All(requests, r => Assert.DoesNotContain("data", r.FieldsProtected, StringComparison.Ordinal));   // encrypted at rest
        Assert.Null(restrictedSince);
        Assert.NotNull(erasureAsked);
        Assert.Equal(2, actions.Count(a => a == AuditActions.PrivacyRequestRecorded));
        Assert.Equal(2, actions.Count(a => a == AuditActions.PrivacyRequestDecided));
        Assert.Contains(AuditActions.UseRestrictionLifted, actions);
    }
}

public sealed class PrivacyRequestTestsOnSqlite() : PrivacyRequestTests(TestDatabase.Sqlite);

public sealed class PrivacyRequestTestsOnPostgres() : PrivacyRequestTests(TestDatabase.Postgres);
