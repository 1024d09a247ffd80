using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Soudan.Tests.Infrastructure;

namespace Soudan.Tests.Features.Calculators;

/// <summary>The calculators over HTTP (CALCULATORS.md): answers with their steps, and a 400 naming the field for every kind of bad input.</summary>
[Collection(OnSqlite.Name)]
public sealed class CalculatorApiTests(SqliteAppFixture fixture)
{
    private readonly HttpClient _client = fixture.App.CreateClient();

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string kind, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/v1/calculations/" + kind, content);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task The_minimum_wage_of_a_prefecture_on_a_day_comes_with_its_source()
    {
        var tokyo = await _client.GetFromJsonAsync<JsonElement>("/api/v1/minimum-wages/13?on=2025-10-03");
        var dayBefore = await _client.GetFromJsonAsync<JsonElement>("/api/v1/minimum-wages/13?on=2025-10-02");
        var later = await _client.GetFromJsonAsync<JsonElement>("/api/v1/minimum-wages/05?on=2027-04-01");

        Assert.Equal(1226m, tokyo.GetProperty("hourlyYen").GetDecimal());
        Assert.Equal("東京都", tokyo.GetProperty("prefectureName").GetProperty("ja").GetString());
        Assert.Equal("Tokyo", tokyo.GetProperty("prefectureName").GetProperty("en").GetString());
        Assert.Equal("2025-10-03", tokyo.GetProperty("effectiveFrom").GetString());
        Assert.False(string.IsNullOrWhiteSpace(tokyo.GetProperty("source").GetString()));
        Assert.False(tokyo.GetProperty("newerRevisionMayApply").GetBoolean());
        Assert.Equal(1163m, dayBefore.GetProperty("hourlyYen").GetDecimal());
        Assert.True(later.GetProperty("newerRevisionMayApply").GetBoolean());
    }

