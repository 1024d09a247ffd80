using System.Collections.Concurrent;
using System.Globalization;

namespace Soudan.Web.Infrastructure.Localization;

/// <summary>
/// Country and language names in the reader's language, from the Unicode CLDR data that .NET reads
/// through ICU: there is nothing to translate by hand, and every public language is covered.
/// </summary>
public static class WorldNames
{
    /// <summary>Nationalities of most foreign workers in Japan (DOMAIN.md §5.2), listed first.</summary>
    public static IReadOnlyList<string> CommonCountries { get; } =
        ["VN", "CN", "PH", "NP", "ID", "MM", "BR", "KR", "LK", "TH", "PE", "BD", "MN", "IN", "KH", "PK", "UZ", "TW", "US"];

    /// <summary>Every country and region ICU names, by ISO 3166 code.</summary>
    public static IReadOnlyList<string> Countries { get; } = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => c.Name.Split('-')[^1])
        .Where(r => r.Length == 2 && r.All(char.IsAsciiLetterUpper))
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    private static readonly HashSet<string> KnownCountries = new(Countries, StringComparer.Ordinal);

    /// <summary>Languages people most often ask to be answered in.</summary>
    public static IReadOnlyList<string> CommonLanguages { get; } =
    [
        "ja", "en", "vi", "zh", "tl", "ne", "id", "my", "pt", "es", "ko", "th", "si", "bn", "mn",
        "ar", "hi", "ur", "km", "lo", "fa", "ru", "uk", "fr", "tr", "ta", "uz", "ps",
    ];

    public static bool IsCountry(string? code) => code is not null && KnownCountries.Contains(code);

    private static readonly ConcurrentDictionary<(string Reader, string Code), string> CountryNames = new();
    private static readonly ConcurrentDictionary<(string Reader, string Code), string> LanguageNames = new();

    /// <summary>"Philippines", "フィリピン", "Pilipinas"... in <paramref name="reader"/>'s language.</summary>
    public static string Country(string code, CultureInfo reader) => CountryNames.GetOrAdd((reader.Name, code), key =>
    {
        // ICU names a region in the reader's language inside a culture's display name: "English (Philippines)".
        var name = WithUiCulture(reader, () => new CultureInfo("en-" + key.Code).DisplayName);
        var open = name.IndexOfAny(['(', '（']);
        var close = name.LastIndexOfAny([')', '）']);
        return open >= 0 && close > open ? name[(open + 1)..close].Trim() : key.Code;
    });

    /// <summary>A language's name in the reader's language, and in itself when that differs.</summary>
    public static string Language(string code, CultureInfo reader) => LanguageNames.GetOrAdd((reader.Name, code), key =>
    {
        var inReader = WithUiCulture(reader, () => new CultureInfo(key.Code).DisplayName);
        var native = new CultureInfo(key.Code).NativeName;
        return string.Equals(inReader, native, StringComparison.OrdinalIgnoreCase) ? native : $"{inReader} – {native}";
    });

    public static bool IsLanguageCode(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 15 || !code.All(c => char.IsAsciiLetter(c) || c == '-'))
        {
            return false;
        }

        try
        {
            return !CultureInfo.GetCultureInfo(code, predefinedOnly: true).EnglishName.StartsWith("Unknown", StringComparison.Ordinal);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    private static string WithUiCulture(CultureInfo reader, Func<string> read)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            // Easy Japanese has no CLDR names of its own: Japanese ones.
            CultureInfo.CurrentUICulture = reader.Name == "ja-Easy" ? CultureInfo.GetCultureInfo("ja") : reader;
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
