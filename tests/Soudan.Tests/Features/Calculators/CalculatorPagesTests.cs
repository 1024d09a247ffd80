using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Soudan.LaborLaw;
using Soudan.LaborLaw.Calculators;
using Soudan.LaborLaw.MinimumWages;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Features.Calculators;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Resources;

namespace Soudan.Tests.Features.Calculators;

/// <summary>
/// The calculators' public pages, as a worker without JavaScript uses them: every calculator in every
/// language, the answer with its steps, mistakes shown in the reader's language with what was typed,
/// the overtime pattern written out day by day, and the figure carried over to the consultation form.
/// </summary>
[Collection(OnSqlite.Name)]
public sealed class CalculatorPagesTests(SqliteAppFixture fixture)
{
    private readonly SoudanApp _app = fixture.App;

    /// <summary>The cook of SCENARIOS.md §2: Tokyo, ¥180,000 a month, Monday to Saturday 6:00-23:00 in November 2025.</summary>
    private static Dictionary<string, string> CooksWeek() => new()
    {
        ["Input.PrefectureCode"] = "13",
        ["Input.PayType"] = "monthly",
        ["Input.Pay"] = "180,000",
        ["Input.HoursPerMonth"] = "160",
        ["Input.From"] = "2025-11-01",
        ["Input.To"] = "2025-11-30",
        ["Input.Start"] = "06:00",
        ["Input.End"] = "23:00",
        ["Input.Break"] = "60",
    };

