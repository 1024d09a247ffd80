using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;

namespace Soudan.Tests.Security;

/// <summary>
/// Someone walks away with a copy of the database files: what was written as sensitive is not in
/// them, in any page of the file or of its write-ahead log.
/// </summary>
[Collection(OnSqlite.Name)]
public sealed class DatabaseCopyTests(SqliteAppFixture fixture)
{
    [Fact]
    public async Task A_copy_of_the_database_files_holds_no_sensitive_note_document_or_story()
    {
        var app = fixture.App;
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var marker = "Zq" + Guid.NewGuid().ToString("N")[..12];
        var id = await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with
        {
            Description = "My story " + marker + "-story",
            ResidenceStatus = "no-status",
            Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() },
        });
        var person = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseWorker>().Where(w => w.CaseId == id).Select(w => w.PersonId).SingleAsync());
        await counselor.SubmitAsync($"/staff/people/{person}", new Dictionary<string, string> { ["input.ResidenceStatus"] = "no-status", ["input.ResidenceCardExpiresOn"] = "2031-07-19" });
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["text"] = "HIV " + marker + "-note", ["sensitive"] = "true" }, handler: "Note");
        // A note not marked sensitive is searchable, so in clear: it shows the scan below does find text.
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["text"] = "Shift photos " + marker + "-plain" }, handler: "Note");
        await counselor.UploadAsync($"/staff/cases/{id}", "Document", new Dictionary<string, string> { ["kind"] = "residence-card" }, "card.pdf", Encoding.ASCII.GetBytes("%PDF-1.4 " + marker + "-document"));
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["to"] = "union", ["agreed"] = "true" }, handler: "Referral");
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["outcome"] = "Union says " + marker + "-referral" }, handler: "ReferralOutcome");
        var saved = await counselor.SubmitAsync($"/staff/cases/{id}/calculations/minimum-wage-check", new Dictionary<string, string>
        {
            ["Input.PrefectureCode"] = "13",
            ["Input.On"] = "2025-11-03",
            ["Input.PayType"] = "monthly",
            ["Input.Pay"] = "3141592",
            ["Input.HoursPerMonth"] = "160",
        }, handler: "save");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);

        SqliteConnection.ClearAllPools();
        var files = Directory.GetFiles(app.DataDirectory, "soudan.db*");
        bool Anywhere(string text) => files.Any(f => ContainsAscii(f, text));

        Assert.True(Anywhere(marker.ToLowerInvariant() + "-plain"), "the scan finds what is stored in clear");
        Assert.False(Anywhere(marker + "-story"), "the worker's story");
        Assert.False(Anywhere(marker + "-note"), "a sensitive note");
        Assert.False(Anywhere(marker + "-document"), "a document");
        Assert.False(Anywhere(marker + "-referral"), "what came of a referral");
        Assert.False(Anywhere("no-status"), "who has no residence status");
        Assert.False(Anywhere("2031-07-19"), "when a residence card expires");
        Assert.False(Anywhere("3141592"), "the pay in a calculation kept on the case");
    }

    private static bool ContainsAscii(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
    }
}
