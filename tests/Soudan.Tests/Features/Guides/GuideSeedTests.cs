using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Guides;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Tests.Features.Guides;

/// <summary>
/// A new organisation starts with six guides in every public language (Japanese the original, the
/// others marked machine-assisted), one per problem people call about most, each link in them
/// leading somewhere in the reader's language, saved once only.
/// </summary>
public sealed class GuideSeedTests
{
    [Fact]
    public async Task The_seed_guides_are_saved_once_published_and_every_link_in_them_works()
    {
        await using var app = await SoudanApp.StartAsync(TestDatabase.Sqlite);
        await GuideSeed.SeedIfEmptyAsync(app.Services, CancellationToken.None);
        await GuideSeed.SeedIfEmptyAsync(app.Services, CancellationToken.None);

        var articles = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Article>().Include(a => a.Translations).AsNoTracking().ToListAsync());
        Assert.Equal(GuideSeed.Guides.Select(g => g.Slug).Order(StringComparer.Ordinal), articles.Select(a => a.Slug).Order(StringComparer.Ordinal));
        using var reader = app.CreatePageClient();
        var parser = new HtmlParser();
        foreach (var article in articles)
        {
            Assert.Equal(PublicLanguages.All.Select(l => l.Code).Order(StringComparer.Ordinal), article.Translations.Select(t => t.Language).Order(StringComparer.Ordinal));
            Assert.Equal(ReviewState.Original, article.Translations.Single(t => t.Language == "ja").Review);
            Assert.All(article.Translations.Where(t => t.Language != "ja"), t => Assert.Equal(ReviewState.MachineAssisted, t.Review));
            foreach (var translation in article.Translations)
            {
                Assert.False(string.IsNullOrWhiteSpace(translation.Title) || string.IsNullOrWhiteSpace(translation.Summary), $"{article.Slug}.{translation.Language}");
                Assert.True(translation.Summary.Length <= ArticleTranslation.SummaryMaxLength, $"{article.Slug}.{translation.Language}: summary too long");
                Assert.Empty(ArticleMarkdown.Mistakes(translation.Markdown));
                var page = await reader.GetPageAsync($"/{translation.Language}/guides/{article.Slug}");
                Assert.Null(page.QuerySelector(".article .notice"));
                var links = (await parser.ParseDocumentAsync(ArticleMarkdown.ToHtml(translation.Markdown))).QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList();
                Assert.Contains($"/{translation.Language}/consult", links);
                foreach (var link in links)
                {
                    Assert.StartsWith($"/{translation.Language}/", link, StringComparison.Ordinal);
                    Assert.True((await reader.GetAsync(link)).StatusCode == HttpStatusCode.OK, $"{article.Slug}.{translation.Language}: {link}");
                }
            }
        }
    }
}
