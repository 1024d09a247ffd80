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
        Assert.True(before.GetProperty("newerRevisionMayApply").GetBoolean() is false);
        Assert.Equal(1626m, after.GetProperty("hourlyYen").GetDecimal());
        Assert.Equal("官報 test", after.GetProperty("source").GetString());
    }
}

public sealed class MinimumWageRevisionTestsOnSqlite() : MinimumWageRevisionTests(TestDatabase.Sqlite);

public sealed class MinimumWageRevisionTestsOnPostgres() : MinimumWageRevisionTests(TestDatabase.Postgres);
