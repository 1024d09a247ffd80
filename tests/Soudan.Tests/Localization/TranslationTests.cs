using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Tests.Localization;

/// <summary>
/// Every text the interface asks for exists in every language it is shown in, says the same
/// placeholders, and is translated (no English left in a Tagalog page); each language file says
/// whether a native speaker reviewed it.
/// </summary>
public sealed class TranslationTests
{
    /// <summary>Texts that read the same in every language: names, codes, abbreviations.</summary>
    private static readonly HashSet<string> SameInEveryLanguage = new(StringComparer.Ordinal)
    {
        TranslationReview.Key,
        "JST",
        "LINE",
        "LINE ID",
        "Soudan",
    };

    public static TheoryData<string> PublicCultures() => [.. PublicLanguages.All.Where(l => l != PublicLanguages.English).Select(l => l.Code)];

    [Fact]
    public void The_English_files_hold_every_text_the_code_asks_for_and_nothing_else()
    {
        var used = TextKeys.Used();

        foreach (var (area, file) in new[] { (TextArea.Public, "PublicText.resx"), (TextArea.Staff, "StaffText.resx") })
        {
            var english = TextKeys.Read(Path.Combine(TextKeys.ResourcesDirectory, file));
            var missing = used[area].Where(key => !english.ContainsKey(key)).ToList();
            var unused = english.Keys.Where(key => key != TranslationReview.Key && !used[area].Contains(key)).ToList();
            Assert.True(missing.Count == 0, $"{file} lacks (run scripts/sync-text): {string.Join(" | ", missing)}");
            Assert.True(unused.Count == 0, $"{file} holds unused texts (run scripts/sync-text): {string.Join(" | ", unused)}");
            Assert.All(english.Where(e => e.Key != TranslationReview.Key), e => Assert.Equal(e.Key, e.Value));
        }
    }

    [Theory]
    [MemberData(nameof(PublicCultures))]
    public void Every_public_text_is_translated_into_each_public_language(string code) =>
        AssertComplete("PublicText", code);

    [Fact]
    public void Every_staff_text_is_translated_into_Japanese() => AssertComplete("StaffText", "ja");

    private static void AssertComplete(string resource, string code)
    {
        var english = TextKeys.Read(Path.Combine(TextKeys.ResourcesDirectory, resource + ".resx"));
        var file = Path.Combine(TextKeys.ResourcesDirectory, $"{resource}.{code}.resx");
        Assert.True(File.Exists(file), $"{resource}.{code}.resx is missing");
        var translated = TextKeys.Read(file);

        Assert.Contains(translated.GetValueOrDefault(TranslationReview.Key), new[] { TranslationReview.Reviewed, TranslationReview.MachineAssisted });
        var missing = english.Keys.Where(k => string.IsNullOrWhiteSpace(translated.GetValueOrDefault(k))).ToList();
        Assert.True(missing.Count == 0, $"{code}: not translated: {string.Join(" | ", missing)}");
        var extra = translated.Keys.Where(k => !english.ContainsKey(k)).ToList();
        Assert.True(extra.Count == 0, $"{code}: no longer used: {string.Join(" | ", extra)}");
        var untranslated = english.Keys.Where(k => !SameInEveryLanguage.Contains(k) && translated[k] == k).ToList();
        Assert.True(untranslated.Count == 0, $"{code}: still English: {string.Join(" | ", untranslated)}");
        var placeholders = english.Keys.Where(k => !TextKeys.Placeholders(k).SequenceEqual(TextKeys.Placeholders(translated[k]))).ToList();
        Assert.True(placeholders.Count == 0, $"{code}: placeholders differ: {string.Join(" | ", placeholders)}");
    }
}
