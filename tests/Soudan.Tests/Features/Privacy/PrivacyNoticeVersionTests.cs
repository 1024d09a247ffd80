using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Features.Privacy;

namespace Soudan.Tests.Features.Privacy;

/// <summary>
/// Consent that can be shown: each consultation keeps the version of the privacy notice the worker
/// agreed to; when the words change (here, the retention rules turned on) a new version is kept, and
/// the old one stays readable in every language as it was worded.
/// </summary>
public abstract class PrivacyNoticeVersionTests(TestDatabase database)
{
    [Fact]
    public async Task A_consultation_keeps_the_version_agreed_to_and_a_changed_notice_keeps_the_old_one_readable()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var reader = app.CreatePageClient("en");
        var before = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        var noticeBefore = PageClient.MainText(await reader.GetPageAsync("/en/privacy"));

        using (var admin = await app.SignInAsync(StaffRoles.Admin))
        {
            await admin.SubmitAsync("/staff/retention", new Dictionary<string, string> { ["previewSeen"] = "true" }, handler: "Enable");
        }

        var after = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        var noticeAfter = PageClient.MainText(await reader.GetPageAsync("/en/privacy"));
        var (first, second) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            return (await db.Intakes.Where(i => i.Reference == before.Reference).Select(i => i.PrivacyNoticeVersion).SingleAsync(),
                await db.Intakes.Where(i => i.Reference == after.Reference).Select(i => i.PrivacyNoticeVersion).SingleAsync());
        });
        var versions = PageClient.MainText(await reader.GetPageAsync("/en/privacy/versions"));
        var old = PageClient.MainText(await reader.GetPageAsync($"/en/privacy/versions/{first}"));
        using var nepali = app.CreatePageClient("ne");
        var oldInNepali = await nepali.GetPageAsync($"/ne/privacy/versions/{first}");
        var missing = await reader.GetAsync("/en/privacy/versions/9999");

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Contains($"Version {first}, in force since", noticeBefore, StringComparison.Ordinal);
        Assert.Contains($"Version {second}, in force since", noticeAfter, StringComparison.Ordinal);
        Assert.Contains("Earlier versions", noticeAfter, StringComparison.Ordinal);
        Assert.Contains($"Version {first}", versions, StringComparison.Ordinal);
        Assert.Contains("in force now", versions, StringComparison.Ordinal);
        Assert.DoesNotContain("months after we close it", old, StringComparison.Ordinal);   // as it was worded then
        Assert.Contains("Read the version in force now.", old, StringComparison.Ordinal);
        Assert.Equal("ne", oldInNepali.DocumentElement.GetAttribute("lang"));
        Assert.Contains("गोपनीयता", PageClient.MainText(oldInNepali), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(2, await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<PrivacyNoticeVersion>().CountAsync()));
    }
}

public sealed class PrivacyNoticeVersionTestsOnSqlite() : PrivacyNoticeVersionTests(TestDatabase.Sqlite);

public sealed class PrivacyNoticeVersionTestsOnPostgres() : PrivacyNoticeVersionTests(TestDatabase.Postgres);
