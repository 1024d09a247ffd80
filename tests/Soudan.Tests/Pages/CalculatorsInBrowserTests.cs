using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Soudan.Tests.Pages;

/// <summary>
/// The calculators as workers use them on a phone (360×740) in Chromium: Bikash's month of overtime
/// in Nepali from a weekly pattern written out day by day (SCENARIOS.md §2), and Sara's leave
/// allowance in Arabic, right to left, from her average wage (SCENARIOS.md §8).
/// </summary>
[Collection(InChromium.Name)]
public sealed class CalculatorsInBrowserTests(BrowserFixture browser)
{
    private static readonly BrowserNewContextOptions Phone = new() { ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true };

    [Fact]
    public async Task A_cook_enters_his_week_in_Nepali_checks_the_days_and_takes_the_figure_to_a_counselor()
    {
        var page = await browser.NewPageAsync(Phone);
        await page.GotoAsync("/ne/tools");
        await page.Locator("main a[href='/ne/tools/overtime']").ClickAsync();

        await page.Locator("#Input_PrefectureCode").SelectOptionAsync("13");
        await page.Locator("#Input_Pay").FillAsync("१८०००० ");
        await page.Locator("#Input_HoursPerMonth").FillAsync("160");
        await page.Locator("#Input_From").FillAsync("2025-11-01");
        await page.Locator("#Input_To").FillAsync("2025-11-30");
        await page.Locator("input[name='Input.Weekdays'][value='saturday']").CheckAsync();
        await page.Locator("#Input_Start").FillAsync("06:00");
        await page.Locator("#Input_End").FillAsync("23:00");
        await page.Locator("button[formaction='?handler=days']").ClickAsync();

        await page.Locator(".day-row").First.WaitForAsync();
        var filled = await page.Locator(".day-row input[type=date]").EvaluateAllAsync<int>("inputs => inputs.filter(i => i.value).length");
        await BrowserFixture.ScreenshotAsync(page, "overtime-days-ne");
        await page.Locator(".calculator-form button.button--large").ClickAsync();

        var headline = await page.Locator(".result__headline").InnerTextAsync();
        var focused = await page.EvaluateAsync<bool>("document.activeElement.id === 'result'");
        await BrowserFixture.ScreenshotAsync(page, "overtime-result-ne");
        Assert.Equal(25, filled); // Monday to Saturday in November 2025
        Assert.Contains("4,15,921", headline, StringComparison.Ordinal); // ¥415,921, grouped as Nepali readers write it
        Assert.True(focused, "the answer has the focus, so a screen reader reads it first");
        Assert.Equal("ltr", await page.Locator("html").GetAttributeAsync("dir"));

        await page.Locator(".write-to-us a[href^='/ne/consult']").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/ne/consult\?tool=overtime&yen=415921$"));
        Assert.Contains("4,15,921", await page.Locator("#Input_Description").InputValueAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#Input_Problems_unpaid-overtime").IsCheckedAsync());
    }

    [Fact]
    public async Task A_worker_reads_her_leave_allowance_in_Arabic_right_to_left_from_her_average_wage()
    {
        var page = await browser.NewPageAsync(Phone);
        await page.GotoAsync("/ar/tools/average-wage");
        foreach (var (i, days, worked, pay) in new[] { (0, "31", "20", "192000"), (1, "28", "18", "172800"), (2, "31", "21", "201600") })
        {
            await page.Locator($"#Input_Period_{i}__CalendarDays").FillAsync(days);
            await page.Locator($"#Input_Period_{i}__DaysWorked").FillAsync(worked);
            await page.Locator($"#Input_Period_{i}__Variable").FillAsync(pay);
        }

        await page.Locator(".calculator-form button.button--large").ClickAsync();
        var average = await page.Locator(".result__headline").InnerTextAsync();
        await page.Locator(".result a[href^='/ar/tools/leave-allowance']").ClickAsync();
        Assert.Equal("6293.33", await page.Locator("#Input_AverageWage").InputValueAsync());

        // The keyboard is enough: the number of days, then Enter.
        await page.Locator("#Input_LeaveDays").FillAsync("٢٠");
        await page.Locator("#Input_LeaveDays").PressAsync("Enter");
        var headline = await page.Locator(".result__headline").InnerTextAsync();
        var steps = await page.Locator(".calculation-steps li").AllInnerTextsAsync();
        var axe = await page.RunAxe();
        await BrowserFixture.ScreenshotAsync(page, "leave-allowance-result-ar");

        Assert.Contains("6٬293٫33", average, StringComparison.Ordinal); // Arabic separators, Latin digits
        Assert.Contains("75٬520", headline, StringComparison.Ordinal);  // 6,293.33 × 60 % × 20 days, rounded to the yen
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal(3, steps.Count);
        Assert.All(steps, s => Assert.Matches(@"\p{IsArabic}", s));
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id));
    }
}
