using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Tests.Pages;

/// <summary>The consultation as a worker sends it on a phone (360×740), in Chromium.</summary>
[Collection(InChromium.Name)]
public sealed class ConsultationInBrowserTests(BrowserFixture browser)
{
    private static readonly BrowserNewContextOptions Phone = new() { ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true };

    [Theory]
    [InlineData("tl", "Hindi kami binayaran ng overtime mula Mayo.")]
    [InlineData("ar", "لم يدفعوا لي أجر العمل الإضافي منذ مايو.")]
    public async Task A_worker_fixes_a_mistake_sends_the_form_and_opens_the_private_link(string code, string story)
    {
        var page = await browser.NewPageAsync(Phone);
        await page.GotoAsync($"/{code}/consult");

        await page.Locator("#Input_Name").FillAsync(code == "ar" ? "سارة" : "Ana");
        await page.Locator("#Input_Phone").FillAsync("090-1234-5678");
        await page.Locator("#Input_Problems_unpaid-overtime").CheckAsync();
        await page.Locator("#Input_Description").FillAsync(story);
        await page.Locator("button[type=submit]").ClickAsync();

        // Consent was forgotten: the summary says so, has the focus, and everything typed is still there.
        await page.Locator(".error-summary").WaitForAsync();
        var focused = await page.EvaluateAsync<bool>("document.activeElement.classList.contains('error-summary')");
        await BrowserFixture.ScreenshotAsync(page, $"consult-error-{code}");
        Assert.True(focused, "the error summary has the focus");
        Assert.Equal(story, await page.Locator("#Input_Description").InputValueAsync());
        await page.Locator(".error-summary a[href='#Input_Consent']").ClickAsync();
        await page.Locator("#Input_Consent").CheckAsync();
        await page.Locator("button[type=submit]").ClickAsync();

        var reference = await page.Locator(".reference").InnerTextAsync();
        await BrowserFixture.ScreenshotAsync(page, $"consult-received-{code}");
        await page.Locator(".private-link a").ClickAsync();
        await page.WaitForURLAsync($"**/{code}/c/*");

        Assert.Matches(@"^\d{3}-\d{3}-\d{3}$", reference);
        Assert.Contains(story, await page.Locator(".thread").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(code == "ar" ? "rtl" : "ltr", await page.Locator("html").GetAttributeAsync("dir"));
        await BrowserFixture.ScreenshotAsync(page, $"follow-up-{code}");
    }

    [Fact]
    public async Task Leaving_quickly_takes_the_page_out_of_the_back_button()
    {
        var page = await browser.NewPageAsync(Phone);
        await page.Context.RouteAsync("https://www.google.com/**", route => route.FulfillAsync(new() { Body = "<title>Search</title>", ContentType = "text/html" }));
        await page.GotoAsync("/en/");
        await page.GotoAsync("/en/consult");

        await page.Locator("a[data-quick-exit]").ClickAsync();
        await page.WaitForURLAsync("https://www.google.com/**");
        await page.GoBackAsync();

        Assert.EndsWith("/en/", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_accessibility_check_does_find_problems_when_there_are_some()
    {
        var page = await browser.NewPageAsync(Phone);
        await page.GotoAsync("/en/");
        await page.EvaluateAsync("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\\'/favicon.png\\'><input type=text>')");

        var result = await page.RunAxe();

        Assert.Contains(result.Violations, v => v.Id == "image-alt");
        Assert.Contains(result.Violations, v => v.Id == "label");
    }

    public static TheoryData<string> Languages() => [.. PublicLanguages.All.Select(l => l.Code)];

    /// <summary>axe-core (Deque) on every public page in every language: no serious or critical violation.</summary>
    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Public_pages_have_no_serious_accessibility_problem(string code)
    {
        var page = await browser.NewPageAsync(Phone);
        var found = new List<string>();
        async Task CheckAsync(string what)
        {
            var result = await page.RunAxe();
            found.AddRange(result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{what}: {v.Id} ({v.Impact}) {string.Join(" | ", v.Nodes.Select(n => n.Html).Take(2))}"));
        }

        foreach (var path in new[] { $"/{code}/", $"/{code}/consult", $"/{code}/privacy", $"/{code}/no-such-page", $"/{code}/tools", $"/{code}/tools/overtime", $"/{code}/stats", $"/{code}/guides", $"/{code}/news" })
        {
            await page.GotoAsync(path);
            await CheckAsync(path);
        }

        await page.GotoAsync($"/{code}/consult");
        await page.Locator("button[type=submit]").ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();
        await CheckAsync("consult with errors");

        Assert.Empty(found);
    }
}
