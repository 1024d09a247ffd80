using Soudan.Web.Infrastructure.Text;

namespace Soudan.Tests.Features.Intakes;

/// <summary>What a worker types is kept as typed, in any script, minus what only hides or reorders text.</summary>
public sealed class UserTextTests
{
    [Theory]
    [InlineData("Ana", "Ana")]
    [InlineData("  Ana  ", "Ana")]
    [InlineData("Cafe\u0301", "Café")]                              // NFC
    [InlineData("a\u202Eb\u202Cc", "abc")]                           // right-to-left override
    [InlineData("a\u2066b\u2069c", "abc")]                           // isolates
    [InlineData("a\uFFFEb\uFFFFc\uFDD0", "abc")]                  // noncharacters, which Normalize refuses (a 500 found by HostileInputTests)
    [InlineData("a\uD83F\uDFFEb", "ab")]                           // U+1FFFE, a noncharacter beyond the first plane
    [InlineData("a\u0000b\u0007c\u007Fd", "abcd")]                  // control characters
    [InlineData("a\u200Bb\uFEFFc", "abc")]                           // zero-width space, BOM
    [InlineData("क्\u200Dष", "क्\u200Dष")]                           // zero-width joiner stays: Devanagari needs it
    [InlineData("👩\u200D🔧", "👩\u200D🔧")]                         // and emoji
    [InlineData("محمد", "محمد")]
    [InlineData("株式会社　テスト", "株式会社　テスト")]            // full-width space kept as typed
    [InlineData("line\r\nbreak", "line break")]
    [InlineData("\u202E\u0000", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_line_is_cleaned(string? typed, string? kept) => Assert.Equal(kept, UserText.Line(typed));

    [Fact]
    public void Paragraphs_keep_their_breaks_but_not_runs_of_blank_lines()
    {
        Assert.Equal("one\n\ntwo\nthree", UserText.Paragraphs("\r\n one\r\n\r\n\r\n\r\ntwo  \rthree\n\n"));
    }

    [Fact]
    public void Half_a_character_is_dropped_and_whole_ones_kept()
    {
        Assert.Equal("ab😀", UserText.Line("a\uD800b😀\uDC00"));
    }
}
