using System.Net;
using Microsoft.Extensions.Time.Testing;
using OtpNet;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Features.Accounts;

namespace Soudan.Tests.Features.Accounts;

/// <summary>
/// An authenticator code works once, at sign-in and at setup alike: one seen over a shoulder or
/// caught by a phishing page cannot be used again, even within its 30 seconds.
/// </summary>
public abstract class AuthenticatorCodeTests(SoudanApp app)
{
    private const string SecondStep = "/staff/sign-in/two-factor";

    [Fact]
    public async Task A_code_that_signed_someone_in_is_refused_for_the_rest_of_its_time_and_a_later_one_works()
    {
        var credentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        var code = PageClient.CurrentCode(credentials.AuthenticatorKey!);
        using var first = await AfterPasswordAsync(credentials);
        using var second = await AfterPasswordAsync(credentials);

        var once = await first.SubmitAsync(SecondStep, Code(code));
        var again = await second.SubmitAsync(SecondStep, Code(code));
        var later = await second.SubmitAsync(SecondStep, Code(PageClient.CurrentCode(credentials.AuthenticatorKey!)));

        Assert.Equal("/staff", once.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("That code did not work.", PageClient.MainText(await PageClient.ParseAsync(again)), StringComparison.Ordinal);
        Assert.Equal("/staff", later.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_code_that_turned_the_authenticator_on_cannot_sign_in()
    {
        var credentials = await app.CreateStaffAsync([StaffRoles.Operator], twoFactor: false);
        using var browser = app.CreatePageClient();
        await browser.SignInAsync(credentials);
        var setup = await browser.GetPageAsync("/staff/account/two-factor");
        var key = setup.QuerySelector(".setup-key")!.TextContent;
        var code = PageClient.CurrentCode(key);
        var enabled = await browser.SubmitAsync(setup, "/staff/account/two-factor", Code(code));
        Assert.NotEmpty((await PageClient.ParseAsync(enabled)).QuerySelectorAll(".recovery-codes code"));

        using var replay = await AfterPasswordAsync(credentials);
        var replayed = await replay.SubmitAsync(SecondStep, Code(code));

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("That code did not work.", PageClient.MainText(await PageClient.ParseAsync(replayed)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Of_two_sign_ins_racing_with_the_same_code_only_one_gets_in()
    {
        for (var round = 0; round < 3; round++)
        {
            var credentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
            using var first = await AfterPasswordAsync(credentials);
            using var second = await AfterPasswordAsync(credentials);
            var firstPage = await first.GetPageAsync(SecondStep);
            var secondPage = await second.GetPageAsync(SecondStep);
            var code = Code(PageClient.CurrentCode(credentials.AuthenticatorKey!));

            var answers = await Task.WhenAll(
                first.SubmitAsync(firstPage, SecondStep, code),
                second.SubmitAsync(secondPage, SecondStep, code));

            Assert.Equal(1, answers.Count(a => a.Headers.Location?.OriginalString == "/staff"));
            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        }
    }

    [Fact]
    public async Task A_code_of_the_step_before_or_after_is_accepted_but_not_two_steps_away()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var own = await SoudanApp.StartAsync(app.Database, clock: clock);
        var credentials = await own.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        var codes = new Hotp(Base32Encoding.ToBytes(credentials.AuthenticatorKey!));
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        using var browser = own.CreatePageClient();
        await browser.SubmitAsync("/staff/sign-in", Password(credentials));

        var twoBefore = await browser.SubmitAsync(SecondStep, Code(codes.ComputeHOTP(now - 2)));
        var twoAfter = await browser.SubmitAsync(SecondStep, Code(codes.ComputeHOTP(now + 2)));
        var oneBefore = await browser.SubmitAsync(SecondStep, Code(codes.ComputeHOTP(now - 1)));
        using var other = own.CreatePageClient();
        await other.SubmitAsync("/staff/sign-in", Password(credentials));
        var oneAfter = await other.SubmitAsync(SecondStep, Code(codes.ComputeHOTP(now + 1)));

        Assert.Equal(HttpStatusCode.OK, twoBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, twoAfter.StatusCode);
        Assert.Equal("/staff", oneBefore.Headers.Location?.OriginalString);
        Assert.Equal("/staff", oneAfter.Headers.Location?.OriginalString);
    }

    private async Task<PageClient> AfterPasswordAsync(StaffCredentials credentials)
    {
        var browser = app.CreatePageClient();
        var response = await browser.SubmitAsync("/staff/sign-in", Password(credentials));
        Assert.Equal(SecondStep, response.Headers.Location?.OriginalString);
        return browser;
    }

    private static Dictionary<string, string> Password(StaffCredentials credentials) => new()
    {
        ["Input.Email"] = credentials.Email,
        ["Input.Password"] = credentials.Password,
    };

    private static Dictionary<string, string> Code(string code) => new() { ["Input.Code"] = code };
}

[Collection(OnSqlite.Name)]
public sealed class AuthenticatorCodeTestsOnSqlite(SqliteAppFixture fixture) : AuthenticatorCodeTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class AuthenticatorCodeTestsOnPostgres(PostgresAppFixture fixture) : AuthenticatorCodeTests(fixture.App);