    [Theory]
    [InlineData("/api/v1/minimum-wages/48?on=2025-10-03", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/minimum-wages/13?on=2020-01-01", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/minimum-wages/13?on=2025-02-30", HttpStatusCode.BadRequest)]
    public async Task An_unknown_prefecture_a_day_before_the_known_rates_and_a_bad_date_are_refused_clearly(string path, HttpStatusCode status)
    {
        using var response = await _client.GetAsync(path);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.TryGetProperty("title", out _));
    }

    [Fact]
    public async Task The_cooks_month_of_overtime_is_worked_out_with_every_step_and_article()
    {
        // SCENARIOS.md §2, as in the library's worked example: November 2025, Monday to Saturday 6:00-23:00.
        var days = Enumerable.Range(1, 30).Select(d => new DateOnly(2025, 11, d)).Where(d => d.DayOfWeek != DayOfWeek.Sunday)
            .Select(d => new { date = d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), start = "6:00", end = "23:00", breakMinutes = 60 });
        var json = JsonSerializer.Serialize(new { prefectureCode = "13", payType = "monthly", payYen = 180000, scheduledHoursPerMonth = 160, days });

        var (status, body) = await PostAsync("overtime", json);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(415_921m, body.GetProperty("amounts").GetProperty("owedYen").GetDecimal());
        Assert.Equal(172m, body.GetProperty("hours").GetProperty("overtimeOver60").GetDecimal());
        Assert.True(body.GetProperty("minimumWageApplied").GetBoolean());
        Assert.Contains("LSA Art. 37(4)", body.GetProperty("basis").EnumerateArray().Select(b => b.GetString()));
        Assert.All(body.GetProperty("steps").EnumerateArray(), s => Assert.False(string.IsNullOrEmpty(s.GetProperty("text").GetString())));
        Assert.Contains(body.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "pay-below-minimum-wage");
    }

    [Theory]
    [InlineData("minimum-wage-check", """{"prefectureCode":"13","on":"2025-11-01","payType":"monthly","payYen":180000,"scheduledHoursPerMonth":160}""", "compliant", "false")]
    [InlineData("average-wage", """{"periods":[{"calendarDays":31,"daysWorked":22,"fixedYen":300000,"variableYen":0},{"calendarDays":30,"daysWorked":21,"fixedYen":300000,"variableYen":0},{"calendarDays":31,"daysWorked":22,"fixedYen":300000,"variableYen":0}]}""", "averageWageYen", "9782.6")]
    [InlineData("leave-allowance", """{"averageWageYen":9782.60,"leaveDays":20,"paidYen":50000}""", "owedYen", "67391")]
    [InlineData("notice-allowance", """{"averageWageYen":10000,"noticeDate":"2025-08-14","dismissalDate":"2025-08-27"}""", "daysOwed", "17")]
    [InlineData("paid-leave", """{"hireDate":"2024-04-01","on":"2026-12-01","weeklyDays":5,"weeklyHours":40}""", "validDays", "23")]
    [InlineData("claim-limitation", """{"on":"2026-12-01","claimType":"wages"}""", "earliestClaimablePayday", "2023-12-01")]
    public async Task Each_calculator_answers_with_its_figure_and_its_legal_basis(string kind, string json, string property, string expected)
    {
        var (status, body) = await PostAsync(kind, json);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, body.GetProperty(property).ToString(), ignoreCase: true);
        Assert.NotEmpty(body.GetProperty("basis").EnumerateArray());
        Assert.NotEmpty(body.GetProperty("steps").EnumerateArray());
    }

    [Theory]
    [InlineData("minimum-wage-check", """{"prefectureCode":"99","on":"2025-11-01","payType":"hourly","payYen":1000}""", "prefectureCode")]
    [InlineData("minimum-wage-check", """{"prefectureCode":"13","on":"2025-11-01","payType":"weekly","payYen":1000}""", "payType")]
    [InlineData("average-wage", """{"periods":[]}""", "periods")]
    [InlineData("average-wage", """{"periods":[{"calendarDays":30,"daysWorked":40,"fixedYen":1}]}""", "periods[0].daysWorked")]
    [InlineData("leave-allowance", """{"averageWageYen":"a lot","leaveDays":5}""", "averageWageYen")]
    [InlineData("leave-allowance", """{"leaveDays":5}""", "averageWageYen")]
    [InlineData("leave-allowance", """{"averageWageYen":9000,"leaveDays":-1}""", "leaveDays")]
    [InlineData("notice-allowance", """{"averageWageYen":10000,"noticeDate":"2025-09-01","dismissalDate":"2025-08-27"}""", "noticeDate")]
    [InlineData("paid-leave", """{"hireDate":"2025-02-30","on":"2026-12-01","weeklyDays":5,"weeklyHours":40}""", "hireDate")]
    [InlineData("claim-limitation", """{"on":"2026-12-01","claimType":"pension"}""", "claimType")]
    [InlineData("overtime", """{"prefectureCode":"13","payType":"hourly","payYen":1300,"days":[{"date":"2025-11-03","start":"25:00","end":"17:00","breakMinutes":0}]}""", "days[0].start")]
    [InlineData("overtime", """{"prefectureCode":"13","payType":"hourly","payYen":1300,"days":[{"date":"2025-11-03","start":"09:00","end":"17:00","breakMinutes":-5}]}""", "days[0].breakMinutes")]
    [InlineData("overtime", """{"prefectureCode":"13","payType":"hourly","payYen":1300,"days":[]}""", "days")]
    [InlineData("overtime", """{"prefectureCode":"13","payType":"hourly","payYen":1300,"days":[null]}""", "days[0]")]
    [InlineData("average-wage", """{"periods":[null]}""", "periods[0]")]
    [InlineData("minimum-wage-check", """{"prefectureCode":"13","on":"2025-11-01","payType":"hourly","payYen":1e40}""", "payYen")]
    [InlineData("overtime", "not json at all", "body")]
    [InlineData("overtime", "", "body")]
    [InlineData("overtime", "[1,2,3]", "body")]
    public async Task Bad_input_is_a_400_naming_the_field_never_a_500(string kind, string json, string field)
    {
        var (status, body) = await PostAsync(kind, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task The_openapi_document_describes_every_calculator()
    {
        var document = await _client.GetStringAsync("/openapi/v1.json");

        foreach (var kind in new[] { "minimum-wage-check", "average-wage", "leave-allowance", "notice-allowance", "paid-leave", "claim-limitation", "overtime" })
        {
            Assert.Contains("/api/v1/calculations/" + kind, document, StringComparison.Ordinal);
        }

        Assert.Contains("/api/v1/minimum-wages/{prefectureCode}", document, StringComparison.Ordinal);
        Assert.Contains("scheduledHoursPerMonth", document, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(document);
        var overtime = parsed.RootElement.GetProperty("paths").GetProperty("/api/v1/calculations/overtime").GetProperty("post");
        var example = overtime.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("13", example.GetProperty("prefectureCode").GetString());
    }

    [Fact]
    public async Task Every_example_in_the_openapi_document_is_answered_200()
    {
        foreach (var (name, example) in Soudan.Web.Features.Calculators.CalculatorEndpoints.Examples)
        {
            var kind = string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
            var (status, body) = await PostAsync(kind, example);

            Assert.True(status == HttpStatusCode.OK, name + ": " + body);
        }
    }
}
