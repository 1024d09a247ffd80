using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Tests.Features.Intakes;

/// <summary>The online consultation as a worker uses it without JavaScript, and its follow-up page, on both databases.</summary>
public abstract class ConsultFormTests(SoudanApp app)
{
    /// <summary>Ana's consultation as she fills in the form.</summary>
    public static Dictionary<string, string> Filled(string description = "Pinauwi kami nang walang bayad.") => new()
    {
        ["Input.Name"] = "Ana",
        ["Input.PreferredLanguage"] = "tl",
        ["Input.Phone"] = "090-1234-5678",
        ["Input.PrefectureCode"] = "22",
        ["Input.Nationality"] = "PH",
        ["Input.EmploymentType"] = "dispatched",
        ["Input.Problems"] = "lost-shifts",
        ["Input.Description"] = description,
        ["Input.Consent"] = "true",
    };

    [Fact]
    public async Task A_consultation_sent_from_the_form_shows_its_reference_and_private_link()
    {
        using var worker = app.CreatePageClient("tl");

        var response = await worker.SubmitAsync("/tl/consult", Filled());
        var page = await PageClient.ParseAsync(response);
        var reference = page.QuerySelector(".reference")!.TextContent;
        var link = page.QuerySelector(".private-link a")!.GetAttribute("href")!;
        var followUp = await worker.GetPageAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"^\d{3}-\d{3}-\d{3}$", reference);
        Assert.StartsWith("/tl/c/", link, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains(reference, PageClient.MainText(followUp), StringComparison.Ordinal);
        Assert.Contains("Pinauwi kami nang walang bayad.", PageClient.MainText(followUp), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_with_mistakes_keeps_everything_typed_and_links_each_message_to_its_field()
    {
        using var worker = app.CreatePageClient("mn");
        var fields = Filled("Цалин өгөхгүй байна");
        fields.Remove("Input.Phone");
        fields.Remove("Input.Consent");
        fields["Input.Email"] = "bat@";

        var response = await worker.SubmitAsync("/mn/consult", fields);
        var page = await PageClient.ParseAsync(response);
        var links = page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("mn", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("#Input_Email", links);
        Assert.Contains("#Input_Consent", links);
        Assert.All(links, href => Assert.NotNull(page.QuerySelector(href!)));
        Assert.Equal("Ana", page.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.Equal("bat@", page.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.Equal("Цалин өгөхгүй байна", page.QuerySelector("#Input_Description")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#Input_Problems[checked]"));
        Assert.Equal("22", page.QuerySelector("#Input_PrefectureCode option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Sending_the_same_form_twice_stores_one_consultation_and_shows_the_same_link()
    {
        using var worker = app.CreatePageClient("ar");
        var form = await worker.GetPageAsync("/ar/consult");
        var fields = Filled("مرتين " + Guid.NewGuid());

        var first = await PageClient.ParseAsync(await worker.SubmitAsync(form, "/ar/consult", fields));
        var second = await PageClient.ParseAsync(await worker.SubmitAsync(form, "/ar/consult", fields));

        Assert.Equal(first.QuerySelector(".reference")!.TextContent, second.QuerySelector(".reference")!.TextContent);
        Assert.Equal(first.QuerySelector(".private-link a")!.GetAttribute("href"), second.QuerySelector(".private-link a")!.GetAttribute("href"));
        var stored = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.CountAsync(i => i.Reference == first.QuerySelector(".reference")!.TextContent));
        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task A_filled_honeypot_is_kept_apart_as_possible_spam_and_still_thanked()
    {
        using var worker = app.CreatePageClient("en");
        var fields = Filled();
        fields["Input.Website"] = "http://spam.example";

        var page = await PageClient.ParseAsync(await worker.SubmitAsync("/en/consult", fields));
        var reference = page.QuerySelector(".reference")!.TextContent;
        var spam = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.Where(i => i.Reference == reference).Select(i => i.IsSuspectedSpam).SingleAsync());

        Assert.True(spam);
    }

    [Fact]
    public async Task The_worker_and_a_counselor_write_to_each_other_through_the_private_page()
    {
        var receipt = await app.SubmitIntakeAsync();
        var link = new Uri(receipt.FollowUpUrl).PathAndQuery;
        using var worker = app.CreatePageClient("tl");
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);

        var sent = await worker.SubmitAsync(link, new Dictionary<string, string> { ["Message"] = "May bago po akong pay slip." });
        var id = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.Where(i => i.Reference == receipt.Reference).Select(i => i.Id).SingleAsync());
        var staffPage = PageClient.MainText(await counselor.GetPageAsync($"/staff/intakes/{id}"));
        await counselor.SubmitAsync($"/staff/intakes/{id}", new Dictionary<string, string> { ["Reply"] = "Salamat. Tatawagan ka namin bukas." }, handler: "Reply");
        var workerPage = PageClient.MainText(await worker.GetPageAsync(link));

        Assert.EndsWith("?sent=true#messages", sent.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("May bago po akong pay slip.", staffPage, StringComparison.Ordinal);
        Assert.Contains("Salamat. Tatawagan ka namin bukas.", workerPage, StringComparison.Ordinal);
        var audited = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.CountAsync(e => e.Action == "intake.viewed" && e.TargetId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(2, audited);   // opened to read, and again to reply: each view is one line of the audit log
    }

    [Fact]
    public async Task Opening_a_consultation_changes_nothing_the_worker_sees_until_a_counselor_takes_it()
    {
        var receipt = await app.SubmitIntakeAsync();
        var link = new Uri(receipt.FollowUpUrl).PathAndQuery;
        using var worker = app.CreatePageClient("en");
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.Where(i => i.Reference == receipt.Reference).Select(i => i.Id).SingleAsync());
        Task<IntakeStatus> StatusAsync() => app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.Where(i => i.Id == id).Select(i => i.Status).SingleAsync());

        var staffPage = await counselor.GetPageAsync($"/staff/intakes/{id}");
        await counselor.GetPageAsync($"/staff/intakes/{id}");
        var afterReading = await StatusAsync();
        var workerBefore = PageClient.MainText(await worker.GetPageAsync(link.Replace("/tl/", "/en/", StringComparison.Ordinal)));
        var taken = await counselor.SubmitAsync(staffPage, $"/staff/intakes/{id}", new Dictionary<string, string>(), handler: "Take");
        var afterTaking = await StatusAsync();
        var audited = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.CountAsync(e => e.Action == AuditActions.IntakeTaken && e.TargetId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(IntakeStatus.Received, afterReading);
        Assert.Contains("Received", workerBefore, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal(IntakeStatus.InProgress, afterTaking);
        Assert.Equal(1, audited);
        Assert.Null((await counselor.GetPageAsync($"/staff/intakes/{id}")).QuerySelector("form[action*='handler=Take']"));
    }

    [Fact]
    public async Task A_worker_deletes_the_consultation_and_the_link_stops_working()
    {
        var receipt = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { Description = "delete me " + Guid.NewGuid() });
        var link = new Uri(receipt.FollowUpUrl).PathAndQuery;
        using var worker = app.CreatePageClient("tl");

        var confirm = await worker.GetPageAsync(link + "?erase=true");
        var erased = await worker.SubmitAsync(confirm, link, new Dictionary<string, string>(), handler: "Erase");
        var after = await worker.GetAsync(link);
        var kept = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.AsNoTracking().SingleAsync(i => i.Reference == receipt.Reference));

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Null(kept.Name);
        Assert.Null(kept.Phone);
        Assert.Null(kept.StoryProtected);
        Assert.Null(kept.Employer);
        Assert.Equal(["lost-shifts", "unpaid-leave-allowance"], kept.Problems);
        Assert.NotNull(kept.ErasedAtUtc);
    }

    [Fact]
    public async Task A_reference_read_out_on_the_phone_opens_the_consultation_and_a_misheard_one_is_caught()
    {
        var receipt = await app.SubmitIntakeAsync();
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var digits = receipt.Reference.Replace("-", "", StringComparison.Ordinal);
        var misheard = digits[..4] + (char)('0' + ((digits[4] - '0' + 1) % 10)) + digits[5..];

        var found = await counselor.GetAsync("/staff/intakes?reference=" + Uri.EscapeDataString(digits[..3] + " " + digits[3..]));
        var wrong = PageClient.MainText(await counselor.GetPageAsync("/staff/intakes?reference=" + misheard));

        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Matches(@"^/staff/intakes/\d+$", found.Headers.Location!.OriginalString);
        Assert.Contains("a digit may have been misheard", wrong, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Urgent_consultations_come_first_for_counselors_and_operators_may_not_read_them()
    {
        var urgent = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { Urgent = ["no-money-for-food"] });
        await app.SubmitIntakeAsync();
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        using var operatorClient = await app.SignInAsync(StaffRoles.Operator);

        var list = await counselor.GetPageAsync("/staff/intakes");
        var first = list.QuerySelector("tbody tr")!;

        Assert.Contains("row--urgent", first.ClassName, StringComparison.Ordinal);
        Assert.Contains(urgent.Reference, list.QuerySelectorAll("tbody tr.row--urgent").Select(r => r.TextContent).Aggregate((a, b) => a + b), StringComparison.Ordinal);
        Assert.Contains("access-denied", (await operatorClient.GetAsync("/staff/intakes")).Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}

[Collection(OnSqlite.Name)]
public sealed class ConsultFormTestsOnSqlite(SqliteAppFixture fixture) : ConsultFormTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class ConsultFormTestsOnPostgres(PostgresAppFixture fixture) : ConsultFormTests(fixture.App);