    private static async Task<HttpResponseMessage> PostFormAsync(PageClient worker, IHtmlDocument page, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var form = page.Forms.First(f => f.ClassList.Contains("calculator-form"));
        var values = new List<KeyValuePair<string, string>>
        {
            new("__rvt", form.Elements.OfType<IHtmlInputElement>().Single(i => i.Name == "__rvt").Value),
        };
        values.AddRange(fields);
        return await worker.Client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    private static IEnumerable<KeyValuePair<string, string>> Weekdays(params string[] days) => days.Select(d => new KeyValuePair<string, string>("Input.Weekdays", d));

    public static TheoryData<string, string> EveryCalculatorInEveryLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in PublicLanguages.All)
        {
            foreach (var kind in CalculatorKind.All)
            {
                data.Add(language.Code, kind.Slug);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCalculatorInEveryLanguage))]
    public async Task Every_calculator_has_a_page_in_every_language(string code, string slug)
    {
        using var worker = _app.CreatePageClient();
        var page = await worker.GetPageAsync($"/{code}/tools/{slug}");
        var index = await worker.GetPageAsync($"/{code}/tools");
        var title = await TextInAsync(code, CalculatorKind.Find(slug)!.Title);

        Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        Assert.Equal(PublicLanguages.FindByCode(code)!.HtmlLang, page.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.QuerySelector("form.calculator-form button[type=submit]"));
        Assert.Contains(index.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/{code}/tools/{slug}");
    }

    [Fact]
    public async Task The_cooks_weekly_pattern_gives_the_same_figure_as_the_api_with_every_step_explained()
    {
        using var worker = _app.CreatePageClient();
        var form = await worker.GetPageAsync("/en/tools/overtime");

        using var response = await PostFormAsync(worker, form, "/en/tools/overtime",
            [.. CooksWeek(), new("Input.Mode", "pattern"), new("Input.WeeklyLimit", "40"), .. Weekdays("monday", "tuesday", "wednesday", "thursday", "friday", "saturday")]);
        var page = await PageClient.ParseAsync(response);
        var result = page.QuerySelector(".result")!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains("¥415,921", result.QuerySelector(".result__headline")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(6, result.QuerySelectorAll(".calculation-steps li").Length);
        Assert.Contains("¥1,226 in Tokyo", result.TextContent, StringComparison.Ordinal);
        Assert.Contains(result.QuerySelectorAll(".basis li"), li => li.TextContent == "LSA Art. 37(4)");
        Assert.NotNull(result.QuerySelector(".warning a[href='/en/tools/minimum-wage-check']"));
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/en/consult?tool=overtime&yen=415921");
        // What was typed is still in the form, to change and calculate again.
        Assert.Equal("180,000", ((IHtmlInputElement)page.QuerySelector("#Input_Pay")!).Value);
    }

    [Fact]
    public async Task A_pattern_written_out_day_by_day_can_be_changed_and_calculated_again()
    {
        using var worker = _app.CreatePageClient();
        var form = await worker.GetPageAsync("/en/tools/overtime");
        var fields = new List<KeyValuePair<string, string>>([.. CooksWeek(), new("Input.Mode", "pattern"), .. Weekdays("monday", "tuesday", "wednesday", "thursday", "friday", "saturday")]);

        using var written = await PostFormAsync(worker, form, "/en/tools/overtime?handler=days", fields);
        var days = await PageClient.ParseAsync(written);
        var rows = days.QuerySelectorAll(".day-row");
        // Sunday the 2nd was worked too, until midnight: the pattern's 25 days, then a day added in a blank line.
        var dayFields = new List<KeyValuePair<string, string>>([.. CooksWeek(), new("Input.Mode", "days")]);
        for (var i = 0; i < rows.Length; i++)
        {
            foreach (var input in rows[i].QuerySelectorAll("input").OfType<IHtmlInputElement>())
            {
                dayFields.Add(new(input.Name!, input.Value));
            }
        }

        var blank = rows.Length - 1;
        dayFields.RemoveAll(f => f.Key.StartsWith($"Input.Days[{blank}].", StringComparison.Ordinal));
        dayFields.AddRange([new($"Input.Days[{blank}].Date", "2025-11-02"), new($"Input.Days[{blank}].Start", "10:00"), new($"Input.Days[{blank}].End", "00:00"), new($"Input.Days[{blank}].Break", "")]);
        using var calculated = await PostFormAsync(worker, days, "/en/tools/overtime", dayFields);
        var result = await PageClient.ParseAsync(calculated);

        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        Assert.Equal(31, rows.Length); // 25 days and six blank lines: a month at most
        Assert.Equal("2025-11-01", ((IHtmlInputElement)rows[0].QuerySelector("input[type=date]")!).Value);
        Assert.Equal("23:00", ((IHtmlInputElement)rows[0].QuerySelectorAll("input[type=time]")[1]).Value);
        var headline = result.QuerySelector(".result__headline")?.TextContent ?? PageClient.MainText(result);
        var owed = decimal.Parse(headline[(headline.IndexOf('¥', StringComparison.Ordinal) + 1)..].Trim(), NumberStyles.Number, CultureInfo.InvariantCulture);
        Assert.True(owed > 415_921m, $"a Sunday worked more owes more than ¥415,921: {headline}");
    }

    [Fact]
    public async Task Mistakes_come_back_in_the_readers_language_with_what_was_typed()
    {
        using var worker = _app.CreatePageClient();
        var form = await worker.GetPageAsync("/vi/tools/leave-allowance");

        using var response = await PostFormAsync(worker, form, "/vi/tools/leave-allowance",
            [new("Input.AverageWage", "mười nghìn"), new("Input.LeaveDays", ""), new("Input.RatePercent", "50")]);
        var page = await PageClient.ParseAsync(response);
        var summary = page.QuerySelector(".error-summary")!.TextContent;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector(".result"));
        Assert.Contains(await TextInAsync("vi", "Write a number, for example 180000."), summary, StringComparison.Ordinal);
        Assert.Contains(await TextInAsync("vi", "Please fill this in."), summary, StringComparison.Ordinal);
        Assert.Contains(await TextInAsync("vi", "Write a number from {0} to {1}.", "60", "100"), summary, StringComparison.Ordinal);
        Assert.Equal("mười nghìn", ((IHtmlInputElement)page.QuerySelector("#Input_AverageWage")!).Value);
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#Input_LeaveDays']"));
    }

    [Theory]
    [InlineData("ja", "１０，０００円", "２０", "10,000円")]
    [InlineData("pt-BR", "10.000", "20", "¥10.000")]
    [InlineData("ar", "١٠٬٠٠٠", "٢٠", "10")]
    public async Task Figures_typed_the_readers_way_are_read(string code, string averageWage, string days, string shown)
    {
        using var worker = _app.CreatePageClient();
        var form = await worker.GetPageAsync($"/{code}/tools/leave-allowance");

        using var response = await PostFormAsync(worker, form, $"/{code}/tools/leave-allowance",
            [new("Input.AverageWage", averageWage), new("Input.LeaveDays", days), new("Input.RatePercent", "60")]);
        var page = await PageClient.ParseAsync(response);

        Assert.Null(page.QuerySelector(".error-summary"));
        Assert.Contains("120", page.QuerySelector(".result__headline")!.TextContent, StringComparison.Ordinal); // 10,000 × 60 % × 20 = 120,000
        Assert.Contains(shown, page.QuerySelector(".calculation-steps")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_with_values_fills_the_form_in_and_the_average_wage_leads_on_to_the_allowances()
    {
        using var worker = _app.CreatePageClient();
        var filled = await worker.GetPageAsync("/en/tools/leave-allowance?averageWage=9782.6&leaveDays=20");
        var form = await worker.GetPageAsync("/en/tools/average-wage");

        using var response = await PostFormAsync(worker, form, "/en/tools/average-wage",
        [
            new("Input.Period[0].CalendarDays", "31"), new("Input.Period[0].DaysWorked", "22"), new("Input.Period[0].Fixed", "300000"),
            new("Input.Period[1].CalendarDays", "30"), new("Input.Period[1].DaysWorked", "21"), new("Input.Period[1].Fixed", "300000"),
            new("Input.Period[2].CalendarDays", "31"), new("Input.Period[2].DaysWorked", "22"), new("Input.Period[2].Fixed", "300000"),
        ]);
        var result = await PageClient.ParseAsync(response);

        Assert.Equal("9782.6", ((IHtmlInputElement)filled.QuerySelector("#Input_AverageWage")!).Value);
        Assert.Equal("20", ((IHtmlInputElement)filled.QuerySelector("#Input_LeaveDays")!).Value);
        Assert.Null(filled.QuerySelector(".result"));
        Assert.Contains("¥9,782.6 a day", result.QuerySelector(".result__headline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(result.QuerySelectorAll(".result a"), a => a.GetAttribute("href") == "/en/tools/leave-allowance?averageWage=9782.6");
    }

    [Fact]
    public async Task A_period_left_empty_is_skipped_and_a_mistake_in_a_period_points_at_its_box()
    {
        using var worker = _app.CreatePageClient();
        var form = await worker.GetPageAsync("/en/tools/average-wage");

        using var response = await PostFormAsync(worker, form, "/en/tools/average-wage",
        [
            // As a browser sends them: every box, the empty ones too.
            new("Input.Period[0].CalendarDays", ""), new("Input.Period[0].DaysWorked", ""), new("Input.Period[0].Fixed", ""), new("Input.Period[0].Variable", ""),
            new("Input.Period[1].CalendarDays", "30"), new("Input.Period[1].DaysWorked", "31"), new("Input.Period[1].Fixed", "200000"), new("Input.Period[1].Variable", ""),
            new("Input.Period[2].CalendarDays", ""), new("Input.Period[2].DaysWorked", ""), new("Input.Period[2].Fixed", ""), new("Input.Period[2].Variable", ""),
        ]);
        var page = await PageClient.ParseAsync(response);

        Assert.NotNull(page.QuerySelector(".error-summary a[href='#Input_Period_1__DaysWorked']"));
        Assert.Equal(3, page.QuerySelectorAll(".period").Length);
    }

    [Theory]
    [InlineData("/en/tools/no-such-calculator")]
    [InlineData("/xx/tools/overtime")]
    public async Task An_unknown_calculator_is_a_page_not_found_in_the_readers_language(string path)
    {
        using var worker = _app.CreatePageClient();
        using var response = await worker.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OPTIONS")]
    [InlineData("DELETE")]
    public async Task A_request_no_handler_takes_is_answered_without_a_page_half_built(string method)
    {
        using var worker = _app.CreatePageClient();
        using var response = await worker.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/en/tools/overtime"));

        // Razor Pages answers OPTIONS with an empty 200, an unsafe method without a token with the 400 page: never a page half built, never a 500.
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{method}: {(int)response.StatusCode}");
        Assert.True(response.StatusCode != HttpStatusCode.OK || (await response.Content.ReadAsStringAsync()).Length == 0, "an empty answer, or the error page");
    }

    [Fact]
    public async Task The_consultation_form_arrives_with_the_calculators_figure_and_problem()
    {
        using var worker = _app.CreatePageClient();
        var page = await worker.GetPageAsync("/tl/consult?tool=overtime&yen=415921");
        var plain = await worker.GetPageAsync("/tl/consult?tool=no-such&yen=1");

        var story = ((IHtmlTextAreaElement)page.QuerySelector("#Input_Description")!).Value;
        Assert.Contains("¥415,921", story, StringComparison.Ordinal);
        Assert.Contains(await TextInAsync("tl", "Unpaid overtime"), story, StringComparison.Ordinal);
        Assert.True(((IHtmlInputElement)page.QuerySelector("input[name='Input.Problems'][value='unpaid-overtime']")!).IsChecked);
        Assert.Equal("", ((IHtmlTextAreaElement)plain.QuerySelector("#Input_Description")!).Value);
    }

    /// <summary>Every step, warning and article the library can give has words in every language, not the library's English.</summary>
    [Fact]
    public async Task Every_step_and_warning_the_library_gives_is_said_in_the_readers_words()
    {
        var results = LibraryAnswers().ToList();
        var codes = results.SelectMany(r => r.Steps.Select(s => s.Code)).Distinct().ToList();
        await using var scope = _app.Services.CreateAsyncScope();
        var words = scope.ServiceProvider.GetRequiredService<CalculatorWords>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ja");
            foreach (var step in results.SelectMany(r => r.Steps))
            {
                Assert.NotEqual(step.Text, words.Step(step, "13"));
                Assert.Contains(step.Article, CalculatorWords.Articles);
            }

            foreach (var warning in results.SelectMany(r => r.Warnings))
            {
                Assert.NotEqual(warning.Text, words.Warning(warning));
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = before;
        }

        Assert.True(codes.Count >= 28, $"the answers below give every step code there is: {string.Join(", ", codes)}");
    }

    /// <summary>Answers that between them give every step and warning the library knows.</summary>
    private static IEnumerable<Explained> LibraryAnswers()
    {
        var table = MinimumWageTable.Seed;
        var day = new DateOnly(2025, 11, 3);
        yield return MinimumWageCheck.Calculate(table, new("13", day, PayType.Monthly, 180_000, null, 160));
        yield return MinimumWageCheck.Calculate(table, new("13", day, PayType.Daily, 12_000, 8, null));
        yield return MinimumWageCheck.Calculate(table, new("13", day.AddYears(3), PayType.Hourly, 1_500, null, null));
        yield return AverageWage.Calculate(new([new WagePeriod(30, 10, 100_000, 80_000)]));
        yield return AverageWage.Calculate(new([new WagePeriod(30, 10, 0, 80_000)]));
        yield return LeaveAllowance.Calculate(new(10_000, 20, null, 50_000));
        yield return NoticeAllowance.Calculate(new(10_000, new DateOnly(2025, 8, 14), new DateOnly(2025, 8, 27)));
        yield return NoticeAllowance.Calculate(new(10_000, null, new DateOnly(2025, 8, 27)));
        yield return PaidLeave.Calculate(new(new DateOnly(2024, 4, 1), new DateOnly(2026, 12, 1), 5, 40, null));
        yield return PaidLeave.Calculate(new(new DateOnly(2024, 4, 1), new DateOnly(2026, 12, 1), 3, 18, null));
        yield return PaidLeave.Calculate(new(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 1), 5, 40, null));
        yield return PaidLeave.Calculate(new(new DateOnly(2024, 4, 1), new DateOnly(2026, 12, 1), 0, 2, 20));
        yield return ClaimLimitation.Calculate(new(new DateOnly(2026, 12, 1), ClaimType.Wages));
        yield return ClaimLimitation.Calculate(new(new DateOnly(2026, 12, 1), ClaimType.RetirementAllowance));
        yield return ClaimLimitation.Calculate(new(new DateOnly(2026, 12, 1), ClaimType.Other));
        var everyDay = Enumerable.Range(1, 30).Select(d => new WorkedDay(new DateOnly(2025, 11, d), new TimeOnly(5, 0), new TimeOnly(3, 0), 60)).ToList();
        yield return Overtime.Calculate(table, new("13", PayType.Monthly, 180_000, 160, 8, 10_000, 40, null, null, 5_000, everyDay));
        yield return Overtime.Calculate(table, new("13", PayType.Hourly, 1_000, null, 8, null, 40, DayOfWeek.Sunday, null, null, everyDay));
    }

    private async Task<string> TextInAsync(string code, string english, params object[] arguments)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var localizer = scope.ServiceProvider.GetRequiredService<IStringLocalizer<PublicText>>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = PublicLanguages.FindByCode(code)!.Culture;
            return localizer[english, arguments];
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
