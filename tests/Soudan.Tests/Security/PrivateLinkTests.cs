using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Soudan.Tests.Features.Intakes;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Tests.Security;

/// <summary>
/// The worker's private link cannot be taken (with the submission key a form carries), kept (it
/// ends a set time after the consultation is closed) or replayed (a form sent again long after
/// shows the reference only), and staff can turn it off or replace it. On both databases.
/// </summary>
public abstract class PrivateLinkTests(TestDatabase database, SoudanApp shared)
{
    private const string Story = "Nagtatrabaho ako nang 14 na oras; itinago ng amo ang pasaporte ko 5521.";

    [Fact]
    public async Task Someone_who_sends_the_form_with_the_workers_submission_key_gets_a_consultation_of_their_own()
    {
        using var worker = shared.CreatePageClient("tl");
        var form = await worker.GetPageAsync("/tl/consult");
        var key = form.QuerySelector("input[name=SubmissionKey]")!.GetAttribute("value")!;
        var sent = await PageClient.ParseAsync(await worker.SubmitAsync(form, "/tl/consult", ConsultFormTests.Filled(Story)));
        using var stranger = shared.CreatePageClient("tl");
        var strangersForm = await stranger.GetPageAsync("/tl/consult");

        var taken = await stranger.SubmitAsync(strangersForm, "/tl/consult", new Dictionary<string, string>(ConsultFormTests.Filled("Ano ang sinulat niya?")) { ["SubmissionKey"] = key });
        var takenPage = await PageClient.ParseAsync(taken);
        var workersLink = sent.QuerySelector(".private-link a")!.GetAttribute("href")!;

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.NotEqual(sent.QuerySelector(".reference")!.TextContent, takenPage.QuerySelector(".reference")!.TextContent);
        Assert.NotEqual(workersLink, takenPage.QuerySelector(".private-link a")?.GetAttribute("href"));
        Assert.DoesNotContain(workersLink, takenPage.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("5521", takenPage.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_form_sent_again_an_hour_later_shows_its_reference_but_not_its_link()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await SoudanApp.StartAsync(database, clock: clock);
        using var worker = app.CreatePageClient("en");
        var form = await worker.GetPageAsync("/en/consult");
        var first = await PageClient.ParseAsync(await worker.SubmitAsync(form, "/en/consult", ConsultFormTests.Filled(Story)));
        var soon = await PageClient.ParseAsync(await worker.SubmitAsync(form, "/en/consult", ConsultFormTests.Filled(Story)));
        using var api = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/intakes") { Content = JsonContent.Create(SoudanApp.SampleIntake()) };
        request.Headers.Add("Idempotency-Key", "partner-retry-" + Guid.NewGuid());
        var apiFirst = await api.SendAsync(request);

        clock.Advance(TimeSpan.FromMinutes(61));
        var late = await PageClient.ParseAsync(await worker.SubmitAsync(form, "/en/consult", ConsultFormTests.Filled(Story)));
        using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/v1/intakes") { Content = JsonContent.Create(SoudanApp.SampleIntake()) };
        retry.Headers.Add("Idempotency-Key", request.Headers.GetValues("Idempotency-Key").Single());
        var apiLate = await api.SendAsync(retry);
        var reference = (await apiFirst.Content.ReadFromJsonAsync<IntakeReceipt>())!.Reference;

        Assert.Equal(first.QuerySelector(".private-link a")!.GetAttribute("href"), soon.QuerySelector(".private-link a")!.GetAttribute("href"));
        Assert.Equal(first.QuerySelector(".reference")!.TextContent, late.QuerySelector(".reference")!.TextContent);
        Assert.Null(late.QuerySelector(".private-link"));
        Assert.Contains("We had already received this consultation", PageClient.MainText(late), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, apiLate.StatusCode);
        Assert.Contains(reference, await apiLate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("/c/", await apiLate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_stops_working_a_set_time_after_the_consultation_is_closed_and_the_worker_is_told_when()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await SoudanApp.StartAsync(database, new Dictionary<string, string?>
        {
            ["Intake:LinkWorksAfterClosing"] = "30.00:00:00",
            // The summarizer's timer follows the fake clock: a month of 15-second ticks would take minutes to replay.
            ["Statistics:SummaryIntervalSeconds"] = "86400",
        }, clock);
        var receipt = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { InterfaceLanguage = "en" });
        var link = new Uri(receipt.FollowUpUrl).PathAndQuery;
        using var worker = app.CreatePageClient("en");
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await IdOfAsync(app, receipt.Reference);

        var open = PageClient.MainText(await worker.GetPageAsync(link));
        await counselor.SubmitAsync($"/staff/intakes/{id}", new Dictionary<string, string>(), handler: "Close");
        var closed = PageClient.MainText(await worker.GetPageAsync(link));
        clock.Advance(TimeSpan.FromDays(29));
        var lastDays = await worker.GetAsync(link);
        clock.Advance(TimeSpan.FromDays(2));
        var after = await worker.GetAsync(link);
        var never = await worker.GetAsync("/en/c/" + new string('A', 22));

        Assert.Contains("for 30 days after we close it", open, StringComparison.Ordinal);
        Assert.Contains("This private link stops working on", closed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, lastDays.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Equal(
            (await never.Content.ReadAsStringAsync()).Replace(new string('A', 22), "TOKEN", StringComparison.Ordinal),
            (await after.Content.ReadAsStringAsync()).Replace(link.Split('/').Last(), "TOKEN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_turn_a_link_off_and_make_a_new_one_that_only_they_see_once()
    {
        var receipt = await shared.SubmitIntakeAsync();
        var link = new Uri(receipt.FollowUpUrl).PathAndQuery;
        using var worker = shared.CreatePageClient("tl");
        using var counselor = await shared.SignInAsync(StaffRoles.Counselor);
        var id = await IdOfAsync(shared, receipt.Reference);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync(link)).StatusCode);

        var revoked = await counselor.SubmitAsync($"/staff/intakes/{id}", new Dictionary<string, string>(), handler: "RevokeLink");
        var afterRevoke = await worker.GetAsync(link);
        var replaced = await PageClient.ParseAsync(await counselor.SubmitAsync($"/staff/intakes/{id}", new Dictionary<string, string>(), handler: "NewLink"));
        var newLink = new Uri(replaced.QuerySelector(".copy-field")!.GetAttribute("value")!).PathAndQuery;
        var staffPageLater = (await counselor.GetPageAsync($"/staff/intakes/{id}")).DocumentElement.OuterHtml;
        var audited = await shared.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.TargetId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(e => e.Action).ToListAsync());

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterRevoke.StatusCode);
        Assert.StartsWith("/tl/c/", newLink, StringComparison.Ordinal);
        Assert.Contains(receipt.Reference, PageClient.MainText(await worker.GetPageAsync(newLink)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync(link)).StatusCode);
        Assert.DoesNotContain(newLink, staffPageLater, StringComparison.Ordinal);
        Assert.Contains(AuditActions.FollowUpLinkRevoked, audited);
        Assert.Contains(AuditActions.FollowUpLinkReplaced, audited);
    }

    private static Task<long> IdOfAsync(SoudanApp app, string reference) =>
        app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.Where(i => i.Reference == reference).Select(i => i.Id).SingleAsync());
}

[Collection(OnSqlite.Name)]
public sealed class PrivateLinkTestsOnSqlite(SqliteAppFixture fixture) : PrivateLinkTests(TestDatabase.Sqlite, fixture.App);

[Collection(OnPostgres.Name)]
public sealed class PrivateLinkTestsOnPostgres(PostgresAppFixture fixture) : PrivateLinkTests(TestDatabase.Postgres, fixture.App);
