using Soudan.Web.Infrastructure.Japan;

namespace Soudan.Tests.Features.Cases;

public sealed class YenAmountTests
{
    [Theory]
    [InlineData("120000", 120_000)]
    [InlineData("120,000", 120_000)]
    [InlineData("¥120,000", 120_000)]
    [InlineData("１２０，０００円", 120_000)]
    [InlineData(" 0 ", 0)]
    [InlineData("", 0)]
    [InlineData(null, 0)]
    public void Amounts_are_read_as_counselors_type_them(string? typed, long yen)
    {
        Assert.True(YenAmount.TryParse(typed, 10_000_000_000, out var read));
        Assert.Equal(yen, read);
    }

    [Theory]
    [InlineData("12万")]
    [InlineData("-5000")]
    [InlineData("1.5")]
    [InlineData("10000000001")]
    [InlineData("99999999999999999999999")]
    public void What_is_not_a_plain_amount_is_refused_rather_than_guessed(string typed) =>
        Assert.False(YenAmount.TryParse(typed, 10_000_000_000, out _));
}
