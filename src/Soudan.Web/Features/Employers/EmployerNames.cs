using System.Globalization;
using System.Text;

namespace Soudan.Web.Features.Employers;

/// <summary>
/// One key per employer however its name was typed: "株式会社テスト商事", "(株)ﾃｽﾄ商事",
/// "テスト商事㈱" and "ＴＥＳＴ商事 株式会社" are all the same company to a counselor. The key is
/// the name in NFKC (full- and half-width folded: ｱ→ア, Ａ→A), lower case, without the legal form
/// (株式会社, 有限会社, 合同会社, K.K., Co., Ltd., Inc. ...), without spaces and punctuation.
/// </summary>
public static class EmployerNames
{
    /// <summary>Legal forms, longest first, as they appear after NFKC folding ("㈱" becomes "(株)").</summary>
    private static readonly string[] LegalForms =
    [
        "特定非営利活動法人", "一般社団法人", "公益社団法人", "一般財団法人", "公益財団法人", "社会福祉法人", "医療法人",
        "株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "協同組合",
        "(株)", "(有)", "(同)", "(資)", "(名)", "(社)", "(財)", "(福)", "(医)",
        "co., ltd.", "co.,ltd.", "co. ltd.", "co ltd", "co.ltd.", "company limited", "corporation", "limited",
        "k.k.", "kk", "inc.", "inc", "llc", "ltd.", "ltd", "corp.", "corp", "g.k.", "gk",
    ];

    public static string Key(string name)
    {
        var folded = name.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var text = folded;
        foreach (var form in LegalForms)
        {
            text = RemoveLegalForm(text, form);
        }

        // A name that is only a legal form ("株式会社") keeps what it is rather than becoming nothing.
        var key = LettersAndDigits(text);
        return key.Length > 0 ? key : LettersAndDigits(folded);
    }

    private static string LettersAndDigits(string text)
    {
        var key = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }

    /// <summary>Removes a legal form at the start or the end of the name (where the law puts it), not inside a word.</summary>
    private static string RemoveLegalForm(string text, string form)
    {
        var trimmed = text.Trim();
        var isWord = form.All(c => c < 0x80 && (char.IsLetter(c) || c == '.' || c == ',' || c == ' '));
        if (trimmed.EndsWith(form, StringComparison.Ordinal) && (!isWord || trimmed.Length == form.Length || !char.IsLetterOrDigit(trimmed[^(form.Length + 1)])))
        {
            return trimmed[..^form.Length].TrimEnd(' ', ',', '.');
        }

        if (trimmed.StartsWith(form, StringComparison.Ordinal) && (!isWord || trimmed.Length == form.Length || !char.IsLetterOrDigit(trimmed[form.Length])))
        {
            return trimmed[form.Length..].TrimStart(' ', ',', '.');
        }

        return trimmed;
    }
}
