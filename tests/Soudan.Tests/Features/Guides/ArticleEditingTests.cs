using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Guides;
using Soudan.Web.Infrastructure.Time;

namespace Soudan.Tests.Features.Guides;

/// <summary>
/// A coordinator writes a guide in Japanese, translates it into English, publishes, schedules,
/// corrects and restores it, over HTTP as a browser would; readers see each step, a translation
/// behind its original is marked on both sides, and a second editor's save is refused, not lost.
/// </summary>
public abstract class ArticleEditingTests(TestDatabase database)
{
    private static readonly string JapaneseText = "## 休業手当\n\n平均賃金の 60 % 以上です。[計算する](/ja/tools/leave-allowance?averageWage=9000&leaveDays=10)\n\n<script>alert(1)</script><img src=x onerror=alert(2)>";

    [Fact]
    public async Task A_guide_is_written_translated_published_corrected_and_restored()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        using var reader = app.CreatePageClient();

        var empty = await coordinator.GetPageAsync("/staff/articles");
        Assert.Contains("No guides or news yet.", empty.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var created = await coordinator.SubmitAsync("/staff/articles/new/ja?kind=guide", new Dictionary<string, string>
        {
            ["Input.Slug"] = "leave-allowance",
            ["Input.Category"] = "unpaid-leave-allowance",
            ["Input.Title"] = "休業手当：会社の都合で休まされたとき",
            ["Input.Summary"] = "シフトを減らされたら、平均賃金の6割以上が払われます。",
            ["Input.Markdown"] = JapaneseText,
            ["Input.Status"] = "published",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Article>().Select(a => a.Id).SingleAsync());
        Assert.Equal($"/staff/articles/{id}/ja", created.Headers.Location!.OriginalString);

        var japanese = await reader.GetPageAsync("/ja/guides/leave-allowance");
        Assert.Equal("休業手当", japanese.QuerySelector(".article__body h2")!.TextContent);
        Assert.Empty(japanese.QuerySelectorAll(".article__body script, .article__body [onerror]"));
        Assert.Equal("/ja/tools/leave-allowance?averageWage=9000&leaveDays=10", japanese.QuerySelector(".article__body a")!.GetAttribute("href"));

        // Linked where a worker meets the problem: the home page, the form's box, the calculator.
        var home = await reader.GetPageAsync("/ja/");
        Assert.Contains("/ja/guides/leave-allowance", home.QuerySelectorAll(".problem-list a").Select(a => a.GetAttribute("href")));
        var form = await reader.GetPageAsync("/ja/consult");
        var beside = form.QuerySelector("#Input_Problems_unpaid-leave-allowance")!.ParentElement!.NextElementSibling!;
        Assert.Equal(("/ja/guides/leave-allowance", "_blank"), (beside.GetAttribute("href"), beside.GetAttribute("target")));
        var tool = await reader.GetPageAsync("/ja/tools/leave-allowance");
        Assert.Equal("/ja/guides/leave-allowance", tool.QuerySelector(".notice a[href*='/guides/']")!.GetAttribute("href"));
        Assert.Empty((await reader.GetPageAsync("/en/consult")).QuerySelectorAll(".choice__guide"));

        // The English translation: offered with the original beside it, up to date by default.
        var translate = await coordinator.GetPageAsync($"/staff/articles/{id}/en");
        Assert.Contains("休業手当", translate.QuerySelector("details pre")!.TextContent, StringComparison.Ordinal);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)translate.QuerySelector("input[name='Input.UpToDate']")!).IsChecked);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(translate, $"/staff/articles/{id}/en", new Dictionary<string, string>
        {
            ["Input.Title"] = "The leave allowance: sent home by your employer",
            ["Input.Summary"] = "If your shifts are cut, you are paid at least 60 % of your average wage.",
            ["Input.Markdown"] = "## Leave allowance\n\nAt least 60 % of your average wage.",
            ["Input.Status"] = "published",
        })).StatusCode);
        var english = await reader.GetPageAsync("/en/guides/leave-allowance");
        Assert.Null(english.QuerySelector(".article .notice"));

        // The original changes: the translation is marked behind, to readers and to editors.
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync($"/staff/articles/{id}/ja", new Dictionary<string, string>
        {
            ["Input.Markdown"] = JapaneseText + "\n\n会社が払わないときは、労働基準監督署に相談できます。",
        })).StatusCode);
        var behind = await reader.GetPageAsync("/en/guides/leave-allowance");
        Assert.Equal("/ja/guides/leave-allowance", behind.QuerySelector(".article .notice a")!.GetAttribute("href"));
        var list = await coordinator.GetPageAsync("/staff/articles");
        var states = list.QuerySelector(".article-desk__item")!.TextContent;
        Assert.Contains("Behind the original", states, StringComparison.Ordinal);
        Assert.Contains("Machine-assisted", states, StringComparison.Ordinal);
        Assert.Contains("not written", states, StringComparison.Ordinal);
        var editing = await coordinator.GetPageAsync($"/staff/articles/{id}/en");
        Assert.Contains("version 1 of the original, which is now at version 2", editing.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // A small correction of the original does not put a translation that followed it behind.
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync($"/staff/articles/{id}/en", new Dictionary<string, string>
        {
            ["Input.Markdown"] = "## Leave allowance\n\nAt least 60 % of your average wage. If the company does not pay, the labour inspectors can help.",
            ["Input.UpToDate"] = "true",
            ["Input.Review"] = "reviewed",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync($"/staff/articles/{id}/ja", new Dictionary<string, string>
        {
            ["Input.Title"] = "休業手当：会社の都合で休まされたときは",
            ["Input.SmallCorrection"] = "true",
        })).StatusCode);
        Assert.Null((await reader.GetPageAsync("/en/guides/leave-allowance")).QuerySelector(".article .notice"));
        Assert.Contains("Checked", (await coordinator.GetPageAsync("/staff/articles")).QuerySelector(".article-desk__item")!.TextContent, StringComparison.Ordinal);

        // The history: three versions of the Japanese, the first put back and saved as the fourth.
        var history = await coordinator.GetPageAsync($"/staff/articles/{id}/ja");
        Assert.Equal(["3", "2", "1"], history.QuerySelectorAll("section[aria-labelledby=history-title] tbody tr td:first-child").Select(td => td.TextContent));
        var restoring = await coordinator.GetPageAsync($"/staff/articles/{id}/ja?restore=1");
        Assert.Equal(JapaneseText, restoring.QuerySelector("textarea[name='Input.Markdown']")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(restoring, $"/staff/articles/{id}/ja?restore=1", new Dictionary<string, string>())).StatusCode);
        var restored = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<ArticleTranslation>().SingleAsync(t => t.Language == "ja"));
        Assert.Equal((4, JapaneseText, "休業手当：会社の都合で休まされたとき"), (restored.Version, restored.Markdown, restored.Title));

        // Back to a draft: readers no longer find it, in the list or at its address.
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync($"/staff/articles/{id}/en", new Dictionary<string, string> { ["Input.Status"] = "draft" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/en/guides/leave-allowance")).StatusCode);
        Assert.Equal(["/ja/guides/leave-allowance"], (await PageClient.ParseAsync(await reader.GetAsync("/en/guides/leave-allowance"))).QuerySelectorAll("main .article-languages a").Select(a => a.GetAttribute("href")!));

        var saves = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().AuditEvents.CountAsync(e => e.Action == "article.saved"));
        Assert.Equal(7, saves);
    }

    [Fact]
    public async Task A_news_post_scheduled_for_later_is_not_shown_until_its_time()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        using var reader = app.CreatePageClient();
        var later = JapanTime.FromUtc(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(2);

        var saved = await coordinator.SubmitAsync("/staff/articles/new/en?kind=news", new Dictionary<string, string>
        {
            ["Input.Slug"] = "press-conference",
            ["Input.Title"] = "Press conference at the Ministry",
            ["Input.Markdown"] = "On Friday, four hotel workers speak to the press.",
            ["Input.Status"] = "published",
            ["Input.PublishAt"] = later.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/en/news/press-conference")).StatusCode);
        Assert.Contains("Scheduled for", (await coordinator.GetPageAsync("/staff/articles")).QuerySelector(".article-desk__item")!.TextContent, StringComparison.Ordinal);
        var stored = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<ArticleTranslation>().SingleAsync());
        Assert.Equal(JapanTime.ToUtc(new DateTime(later.Year, later.Month, later.Day, later.Hour, later.Minute, 0, DateTimeKind.Unspecified)), stored.PublishAtUtc);

        // Brought forward to now (the time emptied): out at once.
        var id = stored.ArticleId;
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync($"/staff/articles/{id}/en", new Dictionary<string, string> { ["Input.PublishAt"] = "" })).StatusCode);
        Assert.Equal("Press conference at the Ministry", (await reader.GetPageAsync("/en/news/press-conference")).QuerySelector("article h1")!.TextContent);
    }

    [Fact]
    public async Task A_second_editor_saving_the_same_version_is_refused_and_keeps_what_they_wrote()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var first = await app.SignInAsync(StaffRoles.Coordinator);
        using var second = await app.SignInAsync(StaffRoles.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync("/staff/articles/new/en?kind=guide", new Dictionary<string, string>
        {
            ["Input.Slug"] = "unpaid-wages",
            ["Input.Title"] = "Unpaid wages",
            ["Input.Markdown"] = "First text.",
        })).StatusCode);
        var id = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Article>().Select(a => a.Id).SingleAsync());

        var firstPage = await first.GetPageAsync($"/staff/articles/{id}/en");
        var secondPage = await second.GetPageAsync($"/staff/articles/{id}/en");
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(firstPage, $"/staff/articles/{id}/en", new Dictionary<string, string> { ["Input.Markdown"] = "The first editor's text." })).StatusCode);
        var refused = await second.SubmitAsync(secondPage, $"/staff/articles/{id}/en", new Dictionary<string, string> { ["Input.Markdown"] = "The second editor's text." });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await PageClient.ParseAsync(refused);
        Assert.Contains("Not saved", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("The second editor's text.", page.QuerySelector("textarea[name='Input.Markdown']")!.TextContent);
        var stored = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<ArticleTranslation>().SingleAsync());
        Assert.Equal((2, "The first editor's text."), (stored.Version, stored.Markdown));
    }

    [Fact]
    public async Task Bad_input_is_named_beside_each_field_and_nothing_is_saved()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);

        var refused = await coordinator.SubmitAsync("/staff/articles/new/en?kind=guide", new Dictionary<string, string>
        {
            ["Input.Slug"] = "Leave Allowance!",
            ["Input.Title"] = "",
            ["Input.Markdown"] = "![](/media/photo.webp) and ![a hotel](https://example.com/hotel.jpg)",
            ["Input.Status"] = "published",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var summary = (await PageClient.ParseAsync(refused)).QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("small letters a to z", summary, StringComparison.Ordinal);
        Assert.Contains("Give the article a title.", summary, StringComparison.Ordinal);
        Assert.Contains("Every image needs a description", summary, StringComparison.Ordinal);
        Assert.Contains("Images must be uploaded here first", summary, StringComparison.Ordinal);

        var enormous = await coordinator.SubmitAsync("/staff/articles/new/en?kind=guide", new Dictionary<string, string>
        {
            ["Input.Slug"] = "enormous",
            ["Input.Title"] = "Enormous",
            ["Input.Markdown"] = new string('a', ArticleDesk.MarkdownMaxLength + 1),
        });
        Assert.Contains("Split it into two articles", (await PageClient.ParseAsync(enormous)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync("/staff/articles/new/en?kind=guide", new Dictionary<string, string>
        {
            ["Input.Slug"] = "taken",
            ["Input.Title"] = "Taken",
            ["Input.Markdown"] = "Text.",
        })).StatusCode);
        var taken = await coordinator.SubmitAsync("/staff/articles/new/en?kind=guide", new Dictionary<string, string>
        {
            ["Input.Slug"] = "taken",
            ["Input.Title"] = "Taken again",
            ["Input.Markdown"] = "Text.",
        });
        Assert.Contains("Another article already has this address.", (await PageClient.ParseAsync(taken)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<Article>().CountAsync()));

        // The preview renders without saving, cleaned as for readers.
        var preview = await coordinator.PostAsync("/staff/articles/new/en?kind=guide", "/staff/articles/new/en?kind=guide&handler=preview", new Dictionary<string, string> { ["Input.Markdown"] = "**bold**<script>alert(1)</script>" });
        Assert.Equal("<p><strong>bold</strong></p>", (await preview.Content.ReadAsStringAsync()).Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/staff/articles/999/en")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/staff/articles/new/xx")).StatusCode);
    }

    [Fact]
    public async Task Only_coordinators_and_admins_edit_guides()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        using var analyst = await app.SignInAsync(StaffRoles.Analyst);
        foreach (var client in new[] { counselor, analyst })
        {
            var response = await client.GetAsync("/staff/articles");
            Assert.Contains("access-denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }
}

public sealed class ArticleEditingTestsOnSqlite() : ArticleEditingTests(TestDatabase.Sqlite);

public sealed class ArticleEditingTestsOnPostgres() : ArticleEditingTests(TestDatabase.Postgres);
