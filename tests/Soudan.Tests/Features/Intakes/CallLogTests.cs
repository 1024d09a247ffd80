using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Time;

namespace Soudan.Tests.Features.Intakes;

/// <summary>The operators' call log on a hotline day, on both databases.</summary>
public abstract class CallLogTests(SoudanApp app)
{
    private async Task<string> SessionOnNowAsync()
    {
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var start = JapanTime.FromUtc(TimeProvider.System.GetUtcNow().UtcDateTime).AddMinutes(-30);
        var title = "Call log test " + Guid.NewGuid().ToString("N")[..6];
        await coordinator.SubmitAsync("/staff/hotline/new", new Dictionary<string, string>
        {
            ["Input.Date"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Start"] = start.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Input.End"] = start.AddHours(4).ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Input.PhoneNumbers"] = "0120-000-111",
            ["Input.Languages"] = "ne",
            ["Input.Titles[en]"] = title,
        });
        // Found by its title: other tests' sessions may be on now too, and one of them chosen first.
        var page = await coordinator.GetPageAsync("/staff/calls");
        return page.QuerySelectorAll("#Input_SessionId option").Single(o => o.TextContent.Contains(title, StringComparison.Ordinal)).GetAttribute("value")!;
    }

    [Fact]
    public async Task An_operator_logs_calls_and_sees_them_counted_by_language_and_problem()
    {
        var session = await SessionOnNowAsync();
        using var operatorClient = await app.SignInAsync(StaffRoles.Operator);

        var first = await operatorClient.SubmitAsync("/staff/calls", new Dictionary<string, string>
        {
            ["Input.SessionId"] = session,
            ["Input.Language"] = "ne",
            ["Input.Name"] = "Bikash",
            ["Input.Phone"] = "080-1111-2222",
            ["Input.PrefectureCode"] = "13",
            ["Input.Nationality"] = "NP",
            ["Input.Problems"] = "unpaid-overtime",
            ["Input.Summary"] = "Cook, 6:00–23:00 six days a week, ¥180,000 a month.",
            ["Input.CallerAgreed"] = "true",
            ["Input.FollowUpNeeded"] = "true",
        });
        await operatorClient.SubmitAsync("/staff/calls", new Dictionary<string, string>
        {
            ["Input.SessionId"] = session,
            ["Input.Language"] = "ne",
            ["Input.Problems"] = "dismissal",
        });
        var page = await operatorClient.GetPageAsync($"/staff/calls?session={session}");
        var tally = page.QuerySelector("#tally-title")!.TextContent;

        Assert.Matches(@"^/staff/calls\?session=\d+&saved=\d{3}-\d{3}-\d{3}$", first.Headers.Location!.OriginalString);
        Assert.Contains("2", tally, StringComparison.Ordinal);
        Assert.Contains("2", page.QuerySelectorAll("table caption")[0].ParentElement!.QuerySelector("td:last-child")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(session, page.QuerySelector("#Input_SessionId option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_call_that_needs_a_call_back_waits_for_triage_and_operators_read_no_consultation()
    {
        using var operatorClient = await app.SignInAsync(StaffRoles.Operator);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);

        var saved = await operatorClient.SubmitAsync("/staff/calls", new Dictionary<string, string>
        {
            ["Input.Language"] = "mn",
            ["Input.Phone"] = "090-3333-4444",
            ["Input.Problems"] = "unpaid-wages",
            ["Input.FollowUpNeeded"] = "true",
        });
        var reference = saved.Headers.Location!.OriginalString.Split("saved=")[1];
        var call = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.AsNoTracking().SingleAsync(i => i.Reference == reference));
        var list = PageClient.MainText(await counselor.GetPageAsync("/staff/intakes"));

        Assert.True(call.IsCall);
        Assert.True(call.FollowUpNeeded);
        Assert.Equal(IntakeStatus.Received, call.Status);
        Assert.Contains(reference, list, StringComparison.Ordinal);
        Assert.Contains("access-denied", (await operatorClient.GetAsync("/staff/intakes")).Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("access-denied", (await operatorClient.GetAsync($"/staff/intakes/{call.Id}")).Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_callers_consent_a_call_keeps_no_summary_and_nothing_about_health_and_says_so()
    {
        using var operatorClient = await app.SignInAsync(StaffRoles.Operator);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);

        var withSummary = await operatorClient.SubmitAsync("/staff/calls", new Dictionary<string, string> { ["Input.Language"] = "vi", ["Input.Summary"] = "Hurt his back lifting crates" });
        var withInjury = await operatorClient.SubmitAsync("/staff/calls", new Dictionary<string, string> { ["Input.Language"] = "vi", ["Input.Problems"] = "work-injury" });
        var counted = await operatorClient.SubmitAsync("/staff/calls", new Dictionary<string, string> { ["Input.Language"] = "vi", ["Input.Phone"] = "090-7777-1212", ["Input.Problems"] = "unpaid-wages", ["Input.FollowUpNeeded"] = "true" });
        var agreed = await operatorClient.SubmitAsync("/staff/calls", new Dictionary<string, string> { ["Input.Language"] = "vi", ["Input.Problems"] = "work-injury", ["Input.Summary"] = "Hurt his back", ["Input.CallerAgreed"] = "true" });
        Task<Intake> CallAsync(HttpResponseMessage saved) => app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.AsNoTracking().SingleAsync(i => i.Reference == saved.Headers.Location!.OriginalString.Split("saved=")[1]));
        var (withoutConsent, withConsent) = (await CallAsync(counted), await CallAsync(agreed));
        var page = PageClient.MainText(await counselor.GetPageAsync($"/staff/intakes/{withoutConsent.Id}"));

        Assert.Contains("Keep a summary only if the caller agreed", (await PageClient.ParseAsync(withSummary)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("An injury, an illness or a danger is kept only if the caller agreed", (await PageClient.ParseAsync(withInjury)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null(withoutConsent.ConsentedAtUtc);
        Assert.Null(withoutConsent.PrivacyNoticeVersion);
        Assert.NotNull(withConsent.ConsentedAtUtc);
        Assert.NotNull(withConsent.PrivacyNoticeVersion);
        Assert.Contains("The caller did not agree that we keep what they said", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_back_needs_a_number_and_a_call_needs_a_language()
    {
        using var operatorClient = await app.SignInAsync(StaffRoles.Operator);

        var refused = await operatorClient.SubmitAsync("/staff/calls", new Dictionary<string, string> { ["Input.FollowUpNeeded"] = "true", ["Input.Summary"] = "help" });
        var summary = (await PageClient.ParseAsync(refused)).QuerySelector(".error-summary")!.TextContent;

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choose the caller's language.", summary, StringComparison.Ordinal);
        Assert.Contains("Write the number to call back.", summary, StringComparison.Ordinal);
    }
}

[Collection(OnSqlite.Name)]
public sealed class CallLogTestsOnSqlite(SqliteAppFixture fixture) : CallLogTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class CallLogTestsOnPostgres(PostgresAppFixture fixture) : CallLogTests(fixture.App);
