using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Hotline;
using Soudan.Web.Infrastructure.Time;

namespace Soudan.Tests.Features.Hotline;

/// <summary>Coordinators schedule hotline days; the home page and the API lead with them. Both databases.</summary>
public abstract class HotlineTests(SoudanApp app)
{
    /// <summary>Schedules a session through the staff form, as a coordinator does; returns its id.</summary>
    private async Task<int> ScheduleAsync(PageClient coordinator, DateTime startJapan, int hours, string title, string number = "0120-123-456")
    {
        var saved = await coordinator.SubmitAsync("/staff/hotline/new", new Dictionary<string, string>
        {
            ["Input.Date"] = startJapan.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Start"] = startJapan.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Input.End"] = startJapan.AddHours(hours).ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Input.PhoneNumbers"] = number + "\n03-1234-5678",
            ["Input.Languages"] = "tl",
            ["Input.OtherLanguages"] = "si",
            ["Input.Topics"] = "lost-shifts",
            ["Input.Titles[ja]"] = title + "（日本語）",
            ["Input.Titles[en]"] = title,
            ["Input.Descriptions[en]"] = "Free and confidential.",
        });
        Assert.Equal("/staff/hotline", saved.Headers.Location?.OriginalString);
        var sessions = await app.CreateClient().GetFromJsonAsync<List<HotlineSessionSummary>>("/api/v1/hotline-sessions?lang=en");
        return sessions!.Single(s => s.Title == title).Id;
    }

    private static DateTime JapanNow() => JapanTime.FromUtc(TimeProvider.System.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task A_scheduled_session_is_in_the_API_in_Japan_time_and_in_the_readers_language()
    {
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var start = JapanNow().Date.AddDays(30).AddHours(13);
        var title = "Hotline " + Guid.NewGuid().ToString("N")[..6];
        var id = await ScheduleAsync(coordinator, start, 4, title);
        using var client = app.CreateClient();

        var inEnglish = (await client.GetFromJsonAsync<List<HotlineSessionSummary>>("/api/v1/hotline-sessions?upcoming=true&lang=en"))!.Single(s => s.Id == id);
        var inJapanese = (await client.GetFromJsonAsync<List<HotlineSessionSummary>>("/api/v1/hotline-sessions?upcoming=true&lang=ja"))!.Single(s => s.Id == id);
        var inTagalog = (await client.GetFromJsonAsync<List<HotlineSessionSummary>>("/api/v1/hotline-sessions?upcoming=true&lang=tl"))!.Single(s => s.Id == id);

        Assert.Equal(new DateTimeOffset(start, TimeSpan.FromHours(9)), inEnglish.StartsAt);
        Assert.Equal(TimeSpan.FromHours(9), inEnglish.StartsAt.Offset);
        Assert.Equal(title + "（日本語）", inJapanese.Title);
        Assert.Equal(title, inTagalog.Title);   // no Tagalog text: English
        Assert.Equal(["tl", "si"], inEnglish.Languages);
        Assert.Equal(["0120-123-456", "03-1234-5678"], inEnglish.PhoneNumbers);
        Assert.EndsWith($"/tl/hotline/{id}", inTagalog.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task During_a_session_the_home_page_says_call_now_with_a_number_to_tap()
    {
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var number = "0120-" + Random.Shared.Next(100, 999).ToString(CultureInfo.InvariantCulture) + "-777";
        await ScheduleAsync(coordinator, JapanNow().AddMinutes(-30), 2, "On now " + Guid.NewGuid().ToString("N")[..6], number);
        using var worker = app.CreatePageClient("vi");

        var home = await worker.GetPageAsync("/vi/");
        var onNow = home.QuerySelector(".hotline--now")!;

        Assert.NotNull(onNow);
        Assert.Equal("tel:" + number.Replace("-", "", StringComparison.Ordinal), onNow.QuerySelector(".phone-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_cancelled_session_says_so_publicly()
    {
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var title = "Cancelled " + Guid.NewGuid().ToString("N")[..6];
        var id = await ScheduleAsync(coordinator, JapanNow().Date.AddDays(20).AddHours(10), 3, title);

        await coordinator.SubmitAsync($"/staff/hotline/{id}", new Dictionary<string, string>(), handler: "Cancel");
        using var worker = app.CreatePageClient("en");
        var page = await worker.GetPageAsync($"/en/hotline/{id}");
        var api = (await app.CreateClient().GetFromJsonAsync<List<HotlineSessionSummary>>("/api/v1/hotline-sessions?upcoming=true"))!.Single(s => s.Id == id);

        Assert.True(api.Cancelled);
        Assert.NotNull(page.QuerySelector(".hotline--cancelled"));
        Assert.Empty(page.QuerySelectorAll(".phone-link"));
    }

    [Fact]
    public async Task A_session_page_can_be_shared_and_added_to_a_calendar_in_Japan_time()
    {
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var start = JapanNow().Date.AddDays(10).AddHours(13);
        var title = "Shared " + Guid.NewGuid().ToString("N")[..6];
        var id = await ScheduleAsync(coordinator, start, 4, title);
        using var worker = app.CreatePageClient("en");

        var page = await worker.GetPageAsync($"/en/hotline/{id}");
        var ics = await worker.GetAsync($"/en/hotline/{id}/calendar.ics");
        var calendar = await ics.Content.ReadAsStringAsync();

        Assert.Equal(title, page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal($"http://localhost/en/hotline/{id}", page.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        Assert.Contains("TZID:Asia/Tokyo", calendar, StringComparison.Ordinal);
        Assert.Contains($"DTSTART;TZID=Asia/Tokyo:{start:yyyyMMdd}T130000", calendar, StringComparison.Ordinal);
        Assert.Contains($"SUMMARY:{title}", calendar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schedule_form_names_what_is_missing()
    {
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);

        var response = await coordinator.SubmitAsync("/staff/hotline/new", new Dictionary<string, string> { ["Input.OtherLanguages"] = "not-a-language" });
        var summary = (await PageClient.ParseAsync(response)).QuerySelector(".error-summary")!.TextContent;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter the date, the start and the end.", summary, StringComparison.Ordinal);
        Assert.Contains("Enter at least one phone number.", summary, StringComparison.Ordinal);
        Assert.Contains("not-a-language is not a language code", summary, StringComparison.Ordinal);
        Assert.Contains("Give the session a title", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_coordinators_and_admins_schedule_sessions()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);

        var response = await counselor.GetAsync("/staff/hotline");

        Assert.Contains("access-denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}

[Collection(OnSqlite.Name)]
public sealed class HotlineTestsOnSqlite(SqliteAppFixture fixture) : HotlineTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class HotlineTestsOnPostgres(PostgresAppFixture fixture) : HotlineTests(fixture.App);
