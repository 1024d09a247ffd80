using System.Globalization;
using System.Text;

namespace Soudan.Web.Infrastructure.Text;

/// <summary>
/// What a person typed, made safe to keep and show: in any language and script, exactly as typed
/// except for Unicode normalisation (NFC), and without the characters that only hide or reorder
/// text (control characters, bidirectional overrides and isolates, invisible format marks that are
/// not needed to write any language). Zero-width joiners stay: Indic scripts and emoji need them.
/// </summary>
public static class UserText
{
    /// <summary>Cleans one line (a name, an address): line breaks become spaces.</summary>
    public static string? Line(string? value) => Clean(value, multiline: false);

    /// <summary>Cleans free text (a story, a message): line breaks stay, as \n.</summary>
    public static string? Paragraphs(string? value) => Clean(value, multiline: true);

    private static string? Clean(string? value, bool multiline)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if ((char.ConvertToUtf32(c, value[i + 1]) & 0xFFFE) != 0xFFFE)
                {
                    builder.Append(c).Append(value[i + 1]);
                }

                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                continue;   // half a character: invalid UTF-16, nothing a person typed
            }

            if (c is '\r')
            {
                if (i + 1 < value.Length && value[i + 1] == '\n')
                {
                    continue;
                }

                c = '\n';
            }

            if (c is '\n' or '\t' or '\u2028' or '\u2029')
            {
                builder.Append(multiline && c != '\t' ? '\n' : ' ');
                continue;
            }

            if (IsHidden(c))
            {
                continue;
            }

            builder.Append(c);
        }

        var text = builder.ToString();
        if (!text.IsNormalized(NormalizationForm.FormC))
        {
            text = text.Normalize(NormalizationForm.FormC);
        }

        text = multiline ? TrimLines(text) : text.Trim();
        return text.Length == 0 ? null : text;
    }

    private static bool IsHidden(char c) =>
        char.IsControl(c) ||
        c is >= '\u202A' and <= '\u202E' ||   // bidirectional embeddings and overrides
        c is >= '\u2066' and <= '\u2069' ||   // bidirectional isolates
        c is '\u200B' or '\u2060' or '\uFEFF' or '\u00AD' or '\u061C' ||   // zero-width space, word joiner, BOM, soft hyphen, Arabic letter mark
        c is >= '\uFFF9' and <= '\uFFFB' ||   // interlinear annotation
        c is '\uFFFE' or '\uFFFF' or (>= '\uFDD0' and <= '\uFDEF') ||   // noncharacters: never text, and Normalize refuses them
        CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.PrivateUse;

    /// <summary>No blank lines at either end, at most one blank line in a row, no trailing spaces.</summary>
    private static string TrimLines(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd()).ToList();
        var kept = new List<string>(lines.Count);
        foreach (var line in lines)
        {
            if (line.Length == 0 && (kept.Count == 0 || kept[^1].Length == 0))
            {
                continue;
            }

            kept.Add(line);
        }

        return string.Join('\n', kept).Trim();
    }
}
