using System.Globalization;
using System.Text;

namespace Soudan.Web.Infrastructure.Text;

/// <summary>
/// Reads numbers, dates and times as people type them on a phone, in any of the public languages:
/// full-width digits, Arabic-Indic, Devanagari or Burmese digits, "180,000", "180.000" (Vietnamese,
/// Indonesian and Portuguese group by dots), "¥180,000", "180000円", "2025/11/3".
/// </summary>
public static class FormValues
{
    /// <summary>
    /// An amount of yen: null when the box is empty, false when what is typed is not an amount.
    /// "180.000" is a hundred and eighty thousand, as Vietnamese, Indonesian and Portuguese write it.
    /// </summary>
    public static bool TryYen(string? text, out decimal? value) => TryParse(text, groupsThousands: true, out value);

    /// <summary>
    /// Hours, days, per cent: as <see cref="TryYen"/>, but a lone "." or "," is always the decimal
    /// point ("173.333" hours a month, "7,5" hours a day).
    /// </summary>
    public static bool TryNumber(string? text, out decimal? value) => TryParse(text, groupsThousands: false, out value);

    private static bool TryParse(string? text, bool groupsThousands, out decimal? value)
    {
        value = null;
        var plain = Plain(text);
        if (plain.Length == 0)
        {
            return true;
        }

        var digits = new StringBuilder();
        foreach (var c in plain)
        {
            if (c is '¥' or '￥' or '\\' or '円' or '%' or '٪' or ' ' or '\'' or '_')
            {
                continue;
            }

            digits.Append(c switch { '٫' => '.', '٬' => ',', _ => c });
        }

        var number = Separators(digits.ToString(), groupsThousands);
        if (number is null || number.Length is 0 or > 20)
        {
            return false;
        }

        if (decimal.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    /// <summary>As <see cref="TryNumber"/>, but a whole number (days, minutes).</summary>
    public static bool TryWhole(string? text, out int? value)
    {
        value = null;
        if (!TryNumber(text, out var number))
        {
            return false;
        }

        if (number is null)
        {
            return true;
        }

        if (number != decimal.Truncate(number.Value) || number is > int.MaxValue or < int.MinValue)
        {
            return false;
        }

        value = (int)number.Value;
        return true;
    }

    /// <summary>"2025-11-03" (what a date box sends), "2025/11/3" or "2025.11.3".</summary>
    public static bool TryDate(string? text, out DateOnly? value)
    {
        value = null;
        var plain = Plain(text).Replace('/', '-').Replace('.', '-').Replace('年', '-').Replace('月', '-').TrimEnd('日');
        if (plain.Length == 0)
        {
            return true;
        }

        if (DateOnly.TryParseExact(plain, ["yyyy-M-d", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = date;
            return true;
        }

        return false;
    }

    /// <summary>"06:00" (what a time box sends), "6:00", "6時", "23：00".</summary>
    public static bool TryTime(string? text, out TimeOnly? value)
    {
        value = null;
        var plain = Plain(text).Replace('.', ':').Replace('時', ':').TrimEnd('分').TrimEnd(':');
        if (plain.Length == 0)
        {
            return true;
        }

        if (!plain.Contains(':', StringComparison.Ordinal))
        {
            plain += ":00";
        }

        if (TimeOnly.TryParseExact(plain, ["H:mm", "HH:mm", "H:m", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            value = time;
            return true;
        }

        return false;
    }

    /// <summary>How a number is put back into a box: plain digits and a dot, every decimal kept, which every reader above reads back.</summary>
    public static string? Show(decimal? value) => value?.ToString("0.############", CultureInfo.InvariantCulture);

    public static string? Show(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? Show(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Show(TimeOnly? value) => value?.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Full width to half width, every script's digits to ASCII, spaces trimmed.</summary>
    private static string Plain(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var normal = text.Normalize(NormalizationForm.FormKC).Trim();
        var ascii = new StringBuilder(normal.Length);
        foreach (var c in normal)
        {
            var digit = CharUnicodeInfo.GetDecimalDigitValue(c);
            ascii.Append(digit >= 0 ? (char)('0' + digit) : c);
        }

        return ascii.ToString();
    }

    /// <summary>
    /// Decides which of "," and "." groups thousands: with both, the last one is the decimal point;
    /// with one kind only, in an amount it groups when every group after it has three digits
    /// ("180.000", "1,234,567"), else it is the decimal point ("9782.60", "7,5").
    /// </summary>
    private static string? Separators(string number, bool groupsThousands)
    {
        var lastComma = number.LastIndexOf(',');
        var lastDot = number.LastIndexOf('.');
        if (lastComma >= 0 && lastDot >= 0)
        {
            var (group, point) = lastComma > lastDot ? ('.', ',') : (',', '.');
            return number.Replace(group.ToString(), "", StringComparison.Ordinal).Replace(point, '.');
        }

        var separator = lastComma >= 0 ? ',' : lastDot >= 0 ? '.' : (char?)null;
        if (separator is not { } s)
        {
            return number;
        }

        var parts = number.Split(s);
        var head = parts[0].TrimStart('-');
        var grouping = groupsThousands && parts.Length > 1 && head.Length is >= 1 and <= 3 && head[0] != '0' && parts.Skip(1).All(p => p.Length == 3);
        if (grouping)
        {
            return string.Concat(parts);
        }

        return parts.Length == 2 ? parts[0] + "." + parts[1] : null;
    }
}
