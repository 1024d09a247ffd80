using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;

namespace Soudan.Web.Features.Guides;

/// <summary>
/// The guides a new organisation starts with, written from the project's labour-law notes: one
/// Markdown file per language in Features/Guides/Seed (<c>{slug}.{language}.md</c>, a title and a
/// summary in its first lines), built into the app. They are saved once, into a database that holds
/// no article yet, published, Japanese as the original and every other language marked
/// "machine-assisted" until someone who speaks it has checked it.
/// </summary>
public static class GuideSeed
{
    /// <summary>Each guide's address and the problem it is about.</summary>
    public static IReadOnlyList<(string Slug, string Category)> Guides { get; } =
    [
        ("leave-allowance", "unpaid-leave-allowance"),
        ("help-with-rent", "cannot-pay-rent"),
        ("unpaid-wages-and-overtime", "unpaid-overtime"),
        ("dismissal-and-notice", "dismissal"),
        ("harassment-and-outing", "outing-or-discrimination"),
        ("unemployment-benefit", "no-income"),
    ];

    private const string OriginalLanguage = "ja";

    /// <summary>Saves the guides when no article exists yet; another instance doing the same at once loses on the unique address and gives way.</summary>
    public static async Task SeedIfEmptyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
        if (await db.Set<Article>().AnyAsync(cancellationToken))
        {
            return;
        }

        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        db.AddRange(Articles(now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance seeded first.
        }
    }

    /// <summary>The seed guides as articles, each with every translation its files hold.</summary>
    public static IEnumerable<Article> Articles(DateTime now)
    {
        var assembly = typeof(GuideSeed).Assembly;
        var files = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).ToList();
        foreach (var (slug, category) in Guides)
        {
            var article = new Article { Kind = ArticleKind.Guide, Slug = slug, Category = category, OriginalLanguage = OriginalLanguage, CreatedAtUtc = now };
            foreach (var name in files.Where(n => n.StartsWith(ResourcePrefix + slug + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                var language = name[(ResourcePrefix.Length + slug.Length + 1)..^".md".Length];
                var (title, summary, markdown) = Read(assembly, name);
                var original = language == OriginalLanguage;
                article.Translations.Add(new ArticleTranslation
                {
                    Language = language,
                    Title = title,
                    Summary = summary,
                    Markdown = markdown,
                    Status = ArticleStatus.Published,
                    PublishAtUtc = now,
                    TranslatedFromVersion = original ? null : 1,
                    Review = original ? ReviewState.Original : ReviewState.MachineAssisted,
                    UpdatedAtUtc = now,
                    Revisions = [new ArticleRevision { Version = 1, Title = title, Summary = summary, Markdown = markdown, Status = ArticleStatus.Published, PublishAtUtc = now, SavedAtUtc = now }],
                });
            }

            yield return article;
        }
    }

    private const string ResourcePrefix = "Soudan.Web.Features.Guides.Seed.";

    /// <summary>"# Title", then "&gt; summary", then the text.</summary>
    private static (string Title, string Summary, string Markdown) Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var title = lines[0].TrimStart('#').Trim();
        var summary = lines[2].TrimStart('>').Trim();
        return (title, summary, string.Join('\n', lines.Skip(4)).Trim() + "\n");
    }
}
