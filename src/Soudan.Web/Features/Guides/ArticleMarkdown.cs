using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Guides;

/// <summary>
/// Turns an article's Markdown into HTML a reader's browser may run nothing from: Markdig renders
/// (inline HTML is allowed, for a line break or a <c>&lt;kbd&gt;</c>), then HtmlSanitizer keeps only
/// text markup. Scripts, event attributes, styles, forms, frames and <c>javascript:</c> links go;
/// images only from this site (an image elsewhere would tell another server who reads the guide).
/// </summary>
public static class ArticleMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoLinks()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    /// <summary>What must be put right before the article is saved (staff texts to localise): every image needs words for those who cannot see it, and must be kept here.</summary>
    public static IReadOnlyList<string> Mistakes(string markdown)
    {
        var mistakes = new List<string>();
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage))
        {
            if (string.IsNullOrWhiteSpace(string.Concat(image.Descendants<LiteralInline>().Select(l => l.Content.ToString()))))
            {
                mistakes.Add(Localizable.Staff("Every image needs a description for readers who cannot see it: ![what it shows](address)."));
            }

            if (image.Url is not { } url || !IsOwn(url))
            {
                mistakes.Add(Localizable.Staff("Images must be uploaded here first; an image from another site would tell that site who reads the article."));
            }
        }

        return mistakes.Distinct().ToList();
    }

    /// <summary>Every image of the text, in order: its address and the words that describe it.</summary>
    public static IReadOnlyList<(string Address, string Description)> Images(string markdown) =>
        [.. Markdown.Parse(markdown, Pipeline).Descendants<LinkInline>().Where(l => l.IsImage)
            .Select(image => (image.Url ?? string.Empty, string.Concat(image.Descendants<LiteralInline>().Select(l => l.Content.ToString())).Trim()))];

    /// <summary>
    /// A path on this site, not another site's address (<c>//host/…</c> included); whether an image
    /// is there is the editor's check, and only <c>/media</c> images are ever shown.
    /// </summary>
    private static bool IsOwn(string url) => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal);

    /// <summary>The Markdown that shows an uploaded image, its description made safe to sit between the brackets.</summary>
    public static string ImageLine(string address, string description)
    {
        var words = string.Join(' ', description.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        words = words.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
        return $"![{words}]({address})";
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        foreach (var tag in new[] { "form", "input", "button", "textarea", "select", "option", "optgroup", "label", "fieldset", "legend", "style", "font", "center" })
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("class");
        sanitizer.AllowedAttributes.Remove("id");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        // Whatever a reader's browser fetches by itself (an image) comes only from this site's
        // uploaded images: an address such as /staff/... would be fetched with a staff member's
        // cookies when they preview the text.
        foreach (var fetchedByItself in new[] { "audio", "video", "source", "track", "picture", "iframe", "embed", "object" })
        {
            sanitizer.AllowedTags.Remove(fetchedByItself);
        }

        sanitizer.AllowedAttributes.Remove("srcset");
        sanitizer.AllowedAttributes.Remove("poster");
        sanitizer.AllowedAttributes.Remove("background");
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.Tag.LocalName != "a" && (e.OriginalUrl is not { } url || ArticleImages.NameIn(url) is null))
            {
                e.SanitizedUrl = null;
            }
        };
        return sanitizer;
    }
}
