using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Soudan.LaborLaw.MinimumWages;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Features.Calculators;

namespace Soudan.Tests.Features.Calculators;

/// <summary>
/// A revision loaded into the database is what the calculators answer with, at once, on both
/// databases. An app of its own: a new revision changes what every other test would be answered.
/// </summary>
public abstract class MinimumWageRevisionTests(TestDatabase database)
{
    [Fact]
    public async Task A_loaded_revision_answers_from_its_effective_day()
    {
        await using var app = await SoudanApp.StartAsync(database);
        var csv = new StringBuilder("prefecture_code,prefecture_ja,prefecture_en,fiscal_year,hourly_yen,effective_from,source\n");
        foreach (var rate in MinimumWageTable.Seed.Rates.Where(r => r.FiscalYear == 2025))
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{rate.PrefectureCode},{rate.PrefectureJa},{rate.PrefectureEn},2030,{rate.HourlyYen + 400},2030-10-01,官報 test\n");
        }

        var result = await app.Services.GetRequiredService<MinimumWageRates>().ImportAsync(csv.ToString(), "fy2030.csv", adminId: null, confirmDecrease: false, CancellationToken.None);
        using var client = app.CreateClient();
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/minimum-wages/13?on=2030-09-30");
        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/minimum-wages/13?on=2030-10-01");

        Assert.Equal(47, result.Loaded);
        Assert.Equal(1226m, before.GetProperty("hourlyYen").GetDecimal());
        Assert.False(before.GetProperty("newerRevisionMayApply").GetBoolean());
        Assert.Equal(1626m, after.GetProperty("hourlyYen").GetDecimal());
        Assert.Equal("官報 test", after.GetProperty("source").GetString());
    }
}

/// <summary>The admins' page: a broken file's problems listed, a decrease asked about, a whole file loaded.</summary>
public sealed class MinimumWagePageTests
{
    private static byte[] Revision(int year, Func<MinimumWageRate, decimal> yen) => Encoding.UTF8.GetBytes(
        "prefecture_code,prefecture_ja,prefecture_en,fiscal_year,hourly_yen,effective_from,source\n" + string.Concat(
            MinimumWageTable.Seed.Rates.Where(r => r.FiscalYear == 2025)
                .Select(r => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.PrefectureCode},{r.PrefectureJa},{r.PrefectureEn},{year},{yen(r)},{year}-10-01,官報 test\n"))));

    [Fact]
    public async Task An_admin_loads_a_revision_after_seeing_what_is_wrong_with_a_broken_one()
    {
        await using var app = await SoudanApp.StartAsync(TestDatabase.Sqlite);
        using var admin = await app.SignInAsync(Soudan.Web.Features.Accounts.StaffRoles.Admin);
        using var counselor = await app.SignInAsync(Soudan.Web.Features.Accounts.StaffRoles.Counselor);

        var empty = await admin.GetPageAsync("/staff/minimum-wages");
        var broken = await admin.UploadAsync("/staff/minimum-wages", null, new Dictionary<string, string>(), "fy2026.csv",
            Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Revision(2026, r => r.HourlyYen + 100)).Replace("2026-10-01,官報 test\n13,", "2026-10-01,官報 test\n99,", StringComparison.Ordinal)));
        var brokenPage = await PageClient.ParseAsync(broken);
        var lower = await admin.UploadAsync("/staff/minimum-wages", null, new Dictionary<string, string>(), "fy2026.csv", Revision(2026, r => r.PrefectureCode == "13" ? 1200 : r.HourlyYen + 100));
        var lowerPage = await PageClient.ParseAsync(lower);
        var loaded = await admin.UploadAsync("/staff/minimum-wages", null, new Dictionary<string, string> { ["confirmDecrease"] = "true" }, "fy2026.csv", Revision(2026, r => r.PrefectureCode == "13" ? 1200 : r.HourlyYen + 100));
        var after = PageClient.MainText(await admin.GetPageAsync(loaded.Headers.Location!.OriginalString));
        var refused = await counselor.Client.GetAsync("/staff/minimum-wages");

        Assert.Contains("None yet", PageClient.MainText(empty), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        Assert.Contains("prefecture code \"99\"", brokenPage.QuerySelector("#file-problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, lower.StatusCode);
        Assert.Contains("1,226", lowerPage.QuerySelector("#file-decreases")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(lowerPage.QuerySelector("input[name=confirmDecrease]"));
        Assert.Equal(HttpStatusCode.Redirect, loaded.StatusCode);
        Assert.Contains("Loaded 47 rates", after, StringComparison.Ordinal);
        Assert.Contains("fy2026.csv", after, StringComparison.Ordinal);
        Assert.Contains("lowers a rate (confirmed)", after, StringComparison.Ordinal);
        Assert.Contains("access-denied", refused.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }
}

public sealed class MinimumWageRevisionTestsOnSqlite() : MinimumWageRevisionTests(TestDatabase.Sqlite);

public sealed class MinimumWageRevisionTestsOnPostgres() : MinimumWageRevisionTests(TestDatabase.Postgres);
