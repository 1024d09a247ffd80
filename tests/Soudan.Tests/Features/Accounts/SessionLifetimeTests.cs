using System.Net;
using Microsoft.Extensions.Time.Testing;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Features.Accounts;

namespace Soudan.Tests.Features.Accounts;

/// <summary>
/// A staff session ends ten hours after its sign-in however busy the person is: renewing the
/// cookie (every request here, as the security stamp is checked each time) never moves that.
/// </summary>
public abstract class SessionLifetimeTests(TestDatabase database)
{
    [Fact]
    public async Task A_session_used_all_day_ends_ten_hours_after_the_sign_in()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await SoudanApp.StartAsync(database, clock: clock);
        var credentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        using var browser = app.CreatePageClient();
        Assert.Equal("/staff", (await browser.SignInAsync(credentials)).Headers.Location?.OriginalString);
        var during = new List<HttpStatusCode>();

        for (var hour = 0; hour < 9; hour++)
        {
            clock.Advance(TimeSpan.FromMinutes(59));
            during.Add((await browser.GetAsync("/staff")).StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(10 * 60 - (9 * 59) - 1));
        var lastMinute = await browser.GetAsync("/staff");
        clock.Advance(TimeSpan.FromMinutes(2));
        var after = await browser.GetAsync("/staff");

        Assert.All(during, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.OK, lastMinute.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/staff/sign-in", after.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_language_or_turning_on_two_factor_does_not_lengthen_the_session()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await SoudanApp.StartAsync(database, clock: clock);
        var credentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: false);
        using var browser = app.CreatePageClient();
        await browser.SignInAsync(credentials);

        clock.Advance(TimeSpan.FromHours(9));
        var setup = await browser.GetPageAsync("/staff/account/two-factor");
        var key = setup.QuerySelector(".setup-key")!.TextContent;
        await browser.SubmitAsync(setup, "/staff/account/two-factor", new Dictionary<string, string> { ["Input.Code"] = PageClient.NextCode(key, clock) });
        var withSecondFactor = await browser.GetAsync("/staff");
        clock.Advance(TimeSpan.FromMinutes(30));
        var language = await browser.SubmitAsync("/staff/account", new Dictionary<string, string> { ["language"] = "ja" }, handler: "Language");
        clock.Advance(TimeSpan.FromMinutes(31));
        var after = await browser.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.OK, withSecondFactor.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, language.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/staff/sign-in", after.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}

public sealed class SessionLifetimeTestsOnSqlite() : SessionLifetimeTests(TestDatabase.Sqlite);

public sealed class SessionLifetimeTestsOnPostgres() : SessionLifetimeTests(TestDatabase.Postgres);
