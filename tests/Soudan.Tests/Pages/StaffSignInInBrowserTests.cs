using Microsoft.Playwright;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Features.Accounts;

namespace Soudan.Tests.Pages;

/// <summary>Staff sign-in as a person does it in Chromium: password, authenticator code, passkey.</summary>
[Collection(InChromium.Name)]
public sealed class StaffSignInInBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_counselor_adds_a_passkey_and_later_signs_in_with_it_alone()
    {
        var credentials = await browser.App.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        // WebAuthn needs a host name, not an IP address: localhost, as a person on the server would use.
        var page = await browser.NewPageAsync(new() { BaseURL = $"http://localhost:{browser.App.BaseAddress.Port}" });
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });

        await page.GotoAsync("/staff/sign-in");
        await page.GetByLabel("E-mail address").FillAsync(credentials.Email);
        await page.GetByLabel("Password").FillAsync(credentials.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByLabel("Code").FillAsync(PageClient.CurrentCode(credentials.AuthenticatorKey!));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/staff");

        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);
        await page.GotoAsync("/staff/account/passkeys");
        Assert.True(await page.Locator("form[data-passkey='create']").IsVisibleAsync(), "passkey form hidden: " + string.Join(" | ", console));
        await page.GetByLabel("Name for the new passkey").FillAsync("office laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await page.WaitForFunctionAsync(
            "() => location.search.includes('added=') || document.querySelector('.error-summary') || !document.querySelector('[data-passkey-error]').hidden",
            null,
            new() { Timeout = 15_000 });
        Assert.True(page.Url.Contains("added=", StringComparison.Ordinal),
            (await page.Locator("main").InnerTextAsync()) + " :: " +
            "no passkey added: " + string.Join(" | ", browser.App.Logs.Lines.Where(l => l.Contains("asskey", StringComparison.Ordinal))));
        await BrowserFixture.ScreenshotAsync(page, "staff-passkeys");
        Assert.Contains("office laptop", await page.Locator("table").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).First.ClickAsync();
        await page.WaitForURLAsync("**/staff/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.WaitForURLAsync("**/staff");

        Assert.Contains("Welcome, Test Counselor", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_two_factor_setup_page_shows_a_scannable_code_and_turns_two_factor_on()
    {
        var credentials = await browser.App.CreateStaffAsync([StaffRoles.Operator], twoFactor: false);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        await page.GotoAsync("/staff/sign-in");
        await page.GetByLabel("E-mail address").FillAsync(credentials.Email);
        await page.GetByLabel("Password").FillAsync(credentials.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/staff/account/two-factor");

        var qrLoaded = await page.Locator("img.qr-code").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100");
        var key = await page.Locator(".setup-key").InnerTextAsync();
        await page.GetByLabel("Enter the 6-digit code the app shows").FillAsync(PageClient.CurrentCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "staff-recovery-codes");

        Assert.True(qrLoaded, "the QR code image loads (a data: image the security policy allows)");
        Assert.Equal(10, await page.Locator(".recovery-codes li").CountAsync());
    }
}
