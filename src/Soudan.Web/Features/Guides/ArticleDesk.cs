using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Intakes;

namespace Soudan.Web.Features.Guides;

/// <summary>What an editor sends for one translation: its text, whether and when it is shown, and how far it can be trusted.</summary>
public sealed record ArticleDraft(
    string Title,
    string Summary,
    string Markdown,
    ArticleStatus Status,
    DateTime? PublishAtUtc,
    ReviewState Review,
    bool UpToDateWithOriginal,
    bool SmallCorrection);

/// <summary>A save refused because someone else saved first: who, when, and the version now stored.</summary>
public sealed record ArticleConflict(int Version, Guid SavedBy, DateTime SavedAtUtc);

/// <summary>
/// The editors' side of guides and news: an article is made with its first translation (the
/// original); each save of a translation is checked against the version the editor started from, is
/// kept as a revision, and marks how it stands against the original.
/// </summary>
public sealed partial class ArticleDesk(SoudanDbContext db, TimeProvider clock)
{
    /// <summary>Articles are kept to a size a phone can read; a longer one is better as two.</summary>
    public const int MarkdownMaxLength = ArticleTranslation.MarkdownMaxLength;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    public static bool IsSlug(string? slug) => slug is { Length: > 0 and <= Article.SlugMaxLength } && SlugPattern().IsMatch(slug);

    /// <summary>Every article with its translations (no text), newest first, for the editors' list.</summary>
    public async Task<IReadOnlyList<Article>> ListAsync(CancellationToken cancellationToken) =>
        await db.Set<Article>().AsNoTracking().Include(a => a.Translations)
            .OrderByDescending(a => a.CreatedAtUtc).ThenByDescending(a => a.Id)
            .ToListAsync(cancellationToken);

    public Task<Article?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Set<Article>().Include(a => a.Translations).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<bool> SlugTakenAsync(ArticleKind kind, string slug, int? exceptId, CancellationToken cancellationToken) =>
        db.Set<Article>().AnyAsync(a => a.Kind == kind && a.Slug == slug && a.Id != exceptId, cancellationToken);

    public async Task<IReadOnlyList<ArticleRevision>> RevisionsAsync(int translationId, CancellationToken cancellationToken) =>
        await db.Set<ArticleRevision>().AsNoTracking().Where(r => r.TranslationId == translationId)
            .OrderByDescending(r => r.Version).ToListAsync(cancellationToken);

    public Task<ArticleRevision?> RevisionAsync(int translationId, int version, CancellationToken cancellationToken) =>
        db.Set<ArticleRevision>().AsNoTracking().SingleOrDefaultAsync(r => r.TranslationId == translationId && r.Version == version, cancellationToken);

    /// <summary>A new article and its original translation, saved together.</summary>
    public async Task<Article> CreateAsync(ArticleKind kind, string slug, string? category, string language, ArticleDraft draft, Guid editor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var article = new Article { Kind = kind, Slug = slug, Category = category, OriginalLanguage = language, CreatedAtUtc = now };
        var translation = new ArticleTranslation { Language = language, Title = draft.Title, Markdown = draft.Markdown, Review = ReviewState.Original };
        Apply(translation, draft with { Review = ReviewState.Original }, now, editor);
        article.Translations.Add(translation);
        db.Add(article);
        await db.SaveChangesAsync(cancellationToken);
        return article;
    }

    /// <summary>
    /// Saves one translation (made when the article has none in that language yet), as the editor
    /// wrote it on <paramref name="startedFrom"/> (0 for a new one). Refused with the stored version
    /// when someone else saved in between: the database checks the version too, so two saves at the
    /// same moment cannot both pass.
    /// </summary>
    public async Task<ArticleConflict?> SaveAsync(Article article, string language, int startedFrom, ArticleDraft draft, Guid editor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var translation = article.Translations.FirstOrDefault(t => t.Language == language);
        var original = article.Translations.FirstOrDefault(t => t.Language == article.OriginalLanguage);
        if (translation is null)
        {
            if (startedFrom != 0)
            {
                return new ArticleConflict(0, Guid.Empty, now);
            }

            translation = new ArticleTranslation { Language = language, Title = draft.Title, Markdown = draft.Markdown };
            article.Translations.Add(translation);
        }
        else if (translation.Version != startedFrom)
        {
            return new ArticleConflict(translation.Version, translation.UpdatedBy, translation.UpdatedAtUtc);
        }
        else
        {
            db.Entry(translation).Property(t => t.Version).OriginalValue = startedFrom;
            translation.Version = startedFrom + 1;
        }

        var isOriginal = language == article.OriginalLanguage;
        Apply(translation, draft with { Review = isOriginal ? ReviewState.Original : draft.Review }, now, editor);
        if (!isOriginal && original is not null && (draft.UpToDateWithOriginal || translation.TranslatedFromVersion is null))
        {
            translation.TranslatedFromVersion = original.Version;
        }
        else if (isOriginal && draft.SmallCorrection)
        {
            // A typo put right: the translations that followed the last version follow this one too.
            foreach (var other in article.Translations.Where(t => t != translation && t.TranslatedFromVersion == translation.Version - 1))
            {
                other.TranslatedFromVersion = translation.Version;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            var stored = await db.Set<ArticleTranslation>().AsNoTracking().SingleAsync(t => t.Id == translation.Id, cancellationToken);
            return new ArticleConflict(stored.Version, stored.UpdatedBy, stored.UpdatedAtUtc);
        }
    }

    private static void Apply(ArticleTranslation translation, ArticleDraft draft, DateTime now, Guid editor)
    {
        translation.Title = draft.Title;
        translation.Summary = draft.Summary;
        translation.Markdown = draft.Markdown;
        translation.Status = draft.Status;
        // Published without a time: from now (the form shows the stored time, so it is empty only when
        // emptied). A draft keeps the time asked for, for when it is published.
        translation.PublishAtUtc = draft.Status == ArticleStatus.Published ? draft.PublishAtUtc ?? now : draft.PublishAtUtc;
        translation.Review = draft.Review;
        translation.UpdatedAtUtc = now;
        translation.UpdatedBy = editor;
        translation.Revisions.Add(new ArticleRevision
        {
            Version = translation.Version,
            Title = translation.Title,
            Summary = translation.Summary,
            Markdown = translation.Markdown,
            Status = translation.Status,
            PublishAtUtc = translation.PublishAtUtc,
            SavedAtUtc = now,
            SavedBy = editor,
        });
    }

    /// <summary>The categories a guide may have: the problems people call about.</summary>
    public static TermList Categories => ConsultationTerms.Problems;
}
