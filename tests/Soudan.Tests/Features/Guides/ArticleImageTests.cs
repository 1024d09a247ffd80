using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Guides;

namespace Soudan.Tests.Features.Guides;

/// <summary>
/// An editor adds a photo to a guide over HTTP as a browser would (the whole form sent with the
/// file, so nothing written is lost): it comes back upright, smaller, as WebP, without what the camera
/// wrote into the file, at an address cached for a year, and a shared link shows it. Files that are
/// not images, images too large to open, a missing description and links to images that are not
/// here are refused with a message, and nothing is saved.
/// </summary>
public abstract partial class ArticleImageTests(TestDatabase database)
{
    private const string Editor = "/staff/articles/new/en?kind=guide";

    /// <summary>Something a photo's file may carry that readers must never get: where it was taken.</summary>
    private const string Secret = "GPS 35.6895N 139.6917E Shinjuku";

    [Fact]
    public async Task A_photo_is_uploaded_turned_upright_made_smaller_stripped_and_shown_to_readers()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        using var reader = app.CreatePageClient();

        // A photo taken sideways: 3000 × 2000 pixels, red on its left half, with "turn 90° clockwise" and a place in the file.
        var photo = SidewaysJpeg(3000, 2000);
        var page = await coordinator.GetPageAsync(Editor);
        var uploaded = await coordinator.SubmitAsync(page, Editor, new Dictionary<string, string>
        {
            ["Input.Slug"] = "pay-slips",
            ["Input.Title"] = "Reading your pay slip",
            ["Input.Markdown"] = "Check every line of it.",
            ["ImageDescription"] = "A pay slip [with the hours] circled",
        }, handler: "image", file: ("Image", "slip.jpg", photo));
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var form = await PageClient.ParseAsync(uploaded);
        var text = form.QuerySelector<IHtmlTextAreaElement>("#Input_Markdown")!.Value;
        var line = ImageLine().Match(text);
        Assert.True(line.Success, text);
        Assert.StartsWith("Check every line of it.\n\n", text, StringComparison.Ordinal);
        Assert.Equal(@"A pay slip \[with the hours\] circled", line.Groups["alt"].Value);
        // Nothing else typed is lost, and nothing is saved yet.
        Assert.Equal("Reading your pay slip", form.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value);
        Assert.Contains("nothing is saved yet", form.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/en/guides/pay-slips")).StatusCode);

        var address = line.Groups["address"].Value;
        var image = await reader.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/webp", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", image.Headers.CacheControl!.ToString());
        var bytes = await image.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain(Secret, Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        using (var decoded = SKBitmap.Decode(bytes))
        {
            // Upright and at most 1600 pixels on its longest side: portrait, the red half now on top.
            Assert.Equal((1067, 1600), (decoded.Width, decoded.Height));
            Assert.True(decoded.GetPixel(533, 200).Red > 200 && decoded.GetPixel(533, 200).Blue < 60, $"top {decoded.GetPixel(533, 200)}");
            Assert.True(decoded.GetPixel(533, 1400).Blue > 200 && decoded.GetPixel(533, 1400).Red < 60, $"bottom {decoded.GetPixel(533, 1400)}");
        }

        // Asked again by a browser that has it: not sent again.
        using (var again = new HttpRequestMessage(HttpMethod.Get, address))
        {
            again.Headers.IfNoneMatch.Add(image.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await reader.Client.SendAsync(again)).StatusCode);
        }

        // The same photo again is the same image, at the same address.
        var twice = await coordinator.SubmitAsync(form, Editor, new Dictionary<string, string> { ["ImageDescription"] = "The same slip" }, handler: "image", file: ("Image", "again.jpg", photo));
        Assert.Contains(address, (await PageClient.ParseAsync(twice)).QuerySelector<IHtmlTextAreaElement>("#Input_Markdown")!.Value, StringComparison.Ordinal);

