using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Features.Search;

namespace Soudan.Tests.Features.Search;

/// <summary>The search box, on both databases: any script, any phone format, only what one may see.</summary>
public abstract class SearchTests(SoudanApp app)
{
    /// <summary>A few digits that make this test's records its own in the shared database.</summary>
    private static string Unique() => Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> References(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("table a[href^='/staff/cases/']").Select(a => a.TextContent).ToList();

    private async Task<string> ReferenceAsync(int caseId) =>
        await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Case>().Where(c => c.Id == caseId).Select(c => c.Reference).SingleAsync());

    [Fact]
    public async Task A_case_is_found_by_name_in_any_script_phone_in_any_format_employer_reference_and_note()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var unique = Unique();
        var phone = "080-" + unique[..4] + "-" + unique[2..];
        var id = await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with
        {
            Name = "タナカ ハナコ",
            Employer = $"株式会社テスト商事{unique}",
            Contact = new IntakeContact { Phone = phone },
        });
        var other = await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { Name = "محمد " + unique, Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["text"] = $"Shift photos show 84 hours in week {unique}" }, handler: "Note");
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["text"] = $"HIV clinic visit {unique}", ["sensitive"] = "true" }, handler: "Note");
        var reference = await ReferenceAsync(id);

        async Task<List<string>> FindAsync(string q) => References(await counselor.GetPageAsync("/staff/search?q=" + Uri.EscapeDataString(q)));

        Assert.Equal([reference], await FindAsync($"たなか テスト商事{unique}"));                 // katakana name found in hiragana
        Assert.Equal([reference], await FindAsync($"ﾃｽﾄ商事{unique}"));                          // half-width katakana
        Assert.Equal([reference], await FindAsync("+81 80 " + unique[..4] + " " + unique[2..]));  // international format
        Assert.Equal([reference], await FindAsync(phone.Replace("-", "", StringComparison.Ordinal)));
        Assert.Equal([reference], await FindAsync(reference));
        Assert.Equal([reference], await FindAsync($"84 hours in week {unique}"));
        Assert.Empty(await FindAsync($"HIV clinic visit {unique}"));                             // sensitive notes are not searchable
        Assert.Equal([await ReferenceAsync(other)], await FindAsync("محمد " + unique));
    }

    [Fact]
    public async Task A_two_character_family_name_is_found_though_the_trigram_index_cannot_see_it()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var unique = Unique();
        var id = await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { Name = "鈴木 " + unique, Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });

        var page = await counselor.GetPageAsync("/staff/search?q=" + Uri.EscapeDataString("鈴木 " + unique));

        Assert.Contains(await ReferenceAsync(id), References(page));
    }

    [Fact]
    public async Task An_interpreter_finds_only_the_cases_given_to_them_and_every_search_is_audited()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var interpreterCredentials = await app.CreateStaffAsync([StaffRoles.Interpreter], twoFactor: true);
        using var interpreter = app.CreatePageClient();
        await interpreter.SignInAsync(interpreterCredentials);
        var unique = Unique();
        var given = await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { Employer = "Hotel Given " + unique, Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        var notGiven = await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { Employer = "Hotel Other " + unique, Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var page = await coordinator.GetPageAsync($"/staff/cases/{given}");
        await coordinator.SubmitAsync(page, $"/staff/cases/{given}", new Dictionary<string, string> { ["counselorId"] = "", ["interpreterId"] = interpreterCredentials.Id.ToString() }, handler: "Assign");
        var before = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.CountAsync(e => e.Action == "case.searched" && e.ActorId == interpreterCredentials.Id));

        var found = References(await interpreter.GetPageAsync("/staff/search?q=hotel+" + unique));
        var counselorFinds = References(await counselor.GetPageAsync("/staff/search?q=hotel+" + unique));
        var after = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.CountAsync(e => e.Action == "case.searched" && e.ActorId == interpreterCredentials.Id));

        Assert.Equal([await ReferenceAsync(given)], found);
        Assert.Equal(2, counselorFinds.Count);
        Assert.Equal(before + 1, after);
        Assert.DoesNotContain(await ReferenceAsync(notGiven), found);
    }

    [Fact]
    public async Task Filters_narrow_the_results_and_an_inverted_date_range_is_explained()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var unique = Unique();
        var waiting = await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { Employer = "Factory " + unique, Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { Employer = "Factory " + unique, Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        await counselor.SubmitAsync($"/staff/cases/{waiting}", new Dictionary<string, string> { ["status"] = "WaitingOnWorker" }, handler: "Status");

        var filtered = References(await counselor.GetPageAsync($"/staff/search?q=factory+{unique}&status=WaitingOnWorker"));
        var inverted = await counselor.GetAsync("/staff/search?q=factory&from=2026-05-01&to=2026-04-01");
        var unknownProblem = await counselor.GetAsync("/staff/search?problem=bogus");
        var farFuture = await counselor.GetAsync("/staff/search?q=factory&to=9999-12-31");

        Assert.Equal([await ReferenceAsync(waiting)], filtered);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, inverted.StatusCode);
        Assert.Contains("The first day is after the last day.", PageClient.MainText(await PageClient.ParseAsync(inverted)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownProblem.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, farFuture.StatusCode);
    }

    [Theory]
    [InlineData(StaffRoles.Operator)]
    [InlineData(StaffRoles.Analyst)]
    public async Task Operators_and_analysts_cannot_search_cases(string role)
    {
        using var other = await app.SignInAsync(role);

        var response = await other.GetAsync("/staff/search?q=tanaka");

        Assert.Contains("access-denied", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }
}

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("ＴＡＮＡＫＡ　Hanako", "tanaka hanako")]
    [InlineData("タナカ", "たなか")]
    [InlineData("ｶﾞｲｺｸｼﾞﾝ", "がいこくじん")]
    [InlineData("  Nguyễn\u200B Văn  ", "nguyễn văn")]
    public void Text_is_searched_in_one_form(string text, string normalised) =>
        Assert.Equal(normalised, SearchText.Normalize(text));

    [Fact]
    public void Phone_numbers_in_any_format_become_digits_and_other_words_stay()
    {
        Assert.Equal(["09012345678"], SearchText.Terms("090-1234-5678"));
        Assert.Equal(["819012345678"], SearchText.Terms("+81(90)1234-5678"));
        Assert.Equal(["20260042"], SearchText.Terms("2026-0042"));
        Assert.Equal(["tanaka", "0312"], SearchText.Terms("Tanaka 03-12"));
        Assert.Equal(["819012345678"], SearchText.Terms("+81 90 1234 5678"));
        Assert.Equal(["819012345678", "09012345678"], SearchText.PhoneForms("+819012345678"));
    }
}

[Collection(OnSqlite.Name)]
public sealed class SearchTestsOnSqlite(SqliteAppFixture fixture) : SearchTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class SearchTestsOnPostgres(PostgresAppFixture fixture) : SearchTests(fixture.App);
