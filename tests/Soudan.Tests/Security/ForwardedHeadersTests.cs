using System.Net;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Features.Accounts;

namespace Soudan.Tests.Security;

/// <summary>
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed from the configured proxies
/// only. On a real Kestrel server, so that the address is the socket's (here 127.0.0.1), as in
/// production; each test starts its own app.
/// </summary>
public abstract class ForwardedHeadersTests(TestDatabase database)
{
    [Fact]
    public async Task A_client_that_is_not_a_known_proxy_cannot_escape_the_rate_limit_with_X_Forwarded_For()
    {
        await using var app = await SoudanApp.StartAsync(database, Settings(new()
        {
            // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true: on its own, ASP.NET would believe everyone.
            ["ForwardedHeaders_Enabled"] = "true",
        }), kestrel: true);

        var statuses = await SignInAttemptsAsync(app, _ => SoudanApp.AnyAddress());

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Behind_a_configured_proxy_each_client_has_its_own_limit_and_HTTPS_is_seen()
    {
        await using var app = await SoudanApp.StartAsync(database, Settings(new()
        {
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        }), kestrel: true);

        var manyClients = await SignInAttemptsAsync(app, _ => SoudanApp.AnyAddress());
        var oneClient = await SignInAttemptsAsync(app, _ => "203.0.113.8");
        using var browser = app.CreatePageClient();
        browser.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        browser.Client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var overHttps = await browser.GetAsync("/staff/sign-in");

        Assert.All(manyClients, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], oneClient);
        Assert.StartsWith("__Host-soudan.antiforgery=", overHttps.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guesser_sending_a_new_X_Forwarded_For_each_time_is_slowed_down_all_the_same()
    {
        await using var app = await SoudanApp.StartAsync(database, Settings(new() { ["ForwardedHeaders_Enabled"] = "true" }, limit: false), kestrel: true);
        var person = await app.CreateStaffAsync([StaffRoles.Analyst]);
        using var browser = app.CreatePageClient();
        var answers = new List<string>();

        for (var attempt = 0; attempt < 6; attempt++)
        {
            browser.Client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            browser.Client.DefaultRequestHeaders.Add("X-Forwarded-For", SoudanApp.AnyAddress());
            var response = await browser.SubmitAsync("/staff/sign-in", new Dictionary<string, string>
            {
                ["Input.Email"] = person.Email,
                ["Input.Password"] = attempt < 5 ? $"wrong guess number {attempt}" : person.Password,
            });
            answers.Add(response.Headers.Location?.OriginalString ?? PageClient.MainText(await PageClient.ParseAsync(response)));
        }

        Assert.All(answers, answer => Assert.Contains("The e-mail address or password is not right.", answer, StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Settings(Dictionary<string, string?> settings, bool limit = true)
    {
        if (limit)
        {
            settings["RateLimiting:Enabled"] = "true";
            settings["RateLimiting:SignInPerMinute"] = "3";
        }

        return settings;
    }

    /// <summary>Five sign-in attempts, each with the <c>X-Forwarded-For</c> given for its number.</summary>
    private static async Task<List<HttpStatusCode>> SignInAttemptsAsync(SoudanApp app, Func<int, string> forwardedFor)
    {
        using var browser = app.CreatePageClient();
        var form = await browser.GetPageAsync("/staff/sign-in");
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            browser.Client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            browser.Client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor(attempt));
            var response = await browser.SubmitAsync(form, "/staff/sign-in", new Dictionary<string, string>
            {
                ["Input.Email"] = "someone@example.org",
                ["Input.Password"] = $"guess number {attempt}",
            });
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}

public sealed class ForwardedHeadersTestsOnSqlite() : ForwardedHeadersTests(TestDatabase.Sqlite);

public sealed class ForwardedHeadersTestsOnPostgres() : ForwardedHeadersTests(TestDatabase.Postgres);
