using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Tests.Pages;

/// <summary>What a worker sees on a phone, in Debian's Chromium.</summary>
[Collection(InChromium.Name)]
public sealed class PublicPagesInBrowserTests(BrowserFixture browser)
{
    public static TheoryData<string> Languages() => [.. PublicLanguages.All.Select(l => l.Code)];

    [Fact]
    public async Task The_Arabic_home_page_reads_right_to_left()
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        await page.GotoAsync("/ar/");

        var direction = await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('main')).direction");
        var nameBox = await page.Locator(".site-name").BoundingBoxAsync();
        var menuBox = await page.Locator(".language-menu summary").BoundingBoxAsync();
        var headingBox = await page.Locator("h1").BoundingBoxAsync();
        await BrowserFixture.ScreenshotAsync(page, "home-ar");

        Assert.Equal("rtl", direction);
        // Right to left: the site name starts at the right edge, the language menu sits to its left.
        Assert.True(nameBox!.X > menuBox!.X, $"site name at {nameBox.X}, menu at {menuBox.X}");
        Assert.True(headingBox!.X + headingBox.Width > 390 - 40, "the heading starts at the right edge");
    }

    /// <summary>
    /// Draws each letter of the page's heading and compares it with the box Chromium draws for a
    /// letter no font has: a language whose script has no font on the machine would show boxes.
    /// </summary>
    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Every_language_renders_its_own_script(string code)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        await page.GotoAsync($"/{code}/");
        await BrowserFixture.ScreenshotAsync(page, $"home-{code}");

        var missing = await page.EvaluateAsync<string[]>("""
            () => {
              const heading = document.querySelector('h1');
              const font = getComputedStyle(heading).font;
              const canvas = document.createElement('canvas');
              canvas.width = 64; canvas.height = 64;
              const context = canvas.getContext('2d', { willReadFrequently: true });
              const draw = (text) => {
                context.clearRect(0, 0, 64, 64);
                context.font = font;
                context.fillStyle = '#000';
                context.textBaseline = 'top';
                context.fillText(text, 4, 4);
                return context.getImageData(0, 0, 64, 64).data.join(',');
              };
              const tofu = draw('\u{10FFFD}');
              const letters = [...new Set([...heading.textContent].filter(c => /\p{L}/u.test(c)))];
              return letters.filter(c => draw(c) === tofu);
            }
            """);

        Assert.Empty(missing);
    }

    [Fact]
    public async Task The_language_menu_works_without_JavaScript()
    {
        var page = await browser.NewPageAsync(new() { JavaScriptEnabled = false });
        await page.GotoAsync("/en/");

        await page.Locator(".language-menu summary").ClickAsync();
        await page.Locator(".language-menu a[hreflang='tl']").ClickAsync();

        Assert.EndsWith("/tl/", page.Url, StringComparison.Ordinal);
        Assert.Equal("tl", await page.Locator("html").GetAttributeAsync("lang"));
    }

    [Fact]
    public async Task The_keyboard_reaches_the_main_content_first()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/vi/");

        await page.Keyboard.PressAsync("Tab");
        var first = await page.EvaluateAsync<string>("document.activeElement.className");
        await page.Keyboard.PressAsync("Enter");

        Assert.Equal("skip-link", first);
        Assert.EndsWith("#main", page.Url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("my")]
    [InlineData("ja")]
    [InlineData("ar")]
    public async Task A_small_phone_screen_needs_no_sideways_scrolling(string code)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 320, Height = 640 } });
        await page.GotoAsync($"/{code}/");

        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");

        Assert.True(width <= 320, $"page is {width}px wide on a 320px screen");
    }
}
