using System.Net;
using System.Text.RegularExpressions;
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
public abstract partial class FirstAdminTests(TestDatabase database)
{
    [Fact]
    public async Task The_first_admin_link_creates_an_admin_who_then_sets_up_two_factor_and_gets_in()
    {
        await using var app = await SoudanApp.StartAsync(database);
        var link = await LinkTheAppMadeAsync(app);
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
        Assert.False(File.Exists(Path.Combine(app.DataDirectory, FirstAdminLink.FileName)), "the link's file goes with the link");
    }

    [Theory]
    [InlineData("short", "at least 12 characters")]
    [InlineData("123qweasdzxc", "list of common or leaked passwords")]
    [InlineData("Aiko-soudan-2025", "must not be made of your e-mail address, your name or the name of this site")]
    public async Task The_link_refuses_a_weak_password_and_keeps_what_was_typed(string password, string expected)
    {
        await using var app = await SoudanApp.StartAsync(database);
        var link = await LinkTheAppMadeAsync(app);
        using var browser = app.CreatePageClient();

        var response = await browser.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Input.Email"] = "first-admin@example.org",
            ["Input.DisplayName"] = "Aiko",
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        var page = await PageClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(expected, page.QuerySelector("#Input_Password")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal("first-admin@example.org", page.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Users.CountAsync()));
    }

    [Fact]
    public async Task An_expired_link_says_so_and_creates_nothing()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await SoudanApp.StartAsync(database, clock: clock);
        var link = await LinkTheAppMadeAsync(app);
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
        var link = await LinkTheAppMadeAsync(app);
        await app.CreateStaffAsync([StaffRoles.Admin]);
        using var browser = app.CreatePageClient();

        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task The_link_is_stored_only_as_a_hash()
    {
        await using var app = await SoudanApp.StartAsync(database);
        var link = await LinkTheAppMadeAsync(app);
        var token = link[AccountLinks.PathPrefix.Length..];

        var stored = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AccountLinks.Select(l => l.TokenHash).ToListAsync());

        Assert.Equal([AccountLink.Hash(token)], stored);
        Assert.DoesNotContain(token, stored.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_link_is_left_in_a_file_only_the_apps_user_reads_and_never_in_the_logs()
    {
        await using var app = await SoudanApp.StartAsync(database);
        var link = await LinkTheAppMadeAsync(app);
        var file = Path.Combine(app.DataDirectory, FirstAdminLink.FileName);
        var logs = string.Join("\n", app.Logs.Lines);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(file));
        Assert.Contains(file, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(link.Split('/').Last(), logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_newest_first_admin_link_works()
    {
        await using var app = await SoudanApp.StartAsync(database);
        var atStart = await LinkTheAppMadeAsync(app);
        // What the next start of the app does.
        var next = await app.WithScopeAsync(s => s.GetRequiredService<AccountLinks>().CreateAsync(AccountLinkPurpose.FirstAdmin, null, CancellationToken.None));
        using var browser = app.CreatePageClient();

        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync(atStart)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(next)).StatusCode);
    }

    /// <summary>
    /// The link the app made as it started without staff, read where it left it: the tests' output
    /// is no terminal, so it is in a file of the data directory.
    /// </summary>
    private static async Task<string> LinkTheAppMadeAsync(SoudanApp app)
    {
        var file = Path.Combine(app.DataDirectory, FirstAdminLink.FileName);
        for (var wait = 0; wait < 300; wait++)
        {
            if (File.Exists(file) && SetupPath().Match(await File.ReadAllTextAsync(file)) is { Success: true } path)
            {
                return path.Value;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"The app wrote no first-admin link to {file}.");
    }

    [GeneratedRegex("/staff/setup/[A-Za-z0-9_-]{22}")]
    private static partial Regex SetupPath();
}

public sealed class FirstAdminTestsOnSqlite() : FirstAdminTests(TestDatabase.Sqlite);

public sealed class FirstAdminTestsOnPostgres() : FirstAdminTests(TestDatabase.Postgres);
