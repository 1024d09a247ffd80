using System.Globalization;
using System.Text;

namespace Soudan.Web.Features.Search;

/// <summary>
/// One form for text that is searched and text that is looked for, so that "ＴＡＮＡＫＡ", "tanaka",
/// "タナカ" and "たなか" meet, and "090-1234-5678" finds "+81 90 1234 5678": NFKC (full-width to
/// half-width), lower case, katakana as hiragana, phone numbers as bare digits.
/// </summary>
public static class SearchText
{
    public const int MaxTerms = 6;
    public const int MaxTermLength = 100;

    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var lastWasSpace = true;
        foreach (var c in text.Normalize(NormalizationForm.FormKC).ToLowerInvariant())
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            // Katakana ァ..ヶ sit 0x60 above their hiragana.
            builder.Append(c is >= '\u30A1' and <= '\u30F6' ? (char)(c - 0x60) : c);
            lastWasSpace = false;
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>The terms of a query, each normalised; a term that looks like a phone number becomes its digits.</summary>
    public static IReadOnlyList<string> Terms(string? query)
    {
        var normalized = Normalize(query);

        // "+81 90 1234 5678" is one number, not four words.
        if (IsPhoneLike(normalized.Replace(" ", "", StringComparison.Ordinal)))
        {
            return [Digits(normalized)];
        }

        return normalized
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(term => IsPhoneLike(term) ? Digits(term) : term)
            .Where(term => term.Length > 0)
            .Select(term => term.Length > MaxTermLength ? term[..MaxTermLength] : term)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTerms)
            .ToList();
    }

    /// <summary>A phone number's forms as they are indexed: E.164 digits and, for Japan, the national digits.</summary>
    public static IEnumerable<string> PhoneForms(string e164)
    {
        var digits = Digits(e164);
        yield return digits;
        if (digits.StartsWith("81", StringComparison.Ordinal))
        {
            yield return "0" + digits[2..];
        }
    }

    private static bool IsPhoneLike(string term) =>
        term.Count(char.IsAsciiDigit) >= 3 && term.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '(' or ')' or '.');

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);
}
