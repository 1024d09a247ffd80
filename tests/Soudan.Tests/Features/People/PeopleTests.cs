using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Features.Statistics;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Features.People;
using Soudan.Web.Features.Statistics;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Tests.Features.People;

public sealed class PersonNamesTests
{
    [Theory]
    [InlineData("NGUYỄN Văn An", "Nguyen Van An")]
    [InlineData("タナカ ハナコ", "Hanako Tanaka")]
    [InlineData("ｽｽﾞｷ・ｲﾁﾛｳ", "Suzuki Ichirou")]
    [InlineData("Maria  Santos-Reyes", "maria reyes santos")]
    public void One_name_written_two_ways_folds_to_one_key(string one, string other) =>
        Assert.Equal(PersonNames.Key(one), PersonNames.Key(other));

    [Fact]
    public void Spellings_of_one_name_share_a_skeleton_and_different_names_do_not()
    {
        Assert.Equal(PersonNames.Skeleton(PersonNames.Key("Mohammed")), PersonNames.Skeleton(PersonNames.Key("Muhammad")));
        Assert.Equal("mhmd", PersonNames.Skeleton(PersonNames.Key("Mohammed")));
        Assert.NotEqual(PersonNames.Skeleton(PersonNames.Key("Mohammed")), PersonNames.Skeleton(PersonNames.Key("Ahmed Ali")));
        Assert.Null(PersonNames.Skeleton(PersonNames.Key("Ana")));
        Assert.Null(PersonNames.Key("?"));
    }
}

/// <summary>A worker's record: edited, reminded, and merged with another record of the same worker.</summary>
public abstract class PeopleTests(SoudanApp app)
{
    private async Task<int> PersonOfAsync(int caseId) =>
        await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseWorker>().Where(w => w.CaseId == caseId).Select(w => w.PersonId).SingleAsync());

    [Fact]
    public async Task Two_records_of_one_worker_are_suggested_and_merged_keeping_both_cases_and_both_numbers()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var surname = "Tran" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var phoneA = CaseSteps.UniquePhone();
        var phoneB = CaseSteps.UniquePhone();
        var first = await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { Name = $"Nguyễn Văn {surname}", Nationality = "VN", Contact = new IntakeContact { Phone = phoneA } });
        var second = await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { Name = $"NGUYEN VAN {surname.ToUpperInvariant()}", Nationality = "KH", Contact = new IntakeContact { Phone = phoneB } });
        var (kept, duplicate) = (await PersonOfAsync(first), await PersonOfAsync(second));
        async Task<string?> CountedNationalityAsync(int caseId)
        {
            var key = await app.FactKeyOfCaseAsync(caseId);
            return await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<StatisticsFact>().Where(f => f.SourceKey == key).Select(f => f.Nationality).SingleAsync());
        }

        Assert.Equal("KH", await CountedNationalityAsync(second));

        var page = await counselor.GetPageAsync($"/staff/people/{kept}");
        var merged = await counselor.SubmitAsync(page, $"/staff/people/{kept}", new Dictionary<string, string> { ["duplicateId"] = duplicate.ToString(System.Globalization.CultureInfo.InvariantCulture) }, handler: "Merge");
        var (secondCaseWorker, gone, phones) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            return (await db.Set<CaseWorker>().Where(w => w.CaseId == second).Select(w => w.PersonId).SingleAsync(),
                !await db.Set<Person>().AnyAsync(p => p.Id == duplicate),
                (await db.Set<Person>().SingleAsync(p => p.Id == kept)).PhoneNumbers);
        });
        var foundByOldNumber = await counselor.GetPageAsync("/staff/search?q=" + Uri.EscapeDataString(phoneB));

        Assert.Contains("same name, written another way", page.QuerySelector("#duplicates-title")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal(kept, secondCaseWorker);
        Assert.True(gone);
        Assert.Equal(2, phones.Count);
        Assert.NotNull(foundByOldNumber.QuerySelector($"a[href='/staff/cases/{second}']"));
        // The moved case is counted under the worker it now belongs to, in the same save.
        Assert.Equal("VN", await CountedNationalityAsync(second));
    }

    [Fact]
    public async Task A_counselor_updates_a_record_and_asks_for_a_reminder_before_the_residence_card_expires()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var caseId = await app.OpenCaseAsync(counselor);
        var person = await PersonOfAsync(caseId);
        var expires = new DateOnly(2027, 3, 31);

        var mistaken = await counselor.SubmitAsync($"/staff/people/{person}", new Dictionary<string, string>
        {
            ["input.Phones"] = "090-1234-5678\nnot a number",
            ["input.CardReminderDays"] = "30",
        });
        var mistakePage = await PageClient.ParseAsync(mistaken);
        var saved = await counselor.SubmitAsync($"/staff/people/{person}", new Dictionary<string, string>
        {
            ["input.NameReading"] = "アナ",
            ["input.Phones"] = "090-1234-5678\n+63 917 123 4567",
            ["input.ResidenceCardExpiresOn"] = "2027-03-31",
            ["input.CardReminderDays"] = "30",
        });
        var (stored, residence, reminder) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            var record = await db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == person);
            return (record, Residence.Read(s.GetRequiredService<SensitiveText>(), record.ResidenceProtected),
                (await db.Set<CaseTask>().AsNoTracking().Where(t => t.CaseId == caseId).ToListAsync()).SingleOrDefault(t => t.Title.Contains("residence card", StringComparison.Ordinal)));
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, mistaken.StatusCode);
        Assert.Contains("This is not a phone number: not a number", mistakePage.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("A reminder needs the day the card expires.", mistakePage.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("not a number", mistakePage.QuerySelector("#Input_Phones")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["+819012345678", "+639171234567"], stored.PhoneNumbers);
        Assert.Equal(expires, residence.CardExpiresOn);
        Assert.Equal("long-term-resident", residence.Status); // from the consultation, kept when the card was added
        Assert.NotNull(reminder);
        Assert.Equal(expires.AddDays(-30), reminder.DueOn);
        Assert.Equal("Renew the residence card", reminder.Title);   // it names no one and says no day; stored encrypted all the same
    }

    [Fact]
    public async Task Residence_details_written_in_clear_before_they_were_encrypted_are_encrypted_at_start()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var caseId = await app.OpenCaseAsync(counselor);
        var person = await PersonOfAsync(caseId);
        var intake = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.Where(i => i.CaseId == caseId).Select(i => i.Id).SingleAsync());
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            await db.Database.ExecuteSqlAsync($"UPDATE \"People\" SET \"ResidenceProtected\" = NULL, \"ResidenceStatus\" = 'no-status', \"ResidenceCardExpiresOn\" = {new DateOnly(2029, 2, 3)} WHERE \"Id\" = {person}");
            return await db.Database.ExecuteSqlAsync($"UPDATE \"Intakes\" SET \"ResidenceProtected\" = NULL, \"ResidenceStatus\" = 'student' WHERE \"Id\" = {intake}");
        });

        using var backfill = ActivatorUtilities.CreateInstance<ResidenceBackfill>(app.Services);
        await backfill.StartAsync(CancellationToken.None);
