using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Soudan.Tests.Features.Statistics;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Features.Privacy;
using Soudan.Web.Features.Statistics;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Tests.Features.Privacy;

/// <summary>
/// "Yes, delete everything" is kept exactly: a consultation that became a case, with a marker in
/// every field that names or reaches the worker and in what counselors added, is erased through the
/// worker's page; the counselor is told and erases the case, or the time runs out and the job does,
/// or a legal hold keeps it. Then every file of the database (SQLite: the file and its log;
/// PostgreSQL: the relation files after the job's rewrite) is searched for the markers' bytes. Each
/// test has an app of its own, as it reads the files whole. On both databases.
/// </summary>
public abstract class ErasureTests(TestDatabase database)
{
    [Fact]
    public async Task A_worker_who_deletes_their_consultation_leaves_no_byte_of_it_once_the_counselor_erases_the_case()
    {
        await using var app = await StartAsync();
        var worker = await CaseWithMarkersAsync(app);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        await AddToCaseAsync(counselor, worker);
        var factsBefore = await CountAsync<StatisticsFact>(app);
        Assert.NotEmpty(await MarkersInFilesAsync(app, worker));   // the scan does find what is there

        var confirm = PageClient.MainText(await worker.Page.GetPageAsync(worker.Link + "?erase=true"));
        var erased = await worker.Page.SubmitAsync(await worker.Page.GetPageAsync(worker.Link + "?erase=true"), worker.Link, new Dictionary<string, string>(), handler: "Erase");
        var done = PageClient.MainText(await PageClient.ParseAsync(erased));
        // The case has no counselor yet: coordinators are told.
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var home = PageClient.MainText(await coordinator.GetPageAsync("/staff"));
        var casePage = PageClient.MainText(await counselor.GetPageAsync($"/staff/cases/{worker.CaseId}"));
        var unconfirmed = await counselor.SubmitAsync($"/staff/cases/{worker.CaseId}/erasure", new Dictionary<string, string>(), handler: "Erase");
        var erasedNow = await counselor.SubmitAsync($"/staff/cases/{worker.CaseId}/erasure", new Dictionary<string, string> { ["confirmed"] = "true" }, handler: "Erase");
        var afterPage = await counselor.GetAsync($"/staff/cases/{worker.CaseId}");
        var afterText = PageClient.MainText(await counselor.GetPageAsync($"/staff/cases/{worker.CaseId}"));
        var search = PageClient.MainText(await counselor.GetPageAsync("/staff/search?q=" + worker.Marker));
        await app.Services.GetRequiredService<ErasureJob>().RunOnceAsync(CancellationToken.None);
        var left = await MarkersInFilesAsync(app, worker);

        // In the worker's language (Tagalog): "within 14 days".
        Assert.Contains("Sa loob ng 14 araw", confirm, StringComparison.Ordinal);
        Assert.Contains("Sa loob ng 14 araw", done, StringComparison.Ordinal);
        Assert.Contains(worker.CaseReference, home, StringComparison.Ordinal);
        Assert.Contains("asked to be deleted", casePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, erasedNow.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterPage.StatusCode);
        Assert.Contains("was erased on", afterText, StringComparison.Ordinal);
        Assert.DoesNotContain(worker.Marker, search, StringComparison.Ordinal);
        Assert.Empty(left);
        Assert.Equal(factsBefore, await CountAsync<StatisticsFact>(app));   // still counted
        Assert.Equal(1, await AuditedAsync(app, AuditActions.CaseErased));
        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.CountAsync(e => e.Action == AuditActions.ConsultationErased && e.Address != null)));
    }

    [Fact]
    public async Task Undecided_the_case_is_erased_when_the_time_is_up_and_a_legal_hold_keeps_another_until_lifted()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await StartAsync(clock);
        var undecided = await CaseWithMarkersAsync(app);
        var held = await CaseWithMarkersAsync(app);
        using (var counselor = await app.SignInAsync(StaffRoles.Counselor))
        {
            await AddToCaseAsync(counselor, undecided);
            await AddToCaseAsync(counselor, held);
            await EraseThroughLinkAsync(undecided);
            await EraseThroughLinkAsync(held);
            var noReason = await counselor.SubmitAsync($"/staff/cases/{held.CaseId}/erasure", new Dictionary<string, string> { ["reason"] = " " }, handler: "Hold");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
            await counselor.SubmitAsync($"/staff/cases/{held.CaseId}/erasure", new Dictionary<string, string> { ["reason"] = "Wage claim at the Tokyo District Court" }, handler: "Hold");
        }

        // The job also runs on its own, hourly by the app's clock: what it did is read from the cases.
        var job = app.Services.GetRequiredService<ErasureJob>();
        await job.RunOnceAsync(CancellationToken.None);
        var early = await ErasedAsync(app, undecided);
        clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        await job.RunOnceAsync(CancellationToken.None);
        var (due, heldDue) = (await ErasedAsync(app, undecided), await ErasedAsync(app, held));
        var undecidedLeft = await MarkersInFilesAsync(app, undecided);
        var heldLeft = await MarkersInFilesAsync(app, held);
        using (var counselor = await app.SignInAsync(StaffRoles.Counselor))
        {
            await counselor.SubmitAsync($"/staff/cases/{held.CaseId}/erasure", new Dictionary<string, string>(), handler: "Lift");
        }

        await job.RunOnceAsync(CancellationToken.None);
        var lifted = await ErasedAsync(app, held);
        var heldAfterLifting = await MarkersInFilesAsync(app, held);

        Assert.False(early);
        Assert.True(due);
        Assert.False(heldDue);
        Assert.Empty(undecidedLeft);
        Assert.Contains(held.Marker + "-note", heldLeft);   // kept, as the law asks, while the hold lasts
        Assert.True(lifted);
        Assert.Empty(heldAfterLifting);
        Assert.Equal(1, await AuditedAsync(app, AuditActions.LegalHoldPlaced));
        Assert.Equal(2, await AuditedAsync(app, AuditActions.CaseErased));
    }

    [Fact]
    public async Task A_collective_case_loses_only_the_worker_who_asked_and_only_those_who_manage_cases_decide()
    {
        await using var app = await StartAsync();
        var asking = await CaseWithMarkersAsync(app);
        var untouched = await CaseWithMarkersAsync(app);
        var colleague = await app.WithScopeAsync(async s =>
        {
            // Several workers of one company on one case (as demo data and merged records make them).
            var db = s.GetRequiredService<SoudanDbContext>();
            var person = new Soudan.Web.Features.People.Person { Name = "Colleague " + asking.Marker, CreatedAtUtc = TimeProvider.System.GetUtcNow().UtcDateTime };
            db.Add(person);
            await db.SaveChangesAsync();
            db.Add(new CaseWorker { CaseId = asking.CaseId, PersonId = person.Id });
            await db.SaveChangesAsync();
            return person.Id;
        });
        var asker = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseWorker>().Where(w => w.CaseId == asking.CaseId && w.PersonId != colleague).Select(w => w.PersonId).SingleAsync());
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        using var interpreter = await app.SignInAsync(StaffRoles.Interpreter);
        // A case nobody asked to delete offers no way to erase it, and a request made by hand is refused.
        var untouchedPage = await counselor.GetPageAsync($"/staff/cases/{untouched.CaseId}/erasure");
        var token = untouchedPage.QuerySelector("input[name=__rvt]")!.GetAttribute("value")!;
        var notAsked = await counselor.Client.PostAsync($"/staff/cases/{untouched.CaseId}/erasure?handler=Erase", new FormUrlEncodedContent(new Dictionary<string, string> { ["__rvt"] = token, ["confirmed"] = "true" }));
        await EraseThroughLinkAsync(asking);
        var byInterpreter = await interpreter.GetAsync($"/staff/cases/{asking.CaseId}/erasure");
        var nobodyChosen = await counselor.SubmitAsync($"/staff/cases/{asking.CaseId}/erasure", new Dictionary<string, string> { ["confirmed"] = "true" }, handler: "Erase");
        var erased = await counselor.SubmitAsync($"/staff/cases/{asking.CaseId}/erasure", new Dictionary<string, string> { ["confirmed"] = "true", ["personId"] = asker.ToString(CultureInfo.InvariantCulture) }, handler: "Erase");
        var (workers, isErased, awaits) = await app.WithScopeAsync(async s =>
        {
            var @case = await s.GetRequiredService<SoudanDbContext>().Set<Case>().AsNoTracking().Include(c => c.Workers).SingleAsync(c => c.Id == asking.CaseId);
            return (@case.Workers.Select(w => w.PersonId).ToList(), @case.IsErased, @case.AwaitsErasureDecision);
        });
        var personLeft = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Soudan.Web.Features.People.Person>().AnyAsync(p => p.Id == asker));

        Assert.Null(untouchedPage.QuerySelector("form[action*='handler=Erase']"));
        Assert.Equal(HttpStatusCode.NotFound, notAsked.StatusCode);
        Assert.True(byInterpreter.StatusCode == HttpStatusCode.Forbidden || byInterpreter.Headers.Location?.OriginalString.Contains("/staff/access-denied", StringComparison.Ordinal) == true, "an interpreter does not decide");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nobodyChosen.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        Assert.Equal([colleague], workers);
        Assert.False(personLeft);
        Assert.False(isErased);   // the case goes on for the others
        Assert.False(awaits);
        Assert.Equal(1, await AuditedAsync(app, AuditActions.WorkerErased));
    }

    [Fact]
    public async Task The_figures_keep_counting_an_erased_consultation_by_its_month_without_its_day_or_residence_status()
    {
        await using var app = await StartAsync();
        var receipt = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { ResidenceStatus = "technical-intern-training" });
        var link = new Uri(receipt.FollowUpUrl).PathAndQuery;
        using var worker = app.CreatePageClient("en");
        var key = await app.FactKeyOfIntakeAsync(receipt.Reference);
        var before = await FactAsync(app, key);
        var erased = await worker.SubmitAsync(await worker.GetPageAsync(link + "?erase=true"), link, new Dictionary<string, string>(), handler: "Erase");
        var after = await FactAsync(app, key);

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.NotNull(before.ResidenceToken);
        Assert.Null(after.ResidenceToken);
        Assert.Equal(before.Month, after.Month);
        Assert.Equal((before.Month * 100) + 1, after.Day);
        Assert.True(after.Counted);
    }

    private static Task<StatisticsFact> FactAsync(SoudanApp app, string key) =>
        app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<StatisticsFact>().AsNoTracking().SingleAsync(f => f.SourceKey == key));

    /// <summary>A worker with a private link and a case, and the markers written in every field that is about them.</summary>
    private sealed record Worker(string Marker, string Phone, PageClient Page, string Link, int CaseId, string CaseReference)
    {
        public IEnumerable<string> Markers => [Marker + "-name", Marker + "@example.org", Marker + "-line", Marker + "-other", Marker + "-employer", Marker + "-agency", Marker + "-note", Marker + "-tag", Marker + "-task", Marker + "-file", Marker + "-message", Phone];
    }

    private Task<SoudanApp> StartAsync(FakeTimeProvider? clock = null) =>
        SoudanApp.StartAsync(database, new Dictionary<string, string?>
        {
            // The summarizer's timer follows the fake clock: two weeks of 15-second ticks would take minutes to replay.
            ["Statistics:SummaryIntervalSeconds"] = "86400",
        }, clock);

    private static async Task<Worker> CaseWithMarkersAsync(SoudanApp app)
    {
        // Lower case: the search index keeps text folded, and the scan looks for the bytes as stored.
        var marker = "zq" + Guid.NewGuid().ToString("N")[..12];
        var digits = Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var receipt = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with
        {
            Name = marker + "-name",
            Employer = marker + "-employer",
            DispatchAgency = marker + "-agency",
            Contact = new IntakeContact { Phone = "090" + digits, Email = marker + "@example.org", Line = marker + "-line", Other = marker + "-other" },
        });
        var link = new Uri(receipt.FollowUpUrl).PathAndQuery;
        var page = app.CreatePageClient("en");
        await page.SubmitAsync(await page.GetPageAsync(link), link, new Dictionary<string, string> { ["Message"] = marker + "-message" });
        using var opener = await app.SignInAsync(StaffRoles.Coordinator);
        var intakeId = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.Where(i => i.Reference == receipt.Reference).Select(i => i.Id).SingleAsync());
        var opened = await opener.SubmitAsync($"/staff/intakes/{intakeId}", new Dictionary<string, string> { ["personId"] = "" }, handler: "OpenCase");
        var caseId = int.Parse(opened.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);
        var reference = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Case>().Where(c => c.Id == caseId).Select(c => c.Reference).SingleAsync());
        return new Worker(marker, digits, page, link, caseId, reference);
    }

    /// <summary>What a counselor adds over the weeks: a note others may search, a tag, a task, a document.</summary>
    private static async Task AddToCaseAsync(PageClient counselor, Worker worker)
    {
        var path = $"/staff/cases/{worker.CaseId}";
        await counselor.SubmitAsync(path, new Dictionary<string, string> { ["text"] = "Called " + worker.Marker + "-note" }, handler: "Note");
        await counselor.SubmitAsync(await counselor.GetPageAsync(path), path, new Dictionary<string, string> { ["details.Tags"] = worker.Marker + "-tag" }, handler: "Details");
        await counselor.SubmitAsync(path, new Dictionary<string, string> { ["title"] = "Ask " + worker.Marker + "-task", ["dueOn"] = "2031-01-01" }, handler: "Task");
        var upload = await counselor.UploadAsync(path, "Document", new Dictionary<string, string> { ["kind"] = "pay-slip" }, worker.Marker + "-file.pdf", Encoding.ASCII.GetBytes("%PDF-1.4 slip"));
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
    }

    private static async Task EraseThroughLinkAsync(Worker worker)
    {
        var erased = await worker.Page.SubmitAsync(await worker.Page.GetPageAsync(worker.Link + "?erase=true"), worker.Link, new Dictionary<string, string>(), handler: "Erase");
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
    }

    /// <summary>The worker's markers found in the database's files, as ASCII or UTF-16 bytes.</summary>
    private async Task<List<string>> MarkersInFilesAsync(SoudanApp app, Worker worker)
    {
        var files = await DatabaseFilesAsync(app);
        return [.. worker.Markers.Where(marker => files.Any(file =>
        {
            var bytes = File.ReadAllBytes(file);
            return bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(marker)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(marker)) >= 0;
        }))];
    }

    /// <summary>
    /// SQLite: the database file, its log and journal, once every pooled connection closed (the last one
    /// empties the log). PostgreSQL: the files of this database's relations, after a checkpoint wrote
    /// out every changed page (the write-ahead log, which keeps old changes until it is recycled, is
    /// not among them: docs/privacy.md says so).
    /// </summary>
    private async Task<List<string>> DatabaseFilesAsync(SoudanApp app)
    {
        if (database == TestDatabase.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            return [.. Directory.GetFiles(app.DataDirectory, "soudan.db*")];
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(SoudanApp.PostgresServer) { Database = app.PostgresDatabase }.ConnectionString);
        await connection.OpenAsync();
        await using (var checkpoint = new NpgsqlCommand("CHECKPOINT", connection))
        {
            await checkpoint.ExecuteNonQueryAsync();
        }

        await using var where = new NpgsqlCommand("SELECT current_setting('data_directory') || '/base/' || oid FROM pg_database WHERE datname = current_database()", connection);
        var directory = (string)(await where.ExecuteScalarAsync())!;
        return [.. Directory.GetFiles(directory)];
    }

    private static Task<int> CountAsync<T>(SoudanApp app)
        where T : class =>
        app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<T>().CountAsync());

    private static Task<bool> ErasedAsync(SoudanApp app, Worker worker) =>
        app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Case>().Where(c => c.Id == worker.CaseId).Select(c => c.PersonalDataErasedAtUtc != null).SingleAsync());

    private static Task<int> AuditedAsync(SoudanApp app, string action) =>
        app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.CountAsync(e => e.Action == action));
}

public sealed class ErasureTestsOnSqlite() : ErasureTests(TestDatabase.Sqlite);

public sealed class ErasureTestsOnPostgres() : ErasureTests(TestDatabase.Postgres);
