using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Statistics;
using static Soudan.Tests.Features.Statistics.StatisticsSteps;

namespace Soudan.Tests.Features.Statistics;

/// <summary>
/// What the public statistics page shows must not betray a consultation as it arrives: only periods
/// that have ended are published, their figures are kept as they were that day ("as of"), and a
/// detailed table is published only once the coordinator confirms it. Each test has its own database.
/// </summary>
public abstract class PublishedStatisticsTests(TestDatabase database)
{
    [Fact]
    public async Task Only_a_period_that_has_ended_can_be_published()
    {
        await using var app = await SoudanApp.StartAsync(database);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var today = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var yesterday = Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var thisMonth = $"count=consultations&rows=nationality&from={Today:yyyy-MM}-01&to={today}";
        var nextYear = $"count=consultations&rows=nationality&from={LastMonth.From:yyyy-MM-dd}&to={Today.AddYears(1):yyyy-MM-dd}";

        var page = await coordinator.GetPageAsync("/staff/statistics?" + thisMonth);
        var refused = await coordinator.PostAsync("/staff/statistics", "/staff/statistics?handler=publish&" + thisMonth, new Dictionary<string, string> { ["view"] = thisMonth, ["confirm"] = "true" });
        var future = await coordinator.PostAsync("/staff/statistics", "/staff/statistics?handler=publish&" + nextYear, new Dictionary<string, string> { ["view"] = nextYear, ["confirm"] = "true" });
        using var anonymous = app.CreateClient();
        var api = await anonymous.GetFromJsonAsync<PublicStatisticsAnswer>("/api/v1/stats/public?lang=en");

        // The dashboard says so instead of offering the form.
        Assert.Contains("Only a period that has ended can be published: end the view on " + yesterday, page.QuerySelector("#publish-refused")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*='handler=publish']"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Only a period that has ended can be published", (await PageClient.ParseAsync(refused)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Empty(api!.Tables);
        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<PublishedStatistic>().CountAsync()));
    }

    [Fact]
    public async Task Published_figures_stay_as_they_were_published_and_say_as_of_when()
    {
        await using var app = await SoudanApp.StartAsync(database);
        await ConsultAsync(app, ("PH", 8, null), ("VN", 6, null));
        await MoveIntoLastMonthAsync(app);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var view = "count=consultations&rows=nationality&" + LastMonthQuery;
        var published = await coordinator.SubmitAsync("/staff/statistics?" + view, new Dictionary<string, string> { ["view"] = view, ["titleEn"] = "Who wrote to us" }, handler: "publish");
        using var anonymous = app.CreateClient();
        var before = await anonymous.GetStringAsync("/api/v1/stats/public?lang=en");

        // A consultation logged late for last month: the figures counted afresh would now say 9 and 7.
        await ConsultAsync(app, ("PH", 1, null), ("VN", 1, null));
        await MoveIntoLastMonthAsync(app);
        using var reader = app.CreateClient();
        var after = await reader.GetStringAsync("/api/v1/stats/public?lang=en");
        var page = await PageClient.ParseAsync(await reader.GetAsync("/en/stats"));
        var dashboard = await coordinator.GetPageAsync("/staff/statistics?" + view);

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(before, after);
        var table = JsonDocument.Parse(after).RootElement.GetProperty("tables")[0];
        // The answer keeps every field it had, and adds the day the figures were counted.
        foreach (var field in new[] { "id", "title", "counting", "from", "to", "rows", "columns", "rowValues", "columnValues", "cells", "rowTotals", "columnTotals", "total", "counted", "asOf" })
        {
            Assert.True(table.TryGetProperty(field, out _), field);
        }

        Assert.Equal(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), table.GetProperty("asOf").GetString());
        Assert.Equal(14, table.GetProperty("total").GetInt32());
        Assert.Equal([8, 6], table.GetProperty("cells").EnumerateArray().Select(row => row[0].GetInt32()));
        Assert.Equal("8", Rows(page)["Philippines"]);
        Assert.Contains("Figures as of " + Today.ToString("D", CultureInfo.GetCultureInfo("en")), page.QuerySelector("section.statistics .as-of")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("9", Rows(dashboard)["Philippines"]); // the staff dashboard counts as it stands
        Assert.Contains("Figures as of", dashboard.QuerySelector("#published li")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_detailed_table_is_published_only_once_the_coordinator_confirms_it()
    {
        await using var app = await SoudanApp.StartAsync(database);
        await ConsultAsync(app, ("PH", 8, null), ("PH", 7, "technical-intern-training"), ("VN", 6, null), ("VN", 9, "technical-intern-training"));
        await MoveIntoLastMonthAsync(app);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        var crossed = "count=consultations&rows=nationality&columns=residence-status&" + LastMonthQuery;
        var simple = "count=consultations&rows=nationality&" + LastMonthQuery;

        var page = await coordinator.GetPageAsync("/staff/statistics?" + crossed);
        var plain = await coordinator.GetPageAsync("/staff/statistics?" + simple);
        var unconfirmed = await coordinator.SubmitAsync("/staff/statistics?" + crossed, new Dictionary<string, string> { ["view"] = crossed, ["titleEn"] = "Status by nationality" }, handler: "publish");
        var unconfirmedPage = await PageClient.ParseAsync(unconfirmed);
        var publishedCount = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<PublishedStatistic>().CountAsync());
        var confirmed = await coordinator.SubmitAsync(unconfirmedPage, "/staff/statistics?" + crossed, new Dictionary<string, string> { ["view"] = crossed, ["confirm"] = "true" }, handler: "publish");
        using var anonymous = app.CreateClient();
        var api = await anonymous.GetFromJsonAsync<PublicStatisticsAnswer>("/api/v1/stats/public?lang=en");

        Assert.Contains("crosses two dimensions", page.QuerySelector("#publish-warnings")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#publish-warnings input[type=checkbox][name=confirm]"));
        Assert.Null(plain.QuerySelector("#publish-warnings"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.Contains("Publish anyway", unconfirmedPage.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Status by nationality", unconfirmedPage.QuerySelector("#titleEn")!.GetAttribute("value")); // kept for the second try
        Assert.Equal(0, publishedCount);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var table = Assert.Single(api!.Tables);
        Assert.Equal("Status by nationality", table.Title);
        Assert.Equal(30, table.Total);
    }

    [Fact]
    public async Task A_view_published_before_figures_were_kept_is_frozen_at_its_first_showing_once_its_period_has_ended()
    {
        await using var app = await SoudanApp.StartAsync(database);
        await ConsultAsync(app, ("PH", 8, null), ("VN", 6, null));
        await MoveIntoLastMonthAsync(app);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        // As an older version stored them: the view only. One of last month, one still running.
        var publishedAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-40);
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            db.Add(new PublishedStatistic { View = "count=consultations&rows=nationality&" + LastMonthQuery, TitleEn = "Ended", PublishedAtUtc = publishedAt, PublishedBy = Guid.Empty });
            db.Add(new PublishedStatistic { View = $"count=consultations&rows=nationality&from={LastMonth.From:yyyy-MM-dd}&to={Today.AddYears(1):yyyy-MM-dd}", TitleEn = "Running", PublishedAtUtc = publishedAt, PublishedBy = Guid.Empty });
            return await db.SaveChangesAsync();
        });

        using var anonymous = app.CreateClient();
        var first = await anonymous.GetFromJsonAsync<PublicStatisticsAnswer>("/api/v1/stats/public?lang=en");
        await ConsultAsync(app, ("PH", 1, null));
        await MoveIntoLastMonthAsync(app);
        using var reader = app.CreateClient();
        var later = await reader.GetFromJsonAsync<PublicStatisticsAnswer>("/api/v1/stats/public?lang=en");
        var page = await PageClient.ParseAsync(await reader.GetAsync("/en/stats"));
        var dashboard = await coordinator.GetPageAsync("/staff/statistics");

        var table = Assert.Single(first!.Tables);
        Assert.Equal("Ended", table.Title);
        Assert.Equal(14, table.Total);
        Assert.Equal(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), table.AsOf); // counted at its first showing
        Assert.Equal(14, Assert.Single(later!.Tables).Total);
        Assert.Single(page.QuerySelectorAll("section.statistics"));
        Assert.Contains("not on the public page until its period has ended", dashboard.QuerySelector("#published .waiting")!.TextContent, StringComparison.Ordinal);
    }
}

public sealed class PublishedStatisticsTestsOnSqlite() : PublishedStatisticsTests(TestDatabase.Sqlite);

public sealed class PublishedStatisticsTestsOnPostgres() : PublishedStatisticsTests(TestDatabase.Postgres);