        var saved = await coordinator.SubmitAsync(form, Editor, new Dictionary<string, string> { ["Input.Status"] = "published" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var article = await reader.GetPageAsync("/en/guides/pay-slips");
        var shown = article.QuerySelector(".article__body img")!;
        Assert.Equal((address, "A pay slip [with the hours] circled"), (shown.GetAttribute("src"), shown.GetAttribute("alt")));
        Assert.Equal("http://localhost" + address, article.QuerySelector("meta[property='og:image']")!.GetAttribute("content"));
        Assert.Equal("A pay slip [with the hours] circled", article.QuerySelector("meta[property='og:image:alt']")!.GetAttribute("content"));
        Assert.Equal("summary_large_image", article.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
        Assert.Contains("http://localhost" + address, article.QuerySelector("script[type='application/ld+json']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_is_not_an_image_or_cannot_be_opened_is_refused_and_the_text_is_kept()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var page = await coordinator.GetPageAsync(Editor);
        var written = new Dictionary<string, string> { ["Input.Title"] = "Kept", ["Input.Markdown"] = "What I wrote before choosing a file.", ["ImageDescription"] = "A photo" };

        async Task<IHtmlDocument> RefusedAsync(IReadOnlyDictionary<string, string> fields, (string, string, byte[])? file, string message)
        {
            var response = await coordinator.SubmitAsync(page, Editor, fields, handler: "image", file: file);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var form = await PageClient.ParseAsync(response);
            Assert.Contains(message, form.QuerySelector(".error-summary")?.TextContent ?? "(no error summary)", StringComparison.Ordinal);
            Assert.Equal("What I wrote before choosing a file.", form.QuerySelector<IHtmlTextAreaElement>("#Input_Markdown")!.Value);
            return form;
        }

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4 not a photo at all");
        await RefusedAsync(written, ("Image", "photo.jpg", pdf), "not a JPEG, PNG, WebP or GIF image, whatever its name says");
        await RefusedAsync(written, null, "Choose an image to upload.");
        await RefusedAsync(new Dictionary<string, string>(written) { ["ImageDescription"] = " " }, ("Image", "photo.jpg", SidewaysJpeg(40, 30)), "Say what the image shows");
        await RefusedAsync(written, ("Image", "big.png", new byte[11 * 1024 * 1024]), "larger than 10 MB");
        // A few hundred bytes that claim 30,000 × 30,000 pixels: refused from the header, never decoded.
        await RefusedAsync(written, ("Image", "bomb.png", PngClaiming(30_000, 30_000)), "30000 × 30000 pixels");
        var whole = SidewaysJpeg(400, 300);
        await RefusedAsync(written, ("Image", "cut.jpg", whole[..(whole.Length * 6 / 10)]), "could not be read");
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/media/" + new string('0', 64) + ".webp")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/media/..%2Fsoudan.db")).StatusCode);

        // Saving a text whose image is not here (a link typed by hand, an address mistyped) is refused, and nothing is saved.
        var missing = "/media/" + new string('a', 64) + ".webp";
        var broken = await coordinator.SubmitAsync(page, Editor, new Dictionary<string, string>
        {
            ["Input.Slug"] = "broken-image",
            ["Input.Title"] = "Broken",
            ["Input.Markdown"] = $"![A chart]({missing})\n\n![A logo](/img/logo.png)",
            ["Input.Status"] = "published",
        });
        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        var summary = (await PageClient.ParseAsync(broken)).QuerySelector(".error-summary")!.TextContent;
        Assert.Contains($"There is no image at {missing} on this site", summary, StringComparison.Ordinal);
        Assert.Contains("There is no image at /img/logo.png on this site", summary, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/staff/articles")).StatusCode);
        Assert.Contains("No guides or news yet.", (await coordinator.GetPageAsync("/staff/articles")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counselors_cannot_upload_images()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        Assert.Contains("access-denied", (await counselor.GetAsync(Editor)).Headers.Location!.ToString(), StringComparison.Ordinal);
        using var body = new MultipartFormDataContent { { new ByteArrayContent(SidewaysJpeg(40, 30)), "Image", "a.jpg" }, { new StringContent("A photo"), "ImageDescription" } };
        var response = await counselor.Client.PostAsync(Editor + "&handler=image", body);
        Assert.Contains("access-denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<ArticleImage>().CountAsync()));
    }

    [GeneratedRegex(@"!\[(?<alt>.*)\]\((?<address>/media/[0-9a-f]{64}\.webp)\)")]
    private static partial Regex ImageLine();

    /// <summary>
    /// A JPEG whose pixels are stored landscape (red left, blue right) with an EXIF orientation of 6
    /// ("turn 90° clockwise to show"), so upright it is portrait with red on top, and a comment
    /// holding <see cref="Secret"/>.
    /// </summary>
    private static byte[] SidewaysJpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var red = new SKPaint { Color = SKColors.Red };
            using var blue = new SKPaint { Color = SKColors.Blue };
            canvas.DrawRect(0, 0, width / 2f, height, red);
            canvas.DrawRect(width / 2f, 0, width / 2f, height, blue);
        }

        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        // After the start of image: an APP1 Exif segment (big-endian TIFF, one entry: Orientation = 6), then a comment.
        byte[] exif = [.. "Exif\0\0"u8, .. "MM\0*"u8, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0];
        var comment = Encoding.ASCII.GetBytes(Secret);
        return [0xFF, 0xD8, .. Segment(0xE1, exif), .. Segment(0xFE, comment), .. jpeg[2..]];

        static byte[] Segment(byte marker, byte[] content) => [0xFF, marker, (byte)((content.Length + 2) >> 8), (byte)((content.Length + 2) & 0xFF), .. content];
    }

    /// <summary>A real small PNG whose header is changed to claim another size (its checksum made right again).</summary>
    private static byte[] PngClaiming(int width, int height)
    {
        using var bitmap = new SKBitmap(8, 8);
        using var image = SKImage.FromBitmap(bitmap);
        var png = image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
        // Signature (8), IHDR length (4), "IHDR" (4), then width and height, big-endian; its CRC covers type and data (17 bytes).
        BitConverter.GetBytes(width).Reverse().ToArray().CopyTo(png, 16);
        BitConverter.GetBytes(height).Reverse().ToArray().CopyTo(png, 20);
        var crc = Crc32(png.AsSpan(12, 17));
        BitConverter.GetBytes(crc).Reverse().ToArray().CopyTo(png, 29);
        return png;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}

public sealed class ArticleImageTestsOnSqlite() : ArticleImageTests(TestDatabase.Sqlite);

public sealed class ArticleImageTestsOnPostgres() : ArticleImageTests(TestDatabase.Postgres);
