using Soudan.Tests.Infrastructure;
using Soudan.Web.Features.Accounts;

namespace Soudan.Tests.Features.Organisation;

/// <summary>An admin sets the ways to reach the organisation; the (cached) home page shows them at once.</summary>
public sealed class ContactChannelsTests
{
    [Fact]
    public async Task The_home_page_shows_the_ways_to_reach_us_as_soon_as_an_admin_saves_them()
    {
        await using var app = await SoudanApp.StartAsync(TestDatabase.Sqlite);
        using var admin = await app.SignInAsync(StaffRoles.Admin);
        using var worker = app.CreatePageClient("id");
        var before = await worker.GetPageAsync("/id/");

        var saved = await admin.SubmitAsync("/staff/settings", new Dictionary<string, string>
        {
            ["Input.Email"] = "soudan@example.org",
            ["Input.LineId"] = "@soudan",
            ["Input.LineUrl"] = "https://line.me/R/ti/p/@soudan",
            ["Input.OfficePhone"] = "03-1234-5678",
            ["Input.OfficeHours"] = "平日 10:00–17:00",
        });
        var after = await worker.GetPageAsync("/id/");

        Assert.Null(before.QuerySelector(".channels"));
        Assert.Equal("/staff/settings?saved=True", saved.Headers.Location?.OriginalString);
        Assert.Equal("mailto:soudan@example.org", after.QuerySelector(".channels a[href^='mailto:']")!.GetAttribute("href"));
        Assert.Equal("https://line.me/R/ti/p/@soudan", after.QuerySelector(".channels a[href^='https://line.me']")!.GetAttribute("href"));
        Assert.Equal("tel:0312345678", after.QuerySelector(".channels a[href^='tel:']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Only_admins_change_them_and_a_bad_address_is_named()
    {
        await using var app = await SoudanApp.StartAsync(TestDatabase.Sqlite);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        using var admin = await app.SignInAsync(StaffRoles.Admin);

        var denied = await coordinator.GetAsync("/staff/settings");
        var refused = await admin.SubmitAsync("/staff/settings", new Dictionary<string, string> { ["Input.LineUrl"] = "javascript:alert(1)" });

        Assert.Contains("access-denied", denied.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("https://", (await PageClient.ParseAsync(refused)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
    }
}
