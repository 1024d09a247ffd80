using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Guides;

namespace Soudan.Tests.Features.Guides;

/// <summary>
/// A reader finds the guides and news of their language: published ones only, searchable in any
/// script, the translation's age against the original told, every language it is written in
/// offered where theirs is missing, the news as a valid Atom feed.
/// </summary>
public abstract class GuidesTests(TestDatabase database)
{
    [Fact]
    public async Task Readers_find_published_guides_in_their_language_told_when_a_translation_is_behind_the_original()
    {
        await using var app = await SoudanApp.StartAsync(database);
        var now = await app.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            db.Add(new Article
            {
                Kind = ArticleKind.Guide,
                Slug = "help-with-rent",
                Category = "cannot-pay-rent",
                OriginalLanguage = "ja",
                CreatedAtUtc = now,
                Translations =
                [
                    Translation("ja", "家賃の支援（住居確保給付金）", "収入が減って家賃が払えないとき。", "## 住居確保給付金\n\n家賃を市区町村が払います。<script>alert(1)</script>", now.AddDays(-3), version: 2, from: null),
                    // Translated from the first version; the Japanese has changed since.
                    Translation("en", "Help with your rent", "When your income falls and you cannot pay the rent.", "## The housing benefit\n\nYour city pays the rent to the landlord.", now.AddDays(-2), version: 1, from: 1),
                ],
            });
            db.Add(new Article
            {
                Kind = ArticleKind.Guide,
                Slug = "leave-allowance",
                OriginalLanguage = "en",
                CreatedAtUtc = now,
                Translations = [Translation("en", "Sent home: the leave allowance", "", "60 % of your average wage.", now.AddDays(5), version: 1, from: null)],
            });
            db.Add(new Article
            {
                Kind = ArticleKind.Guide,
                Slug = "draft-guide",
                OriginalLanguage = "en",
                CreatedAtUtc = now,
                Translations = [Translation("en", "Not ready", "", "Draft.", null, version: 1, from: null)],
            });
            return await db.SaveChangesAsync();
        });

        using var reader = app.CreatePageClient();
        var list = await reader.GetPageAsync("/en/guides");
        Assert.Equal(["Help with your rent"], list.QuerySelectorAll(".article-list h2").Select(h => h.TextContent.Trim()));
        Assert.Contains("I cannot pay my rent", list.QuerySelector(".article-list")!.TextContent, StringComparison.Ordinal);

        var found = await reader.GetPageAsync("/ja/guides?q=" + Uri.EscapeDataString("家賃"));
        Assert.Single(found.QuerySelectorAll(".article-list li"));
        var none = await reader.GetPageAsync("/en/guides?q=visa");
        Assert.Empty(none.QuerySelectorAll(".article-list li"));
        Assert.Contains("visa", none.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var guide = await reader.GetPageAsync("/en/guides/help-with-rent");
        Assert.Equal("Help with your rent", guide.QuerySelector("article h1")!.TextContent);
        Assert.Equal("The housing benefit", guide.QuerySelector(".article__body h2")!.TextContent);
        Assert.Equal("/ja/guides/help-with-rent", guide.QuerySelector(".article .notice a")!.GetAttribute("href"));
        Assert.Equal("Help with your rent", guide.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal(["en", "ja"], guide.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => l.GetAttribute("hreflang")!).Order(StringComparer.Ordinal));
        using var structured = JsonDocument.Parse(guide.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal("Help with your rent", structured.RootElement.GetProperty("headline").GetString());
        Assert.Equal("en", structured.RootElement.GetProperty("inLanguage").GetString());

        // The original is not behind itself, and what it held of script is gone.
        var original = await reader.GetPageAsync("/ja/guides/help-with-rent");
        Assert.Null(original.QuerySelector(".article .notice"));
        Assert.Empty(original.QuerySelectorAll(".article__body script"));
        Assert.DoesNotContain("alert(1)", original.QuerySelector(".article__body")!.InnerHtml, StringComparison.Ordinal);

        // In Tagalog it is not written: the languages it is, never an empty page.
        var missing = await reader.Client.GetAsync("/tl/guides/help-with-rent");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var offered = await PageClient.ParseAsync(missing);
        Assert.Equal(["/en/guides/help-with-rent", "/ja/guides/help-with-rent"], offered.QuerySelectorAll("main .article-languages a").Select(a => a.GetAttribute("href")!).Order(StringComparer.Ordinal));

        // Scheduled and draft guides are not there yet; an unknown one is not found.
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Client.GetAsync("/en/guides/leave-allowance")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Client.GetAsync("/en/guides/draft-guide")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Client.GetAsync("/en/guides/no-such-guide")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Client.GetAsync("/en/guides/Bad_Slug")).StatusCode);
    }

    [Fact]
    public async Task The_news_of_a_language_is_a_valid_Atom_feed_of_what_is_published()
    {
        await using var app = await SoudanApp.StartAsync(database);
        var now = await app.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            db.Add(new Article
            {
                Kind = ArticleKind.News,
                Slug = "hotel-workers-join-the-union",
                OriginalLanguage = "en",
                CreatedAtUtc = now,
                Translations = [Translation("en", "Four dispatched hotel workers join the union", "Sent home without pay, they ask for the leave allowance <together>.", "Text.", now.AddDays(-1), version: 1, from: null)],
            });
            db.Add(new Article
            {
                Kind = ArticleKind.News,
                Slug = "press-conference",
                OriginalLanguage = "en",
                CreatedAtUtc = now,
                Translations = [Translation("en", "Press conference at the Ministry", "", "Text.", now.AddDays(2), version: 1, from: null)],
            });
            return await db.SaveChangesAsync();
        });

        using var reader = app.CreatePageClient();
        var response = await reader.Client.GetAsync("/en/news/feed.atom");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(atom + "feed", feed.Root!.Name);
        foreach (var required in new[] { "id", "title", "updated" })
        {
            Assert.NotNull(feed.Root.Element(atom + required));
        }

        var entry = Assert.Single(feed.Root.Elements(atom + "entry"));
        Assert.Equal("Four dispatched hotel workers join the union", entry.Element(atom + "title")!.Value);
        Assert.Equal("Sent home without pay, they ask for the leave allowance <together>.", entry.Element(atom + "summary")!.Value);
        Assert.EndsWith("/en/news/hotel-workers-join-the-union", entry.Element(atom + "link")!.Attribute("href")!.Value, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(entry.Element(atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture, out _));

        var empty = XDocument.Parse(await reader.Client.GetStringAsync("/vi/news/feed.atom"));
        Assert.Empty(empty.Root!.Elements(atom + "entry"));
        var news = await reader.GetPageAsync("/en/news");
        Assert.Single(news.QuerySelectorAll(".article-list li"));
        Assert.NotNull(news.QuerySelector("link[rel=alternate][type='application/atom+xml']"));
    }

    private static ArticleTranslation Translation(string language, string title, string summary, string markdown, DateTime? publishAt, int version, int? from) => new()
    {
        Language = language,
        Title = title,
        Summary = summary,
        Markdown = markdown,
        Status = publishAt is null ? ArticleStatus.Draft : ArticleStatus.Published,
        PublishAtUtc = publishAt,
        Version = version,
        TranslatedFromVersion = from,
        Review = from is null ? ReviewState.Original : ReviewState.MachineAssisted,
        UpdatedAtUtc = publishAt ?? DateTime.UnixEpoch,
    };
}

public sealed class GuidesTestsOnSqlite() : GuidesTests(TestDatabase.Sqlite);

public sealed class GuidesTestsOnPostgres() : GuidesTests(TestDatabase.Postgres);
