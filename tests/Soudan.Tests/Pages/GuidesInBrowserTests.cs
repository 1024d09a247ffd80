using Microsoft.Playwright;
using SkiaSharp;
using Soudan.Web.Features.Accounts;

namespace Soudan.Tests.Pages;

/// <summary>A coordinator writes a guide in Japanese in Chromium, watches the live preview, publishes it, translates it into English, and readers find both.</summary>
[Collection(InChromium.Name)]
public sealed class GuidesInBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_coordinator_writes_and_publishes_a_guide_in_two_languages()
    {
        var slug = "sent-home-" + Guid.NewGuid().ToString("N")[..6];
        var page = await browser.SignedInAsync(StaffRoles.Coordinator, new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GetByRole(AriaRole.Link, new() { Name = "Guides and news", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New guide", Exact = true }).ClickAsync();

        await page.GetByLabel("Address", new() { Exact = true }).FillAsync(slug);
        await page.GetByLabel("Category: the problem it helps with").SelectOptionAsync("unpaid-leave-allowance");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("休業手当のガイド");
        await page.GetByLabel("Summary", new() { Exact = true }).FillAsync("会社の都合で休まされたとき。");
        // Typed as a person types: the preview follows, rendered and cleaned by the server.
        await page.GetByLabel("Text (Markdown)").PressSequentiallyAsync("## 平均賃金の6割\n\n休業手当を請求できます。<script>alert(1)</script>");
        await Assertions.Expect(page.Locator("#article-preview h2")).ToHaveTextAsync("平均賃金の6割");
        Assert.Equal(0, await page.Locator("#article-preview script").CountAsync());
        Assert.Empty(await BrowserFixture.SeriousAccessibilityProblemsAsync(page));
        await BrowserFixture.ScreenshotAsync(page, "staff-guide-editor");

        // A photo, chosen as a person chooses one: the whole form goes with it, and what was typed stays.
        await page.GetByLabel("Image", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "slip.png", MimeType = "image/png", Buffer = Png(2400, 1200) });
        await page.GetByLabel("What it shows, for readers who cannot see it").FillAsync("給与明細");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and add to the text" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("nothing is saved yet");
        Assert.StartsWith("## 平均賃金の6割", await page.GetByLabel("Text (Markdown)").InputValueAsync(), StringComparison.Ordinal);
        Assert.Equal("休業手当のガイド", await page.GetByLabel("Title", new() { Exact = true }).InputValueAsync());
        await Assertions.Expect(page.Locator("#article-preview img[alt='給与明細']")).ToHaveCountAsync(1);

        await page.GetByLabel("Published, from the time below (empty: now)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Saved.");

        // The English translation, from the article's own list of languages.
        await page.Locator(".article-languages").GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();
        Assert.Contains("平均賃金の6割", await page.Locator("details pre").TextContentAsync(), StringComparison.Ordinal);
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Sent home: the leave allowance");
        await page.GetByLabel("Text (Markdown)").FillAsync("## 60 % of your average wage\n\nYou can claim the leave allowance.");
        await page.GetByLabel("Published, from the time below (empty: now)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Saved.");

        var reader = await browser.NewPageAsync();
        await reader.GotoAsync($"/en/guides/{slug}");
        await Assertions.Expect(reader.Locator("article h1")).ToHaveTextAsync("Sent home: the leave allowance");
        await reader.GotoAsync($"/ja/guides/{slug}");
        await Assertions.Expect(reader.Locator(".article__body h2")).ToHaveTextAsync("平均賃金の6割");
        // The photo is there for readers, loaded by the browser (WebP, at most 1600 pixels wide).
        var photo = reader.Locator(".article__body img[alt='給与明細']");
        await Assertions.Expect(photo).ToHaveCountAsync(1);
        Assert.Equal(1600, await photo.EvaluateAsync<int>("async img => { await img.decode(); return img.naturalWidth; }"));
        Assert.Empty(await BrowserFixture.SeriousAccessibilityProblemsAsync(reader));
        await BrowserFixture.ScreenshotAsync(reader, "public-guide-ja");

        var list = await browser.SignedInAsync(StaffRoles.Admin);
        await list.GotoAsync("/staff/articles");
        var item = list.Locator(".article-desk__item", new() { HasText = "休業手当のガイド" });
        Assert.Contains("Machine-assisted", await item.InnerTextAsync(), StringComparison.Ordinal);
    }

    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.SteelBlue);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }
}
