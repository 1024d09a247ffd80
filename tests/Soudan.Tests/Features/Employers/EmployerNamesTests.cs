using Soudan.Web.Features.Employers;

namespace Soudan.Tests.Features.Employers;

/// <summary>One employer however its name was typed (issue "Case management": NFKC, widths, legal forms, spaces).</summary>
public sealed class EmployerNamesTests
{
    [Theory]
    [InlineData("株式会社テスト商事")]
    [InlineData("テスト商事株式会社")]
    [InlineData("(株)テスト商事")]
    [InlineData("（株）テスト商事")]
    [InlineData("㈱テスト商事")]
    [InlineData("テスト商事㈱")]
    [InlineData("株式会社　ﾃｽﾄ商事")]
    [InlineData(" 株式会社 テスト 商事 ")]
    [InlineData("株式会社テスト・商事")]
    public void Japanese_forms_of_one_company_share_a_key(string typed) =>
        Assert.Equal(EmployerNames.Key("株式会社テスト商事"), EmployerNames.Key(typed));

    [Theory]
    [InlineData("Hotel Fuji Co., Ltd.")]
    [InlineData("HOTEL FUJI CO.,LTD.")]
    [InlineData("Hotel Fuji K.K.")]
    [InlineData("Ｈｏｔｅｌ　Ｆｕｊｉ")]
    [InlineData("hotel-fuji inc.")]
    [InlineData("Hotel Fuji Corporation")]
    public void Latin_forms_of_one_company_share_a_key(string typed) =>
        Assert.Equal(EmployerNames.Key("Hotel Fuji"), EmployerNames.Key(typed));

    [Theory]
    [InlineData("テスト商事", "テスト物産")]
    [InlineData("Kkk Foods", "Foods")]               // "KK" inside a word is not a legal form
    [InlineData("Incline Logistics", "Logistics")]
    [InlineData("有限会社山田", "株式会社田中")]
    public void Different_companies_keep_different_keys(string one, string other) =>
        Assert.NotEqual(EmployerNames.Key(one), EmployerNames.Key(other));

    [Fact]
    public void A_name_that_is_only_a_legal_form_is_not_emptied() =>
        Assert.NotEmpty(EmployerNames.Key("株式会社"));
}
