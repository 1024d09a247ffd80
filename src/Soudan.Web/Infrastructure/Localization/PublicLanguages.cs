using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Soudan.Web.Infrastructure.Localization;

/// <summary>A language of the public side: the first segment of every public URL.</summary>
/// <param name="Code">The URL segment, e.g. <c>tl</c>, <c>zh-Hans</c>, <c>ja-easy</c>.</param>
/// <param name="HtmlLang">The value of <c>&lt;html lang&gt;</c> and <c>hreflang</c>.</param>
/// <param name="NativeName">How speakers of the language name it: what the language chooser shows.</param>
/// <param name="EnglishName">For staff pages and logs.</param>
/// <param name="Culture">Formats dates and numbers, and selects the .resx resources.</param>
public sealed record PublicLanguage(string Code, string HtmlLang, string NativeName, string EnglishName, CultureInfo Culture)
{
    public bool IsRightToLeft => Culture.TextInfo.IsRightToLeft;

    public string Dir => IsRightToLeft ? "rtl" : "ltr";

    /// <summary>The public home page of this language.</summary>
    public string HomePath => $"/{Code}/";
}

/// <summary>
/// The one list of public languages (PRODUCT.md, "Languages"). Everything else (routing, the
/// chooser, request cultures, the translation test) reads it from here.
/// </summary>
public static class PublicLanguages
{
    public static PublicLanguage English { get; } = Create("en", "en", "English", "English", "en");

    public static PublicLanguage Japanese { get; } = Create("ja", "ja", "日本語", "Japanese", "ja");

    /// <summary>
    /// やさしい日本語. .NET knows no such culture, so it gets the name "ja-Easy" (which falls back to
    /// Japanese resources) with Japanese date and number formats copied in.
    /// </summary>
    public static PublicLanguage EasyJapanese { get; } = new(
        "ja-easy", "ja-x-easy", "やさしい にほんご", "Easy Japanese", CreateEasyJapaneseCulture());

    public static IReadOnlyList<PublicLanguage> All { get; } =
    [
        Japanese,
        English,
        Create("tl", "tl", "Tagalog", "Tagalog", "tl"),
        Create("mn", "mn", "Монгол", "Mongolian", "mn"),
        Create("ar", "ar", "العربية", "Arabic", "ar"),
        Create("vi", "vi", "Tiếng Việt", "Vietnamese", "vi"),
        Create("zh-Hans", "zh-Hans", "简体中文", "Chinese (Simplified)", "zh-Hans"),
        Create("ne", "ne", "नेपाली", "Nepali", "ne"),
        Create("id", "id", "Bahasa Indonesia", "Indonesian", "id"),
        Create("my", "my", "မြန်မာ", "Burmese", "my"),
        Create("pt-BR", "pt-BR", "Português (Brasil)", "Portuguese (Brazil)", "pt-BR"),
        EasyJapanese,
    ];

    private static readonly Dictionary<string, PublicLanguage> ByCode =
        All.ToDictionary(l => l.Code, StringComparer.Ordinal);

