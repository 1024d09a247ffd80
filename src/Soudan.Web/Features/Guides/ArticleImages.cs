using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkiaSharp;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Guides;

/// <summary>
/// An image for the articles, as readers get it: made again from the upload as WebP, at most
/// <see cref="ArticleImages.LongestSide"/> pixels on its longest side, turned the way the camera meant
/// and with nothing else of the file kept (no place, no camera, no date). Its address is the hash of
/// its bytes, so it never changes and can be cached for a year. Public once uploaded, like any page
/// of the site, though no one can guess its address.
/// </summary>
public sealed class ArticleImage
{
    public int Id { get; private set; }

    /// <summary>The SHA-256 of <see cref="Content"/>, in hex: the image is at /media/{Name}.webp.</summary>
    public required string Name { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    public required byte[] Content { get; init; }

    public Guid UploadedBy { get; init; }

    public DateTime UploadedAtUtc { get; init; }

    public string Address => $"/media/{Name}.webp";
}

internal sealed class ArticleImageConfiguration : IEntityTypeConfiguration<ArticleImage>
{
    public void Configure(EntityTypeBuilder<ArticleImage> builder)
    {
        builder.HasIndex(i => i.Name).IsUnique();
        builder.Property(i => i.Name).HasMaxLength(64);
    }
}

/// <summary>Takes images in for the articles (<see cref="ArticleImage"/>) and finds them by address.</summary>
public sealed partial class ArticleImages(SoudanDbContext db, TimeProvider clock)
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public const int LongestSide = 1600;

    /// <summary>A JPEG is decoded already scaled down (an eighth at least), so it may be large; other kinds are decoded whole first.</summary>
    private const long MaxJpegPixels = 60_000_000;

    private const long MaxOtherPixels = 16_000_000;

    private const int WebpQuality = 82;

    [GeneratedRegex("^/media/(?<name>[0-9a-f]{64})\\.webp$")]
    private static partial Regex AddressPattern();

    /// <summary>The image's name in an address of this site (<c>/media/{name}.webp</c>), or null.</summary>
    public static string? NameIn(string address) => AddressPattern().Match(address) is { Success: true } match ? match.Groups["name"].Value : null;

    /// <summary>Stores the upload as an image readers may be shown, or returns a staff-text key (and its arguments) saying why it cannot.</summary>
    public async Task<(ArticleImage? Image, string? Refusal, object[] Arguments)> AddAsync(IFormFile? file, Guid actor, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return (null, Localizable.Staff("Choose an image to upload."), []);
        }

        if (file.Length > MaxBytes)
        {
            return (null, Localizable.Staff("The image is larger than {0} MB. Choose a smaller one."), [MaxBytes / 1024 / 1024]);
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        var (webp, width, height, refusal, arguments) = Remake(bytes);
        if (webp is null)
        {
            return (null, refusal, arguments);
        }

        var name = Convert.ToHexStringLower(SHA256.HashData(webp));
        if (await db.Set<ArticleImage>().AsNoTracking().FirstOrDefaultAsync(i => i.Name == name, cancellationToken) is { } same)
        {
            return (same, null, []);
        }

        var image = new ArticleImage { Name = name, Width = width, Height = height, Content = webp, UploadedBy = actor, UploadedAtUtc = clock.GetUtcNow().UtcDateTime };
        db.Add(image);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same image uploaded by someone else at the same moment: theirs is this one.
            db.Entry(image).State = EntityState.Detached;
            if (await FindAsync(name, cancellationToken) is not { } theirs)
            {
                throw;
            }

            return (theirs, null, []);
        }

        return (image, null, []);
    }

    /// <summary>The image at /media/{name}.webp, or null.</summary>
    public Task<ArticleImage?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.Set<ArticleImage>().AsNoTracking().FirstOrDefaultAsync(i => i.Name == name, cancellationToken);

    /// <summary>Which of these names are not images of this site.</summary>
    public async Task<IReadOnlyList<string>> MissingAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return [];
        }

        var found = await db.Set<ArticleImage>().Where(i => names.Contains(i.Name)).Select(i => i.Name).ToListAsync(cancellationToken);
        return [.. names.Except(found, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The upload made again as WebP: what the file really is is read from its bytes (whatever its
    /// name says), its size from its header before any pixel is decoded (a small file can claim a
    /// billion pixels), then it is decoded, turned upright, scaled down and encoded anew.
    /// </summary>
    public static (byte[]? Webp, int Width, int Height, string? Refusal, object[] Arguments) Remake(byte[] upload)
    {
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp or SKEncodedImageFormat.Gif))
        {
            return (null, 0, 0, Localizable.Staff("This file is not a JPEG, PNG, WebP or GIF image, whatever its name says."), []);
        }

        var (sourceWidth, sourceHeight) = (codec.Info.Width, codec.Info.Height);
        var pixels = (long)sourceWidth * sourceHeight;
        if (sourceWidth <= 0 || sourceHeight <= 0 || pixels > (codec.EncodedFormat == SKEncodedImageFormat.Jpeg ? MaxJpegPixels : MaxOtherPixels))
        {
            return (null, 0, 0, Localizable.Staff("The image is {0} × {1} pixels; that is more than can be taken in. Make it smaller first."), [sourceWidth, sourceHeight]);
        }

        // Upright, the sides swap for a photo taken sideways.
        var sideways = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var scale = Math.Min(1.0, (double)LongestSide / Math.Max(sourceWidth, sourceHeight));
        var (drawnWidth, drawnHeight) = (Math.Max(1, (int)Math.Round(sourceWidth * scale)), Math.Max(1, (int)Math.Round(sourceHeight * scale)));
        var (width, height) = sideways ? (drawnHeight, drawnWidth) : (drawnWidth, drawnHeight);

        var decodedSize = codec.GetScaledDimensions((float)scale);
        var decodedInfo = new SKImageInfo(decodedSize.Width, decodedSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(decodedInfo);
        var result = codec.GetPixels(decodedInfo, decoded.GetPixels());
        // A file cut short would show grey where the rest was: refused, not half shown.
        if (result != SKCodecResult.Success)
        {
            return (null, 0, 0, Localizable.Staff("This image could not be read; it may be damaged. Save it again, or choose another."), []);
        }

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        TurnUpright(canvas, codec.EncodedOrigin, width, height);
        using var source = SKImage.FromBitmap(decoded);
        canvas.DrawImage(source, new SKRect(0, 0, drawnWidth, drawnHeight), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        using var webp = snapshot.Encode(SKEncodedImageFormat.Webp, WebpQuality);
        return webp is null
            ? (null, 0, 0, Localizable.Staff("This image could not be read; it may be damaged. Save it again, or choose another."), [])
            : (webp.ToArray(), width, height, null, []);
    }

    /// <summary>The turn or mirror a camera's orientation tag asks for (EXIF 1 to 8), onto a canvas of the upright size.</summary>
    private static void TurnUpright(SKCanvas canvas, SKEncodedOrigin origin, int width, int height)
    {
        switch (origin)
        {
            case SKEncodedOrigin.TopRight:
                canvas.Translate(width, 0);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.BottomRight:
                canvas.Translate(width, height);
                canvas.RotateDegrees(180);
                break;
            case SKEncodedOrigin.BottomLeft:
                canvas.Translate(0, height);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.LeftTop:
                canvas.RotateDegrees(90);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.RightTop:
                canvas.Translate(width, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightBottom:
                canvas.Translate(width, height);
                canvas.Scale(-1, -1);
                canvas.RotateDegrees(90);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.LeftBottom:
                canvas.Translate(0, height);
                canvas.RotateDegrees(270);
                break;
        }
    }
}
