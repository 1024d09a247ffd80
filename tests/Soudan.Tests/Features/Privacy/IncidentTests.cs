using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Privacy;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Time;

namespace Soudan.Tests.Features.Privacy;

/// <summary>
/// A suspected leak (APPI Art. 26): an admin records it, Soudan says whether reports are due and by
/// when (about five days for the preliminary report, 30 days for the final one, 60 when it was caused
/// on purpose), the staff home keeps the next deadline in view until the report is recorded.
/// </summary>
public abstract class IncidentTests(TestDatabase database)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public async Task An_admin_records_a_leak_sees_the_deadlines_and_records_each_report()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var admin = await app.SignInAsync(StaffRoles.Admin);
        var empty = PageClient.MainText(await admin.GetPageAsync("/staff/incidents"));
        var today = DateOnly.FromDateTime(JapanTime.FromUtc(TimeProvider.System.GetUtcNow().UtcDateTime));
        var foundOn = today.AddDays(-10);
        var found = $"{foundOn:yyyy-MM-dd}T09:30";

        var refused = await admin.SubmitAsync("/staff/incidents", new Dictionary<string, string> { ["FoundAt"] = $"{today.AddDays(2):yyyy-MM-dd}T09:30", ["What"] = " ", ["PeopleAffected"] = "forty" });
        var refusedText = await refused.Content.ReadAsStringAsync();
        var recorded = await admin.SubmitAsync("/staff/incidents", new Dictionary<string, string>
        {
            ["FoundAt"] = found,
            ["What"] = "Laptop with case files stolen from the office",
            ["PeopleAffected"] = "４０",   // typed on a Japanese keyboard
            ["Malicious"] = "true",
        });
        var path = recorded.Headers.Location!.OriginalString;
        var page = PageClient.MainText(await admin.GetPageAsync(path));
        var home = PageClient.MainText(await admin.GetPageAsync("/staff"));

        var badDay = await admin.SubmitAsync(path, new Dictionary<string, string> { ["FoundAt"] = found, ["What"] = "Laptop with case files stolen from the office", ["Malicious"] = "true", ["preliminaryReportedOn"] = $"{foundOn.AddDays(-1):yyyy-MM-dd}" });
        var reported = await admin.SubmitAsync(path, new Dictionary<string, string> { ["FoundAt"] = found, ["What"] = "Laptop with case files stolen from the office", ["PeopleAffected"] = "40", ["Malicious"] = "true", ["preliminaryReportedOn"] = $"{foundOn.AddDays(3):yyyy-MM-dd}" });
        var afterReport = PageClient.MainText(await admin.GetPageAsync(path));
        var homeAfter = PageClient.MainText(await admin.GetPageAsync("/staff"));
        var minor = await admin.SubmitAsync("/staff/incidents", new Dictionary<string, string> { ["FoundAt"] = found, ["What"] = "Fax with one name sent to the wrong office", ["PeopleAffected"] = "1" });
        var minorPage = PageClient.MainText(await admin.GetPageAsync(minor.Headers.Location!.OriginalString));
        var list = PageClient.MainText(await admin.GetPageAsync("/staff/incidents"));
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var forbidden = await counselor.GetAsync(path);

        Assert.Contains("Nothing recorded.", empty, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("This is in the future.", refusedText, StringComparison.Ordinal);
        Assert.Contains("Say what happened and which data.", refusedText, StringComparison.Ordinal);
        Assert.Contains("Enter a whole number", refusedText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Contains("it was caused on purpose", page, StringComparison.Ordinal);
        Assert.Contains($"late: it was due by {foundOn.AddDays(5).ToString("d", English)}", page, StringComparison.Ordinal);
        Assert.Contains($"due by {foundOn.AddDays(60).ToString("d", English)}", page, StringComparison.Ordinal);   // 60 days: caused on purpose
        Assert.Contains($"Preliminary report due by {foundOn.AddDays(5).ToString("d", English)}", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badDay.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        Assert.Contains($"made on {foundOn.AddDays(3).ToString("d", English)}", afterReport, StringComparison.Ordinal);
        Assert.Contains($"Final report due by {foundOn.AddDays(60).ToString("d", English)}", homeAfter, StringComparison.Ordinal);
        Assert.Contains("no report is required", minorPage, StringComparison.Ordinal);
        Assert.Contains("no report required so far", list, StringComparison.Ordinal);
        Assert.Contains("access-denied", forbidden.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);

        var (stored, audited) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            var rows = await db.Set<PrivacyIncident>().AsNoTracking().OrderBy(i => i.Id).ToListAsync();
            var actions = await db.AuditEvents.Where(e => e.TargetType == "incident").Select(e => e.Action).ToListAsync();
            return (rows, actions);
        });
        Assert.Equal(2, stored.Count);
        Assert.Equal(40, stored[0].PeopleAffected);
        Assert.Equal("Laptop with case files stolen from the office", stored[0].What);
        Assert.DoesNotContain("Laptop", stored[0].FieldsProtected, StringComparison.Ordinal);   // encrypted at rest
        Assert.Equal(2, audited.Count(a => a == AuditActions.IncidentRecorded));
        Assert.Single(audited, a => a == AuditActions.IncidentUpdated);
    }
}

public sealed class IncidentTestsOnSqlite() : IncidentTests(TestDatabase.Sqlite);

public sealed class IncidentTestsOnPostgres() : IncidentTests(TestDatabase.Postgres);