#pragma warning disable VSTHRD003 // the service's own work, started on the line above
        await backfill.ExecuteTask!;
#pragma warning restore VSTHRD003

        var (personRow, intakeRow) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            var sensitive = s.GetRequiredService<SensitiveText>();
            var clear = await db.Set<Person>().Where(p => p.Id == person)
                .Select(p => new { Status = EF.Property<string?>(p, ResidenceBackfill.LegacyStatus), Expires = EF.Property<DateOnly?>(p, ResidenceBackfill.LegacyCardExpiry), p.ResidenceProtected }).SingleAsync();
            var clearIntake = await db.Intakes.Where(i => i.Id == intake)
                .Select(i => new { Status = EF.Property<string?>(i, ResidenceBackfill.LegacyStatus), i.ResidenceProtected }).SingleAsync();
            return ((clear.Status, clear.Expires, Residence.Read(sensitive, clear.ResidenceProtected)), (clearIntake.Status, Residence.Read(sensitive, clearIntake.ResidenceProtected)));
        });

        Assert.Equal((null, null, new Residence("no-status", new DateOnly(2029, 2, 3))), personRow);
        Assert.Equal((null, new Residence("student", null)), intakeRow);
    }

    [Fact]
    public async Task An_interpreter_reads_only_the_records_of_their_cases_and_cannot_change_them()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var interpreterCredentials = await app.CreateStaffAsync([StaffRoles.Interpreter], twoFactor: true);
        using var interpreter = app.CreatePageClient();
        await interpreter.SignInAsync(interpreterCredentials);
        var given = await app.OpenCaseAsync(counselor);
        var other = await app.OpenCaseAsync(counselor);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var page = await coordinator.GetPageAsync($"/staff/cases/{given}");
        await coordinator.SubmitAsync(page, $"/staff/cases/{given}", new Dictionary<string, string> { ["counselorId"] = "", ["interpreterId"] = interpreterCredentials.Id.ToString() }, handler: "Assign");

        var readable = await interpreter.GetAsync($"/staff/people/{await PersonOfAsync(given)}");
        var hidden = await interpreter.GetAsync($"/staff/people/{await PersonOfAsync(other)}");
        var readablePage = await PageClient.ParseAsync(readable);

        Assert.Equal(HttpStatusCode.OK, readable.StatusCode);
        Assert.Empty(readablePage.QuerySelectorAll("form[method=post]:not([action*='sign-out'])"));
        Assert.Contains("access-denied", hidden.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }
}

[Collection(OnSqlite.Name)]
public sealed class PeopleTestsOnSqlite(SqliteAppFixture fixture) : PeopleTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class PeopleTestsOnPostgres(PostgresAppFixture fixture) : PeopleTests(fixture.App);
