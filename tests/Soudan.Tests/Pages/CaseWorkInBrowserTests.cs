using Microsoft.Playwright;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Features.Accounts;

namespace Soudan.Tests.Pages;

/// <summary>Staff at work in Chromium: the operator's call log with the keyboard only, and a case from triage to close.</summary>
[Collection(InChromium.Name)]
public sealed class CaseWorkInBrowserTests(BrowserFixture browser)
{
    /// <summary>Presses Tab until the element with this id has the focus, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, string id)
    {
        for (var presses = 0; presses < 60; presses++)
        {
            if (await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''") == id)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached #{id}");
    }

    [Fact]
    public async Task An_operator_logs_two_calls_with_the_keyboard_only_and_sees_them_counted()
    {
        var page = await browser.SignedInAsync(StaffRoles.Operator);
        await page.GotoAsync("/staff/calls");

        for (var call = 1; call <= 2; call++)
        {
            // The language is where the focus starts; a select takes the first letters typed.
            Assert.Equal("Input_Language", await page.EvaluateAsync<string>("() => document.activeElement.id"));
            await page.Keyboard.TypeAsync("Nepali");
            await TabToAsync(page, "Input_Name");
            await page.Keyboard.TypeAsync("Ram " + call);
            await TabToAsync(page, "Input_Phone");
            await page.Keyboard.TypeAsync("090-5555-000" + call);
            await TabToAsync(page, "Input_Problems");
            await page.Keyboard.PressAsync("Space");
            await TabToAsync(page, "Input_CallerAgreed");
            await page.Keyboard.PressAsync("Space");        // the caller agreed that we keep what they said
            await TabToAsync(page, "Input_Summary");
            await page.Keyboard.TypeAsync("Works 6:00 to 23:00, paid 180,000 a month.");
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Space");        // a counselor should call back
            await page.Keyboard.PressAsync("Tab");
            var before = page.Url;
            await page.Keyboard.PressAsync("Enter");        // save and take the next call
            await page.WaitForURLAsync(url => url != before && url.Contains("saved=", StringComparison.Ordinal));
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            Assert.Contains("Next call.", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        }

        var main = await page.Locator("main").InnerTextAsync();
        Assert.Empty(await BrowserFixture.SeriousAccessibilityProblemsAsync(page));
        await BrowserFixture.ScreenshotAsync(page, "staff-call-log");
        Assert.Contains("Nepali", main, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_counselor_takes_a_consultation_from_triage_to_a_closed_case_with_a_task_done_on_the_way()
    {
        var receipt = await browser.App.SubmitIntakeAsync(SoudanApp.SampleIntake() with
        {
            Name = "Ana Browser",
            Contact = new Soudan.Web.Features.Intakes.IntakeContact { Phone = Features.Cases.CaseSteps.UniquePhone() },
        });
        var page = await browser.SignedInAsync(StaffRoles.Counselor, new() { ViewportSize = new() { Width = 1024, Height = 768 } });

        await page.GotoAsync("/staff/intakes");
        await page.GetByRole(AriaRole.Link, new() { Name = receipt.Reference }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open a new case", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/staff/cases/*");
        Assert.Empty(await BrowserFixture.SeriousAccessibilityProblemsAsync(page));

        await page.GetByText("Add a task", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("What is to be done").FillAsync("Collect the pay slips from March");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the task" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        Assert.Contains("Done", await page.Locator(".tasks").First.InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByText("Change the status", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("New status").SelectOptionAsync("Closed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).First.ClickAsync();
        Assert.Contains("Closing a case asks what it won", await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByText("Change the status", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("New status").SelectOptionAsync("Closed");
        await page.GetByLabel("Leave allowance (休業手当)").FillAsync("86,400");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).First.ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("handler", StringComparison.Ordinal));

        var main = await page.Locator("main").InnerTextAsync();
        await BrowserFixture.ScreenshotAsync(page, "staff-case-closed");
        Assert.Contains("Closed", main, StringComparison.Ordinal);
        Assert.Contains("¥86,400", main, StringComparison.Ordinal);
    }
}
