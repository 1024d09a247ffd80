using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Tests.Features.Accounts;

/// <summary>Admins and coordinators manage staff accounts on the staff pages, on both databases.</summary>
public abstract class StaffAccountsTests(SoudanApp app)
{
    [Fact]
    public async Task An_admin_adds_a_counselor_who_chooses_a_password_with_the_one_time_link()
    {
        using var admin = await app.SignInAsync(StaffRoles.Admin);
        var email = $"new+{Guid.NewGuid():N}@example.org";

        var created = await admin.SubmitAsync("/staff/users", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "Mika",
            ["Input.Roles"] = StaffRoles.Counselor,
            ["Input.StaffLanguage"] = "ja",
        });
        var page = await PageClient.ParseAsync(created);
        var link = new Uri(page.QuerySelector(".copy-field")!.GetAttribute("value")!).AbsolutePath;
        using var mika = app.CreatePageClient();
        var saved = await mika.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Input.Password"] = "Mika's long enough password",
            ["Input.ConfirmPassword"] = "Mika's long enough password",
        });
        await mika.SignInAsync(new StaffCredentials(Guid.Empty, email, "Mika's long enough password", null));
        var setup = await mika.GetPageAsync("/staff/account/two-factor");

        Assert.Contains(email, PageClient.MainText(page), StringComparison.Ordinal);
        Assert.Equal("/staff/sign-in?status=password-saved", saved.Headers.Location?.OriginalString);
        Assert.Equal("ja", setup.DocumentElement.GetAttribute("lang"));
        Assert.Equal(HttpStatusCode.Gone, (await mika.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task The_form_keeps_what_was_typed_and_names_each_problem()
    {
        using var admin = await app.SignInAsync(StaffRoles.Admin);

        var response = await admin.SubmitAsync("/staff/users", new Dictionary<string, string>
        {
            ["Input.Email"] = "not an address",
            ["Input.DisplayName"] = "Ken",
            ["Input.AccessExpiresAt"] = "2001-01-01T10:00",
        });
        var page = await PageClient.ParseAsync(response);
        var summary = page.QuerySelector(".error-summary")!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("name@example.org", summary.TextContent, StringComparison.Ordinal);
        Assert.Contains("Choose at least one role.", summary.TextContent, StringComparison.Ordinal);
        Assert.Contains("must be in the future", summary.TextContent, StringComparison.Ordinal);
        Assert.Equal("#Input_Email", summary.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Ken", page.QuerySelector("#Input_DisplayName")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_coordinator_cannot_make_an_admin_nor_change_one()
    {
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var admin = await app.CreateStaffAsync([StaffRoles.Admin]);

        var page = await coordinator.GetPageAsync("/staff/users");
        var offered = page.QuerySelectorAll("input[name='Input.Roles']").Select(i => i.GetAttribute("value")).ToList();
        var forced = await coordinator.SubmitAsync(page, "/staff/users", new Dictionary<string, string>
        {
            ["Input.Email"] = $"sneaky+{Guid.NewGuid():N}@example.org",
            ["Input.Roles"] = StaffRoles.Admin,
        });
        var adminPage = await coordinator.GetPageAsync($"/staff/users/{admin.Id}");

        Assert.DoesNotContain(StaffRoles.Admin, offered);
        Assert.Contains("You may not give this role.", PageClient.MainText(await PageClient.ParseAsync(forced)), StringComparison.Ordinal);
        Assert.Contains("Only an admin can change an admin's account.", PageClient.MainText(adminPage), StringComparison.Ordinal);
        Assert.Empty(adminPage.QuerySelectorAll("form[action*='handler=Deactivate']"));
    }

    [Fact]
    public async Task A_counselor_may_not_open_the_staff_accounts_nor_the_audit_log()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);

        var users = await counselor.GetAsync("/staff/users");
        var audit = await counselor.GetAsync("/staff/audit");

        Assert.StartsWith("http://localhost/staff/access-denied", users.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/staff/access-denied", audit.Headers.Location?.ToString(), StringComparison.Ordinal);
        var denied = await counselor.GetAsync(users.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Deactivating_someone_ends_their_session_and_the_audit_log_says_who_did_it()
    {
        using var admin = await app.SignInAsync(StaffRoles.Admin);
        var operatorCredentials = await app.CreateStaffAsync([StaffRoles.Operator], twoFactor: true);
        using var operatorBrowser = app.CreatePageClient();
        await operatorBrowser.SignInAsync(operatorCredentials);

        await admin.SubmitAsync($"/staff/users/{operatorCredentials.Id}", new Dictionary<string, string>(), handler: "Deactivate");
        var audit = PageClient.MainText(await admin.GetPageAsync("/staff/audit"));

        Assert.Equal(HttpStatusCode.Redirect, (await operatorBrowser.GetAsync("/staff")).StatusCode);
        Assert.Contains("Deactivated staff account", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_taken_away_take_effect_on_the_next_request()
    {
        using var admin = await app.SignInAsync(StaffRoles.Admin);
        var coordinator = await app.CreateStaffAsync([StaffRoles.Coordinator, StaffRoles.Counselor], twoFactor: true);
        using var browser = app.CreatePageClient();
        await browser.SignInAsync(coordinator);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff/users")).StatusCode);

        await admin.SubmitAsync($"/staff/users/{coordinator.Id}", new Dictionary<string, string>
        {
            ["Input.Roles"] = StaffRoles.Counselor,
            ["Input.DisplayName"] = "Now only a counselor",
        }, handler: "Save");

        var after = await browser.GetAsync("/staff/users");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("access-denied", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_changes_their_own_roles_so_a_coordinator_cannot_make_themselves_a_counselor()
    {
        var credentials = await app.CreateStaffAsync([StaffRoles.Coordinator], twoFactor: true);
        using var coordinator = app.CreatePageClient();
        await coordinator.SignInAsync(credentials);
        var ownPage = await coordinator.GetPageAsync($"/staff/users/{credentials.Id}");

        var forced = await coordinator.PostAsync($"/staff/users/{credentials.Id}", $"/staff/users/{credentials.Id}?handler=Save", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Still a coordinator",
            ["Input.Roles"] = StaffRoles.Counselor,
        });
        var roles = await RolesOfAsync(credentials.Id);

        Assert.Empty(ownPage.QuerySelectorAll("input[type=checkbox][name='Input.Roles']"));
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Contains("Nobody changes their own roles", PageClient.MainText(await PageClient.ParseAsync(forced)), StringComparison.Ordinal);
        Assert.Equal([StaffRoles.Coordinator], roles);
    }

    [Fact]
    public async Task An_admin_cannot_take_their_own_admin_role_away()
    {
        var credentials = await app.CreateStaffAsync([StaffRoles.Admin, StaffRoles.Counselor], twoFactor: true);
        using var admin = app.CreatePageClient();
        await admin.SignInAsync(credentials);

        await admin.PostAsync($"/staff/users/{credentials.Id}", $"/staff/users/{credentials.Id}?handler=Save", new Dictionary<string, string>
        {
            ["Input.Roles"] = StaffRoles.Counselor,
        });

        Assert.Equal([StaffRoles.Admin, StaffRoles.Counselor], (await RolesOfAsync(credentials.Id)).Order());
    }

    [Fact]
    public async Task Only_an_admin_makes_a_password_link_or_resets_a_second_factor_and_each_is_audited()
    {
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var adminCredentials = await app.CreateStaffAsync([StaffRoles.Admin], twoFactor: true);
        using var admin = app.CreatePageClient();
        await admin.SignInAsync(adminCredentials);
        var counselor = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        var page = await coordinator.GetPageAsync($"/staff/users/{counselor.Id}");

        var link = await coordinator.PostAsync($"/staff/users/{counselor.Id}", $"/staff/users/{counselor.Id}?handler=PasswordLink", new Dictionary<string, string>());
        var reset = await coordinator.PostAsync($"/staff/users/{counselor.Id}", $"/staff/users/{counselor.Id}?handler=ResetTwoFactor", new Dictionary<string, string>());
        var stillOn = await app.WithScopeAsync(async s => await s.GetRequiredService<StaffUserManager>().GetTwoFactorEnabledAsync((await s.GetRequiredService<StaffUserManager>().FindByIdAsync(counselor.Id.ToString()))!));
        var adminLink = await admin.SubmitAsync($"/staff/users/{counselor.Id}", new Dictionary<string, string>(), handler: "PasswordLink");
        var adminReset = await admin.SubmitAsync($"/staff/users/{counselor.Id}", new Dictionary<string, string>(), handler: "ResetTwoFactor");
        var ownReset = await admin.PostAsync($"/staff/users/{adminCredentials.Id}", $"/staff/users/{adminCredentials.Id}?handler=ResetTwoFactor", new Dictionary<string, string>());
        var audited = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.TargetId == counselor.Id.ToString()).Select(e => new { e.Action, e.ActorId }).ToListAsync());

        Assert.Empty(page.QuerySelectorAll("form[action*='handler=PasswordLink'], form[action*='handler=ResetTwoFactor']"));
        Assert.Contains("access-denied", link.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Contains("access-denied", reset.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.True(stillOn);
        Assert.NotNull((await PageClient.ParseAsync(adminLink)).QuerySelector(".copy-field"));
        Assert.Equal(HttpStatusCode.OK, adminReset.StatusCode);
        Assert.Contains("access-denied", ownReset.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Contains(new { Action = AuditActions.SetPasswordLinkCreated, ActorId = (Guid?)adminCredentials.Id }, audited);
        Assert.Contains(new { Action = AuditActions.TwoFactorReset, ActorId = (Guid?)adminCredentials.Id }, audited);
        Assert.DoesNotContain(audited, e => e.ActorId != adminCredentials.Id && e.Action is AuditActions.SetPasswordLinkCreated or AuditActions.TwoFactorReset);
    }

    private Task<List<string>> RolesOfAsync(Guid id) =>
        app.WithScopeAsync(async s => (await s.GetRequiredService<StaffUserManager>().GetRolesAsync((await s.GetRequiredService<StaffUserManager>().FindByIdAsync(id.ToString()))!)).ToList());

    [Fact]
    public async Task A_lost_phone_is_handled_by_resetting_two_factor_then_setting_it_up_again()
    {
        using var admin = await app.SignInAsync(StaffRoles.Admin);
        var counselor = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);

        await admin.SubmitAsync($"/staff/users/{counselor.Id}", new Dictionary<string, string>(), handler: "ResetTwoFactor");
        using var browser = app.CreatePageClient();
        var signIn = await browser.SignInAsync(counselor with { AuthenticatorKey = null });

        Assert.Equal("/staff", signIn.Headers.Location?.OriginalString);
        Assert.Equal("/staff/account/two-factor", (await browser.GetAsync("/staff")).Headers.Location?.OriginalString);
    }
}

[Collection(OnSqlite.Name)]
public sealed class StaffAccountsTestsOnSqlite(SqliteAppFixture fixture) : StaffAccountsTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class StaffAccountsTestsOnPostgres(PostgresAppFixture fixture) : StaffAccountsTests(fixture.App);
