using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;

namespace Soudan.Tests.Features.Accounts;

/// <summary>Staff sign-in and two-factor, on both databases (slowing guessers down: SignInThrottleTests).</summary>
public abstract class SignInTests(SoudanApp app)
{
    [Fact]
    public async Task Password_then_authenticator_code_reaches_the_staff_home()
    {
        var credentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        using var browser = app.CreatePageClient();

        var signIn = await browser.SignInAsync(credentials);
        var home = await browser.GetAsync("/staff");

        Assert.Equal("/staff", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Welcome, Test Counselor", PageClient.MainText(await PageClient.ParseAsync(home)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_out_of_reach_of_scripts_and_other_sites()
    {
        var credentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        using var browser = app.CreatePageClient();

        var response = await browser.SignInAsync(credentials);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("soudan.staff=", StringComparison.Ordinal));

        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_staff_pages_are_Japanese_unless_the_browser_asks_for_English()
    {
        using var japanese = app.CreatePageClient("ja-JP,ja;q=0.9");
        using var english = app.CreatePageClient("en-GB,en;q=0.9,ja;q=0.5");
        using var other = app.CreatePageClient("vi-VN");

        Assert.Equal("ja", (await japanese.GetPageAsync("/staff/sign-in")).DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", (await english.GetPageAsync("/staff/sign-in")).DocumentElement.GetAttribute("lang"));
        Assert.Equal("ja", (await other.GetPageAsync("/staff/sign-in")).DocumentElement.GetAttribute("lang"));
        Assert.Contains("サインイン", PageClient.MainText(await japanese.GetPageAsync("/staff/sign-in")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_clear_message()
    {
        var credentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        using var browser = app.CreatePageClient();

        var response = await browser.SignInAsync(credentials with { Password = "not the password at all" });
        var text = PageClient.MainText(await PageClient.ParseAsync(response));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The e-mail address or password is not right.", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_as_a_wrong_password()
    {
        using var browser = app.CreatePageClient();

        var response = await browser.SignInAsync(new StaffCredentials(Guid.Empty, $"nobody+{Guid.NewGuid():N}@example.org", "whatever-it-is-12", null));

        Assert.Contains("The e-mail address or password is not right.", PageClient.MainText(await PageClient.ParseAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_authenticator_code_is_refused()
    {
        var credentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        using var browser = app.CreatePageClient();
        var first = await browser.SubmitAsync("/staff/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = credentials.Email,
            ["Input.Password"] = credentials.Password,
        });

        var second = await browser.SubmitAsync(first.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Input.Code"] = "000000" });

        Assert.Contains("That code did not work", PageClient.MainText(await PageClient.ParseAsync(second)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/staff")).StatusCode);
    }

    [Theory]
    [InlineData(StaffRoles.Admin)]
    [InlineData(StaffRoles.Coordinator)]
    [InlineData(StaffRoles.Counselor)]
    [InlineData(StaffRoles.Operator)]
    [InlineData(StaffRoles.Interpreter)]
    [InlineData(StaffRoles.Analyst)]
    public async Task Without_a_second_factor_no_role_gets_in(string role)
    {
        var credentials = await app.CreateStaffAsync([role], twoFactor: false);
        using var browser = app.CreatePageClient();
        await browser.SignInAsync(credentials);

        var home = await browser.GetAsync("/staff");
        var setup = await browser.GetAsync("/staff/account/two-factor");

        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/staff/account/two-factor", home.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Setting_up_the_authenticator_shows_recovery_codes_once_and_opens_the_staff_pages()
    {
        var credentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: false);
        using var browser = app.CreatePageClient();
        await browser.SignInAsync(credentials);
        var setup = await browser.GetPageAsync("/staff/account/two-factor");
        var key = setup.QuerySelector(".setup-key")!.TextContent;

        var enabled = await browser.SubmitAsync(setup, "/staff/account/two-factor", new Dictionary<string, string> { ["Input.Code"] = PageClient.CurrentCode(key) });
        var codes = (await PageClient.ParseAsync(enabled)).QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
        var home = await browser.GetAsync("/staff");
        var later = PageClient.MainText(await browser.GetPageAsync("/staff/account/two-factor"));

        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Recovery codes left: 10", later, StringComparison.Ordinal);
        Assert.DoesNotContain(codes[0], later, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var credentials = await app.CreateStaffAsync([StaffRoles.Interpreter], twoFactor: true);
        var code = (await app.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<StaffUserManager>();
            return await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(credentials.Id.ToString()))!, 3);
        }))!.First();

        async Task<HttpResponseMessage> SignInWithRecoveryCodeAsync()
        {
            using var browser = app.CreatePageClient();
            var first = await browser.SubmitAsync("/staff/sign-in", new Dictionary<string, string>
            {
                ["Input.Email"] = credentials.Email,
                ["Input.Password"] = credentials.Password,
            });
            return await browser.SubmitAsync("/staff/sign-in/two-factor?UseRecoveryCode=true", new Dictionary<string, string>
            {
                ["Input.Code"] = " " + code.ToLowerInvariant() + " ",
            });
        }

        var once = await SignInWithRecoveryCodeAsync();
        var twice = await SignInWithRecoveryCodeAsync();

        Assert.Equal("/staff", once.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("That recovery code did not work", PageClient.MainText(await PageClient.ParseAsync(twice)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_account_loses_its_session_and_cannot_sign_in_again()
    {
        var credentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        using var browser = app.CreatePageClient();
        await browser.SignInAsync(credentials);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff")).StatusCode);

        await app.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<StaffUserManager>();
            var user = (await users.FindByIdAsync(credentials.Id.ToString()))!;
            user.DeactivatedAtUtc = DateTime.UnixEpoch;
            await users.UpdateAsync(user);
            return 0;
        });

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/staff")).StatusCode);
        using var again = app.CreatePageClient();
        var response = await again.SignInAsync(credentials);
        // Told like a wrong password: the answer does not say the account exists.
        Assert.Contains("The e-mail address or password is not right.", PageClient.MainText(await PageClient.ParseAsync(response)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task A_volunteer_account_past_its_end_cannot_sign_in()
    {
        var credentials = await app.CreateStaffAsync([StaffRoles.Operator], twoFactor: true, accessExpiresAtUtc: TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1));
        using var browser = app.CreatePageClient();

        var response = await browser.SignInAsync(credentials);

        Assert.Contains("The e-mail address or password is not right.", PageClient.MainText(await PageClient.ParseAsync(response)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task The_staff_pages_follow_the_language_each_person_chose()
    {
        using var browser = await app.SignInAsync(StaffRoles.Counselor);
        var before = await browser.GetPageAsync("/staff");

        await browser.SubmitAsync("/staff/account", new Dictionary<string, string> { ["language"] = "ja" }, handler: "Language");
        var after = await browser.GetPageAsync("/staff");

        Assert.Equal("en", before.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ja", after.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task A_tampered_sign_in_cookie_means_signed_out_not_an_error()
    {
        using var browser = await app.SignInAsync(StaffRoles.Counselor);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/staff");
        request.Headers.Add("Cookie", "soudan.staff=CfDJ8tampered" + new string('A', 200));
        using var client = app.CreateClient();

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/staff/sign-in", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_with_a_page()
    {
        using var browser = app.CreatePageClient();

        var response = await browser.Client.PostAsync("/staff/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "someone@example.org",
            ["Input.Password"] = "whatever-it-is-12",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This request could not be read.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copy_of_the_database_holds_no_readable_authenticator_key_recovery_code_or_key_ring()
    {
        var credentials = await app.CreateStaffAsync([StaffRoles.Admin], twoFactor: true);
        var codes = (await app.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<StaffUserManager>();
            return await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(credentials.Id.ToString()))!, 10);
        }))!.ToList();

        var (tokens, keyRing) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            var stored = await db.UserTokens.Where(t => t.UserId == credentials.Id).Select(t => t.Value).ToListAsync();
            var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
            return (string.Join("\n", stored), string.Join("\n", keys));
        });

        Assert.DoesNotContain(credentials.AuthenticatorKey!, tokens, StringComparison.OrdinalIgnoreCase);
        Assert.All(codes, code => Assert.DoesNotContain(code, tokens, StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(keyRing);
        Assert.Contains("encryptedKey", keyRing, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", keyRing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_and_failing_to_are_in_the_audit_log()
    {
        var credentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        using var browser = app.CreatePageClient();
        await browser.SignInAsync(credentials with { Password = "wrong password here" });
        await browser.SignInAsync(credentials);

        var actions = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents
            .Where(e => e.TargetId == credentials.Id.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());

        Assert.Equal(["staff.account-created", "staff.sign-in-failed", "staff.signed-in"], actions);
    }
}

[Collection(OnSqlite.Name)]
public sealed class SignInTestsOnSqlite(SqliteAppFixture fixture) : SignInTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class SignInTestsOnPostgres(PostgresAppFixture fixture) : SignInTests(fixture.App);
