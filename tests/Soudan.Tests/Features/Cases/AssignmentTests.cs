using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Tests.Features.Cases;

/// <summary>
/// Who works on a case decides who reads its sensitive entries, so nobody takes a case: coordinators
/// and admins assign, never to themselves; counselors ask. On both databases.
/// </summary>
public abstract class AssignmentTests(SoudanApp app)
{
    private const string Secret = "Residence card expired; HIV clinic on Tuesdays 4471";

    [Fact]
    public async Task A_counselor_cannot_take_another_counselors_case_to_read_its_sensitive_notes()
    {
        var (id, _, _) = await CaseWithSensitiveNoteAsync();
        var thiefCredentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        using var thief = app.CreatePageClient();
        await thief.SignInAsync(thiefCredentials);
        var page = await thief.GetPageAsync($"/staff/cases/{id}");

        var taken = await thief.PostAsync($"/staff/cases/{id}", $"/staff/cases/{id}?handler=Assign", new Dictionary<string, string>
        {
            ["version"] = page.QuerySelector("input[name=version]")!.GetAttribute("value")!,
            ["counselorId"] = thiefCredentials.Id.ToString(),
            ["interpreterId"] = "",
        });

        Assert.Empty(page.QuerySelectorAll("form[action*='handler=Assign']"));
        Assert.Contains("access-denied", taken.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.NotEqual(thiefCredentials.Id, await CounselorOfAsync(id));
        Assert.DoesNotContain(Secret, PageClient.MainText(await thief.GetPageAsync($"/staff/cases/{id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_who_is_also_a_counselor_cannot_assign_a_case_to_themselves()
    {
        var (id, _, _) = await CaseWithSensitiveNoteAsync();
        var credentials = await app.CreateStaffAsync([StaffRoles.Coordinator, StaffRoles.Counselor], twoFactor: true);
        using var coordinator = app.CreatePageClient();
        await coordinator.SignInAsync(credentials);
        var page = await coordinator.GetPageAsync($"/staff/cases/{id}");
        var offered = page.QuerySelectorAll("#counselorId option").Select(o => o.GetAttribute("value")).ToList();

        var refused = await coordinator.SubmitAsync(page, $"/staff/cases/{id}", new Dictionary<string, string>
        {
            ["counselorId"] = credentials.Id.ToString(),
            ["interpreterId"] = "",
        }, handler: "Assign");

        Assert.DoesNotContain(credentials.Id.ToString(), offered);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Nobody assigns a case to themselves", PageClient.MainText(await PageClient.ParseAsync(refused)), StringComparison.Ordinal);
        Assert.NotEqual(credentials.Id, await CounselorOfAsync(id));
        Assert.DoesNotContain(Secret, PageClient.MainText(await coordinator.GetPageAsync($"/staff/cases/{id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_counselor_asks_for_a_case_and_a_coordinator_gives_it_which_the_previous_counselor_is_told()
    {
        var (id, first, firstBrowser) = await CaseWithSensitiveNoteAsync();
        using var _ = firstBrowser;
        var askerCredentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        using var asker = app.CreatePageClient();
        await asker.SignInAsync(askerCredentials);
        var coordinatorCredentials = await app.CreateStaffAsync([StaffRoles.Coordinator], twoFactor: true);
        using var coordinator = app.CreatePageClient();
        await coordinator.SignInAsync(coordinatorCredentials);
        var reference = await ReferenceOfAsync(id);

        var asked = await asker.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string>(), handler: "Ask");
        var askedAgain = await asker.PostAsync($"/staff/cases/{id}", $"/staff/cases/{id}?handler=Ask", new Dictionary<string, string>());
        var coordinatorHome = await coordinator.GetPageAsync("/staff");
        var casePage = await coordinator.GetPageAsync($"/staff/cases/{id}");
        var button = casePage.QuerySelectorAll("form[action*='handler=Assign'] input[name=counselorId]").Select(i => i.GetAttribute("value")).ToList();
        var given = await coordinator.SubmitAsync(casePage, $"/staff/cases/{id}", new Dictionary<string, string>
        {
            ["counselorId"] = askerCredentials.Id.ToString(),
            ["interpreterId"] = "",
        }, handler: "Assign");
        var firstHome = await firstBrowser.GetPageAsync("/staff");
        var askerHome = await asker.GetPageAsync("/staff");
        var coordinatorHomeAfter = await coordinator.GetPageAsync("/staff");
        var (requests, assignment, reassignedAudit) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            var entries = await db.Set<CaseEntry>().AsNoTracking().Where(e => e.CaseId == id).ToListAsync();
            var target = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var audited = await db.AuditEvents.AsNoTracking().CountAsync(e => e.Action == AuditActions.CaseReassignedWithSensitive && e.TargetId == target && e.ActorId == coordinatorCredentials.Id);
            return (entries.Count(e => e.Kind == CaseEntryKind.AssignmentRequested), entries.Where(e => e.Kind == CaseEntryKind.Assignment).MaxBy(e => e.AtUtc)!, audited);
        });

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, askedAgain.StatusCode);
        Assert.Equal(1, requests);
        Assert.Contains(reference, coordinatorHome.QuerySelector("#requests-title")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains(askerCredentials.Id.ToString(), button);
        Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        Assert.Equal(askerCredentials.Id, await CounselorOfAsync(id));
        Assert.Equal((first, askerCredentials.Id, true), (assignment.PreviousCounselorId!.Value, assignment.AssignedCounselorId!.Value, assignment.HeldSensitive));
        Assert.Equal(1, reassignedAudit);
        Assert.Contains(reference, firstHome.QuerySelector("#taken-title")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Null(askerHome.QuerySelector("#taken-title"));
        Assert.DoesNotContain(reference, coordinatorHomeAfter.QuerySelector("#requests-title")?.ParentElement?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Contains(Secret, PageClient.MainText(await asker.GetPageAsync($"/staff/cases/{id}")), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, PageClient.MainText(await firstBrowser.GetPageAsync($"/staff/cases/{id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Giving_an_unassigned_case_or_one_without_sensitive_entries_is_not_flagged()
    {
        using var opener = await app.SignInAsync(StaffRoles.Counselor);
        using var admin = await app.SignInAsync(StaffRoles.Admin);
        var first = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        var second = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        var id = await app.OpenCaseAsync(opener);
        await opener.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["text"] = "Called the employer." }, handler: "Note");

        await AssignAsync(admin, id, first.Id);
        await AssignAsync(admin, id, second.Id);
        var assignments = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseEntry>().AsNoTracking()
            .Where(e => e.CaseId == id && e.Kind == CaseEntryKind.Assignment).OrderBy(e => e.Id).Select(e => new { e.PreviousCounselorId, e.AssignedCounselorId, e.HeldSensitive }).ToListAsync());

        Assert.Equal(
            [new { PreviousCounselorId = (Guid?)null, AssignedCounselorId = (Guid?)first.Id, HeldSensitive = false }, new { PreviousCounselorId = (Guid?)first.Id, AssignedCounselorId = (Guid?)second.Id, HeldSensitive = false }],
            assignments);
    }

    /// <summary>A case opened by a counselor, given to them by an admin, with a sensitive note they wrote.</summary>
    private async Task<(int Id, Guid Counselor, PageClient Browser)> CaseWithSensitiveNoteAsync()
    {
        var credentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        var counselor = app.CreatePageClient();
        await counselor.SignInAsync(credentials);
        using var admin = await app.SignInAsync(StaffRoles.Admin);
        var id = await app.OpenCaseAsync(counselor);
        await AssignAsync(admin, id, credentials.Id);
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["text"] = Secret, ["sensitive"] = "true" }, handler: "Note");
        Assert.Contains(Secret, PageClient.MainText(await counselor.GetPageAsync($"/staff/cases/{id}")), StringComparison.Ordinal);
        return (id, credentials.Id, counselor);
    }

    private static async Task AssignAsync(PageClient who, int id, Guid counselorId)
    {
        var response = await who.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string>
        {
            ["counselorId"] = counselorId.ToString(),
            ["interpreterId"] = "",
        }, handler: "Assign");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private Task<Guid?> CounselorOfAsync(int id) =>
        app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Case>().AsNoTracking().Where(c => c.Id == id).Select(c => c.CounselorId).SingleAsync());

    private Task<string> ReferenceOfAsync(int id) =>
        app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Case>().AsNoTracking().Where(c => c.Id == id).Select(c => c.Reference).SingleAsync());
}

[Collection(OnSqlite.Name)]
public sealed class AssignmentTestsOnSqlite(SqliteAppFixture fixture) : AssignmentTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class AssignmentTestsOnPostgres(PostgresAppFixture fixture) : AssignmentTests(fixture.App);
