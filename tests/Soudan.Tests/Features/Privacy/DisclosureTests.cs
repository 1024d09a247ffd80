using System.Net;
using System.Text;
using System.Text.Json;
using ICSharpCode.SharpZipLib.Zip;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Tests.Features.Privacy;

/// <summary>
/// A person asks what is held about them (APPI Art. 33): a counselor downloads an archive encrypted
/// with a password they give separately, holding the consultation, the notes, the documents' files,
/// the referrals and the records of provision; it does not open without the password; it is audited.
/// </summary>
public abstract class DisclosureTests(TestDatabase database)
{
    [Fact]
    public async Task A_counselor_downloads_everything_held_about_a_person_in_an_archive_that_opens_only_with_the_password()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var marker = "disclose" + Guid.NewGuid().ToString("N")[..10];
        var id = await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { Description = "Story " + marker, Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        var personId = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseWorker>().Where(w => w.CaseId == id).Select(w => w.PersonId).SingleAsync());
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["text"] = "Note " + marker }, handler: "Note");
        await counselor.UploadAsync($"/staff/cases/{id}", "Document", new Dictionary<string, string> { ["kind"] = "pay-slip" }, "給与明細 5月.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n% " + marker + "\n%%EOF\n"));
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string>
        {
            ["to"] = "union",
            ["organisation"] = "Tokyo East Union",
            ["shared"] = "story",
            ["record.ConsentHow"] = "phone",
            ["agreed"] = "true",
        }, handler: "Referral");

        var page = await counselor.GetPageAsync($"/staff/people/{personId}/disclosure");
        var password = ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#password")!).Value;
        var unnoted = await counselor.SubmitAsync(page, $"/staff/people/{personId}/disclosure", new Dictionary<string, string>());
        var tooShort = await counselor.SubmitAsync($"/staff/people/{personId}/disclosure", new Dictionary<string, string> { ["password"] = "short", ["passwordNoted"] = "true" });
        var download = await counselor.SubmitAsync(page, $"/staff/people/{personId}/disclosure", new Dictionary<string, string> { ["passwordNoted"] = "true" });
        var archive = await download.Content.ReadAsByteArrayAsync();
        using var interpreter = await app.SignInAsync(StaffRoles.Interpreter);
        var byInterpreter = await interpreter.GetAsync($"/staff/people/{personId}/disclosure");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unnoted.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooShort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^[2-9A-Z]{4}(-[2-9A-Z]{4}){4}$", password);
        Assert.DoesNotContain(marker, Encoding.Latin1.GetString(archive), StringComparison.Ordinal);   // encrypted, not only compressed

        using var zip = new ZipFile(new MemoryStream(archive)) { Password = password };
        string Read(ZipEntry entry)
        {
            using var reader = new StreamReader(zip.GetInputStream(entry));
            return reader.ReadToEnd();
        }

        var entries = zip.Cast<ZipEntry>().ToList();
        Assert.All(entries, e => Assert.Equal(256, e.AESKeySize));
        var summary = Read(entries.Single(e => e.Name == "summary.html"));
        Assert.Contains("Story " + marker, summary, StringComparison.Ordinal);
        Assert.Contains("Note " + marker, summary, StringComparison.Ordinal);
        Assert.Contains("Tokyo East Union", summary, StringComparison.Ordinal);
        Assert.Contains("The worker&#x27;s consent (On the phone)", summary, StringComparison.Ordinal);
        using var data = JsonDocument.Parse(Read(entries.Single(e => e.Name == "data.json")));
        Assert.Contains(data.RootElement.EnumerateArray(), s => s.GetProperty("title").GetString()!.StartsWith("Data passed on", StringComparison.Ordinal));
        var document = entries.Single(e => e.Name.StartsWith("documents/", StringComparison.Ordinal));
        Assert.EndsWith("給与明細 5月.pdf", document.Name, StringComparison.Ordinal);
        Assert.Contains(marker, Read(document), StringComparison.Ordinal);

        using var locked = new ZipFile(new MemoryStream(archive)) { Password = "WRONG-PASS-WORD-0000" };
        Assert.ThrowsAny<Exception>(() => new StreamReader(locked.GetInputStream(locked.GetEntry("summary.html"))).ReadToEnd());
        Assert.Contains("access-denied", byInterpreter.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.True(await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.AnyAsync(e => e.Action == AuditActions.DisclosureProduced && e.TargetId == personId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }
}

public sealed class DisclosureTestsOnSqlite() : DisclosureTests(TestDatabase.Sqlite);

public sealed class DisclosureTestsOnPostgres() : DisclosureTests(TestDatabase.Postgres);
