using System.Globalization;
using System.Text;

namespace Soudan.Web.Infrastructure.Japan;

/// <summary>
/// Reads an amount of yen as counselors type it: "120000", "120,000", "¥120,000", "１２０,０００円".
/// "12万" is refused rather than guessed.
/// </summary>
public static class YenAmount
{
    /// <summary>Empty means zero; anything but digits, commas, spaces, "¥" and "円" is refused.</summary>
    public static bool TryParse(string? text, long max, out long yen)
    {
        yen = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var digits = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (',' or ' ' or '¥' or '\\' or '円'))
            {
                return false;
            }
        }

        return digits.Length is > 0 and <= 12
            && long.TryParse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out yen)
            && yen <= max;
    }
}
