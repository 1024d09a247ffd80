using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;

namespace Soudan.Web.Features.Guides;

/// <summary>An article as a reader finds it: the translation in their language, how it stands against the original, and every language it can be read in.</summary>
public sealed record ArticleReading(Article Article, ArticleTranslation? Translation, bool BehindOriginal, IReadOnlyList<ArticleTranslation> Published)
{
    public ArticleTranslation? Original => Published.FirstOrDefault(t => t.Language == Article.OriginalLanguage);
}

/// <summary>A published article in a list: its address, category, title, summary and date.</summary>
public sealed record ArticleListing(string Slug, string? Category, string Title, string Summary, DateTime PublishedAtUtc, DateTime UpdatedAtUtc);

/// <summary>What readers may see of the articles: only translations published (their time come), in their language.</summary>
public sealed class ArticleLibrary(SoudanDbContext db, TimeProvider clock)
{
    public const int SearchMaxLength = 100;

    /// <summary>The published articles of a kind in a language, newest first; with <paramref name="search"/>, those whose title, summary or text holds it (any script, no word splitting needed).</summary>
    public async Task<IReadOnlyList<ArticleListing>> ListAsync(ArticleKind kind, string language, string? search, int take, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var translations = db.Set<ArticleTranslation>().AsNoTracking()
            .Where(t => t.Language == language && t.Status == ArticleStatus.Published && t.PublishAtUtc <= now && t.Article!.Kind == kind);
        if (search is { Length: > 0 })
        {
            // Articles are hundreds, not millions: a scan with lower() finds "Rent" in "rent" and 家賃 in 家賃補助.
            var lowered = search.ToLowerInvariant();
#pragma warning disable CA1862, CA1304, CA1311 // translated to SQL lower(), where no culture applies
            translations = translations.Where(t => t.Title.ToLower().Contains(lowered) || t.Summary.ToLower().Contains(lowered) || t.Markdown.ToLower().Contains(lowered));
#pragma warning restore CA1862, CA1304, CA1311
        }

        return await translations.OrderByDescending(t => t.PublishAtUtc).ThenBy(t => t.Id).Take(take)
            .Select(t => new ArticleListing(t.Article!.Slug, t.Article.Category, t.Title, t.Summary, t.PublishAtUtc!.Value, t.UpdatedAtUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// For each problem a published guide in <paramref name="language"/> is about, the newest such
    /// guide: what the home page, the consultation form's problems and the calculators link to.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ArticleListing>> GuidesByCategoryAsync(string language, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var guides = await db.Set<ArticleTranslation>().AsNoTracking()
            .Where(t => t.Language == language && t.Status == ArticleStatus.Published && t.PublishAtUtc <= now && t.Article!.Kind == ArticleKind.Guide && t.Article.Category != null)
            .Select(t => new ArticleListing(t.Article!.Slug, t.Article.Category, t.Title, t.Summary, t.PublishAtUtc!.Value, t.UpdatedAtUtc))
            .ToListAsync(cancellationToken);
        return guides.GroupBy(g => g.Category!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(l => l.PublishedAtUtc)!, StringComparer.Ordinal);
    }

    /// <summary>The article at an address, with its translation in <paramref name="language"/> if published; null when no translation of it is published at all.</summary>
    public async Task<ArticleReading?> ReadAsync(ArticleKind kind, string slug, string language, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var article = await db.Set<Article>().AsNoTracking().Include(a => a.Translations).SingleOrDefaultAsync(a => a.Kind == kind && a.Slug == slug, cancellationToken);
        var published = article?.Translations.Where(t => t.IsPublishedAt(now)).OrderBy(t => t.Language, StringComparer.Ordinal).ToList() ?? [];
        if (article is null || published.Count == 0)
        {
            return null;
        }

        var translation = published.FirstOrDefault(t => t.Language == language);
        return new ArticleReading(article, translation, translation is not null && article.IsBehindOriginal(translation), published);
    }
}
