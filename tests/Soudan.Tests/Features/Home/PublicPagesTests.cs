using System.Net;
using System.Text.RegularExpressions;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Tests.Features.Home;

[Collection(OnSqlite.Name)]
public sealed partial class PublicPagesTests(SqliteAppFixture fixture)
{
    private readonly HttpClient _client = fixture.App.CreateClient();

    public static TheoryData<string> Languages() => [.. PublicLanguages.All.Select(l => l.Code)];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Every_public_language_has_a_home_page_that_says_its_language_and_direction(string code)
    {
        var response = await _client.GetAsync($"/{code}/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var language = PublicLanguages.FindByCode(code)!;
        Assert.Contains($"<html lang=\"{language.HtmlLang}\" dir=\"{(code == "ar" ? "rtl" : "ltr")}\">", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalResource(), html);
        Assert.DoesNotContain("&#x", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tl-PH,tl;q=0.9,en;q=0.8", "/tl/")]
    [InlineData("fil-PH", "/tl/")]
    [InlineData("zh-CN,zh;q=0.9", "/zh-Hans/")]
    [InlineData("zh-TW", "/zh-Hans/")]
    [InlineData("pt-PT,pt;q=0.9", "/pt-BR/")]
    [InlineData("ja-JP", "/ja/")]
    [InlineData("my-MM", "/my/")]
    [InlineData("ne-NP,en;q=0.5", "/ne/")]
    [InlineData("in-ID", "/id/")]
    [InlineData("de-DE,ar;q=0.5", "/ar/")]
    [InlineData("de-DE,fr;q=0.9", "/en/")]
    [InlineData("", "/en/")]
    [InlineData("tl;q=0, vi", "/vi/")]
    [InlineData(";;;garbage===", "/en/")]
    public async Task The_root_address_chooses_the_language_the_phone_asks_for(string acceptLanguage, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_unknown_language_segment_is_a_404_page_in_English_with_a_link_to_every_language()
    {
        var response = await _client.GetAsync("/xx-unknown/");
        var page = await PageClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        var links = page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToHashSet();
        Assert.All(PublicLanguages.All, l => Assert.Contains(l.HomePath, links));
    }

    [Fact]
    public async Task A_missing_page_in_a_language_is_a_404_page_in_that_language()
    {
        var response = await _client.GetAsync("/ja/no-such-page");
        var page = await PageClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ja", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("/ja/", page.QuerySelector("main a")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ZH-HANS/", "/zh-Hans/")]
    [InlineData("/Tl/", "/tl/")]
    [InlineData("/JA-EASY/", "/ja-easy/")]
    public async Task A_language_segment_in_the_wrong_case_redirects_to_the_one_address_of_the_page(string path, string expected)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_language_menu_links_each_language_to_the_same_page()
    {
        var page = await PageClient.ParseAsync(await _client.GetAsync("/vi/"));

        var links = page.QuerySelectorAll(".language-menu a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(PublicLanguages.All.Select(l => l.HomePath), links);
        Assert.Equal("true", page.QuerySelector(".language-menu a[href='/vi/']")!.GetAttribute("aria-current"));
    }

    [Theory]
    [InlineData("/en/")]
    [InlineData("/ar/")]
    [InlineData("/xx/")]
    [InlineData("/staff/sign-in")]
    [InlineData("/healthz")]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/openapi/v1.json")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await _client.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task The_stylesheet_is_served_by_the_app_under_a_fingerprinted_address_and_revalidates_for_nothing()
    {
        var page = await PageClient.ParseAsync(await _client.GetAsync("/en/"));
        var href = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        var first = await _client.GetAsync(href);
        using var again = new HttpRequestMessage(HttpMethod.Get, href);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await _client.SendAsync(again);

        // A published app also marks it immutable for a year; a build (dotnet run) asks the browser to revalidate.
        Assert.Matches(@"^/css/site\.[a-z0-9]+\.css$", href);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Health_and_readiness_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_is_published()
    {
        var response = await _client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"paths\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_API_address_answers_with_problem_details()
    {
        var response = await _client.GetAsync("/api/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Over_HTTPS_browsers_are_told_to_stay_on_HTTPS()
    {
        using var client = fixture.App.CreateClient();
        client.BaseAddress = new Uri("https://soudan.example.org");   // HSTS is never sent to localhost

        var response = await client.GetAsync("/en/");

        Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/en/")]
    [InlineData("/ar/")]
    [InlineData("/xx/")]
    [InlineData("/staff/sign-in")]
    [InlineData("/staff/setup/unknown-token-000000000")]
    public async Task No_page_carries_inline_script_or_event_handlers(string path)
    {
        var html = await (await _client.GetAsync(path)).Content.ReadAsStringAsync();

        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task No_sentence_of_the_English_home_page_is_left_in_another_language(string code)
    {
        if (code == "en")
        {
            return;
        }

        var english = await SentencesAsync("/en/");
        var translated = PageClient.MainText(await PageClient.ParseAsync(await _client.GetAsync($"/{code}/")));

        Assert.All(english, sentence => Assert.DoesNotContain(sentence, translated, StringComparison.Ordinal));
    }

    /// <summary>A prepaid phone pays for every byte: HTML, stylesheet and script together stay under 50 KB.</summary>
    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Every_public_page_weighs_under_50_KB_transferred(string code)
    {
        using var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Add("Accept-Encoding", "br, gzip");
        var weights = new List<string>();

        foreach (var path in new[] { $"/{code}/", $"/{code}/consult", $"/{code}/privacy" })
        {
            var page = await client.GetAsync(path);
            var bytes = (await page.Content.ReadAsByteArrayAsync()).Length;
            var html = await PageClient.ParseAsync(await _client.GetAsync(path));
            foreach (var asset in html.QuerySelectorAll("link[rel=stylesheet], script[src]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")))
            {
                bytes += (await (await client.GetAsync(asset)).Content.ReadAsByteArrayAsync()).Length;
            }

            weights.Add($"{path}: {bytes} bytes");
            Assert.True(bytes < 50 * 1024, string.Join(", ", weights));
        }
    }

    /// <summary>A kept page is kept compressed, one copy for each way a browser can read it.</summary>
    [Fact]
    public async Task A_cached_page_reaches_each_reader_in_an_encoding_it_asked_for()
    {
        async Task<(string? Encoding, string Html)> GetAsync(string? acceptEncoding)
        {
            using var client = fixture.App.CreateClient();
            if (acceptEncoding is not null)
            {
                client.DefaultRequestHeaders.Add("Accept-Encoding", acceptEncoding);
            }

            var response = await client.GetAsync("/vi/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
            if (encoding is not null)
            {
                Assert.Contains("Accept-Encoding", response.Headers.Vary);
            }

            await using var body = await response.Content.ReadAsStreamAsync();
            await using Stream decoded = encoding switch
            {
                "br" => new System.IO.Compression.BrotliStream(body, System.IO.Compression.CompressionMode.Decompress),
                "gzip" => new System.IO.Compression.GZipStream(body, System.IO.Compression.CompressionMode.Decompress),
                _ => body,
            };
            using var reader = new StreamReader(decoded);
            return (encoding, await reader.ReadToEndAsync());
        }

        // Each asked twice: the second answer comes from the cache.
        foreach (var (asked, expected) in new[] { ("br", "br"), (null, null), ("gzip", "gzip"), ("br", "br"), (null, null), ("gzip", "gzip") })
        {
            var (encoding, html) = await GetAsync(asked);
            Assert.Equal(expected, encoding);
            Assert.Contains("<html lang=\"vi\"", html, StringComparison.Ordinal);
        }
    }

    private async Task<IReadOnlyList<string>> SentencesAsync(string path)
    {
        var page = await PageClient.ParseAsync(await _client.GetAsync(path));
        return page.QuerySelectorAll("main h1, main h2, main p, main li")
            .Select(e => e.TextContent.Trim())
            .Where(t => t.Split(' ').Length >= 3)
            .ToList();
    }

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [GeneratedRegex(@"(src|href)=""(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalResource();
}
