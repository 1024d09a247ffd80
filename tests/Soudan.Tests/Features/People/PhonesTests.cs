using Soudan.Web.Features.People;

namespace Soudan.Tests.Features.People;

public sealed class PhonesTests
{
    [Theory]
    [InlineData("090-1234-5678", "+819012345678")]
    [InlineData("09012345678", "+819012345678")]
    [InlineData("０９０－１２３４－５６７８", "+819012345678")]   // typed on a Japanese keyboard
    [InlineData("+81 90 1234 5678", "+819012345678")]
    [InlineData("03-1234-5678", "+81312345678")]
    [InlineData("0120-123-456", "+81120123456")]
    [InlineData("+63 917 123 4567", "+639171234567")]
    [InlineData("+977 980-1234567", "+9779801234567")]
    public void Numbers_typed_any_way_become_one_E164_number(string typed, string e164) =>
        Assert.Equal(e164, Phones.ToE164(typed));

    [Theory]
    [InlineData("call me")]
    [InlineData("12")]
    [InlineData("")]
    [InlineData(null)]
    public void What_is_not_a_phone_number_is_null(string? typed) => Assert.Null(Phones.ToE164(typed));

    [Theory]
    [InlineData("+819012345678", "090-1234-5678")]
    [InlineData("+639171234567", "+63 917 123 4567")]
    public void Counselors_read_numbers_the_usual_way(string e164, string shown) => Assert.Equal(shown, Phones.Display(e164));
}
