using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Soudan.Web.Features.Guides;

/// <summary>A guide explains rights and help; news tells what happened (a press release among them).</summary>
public enum ArticleKind
{
    Guide = 0,
    News = 1,
}

public enum ArticleStatus
{
    Draft = 0,

    /// <summary>Shown to readers from <see cref="ArticleTranslation.PublishAtUtc"/> on (scheduled when that is still to come).</summary>
    Published = 1,
}

/// <summary>How far a translation can be trusted: the original, checked by a native speaker, or made with a machine's help.</summary>
public enum ReviewState
{
    Original = 0,
    MachineAssisted = 1,
    Reviewed = 2,
}

/// <summary>
/// One article in every language it is written in: its address (kind and slug), its category
/// (for a guide, the problem it is about, one of the consultation form's codes) and the language it
/// was first written in, which the translations follow.
/// </summary>
public sealed class Article
{
    public const int SlugMaxLength = 80;

    public int Id { get; private set; }

    public ArticleKind Kind { get; init; }

    /// <summary>Lower-case ASCII letters, digits and hyphens: the same in every language (<c>/tl/guides/leave-allowance</c>).</summary>
    public required string Slug { get; set; }

    /// <summary>For a guide, a problem code (<see cref="Intakes.ConsultationTerms.Problems"/>).</summary>
    public string? Category { get; set; }

    public required string OriginalLanguage { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    public List<ArticleTranslation> Translations { get; init; } = [];

    public ArticleTranslation? Original => Translations.FirstOrDefault(t => t.Language == OriginalLanguage);

    /// <summary>A translation made from an older version of the original than the one now stored.</summary>
    public bool IsBehindOriginal(ArticleTranslation translation) =>
        translation.Language != OriginalLanguage && Original is { } original && (translation.TranslatedFromVersion ?? 0) < original.Version;
}

/// <summary>
/// The article in one language. <see cref="Version"/> counts its saves (and guards them: a save
/// made on an older version is refused); <see cref="TranslatedFromVersion"/> is the version of the
/// original it was translated from, so a translation behind the original is known.
/// </summary>
public sealed class ArticleTranslation
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 400;
    public const int MarkdownMaxLength = 100_000;

    public int Id { get; private set; }

    public int ArticleId { get; init; }

    public Article? Article { get; init; }

    public required string Language { get; init; }

    public required string Title { get; set; }

    public string Summary { get; set; } = string.Empty;

    public required string Markdown { get; set; }

    public ArticleStatus Status { get; set; }

    public DateTime? PublishAtUtc { get; set; }

    public int Version { get; set; } = 1;

    public int? TranslatedFromVersion { get; set; }

    public ReviewState Review { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public Guid UpdatedBy { get; set; }

    public List<ArticleRevision> Revisions { get; init; } = [];

    public bool IsPublishedAt(DateTime nowUtc) => Status == ArticleStatus.Published && PublishAtUtc <= nowUtc;
}

/// <summary>What a translation held after each save: who saved it and when, to read back and restore.</summary>
public sealed class ArticleRevision
{
    public int Id { get; private set; }

    public int TranslationId { get; init; }

    public int Version { get; init; }

    public required string Title { get; init; }

    public required string Summary { get; init; }

    public required string Markdown { get; init; }

    public ArticleStatus Status { get; init; }

    public DateTime? PublishAtUtc { get; init; }

    public DateTime SavedAtUtc { get; init; }

    public Guid SavedBy { get; init; }
}

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.HasIndex(a => new { a.Kind, a.Slug }).IsUnique();
        builder.Property(a => a.Slug).HasMaxLength(Article.SlugMaxLength);
        builder.Property(a => a.Category).HasMaxLength(64);
        builder.Property(a => a.OriginalLanguage).HasMaxLength(16);
        builder.HasMany(a => a.Translations).WithOne(t => t.Article).HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArticleTranslationConfiguration : IEntityTypeConfiguration<ArticleTranslation>
{
    public void Configure(EntityTypeBuilder<ArticleTranslation> builder)
    {
        builder.HasIndex(t => new { t.ArticleId, t.Language }).IsUnique();
        builder.HasIndex(t => new { t.Language, t.Status, t.PublishAtUtc });
        builder.Property(t => t.Language).HasMaxLength(16);
        builder.Property(t => t.Title).HasMaxLength(ArticleTranslation.TitleMaxLength);
        builder.Property(t => t.Summary).HasMaxLength(ArticleTranslation.SummaryMaxLength);
        builder.Property(t => t.Markdown).HasMaxLength(ArticleTranslation.MarkdownMaxLength);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasMany(t => t.Revisions).WithOne().HasForeignKey(r => r.TranslationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> builder)
    {
        builder.HasIndex(r => new { r.TranslationId, r.Version }).IsUnique();
        builder.Property(r => r.Title).HasMaxLength(ArticleTranslation.TitleMaxLength);
        builder.Property(r => r.Summary).HasMaxLength(ArticleTranslation.SummaryMaxLength);
        builder.Property(r => r.Markdown).HasMaxLength(ArticleTranslation.MarkdownMaxLength);
    }
}
