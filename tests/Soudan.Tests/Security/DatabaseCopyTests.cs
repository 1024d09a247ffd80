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

    [Fact]
    public async Task What_tells_of_a_workers_situation_is_not_readable_beside_a_name()
    {
        var app = fixture.App;
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var marker = "Zq" + Guid.NewGuid().ToString("N")[..12];
        var id = await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with
        {
            Name = "Worker " + marker,
            Problems = ["outing-or-discrimination", "harassment"],
            Urgent = ["in-danger"],
            Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() },
        });
        var page = await counselor.GetPageAsync($"/staff/cases/{id}");
        await counselor.SubmitAsync(page, $"/staff/cases/{id}", new Dictionary<string, string> { ["details.Tags"] = "HIV-clinic-" + marker }, handler: "Details");
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["title"] = "Call Worker " + marker + " about the clinic-task", ["dueOn"] = "2031-01-01" }, handler: "Task");
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["to"] = "shelter", ["organisation"] = "Safe house " + marker + "-org", ["agreed"] = "true" }, handler: "Referral");
        await counselor.UploadAsync($"/staff/cases/{id}", "Document", new Dictionary<string, string> { ["kind"] = "other" }, "diagnosis-" + marker + "-file.pdf", Encoding.ASCII.GetBytes("%PDF-1.4 diagnosis"));
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string>
        {
            ["status"] = "Resolved",
            ["reason"] = "moved away " + marker + "-why",
            ["outcome.Benefits"] = "public-assistance",
            ["outcome.VisaResolved"] = "true",
        }, handler: "Status");
        var spam = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        await counselor.SubmitAsync($"/staff/intakes/{await app.IntakeIdAsync(spam.Reference)}", new Dictionary<string, string> { ["reason"] = "sent twice " + marker + "-triage", ["outcome"] = "Duplicate" }, handler: "Dismiss");
        var shown = PageClient.MainText(await counselor.GetPageAsync($"/staff/cases/{id}"));
        var tasks = PageClient.MainText(await counselor.GetPageAsync("/staff/tasks"));

        SqliteConnection.ClearAllPools();
        var files = Directory.GetFiles(app.DataDirectory, "soudan.db*");
        var beside = await RowsBesideANameAsync(app);

        // The counselor reads them as before.
        Assert.Contains("HIV-clinic-" + marker, shown, StringComparison.Ordinal);
        Assert.Contains("clinic-task", tasks, StringComparison.Ordinal);
        Assert.Contains(marker + "-org", shown, StringComparison.Ordinal);
        Assert.Contains(marker + "-file.pdf", shown, StringComparison.Ordinal);
        Assert.Contains(marker + "-why", shown, StringComparison.Ordinal);
        // What staff type about a situation: nowhere in the files.
        Assert.False(files.Any(f => ContainsAscii(f, "clinic-task")), "a task's title");
        Assert.False(files.Any(f => ContainsAscii(f, marker + "-org")), "where a case was referred");
        Assert.False(files.Any(f => ContainsAscii(f, marker + "-file")), "a document's file name");
        Assert.False(files.Any(f => ContainsAscii(f, marker + "-why")), "why a status changed");
        Assert.False(files.Any(f => ContainsAscii(f, marker + "-triage")), "why a consultation was dismissed");
        Assert.DoesNotContain(beside, row => row.Contains("shelter", StringComparison.Ordinal));
        Assert.DoesNotContain(beside, row => row.Contains("public-assistance", StringComparison.Ordinal));
        // Problem codes, urgent needs and tags: in no row of a table that holds or leads to a name.
        Assert.True(beside.Count > 0);
        Assert.DoesNotContain(beside, row => row.Contains("outing-or-discrimination", StringComparison.Ordinal));
        Assert.DoesNotContain(beside, row => row.Contains("in-danger", StringComparison.Ordinal));
        Assert.DoesNotContain(beside, row => row.Contains("HIV-clinic-" + marker, StringComparison.Ordinal));
        Assert.Contains(beside, row => row.Contains("Worker " + marker, StringComparison.Ordinal));   // the scan reads those tables
        // The statistics count the case, by a token that does not lead back to it.
        Assert.Equal(0, await CountAsync(app, """SELECT COUNT(*) FROM "StatisticsFact" WHERE "IntakeId" IS NOT NULL OR "CaseId" IS NOT NULL OR "JoinedCaseId" IS NOT NULL OR "SourceKey" IS NULL"""));
    }

    /// <summary>Every row of every table that holds a name or an id leading to one, as text.</summary>
    private static async Task<List<string>> RowsBesideANameAsync(SoudanApp app)
    {
        var rows = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "soudan.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        foreach (var table in new[] { "Intakes", "Case", "CaseEntry", "CaseTasks", "People", "CaseWorker", "IntakeMessage", "CaseReferrals", "CaseOutcomes", "CaseDocuments", "CaseSearch" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(table + ": " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        return rows;
    }

    private static async Task<long> CountAsync(SoudanApp app, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "soudan.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
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
