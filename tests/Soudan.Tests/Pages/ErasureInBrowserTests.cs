using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Tests.Pages;

/// <summary>
/// A worker whose consultation became a case deletes it on a 390 px phone, in every public
/// language: before and after, the page says what happens to the case, fits the screen and has no
/// serious accessibility problem.
/// </summary>
[Collection(InChromium.Name)]
public sealed class ErasureInBrowserTests(BrowserFixture browser)
{
    public static TheoryData<string> Languages() => [.. PublicLanguages.All.Select(l => l.Code)];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_worker_with_a_case_reads_what_deleting_does_to_it_on_a_phone(string code)
    {
        var app = browser.App;
        var receipt = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { InterfaceLanguage = code, Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() } });
        using (var coordinator = await app.SignInAsync(StaffRoles.Coordinator))
        {
            var intakeId = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.Where(i => i.Reference == receipt.Reference).Select(i => i.Id).SingleAsync());
            await coordinator.SubmitAsync($"/staff/intakes/{intakeId}", new Dictionary<string, string> { ["personId"] = "" }, handler: "OpenCase");
        }

        var link = $"/{code}/c/{new Uri(receipt.FollowUpUrl).Segments.Last()}";
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var problems = new List<string>();
        async Task CheckAsync(string what)
        {
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (width > 390)
            {
                problems.Add($"{what}: {width}px wide");
            }

            problems.AddRange((await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{what}: {v.Id}"));
        }

        await page.GotoAsync(link + "?erase=true");
        var warned = await page.Locator("[role=alert] .erasure-case").CountAsync();
        await CheckAsync("confirmation");
        await BrowserFixture.ScreenshotAsync(page, $"erase-with-case-{code}");
        await page.Locator("form[action*='handler=Erase'] button").ClickAsync();
        await page.Locator("[role=status] h1").WaitForAsync();
        var told = await page.Locator("[role=status] .erasure-case").CountAsync();
        await CheckAsync("deleted");

        Assert.Equal(1, warned);   // what becomes of the case, beside what goes
        Assert.Equal(1, told);
        Assert.Empty(problems);
    }
}
