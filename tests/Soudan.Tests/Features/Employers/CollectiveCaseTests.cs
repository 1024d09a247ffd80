using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;

namespace Soudan.Tests.Features.Employers;

/// <summary>Three workers with open cases at one company: the cases, the company page and the queue say so.</summary>
public abstract class CollectiveCaseTests(SoudanApp app)
{
    [Fact]
    public async Task A_third_worker_at_one_hotel_raises_the_collective_flag_however_the_name_was_typed()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var hotel = "Hotel Sakura " + Random.Shared.Next(100_000, 999_999);
        var typings = new[] { hotel, hotel.ToUpperInvariant() + " Co., Ltd.", "株式会社 " + hotel };

        var first = await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { DispatchAgency = null, Employer = typings[0], Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { DispatchAgency = null, Employer = typings[1], Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        var beforeThird = PageClient.MainText(await counselor.GetPageAsync($"/staff/cases/{first}"));
        await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { DispatchAgency = null, Employer = typings[2], Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        var fourth = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { DispatchAgency = null, Employer = hotel.ToLowerInvariant(), Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });

        var casePage = await counselor.GetPageAsync($"/staff/cases/{first}");
        var employerLink = casePage.QuerySelector("a[href^='/staff/employers/']")!.GetAttribute("href")!;
        var employerPage = await counselor.GetPageAsync(employerLink);
        var queue = await counselor.GetPageAsync("/staff/intakes");
        var fourthRow = queue.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(fourth.Reference, StringComparison.Ordinal) || r.TextContent.Contains(fourth.Reference.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal));

        using var interpreter = await app.SignInAsync(StaffRoles.Interpreter);
        var interpreterSees = await interpreter.GetAsync(employerLink);
        Assert.Contains("access-denied", interpreterSees.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("Possible collective case", beforeThird, StringComparison.Ordinal);
        Assert.Contains("Possible collective case", PageClient.MainText(casePage), StringComparison.Ordinal);
        Assert.Contains("3 workers have open cases", PageClient.MainText(employerPage), StringComparison.Ordinal);
        Assert.Equal(3, employerPage.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("Possible collective case", fourthRow.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_cases_do_not_count_towards_the_flag()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var shop = "Konbini Star " + Random.Shared.Next(100_000, 999_999);
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await app.OpenCaseAsync(counselor, SoudanApp.SampleIntake() with { DispatchAgency = null, Employer = shop, Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } }));
        }

        await counselor.SubmitAsync($"/staff/cases/{ids[0]}", new Dictionary<string, string> { ["status"] = "Closed", ["outcome.NothingObtained"] = "true" }, handler: "Status");
        var status = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Case>().Where(c => c.Id == ids[0]).Select(c => c.Status).SingleAsync());

        Assert.Equal(CaseStatus.Closed, status);
        Assert.DoesNotContain("Possible collective case", PageClient.MainText(await counselor.GetPageAsync($"/staff/cases/{ids[1]}")), StringComparison.Ordinal);
    }
}

[Collection(OnSqlite.Name)]
public sealed class CollectiveCaseTestsOnSqlite(SqliteAppFixture fixture) : CollectiveCaseTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class CollectiveCaseTestsOnPostgres(PostgresAppFixture fixture) : CollectiveCaseTests(fixture.App);
