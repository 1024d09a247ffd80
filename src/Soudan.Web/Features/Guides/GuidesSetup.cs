using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Guides;

public static class GuidesSetup
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static WebApplicationBuilder AddSoudanGuides(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ArticleLibrary>();
        builder.Services.AddScoped<ArticleDesk>();
        builder.Services.AddScoped<ArticleImages>();
        return builder;
    }

    public static IEndpointRouteBuilder MapGuides(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/{lang:publiclang}/news/feed.atom", FeedAsync).AllowAnonymous().CacheOutput(PublicPageCache.Policy);
        routes.MapGet("/media/{file}", ImageAsync).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    /// <summary>An article's image. Its address is the hash of its bytes, so browsers and proxies may keep it for a year.</summary>
    private static async Task<IResult> ImageAsync(string file, HttpContext context, ArticleImages images, CancellationToken cancellationToken)
    {
        if (ArticleImages.NameIn("/media/" + file) is not { } name || await images.FindAsync(name, cancellationToken) is not { } image)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.Bytes(image.Content, "image/webp", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{name}\""));
    }

    /// <summary>The news of one language as an Atom feed (RFC 4287), the newest fifty.</summary>
    private static async Task<IResult> FeedAsync(string lang, HttpContext context, ArticleLibrary library, IOptions<SoudanOptions> options, CancellationToken cancellationToken)
    {
        var language = PublicLanguages.FindByCode(lang)!;
        var news = await library.ListAsync(ArticleKind.News, language.Code, null, 50, cancellationToken);
        var site = $"{context.Request.Scheme}://{context.Request.Host}";
        static string Time(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var updated = news.Count == 0 ? DateTime.UnixEpoch : news.Max(n => n.UpdatedAtUtc > n.PublishedAtUtc ? n.UpdatedAtUtc : n.PublishedAtUtc);
        var feed = new XElement(Atom + "feed",
            new XAttribute(XNamespace.Xml + "lang", language.HtmlLang),
            new XElement(Atom + "id", $"{site}/{language.Code}/news"),
            new XElement(Atom + "title", options.Value.OrganisationName),
            new XElement(Atom + "updated", Time(updated)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", $"{site}/{language.Code}/news/feed.atom")),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", $"{site}/{language.Code}/news")),
            new XElement(Atom + "author", new XElement(Atom + "name", options.Value.OrganisationName)),
            news.Select(n => new XElement(Atom + "entry",
                new XElement(Atom + "id", $"{site}/{language.Code}/news/{n.Slug}"),
                new XElement(Atom + "title", n.Title),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("href", $"{site}/{language.Code}/news/{n.Slug}")),
                new XElement(Atom + "published", Time(n.PublishedAtUtc)),
                new XElement(Atom + "updated", Time(n.UpdatedAtUtc > n.PublishedAtUtc ? n.UpdatedAtUtc : n.PublishedAtUtc)),
                n.Summary.Length > 0 ? new XElement(Atom + "summary", n.Summary) : null)));
        return Results.Text("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + feed, "application/atom+xml; charset=utf-8");
    }
}
