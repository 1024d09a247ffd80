using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Soudan.Tests.Infrastructure;
using Soudan.Tests.Localization;

namespace Soudan.Tests.Pages;

/// <summary>
/// Soudan on a real Kestrel server (SQLite) and Debian's Chromium driven by Playwright, which
/// downloads no browser of its own. Screenshots go to artifacts/screenshots for people to look at.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public SoudanApp App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotDirectory { get; } = Path.Combine(TextKeys.RepositoryRoot, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: scripts/test installs Debian's chromium package.");
        Directory.CreateDirectory(ScreenshotDirectory);
        App = await SoudanApp.StartAsync(TestDatabase.Sqlite, kestrel: true);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>A fresh browser profile (no cookies) at the app's address.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL ??= App.BaseAddress.ToString().TrimEnd('/');
        var context = await Browser.NewContextAsync(options);
        return await context.NewPageAsync();
    }

    /// <summary>A new staff member with this role, signed in with a second factor, on the staff home page.</summary>
    public async Task<IPage> SignedInAsync(string role, BrowserNewContextOptions? options = null)
    {
        var credentials = await App.CreateStaffAsync([role], twoFactor: true);
        var page = await NewPageAsync(options);
        await page.GotoAsync("/staff/sign-in");
        await page.GetByLabel("E-mail address").FillAsync(credentials.Email);
        await page.GetByLabel("Password").FillAsync(credentials.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByLabel("Code").FillAsync(PageClient.CurrentCode(credentials.AuthenticatorKey!));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/staff");
        return page;
    }

    /// <summary>What axe finds serious or critical on the page as it stands.</summary>
    public static async Task<IReadOnlyList<string>> SeriousAccessibilityProblemsAsync(IPage page) =>
        (await page.RunAxe()).Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {string.Join(" | ", v.Nodes.Select(n => n.Html).Take(2))}")
            .ToList();

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class InChromium : ICollectionFixture<BrowserFixture>
{
    public const string Name = "chromium";
}