    private static readonly Dictionary<string, PublicLanguage> ByCodeIgnoringCase =
        All.ToDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, PublicLanguage> ByCultureName =
        All.ToDictionary(l => l.Culture.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The language whose URL segment is exactly <paramref name="code"/> (URLs are canonical).</summary>
    public static PublicLanguage? FindByCode(string? code) =>
        code is not null && ByCode.TryGetValue(code, out var language) ? language : null;

    /// <summary>For redirecting <c>/ZH-HANS/</c> to <c>/zh-Hans/</c>.</summary>
    public static PublicLanguage? FindByCodeIgnoringCase(string? code) =>
        code is not null && ByCodeIgnoringCase.TryGetValue(code, out var language) ? language : null;

    public static PublicLanguage? FindByCulture(CultureInfo culture) =>
        ByCultureName.GetValueOrDefault(culture.Name);

    /// <summary>The language of the current request, as the request-culture middleware set it.</summary>
    public static PublicLanguage Current => FindByCulture(CultureInfo.CurrentUICulture) ?? English;

    /// <summary>
    /// The same page in another language: <c>/tl/consult</c> becomes <c>/vi/consult</c>. A path outside
    /// the languages (an error page for <c>/xx/</c>) leads to that language's home page.
    /// </summary>
    public static string PathIn(PublicLanguage language, PathString currentPath)
    {
        var segment = SoudanRequestCultureProvider.FirstSegment(currentPath);
        if (FindByCode(segment) is null)
        {
            return language.HomePath;
        }

        var rest = currentPath.Value![(segment!.Length + 1)..];
        return "/" + language.Code + (rest.Length == 0 ? "/" : new PathString(rest).ToUriComponent());
    }

    /// <summary>
    /// The best public language for an <c>Accept-Language</c> header, or null when none fits.
    /// Browsers send regional tags (<c>tl-PH</c>, <c>zh-CN</c>, <c>pt-PT</c>) and old or sibling codes
    /// (<c>fil</c> for Tagalog, <c>in</c> for Indonesian), so this matches on the primary subtag.
    /// </summary>
    /// <summary>The language an API caller asks for: <c>?lang=</c>, else its Accept-Language, else English.</summary>
    public static PublicLanguage AskedBy(string? lang, string? acceptLanguage) =>
        FindByCodeIgnoringCase(lang) ?? FromAcceptLanguage(acceptLanguage) ?? English;

    public static PublicLanguage? FromAcceptLanguage(string? header, IReadOnlyList<PublicLanguage>? among = null)
    {
        if (string.IsNullOrWhiteSpace(header) || !StringWithQualityHeaderValue.TryParseList([header], out var values))
        {
            return null;
        }

        foreach (var value in values.Where(v => (v.Quality ?? 1) > 0).OrderByDescending(v => v.Quality ?? 1))
        {
            if (Match(value.Value.Value) is { } language && (among ?? All).Contains(language))
            {
                return language;
            }
        }

        return null;
    }

    private static PublicLanguage? Match(string? tag)
    {
        if (string.IsNullOrEmpty(tag) || tag == "*")
        {
            return null;
        }

        if (FindByCodeIgnoringCase(tag) is { } exact)
        {
            return exact;
        }

        var primary = tag.Split('-', 2)[0].ToLowerInvariant();
        return primary switch
        {
            "fil" => FindByCode("tl"),
            "in" => FindByCode("id"),
            "zh" => FindByCode("zh-Hans"),
            "pt" => FindByCode("pt-BR"),
            _ => FindByCode(primary),
        };
    }

    private static PublicLanguage Create(string code, string htmlLang, string nativeName, string englishName, string cultureName) =>
        new(code, htmlLang, nativeName, englishName, CultureInfo.GetCultureInfo(cultureName));

    private static CultureInfo CreateEasyJapaneseCulture()
    {
        var japanese = CultureInfo.GetCultureInfo("ja");
        var culture = new CultureInfo("ja-Easy")
        {
            NumberFormat = (NumberFormatInfo)japanese.NumberFormat.Clone(),
            DateTimeFormat = (DateTimeFormatInfo)japanese.DateTimeFormat.Clone(),
        };
        return CultureInfo.ReadOnly(culture);
    }
}

/// <summary>Staff pages are in Japanese or English, each staff member's choice.</summary>
public static class StaffLanguages
{
    public static IReadOnlyList<PublicLanguage> All { get; } = [PublicLanguages.Japanese, PublicLanguages.English];

    /// <summary>Most counselors and coordinators work in Japanese.</summary>
    public static PublicLanguage Default => PublicLanguages.Japanese;

    public static PublicLanguage? Find(string? code) => All.FirstOrDefault(l => l.Code == code);

    public static PublicLanguage? FromAcceptLanguage(string? header) => PublicLanguages.FromAcceptLanguage(header, All);
}
