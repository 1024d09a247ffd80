using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;

namespace Soudan.Tests.Features.Accounts;

/// <summary>
/// The first start: no account, no default password, a one-time link. Each test starts its own
/// app, because the link only works while no staff account exists.
/// </summary>
public abstract class FirstAdminTests(TestDatabase database)
{
    [Fact]
    public async Task The_first_admin_link_creates_an_admin_who_then_sets_up_two_factor_and_gets_in()
    {
        await using var app = await SoudanApp.StartAsync(database);
        var link = await CreateFirstAdminLinkAsync(app);
        using var browser = app.CreatePageClient();

        var created = await browser.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Input.Email"] = "first-admin@example.org",
            ["Input.DisplayName"] = "Aiko",
            ["Input.StaffLanguage"] = "en",
            ["Input.Password"] = "a sentence I can remember",
            ["Input.ConfirmPassword"] = "a sentence I can remember",
        });
        Assert.Equal("/staff/sign-in?status=password-saved", created.Headers.Location?.OriginalString);

        await browser.SignInAsync(new StaffCredentials(Guid.Empty, "first-admin@example.org", "a sentence I can remember", null));
        var home = await browser.GetAsync("/staff");
        Assert.Equal("/staff/account/two-factor", home.Headers.Location?.OriginalString);

        var setup = await browser.GetPageAsync("/staff/account/two-factor");
        var key = setup.QuerySelector(".setup-key")!.TextContent;
        await browser.SubmitAsync(setup, "/staff/account/two-factor", new Dictionary<string, string> { ["Input.Code"] = PageClient.CurrentCode(key) });

        var users = await browser.GetPageAsync("/staff/users");
        Assert.Contains("first-admin@example.org", PageClient.MainText(users), StringComparison.Ordinal);
        var again = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
    }

    [Fact]
    public async Task The_link_refuses_a_weak_password_and_keeps_what_was_typed()
    {
        await using var app = await SoudanApp.StartAsync(database);
        var link = await CreateFirstAdminLinkAsync(app);
        using var browser = app.CreatePageClient();

        var response = await browser.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Input.Email"] = "first-admin@example.org",
            ["Input.DisplayName"] = "Aiko",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });
        var page = await PageClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at least 12 characters", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("first-admin@example.org", page.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Users.CountAsync()));
    }

    [Fact]
    public async Task An_expired_link_says_so_and_creates_nothing()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await SoudanApp.StartAsync(database, clock: clock);
        var link = await CreateFirstAdminLinkAsync(app);
        clock.Advance(TimeSpan.FromHours(25));
        using var browser = app.CreatePageClient();

        var response = await browser.GetAsync(link);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("This link no longer works", PageClient.MainText(await PageClient.ParseAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_or_malformed_link_says_so()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var browser = app.CreatePageClient();

        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync("/staff/setup/" + new string('A', 22))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync("/staff/setup/" + new string('x', 5000))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync("/staff/setup/%E2%80%AE%3Cscript%3E")).StatusCode);
    }

    [Fact]
    public async Task Once_any_staff_account_exists_a_first_admin_link_no_longer_works()
    {
        await using var app = await SoudanApp.StartAsync(database);
        var link = await CreateFirstAdminLinkAsync(app);
        await app.CreateStaffAsync([StaffRoles.Admin]);
        using var browser = app.CreatePageClient();

        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task The_link_is_stored_only_as_a_hash()
    {
        await using var app = await SoudanApp.StartAsync(database);
        var link = await CreateFirstAdminLinkAsync(app);
        var token = link[AccountLinks.PathPrefix.Length..];

        var stored = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AccountLinks.Select(l => l.TokenHash).ToListAsync());

        // The app also makes one as it starts (maybe a moment later): none holds a token.
        Assert.Contains(AccountLink.Hash(token), stored);
        Assert.All(stored, hash => Assert.DoesNotContain(token, hash, StringComparison.Ordinal));
    }

    /// <summary>What the app does on a start without staff (it also prints the link).</summary>
    private static Task<string> CreateFirstAdminLinkAsync(SoudanApp app) =>
        app.WithScopeAsync(s => s.GetRequiredService<AccountLinks>().CreateAsync(AccountLinkPurpose.FirstAdmin, null, CancellationToken.None));
}

public sealed class FirstAdminTestsOnSqlite() : FirstAdminTests(TestDatabase.Sqlite);

public sealed class FirstAdminTestsOnPostgres() : FirstAdminTests(TestDatabase.Postgres);
