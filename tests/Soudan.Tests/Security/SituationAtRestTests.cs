using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Features.Statistics;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Features.Statistics;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Tests.Security;

/// <summary>
/// What an older version kept in clear beside a name (problems, urgent needs, tags, task titles,
/// referrals, file names, reasons, what a case won) and
/// the rows of figures it tied to a case by id: read as before until encrypted and keyed at start,
/// with nothing counted twice. On both databases.
/// </summary>
public abstract class SituationAtRestTests(SoudanApp app)
{
    [Fact]
    public async Task What_an_older_version_kept_in_clear_is_read_as_before_then_encrypted_and_its_figures_keyed_at_start()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["title"] = "Ask for the pay slips", ["dueOn"] = "2031-01-01" }, handler: "Task");
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["to"] = "union", ["organisation"] = "Some union", ["agreed"] = "true" }, handler: "Referral");
        await counselor.UploadAsync($"/staff/cases/{id}", "Document", new Dictionary<string, string> { ["kind"] = "other" }, "slip.pdf", System.Text.Encoding.ASCII.GetBytes("%PDF-1.4 slip"));
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["status"] = "Resolved", ["reason"] = "paid", ["outcome.Benefits"] = "public-assistance" }, handler: "Status");
        var (intakeId, reference) = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.Where(i => i.CaseId == id).Select(i => new ValueTuple<long, string>(i.Id, i.Reference)).SingleAsync());
        var (caseKey, intakeKey) = (await app.FactKeyOfCaseAsync(id), await app.FactKeyOfIntakeAsync(reference));
        var factsBefore = await FactsAsync(caseKey, intakeKey);

        // As an older version left them: in clear, the rows of figures tied by id.
        string List(params string[] values) => app.Database == TestDatabase.Postgres
            ? "ARRAY[" + string.Join(", ", values.Select(v => "'" + v + "'")) + "]::text[]"
            : "'[" + string.Join(",", values.Select(v => "\"" + v + "\"")) + "]'";
        var yes = app.Database == TestDatabase.Postgres ? "TRUE" : "1";
        await ExecuteAsync(
            $"""UPDATE "Intakes" SET "FieldsProtected" = NULL, "Problems" = {List("outing-or-discrimination")}, "UrgentNeeds" = {List("in-danger")} WHERE "Id" = {intakeId}""",
            $"""UPDATE "Case" SET "FieldsProtected" = NULL, "Problems" = {List("outing-or-discrimination")}, "DisputeCategories" = {List("bullying-harassment")}, "Tags" = {List("older-tag")} WHERE "Id" = {id}""",
            $"""UPDATE "CaseTasks" SET "FieldsProtected" = NULL, "Title" = 'Older task title' WHERE "CaseId" = {id}""",
            $"""UPDATE "CaseReferrals" SET "FieldsProtected" = NULL, "To" = 'shelter', "Organisation" = 'Older shelter', "Shared" = {List("story")} WHERE "CaseId" = {id}""",
            $"""UPDATE "CaseDocuments" SET "FieldsProtected" = NULL, "FileName" = 'older-diagnosis.pdf' WHERE "CaseId" = {id}""",
            $"""UPDATE "CaseEntry" SET "FieldsProtected" = NULL, "Reason" = 'Older reason' WHERE "CaseId" = {id} AND "FieldsProtected" IS NOT NULL""",
            $"""UPDATE "CaseOutcomes" SET "FieldsProtected" = NULL, "Benefits" = {List("unemployment")}, "Reinstated" = {yes}, "VisaResolved" = {yes} WHERE "CaseId" = {id}""",
            $"""UPDATE "StatisticsFact" SET "SourceKey" = NULL, "CaseId" = {id} WHERE "SourceKey" = '{caseKey}'""",
            $"""UPDATE "StatisticsFact" SET "SourceKey" = NULL, "IntakeId" = {intakeId}, "JoinedCaseId" = {id} WHERE "SourceKey" = '{intakeKey}'""");

        var readBefore = PageClient.MainText(await counselor.GetPageAsync($"/staff/cases/{id}"));
        await RunAsync<SituationBackfill>();
        await RunAsync<StatisticsBackfill>();
        var (intake, held, task, legacy) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            var clear = new List<object?>
            {
                await db.Intakes.Where(i => i.Id == intakeId).Select(i => EF.Property<List<string>?>(i, Intake.LegacyProblems)).SingleAsync(),
                await db.Intakes.Where(i => i.Id == intakeId).Select(i => EF.Property<List<string>?>(i, Intake.LegacyUrgentNeeds)).SingleAsync(),
                await db.Set<Case>().Where(c => c.Id == id).Select(c => EF.Property<List<string>?>(c, Case.LegacyTags)).SingleAsync(),
                await db.Set<CaseTask>().Where(t => t.CaseId == id).Select(t => EF.Property<string?>(t, CaseTask.LegacyTitle)).SingleAsync(),
                await db.Set<CaseReferral>().Where(r => r.CaseId == id).Select(r => EF.Property<string?>(r, CaseReferral.LegacyOrganisation)).SingleAsync(),
                await db.Set<CaseDocument>().Where(d => d.CaseId == id).Select(d => EF.Property<string?>(d, CaseDocument.LegacyFileName)).SingleAsync(),
                await db.Set<CaseOutcome>().Where(o => o.CaseId == id).Select(o => EF.Property<bool?>(o, CaseOutcome.LegacyReinstated)).SingleAsync(),
                await db.Set<CaseOutcome>().Where(o => o.CaseId == id).Select(o => EF.Property<List<string>?>(o, CaseOutcome.LegacyBenefits)).SingleAsync(),
            };
            clear.AddRange(await db.Set<CaseEntry>().Where(e => e.CaseId == id).Select(e => EF.Property<string?>(e, CaseEntry.LegacyReason)).ToListAsync());
            var @case = await db.Set<Case>().AsNoTracking().Include(c => c.Outcome).Include(c => c.Entries).SingleAsync(c => c.Id == id);
            var referral = await db.Set<CaseReferral>().AsNoTracking().SingleAsync(r => r.CaseId == id);
            var document = await db.Set<CaseDocument>().AsNoTracking().SingleAsync(d => d.CaseId == id);
            return (await db.Intakes.AsNoTracking().SingleAsync(i => i.Id == intakeId), (@case, referral, document),
                await db.Set<CaseTask>().AsNoTracking().SingleAsync(t => t.CaseId == id), clear);
        });
        var (@case, referral, document) = held;
        var factsAfter = await FactsAsync(caseKey, intakeKey);

        Assert.Contains("older-tag", readBefore, StringComparison.Ordinal);
        Assert.Contains("Older task title", readBefore, StringComparison.Ordinal);
        Assert.Contains("Older shelter", readBefore, StringComparison.Ordinal);
        Assert.Contains("older-diagnosis.pdf", readBefore, StringComparison.Ordinal);
        Assert.Contains("Older reason", readBefore, StringComparison.Ordinal);
        Assert.All(legacy, Assert.Null);
        Assert.NotNull(intake.FieldsProtected);
        Assert.Equal(["outing-or-discrimination"], intake.Problems);
        Assert.Equal(["in-danger"], intake.UrgentNeeds);
        Assert.Equal(["outing-or-discrimination"], @case.Problems);
        Assert.Equal(["bullying-harassment"], @case.DisputeCategories);
        Assert.Equal(["older-tag"], @case.Tags);
        Assert.Equal("Older task title", task.Title);
        Assert.Equal(("shelter", "Older shelter"), (referral.To, referral.Organisation));
        Assert.Equal(["story"], referral.Shared);
        Assert.Equal("older-diagnosis.pdf", document.FileName);
        Assert.Contains(@case.Entries, e => e.Reason == "Older reason");
        Assert.Equal(["unemployment"], @case.Outcome!.Benefits);
        Assert.Equal((true, true), (@case.Outcome.Reinstated, @case.Outcome.VisaResolved));
        Assert.Equal((1, 1, 0), factsBefore);
        Assert.Equal((1, 1, 0), factsAfter);
    }

    /// <summary>The case's and the consultation's rows of figures by their keys, and the rows still tied by an id.</summary>
    private Task<(int Case, int Intake, int TiedById)> FactsAsync(string caseKey, string intakeKey) =>
        app.WithScopeAsync(async s =>
        {
            var facts = s.GetRequiredService<SoudanDbContext>().Set<StatisticsFact>();
            return (
                await facts.CountAsync(f => f.SourceKey == caseKey),
                await facts.CountAsync(f => f.SourceKey == intakeKey),
                await facts.CountAsync(f => EF.Property<int?>(f, StatisticsFact.LegacyCaseId) != null || EF.Property<long?>(f, StatisticsFact.LegacyIntakeId) != null));
        });

    private async Task RunAsync<T>()
        where T : Microsoft.Extensions.Hosting.BackgroundService
    {
        using var service = ActivatorUtilities.CreateInstance<T>(app.Services);
        await service.StartAsync(CancellationToken.None);
#pragma warning disable VSTHRD003 // the service's own work, started on the line above
        await service.ExecuteTask!;
#pragma warning restore VSTHRD003
    }

    private Task<int> ExecuteAsync(params string[] statements) =>
        app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            foreach (var sql in statements)
            {
                Assert.Equal(1, await db.Database.ExecuteSqlRawAsync(sql));
            }

            return 0;
        });
}

[Collection(OnSqlite.Name)]
public sealed class SituationAtRestTestsOnSqlite(SqliteAppFixture fixture) : SituationAtRestTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class SituationAtRestTestsOnPostgres(PostgresAppFixture fixture) : SituationAtRestTests(fixture.App);
