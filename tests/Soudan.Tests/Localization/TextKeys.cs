using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Soudan.Tests.Localization;

public enum TextArea
{
    Public,
    Staff,
}

/// <summary>
/// Finds every interface text the code asks for, the way a translator's tool would: <c>T["..."]</c>
/// (public) and <c>S["..."]</c> (staff) in pages and code, <c>Localizable.Public/Staff("...")</c>, and
/// validation messages, whose area follows the page route. scripts/sync-text applies the same rules.
/// </summary>
public static partial class TextKeys
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string WebProject => Path.Combine(RepositoryRoot, "src", "Soudan.Web");

    public static string ResourcesDirectory => Path.Combine(WebProject, "Resources");

    public static IReadOnlyDictionary<TextArea, SortedSet<string>> Used()
    {
        var used = new Dictionary<TextArea, SortedSet<string>>
        {
            [TextArea.Public] = new(StringComparer.Ordinal),
            [TextArea.Staff] = new(StringComparer.Ordinal),
        };
        foreach (var file in Directory.EnumerateFiles(WebProject, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) &&
                                 !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                                 !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var source = File.ReadAllText(file);
            foreach (Match m in PublicLookup().Matches(source))
            {
                used[TextArea.Public].Add(Unescape(m.Groups["text"].Value));
            }

            foreach (Match m in StaffLookup().Matches(source))
            {
                used[TextArea.Staff].Add(Unescape(m.Groups["text"].Value));
            }

            var validationArea = AreaOfPageModel(file);
            foreach (Match m in ValidationMessage().Matches(source))
            {
                used[validationArea].Add(Unescape(m.Groups["text"].Value));
            }
        }

        return used;
    }

    /// <summary>The entries of a .resx file: name to value.</summary>
    public static Dictionary<string, string> Read(string file) =>
        XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    public static IEnumerable<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal);

    /// <summary>Validation messages of a page model follow its page: staff text under /staff.</summary>
    private static TextArea AreaOfPageModel(string file)
    {
        if (!file.EndsWith(".cshtml.cs", StringComparison.Ordinal))
        {
            return TextArea.Public;
        }

        var page = File.ReadAllText(file[..^3]);
        return page.Contains("@page \"/staff", StringComparison.Ordinal) ? TextArea.Staff : TextArea.Public;
    }

    private static string Unescape(string literal) => Regex.Unescape(literal);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Soudan.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Soudan.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"(?:\bT\[|Localizable\.Public\()""(?<text>(?:[^""\\]|\\.)*)""")]
    private static partial Regex PublicLookup();

    [GeneratedRegex(@"(?:\bS\[|Localizable\.Staff\()""(?<text>(?:[^""\\]|\\.)*)""")]
    private static partial Regex StaffLookup();

    [GeneratedRegex(@"ErrorMessage\s*=\s*""(?<text>(?:[^""\\]|\\.)*)""")]
    private static partial Regex ValidationMessage();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
