using System.Text;
using AnyAscii;

namespace Soudan.Web.Features.People;

/// <summary>
/// Names folded so that one person written two ways meets: "NGUYỄN Văn An" and "Nguyen Van An",
/// "タナカ ハナコ" and "Hanako Tanaka", "Мөнх-Эрдэнэ" and "Munkh-Erdene". Transliterated to ASCII
/// (AnyAscii), lower case, letters only, words sorted. The skeleton (consonants, no doubles) also
/// brings "Mohammed", "Muhammad" and "محمد" together. These only suggest; a counselor decides.
/// </summary>
public static class PersonNames
{
    /// <summary>The folded name, or null when nothing of it is left (a name in digits, "?").</summary>
    public static string? Key(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var ascii = name.Normalize(NormalizationForm.FormKC).Transliterate().ToLowerInvariant();
        var words = ascii.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(w => w.Split(['-', '.', ',', '・', '\''], StringSplitOptions.RemoveEmptyEntries))
            .Select(w => new string([.. w.Where(char.IsAsciiLetter)]))
            .Where(w => w.Length > 0)
            .Order(StringComparer.Ordinal)
            .ToList();
        return words.Count == 0 ? null : Truncate(string.Join(' ', words));
    }

    /// <summary>The consonants of the key (doubled letters once), or null when too short to mean anything.</summary>
    public static string? Skeleton(string? key)
    {
        if (key is null)
        {
            return null;
        }

        var builder = new StringBuilder();
        var previous = '\0';
        foreach (var c in key.Replace(" ", "", StringComparison.Ordinal))
        {
            if (c != previous && c is not ('a' or 'e' or 'i' or 'o' or 'u' or 'y'))
            {
                builder.Append(c);
            }

            previous = c;
        }

        return builder.Length >= 3 ? Truncate(builder.ToString()) : null;
    }

    private static string Truncate(string value) => value.Length > Person.NameMaxLength ? value[..Person.NameMaxLength] : value;
}
