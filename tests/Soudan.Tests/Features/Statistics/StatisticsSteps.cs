using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Time;

namespace Soudan.Tests.Features.Statistics;

/// <summary>What the statistics tests do more than once: consultations sent, moved into a month that has ended, and pages read.</summary>
public static class StatisticsSteps
{
    /// <summary>The row of figures of a case, found as the app finds it: by its keyed token.</summary>
    public static Task<string> FactKeyOfCaseAsync(this SoudanApp app, int caseId) =>
        app.WithScopeAsync(async s => s.GetRequiredService<Soudan.Web.Features.Statistics.StatisticsTokens>()
            .SourceOf(await s.GetRequiredService<SoudanDbContext>().Set<Case>().AsNoTracking().SingleAsync(c => c.Id == caseId)));

    /// <summary>The key of a consultation's or call's row of figures.</summary>
    public static Task<string> FactKeyOfIntakeAsync(this SoudanApp app, string reference) =>
        app.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<Soudan.Web.Features.Statistics.StatisticsTokens>().SourceOfIntake(reference)));

    /// <summary>Today in Japan, as the app counts it.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(JapanTime.FromUtc(TimeProvider.System.GetUtcNow().UtcDateTime));

    /// <summary>The first and the last day of last month (Japan): a period that has ended.</summary>
    public static (DateOnly From, DateOnly To) LastMonth
    {
        get
        {
            var thisMonth = new DateOnly(Today.Year, Today.Month, 1);
            return (thisMonth.AddMonths(-1), thisMonth.AddDays(-1));
        }
    }

    /// <summary>The view's dates of last month, as the query string writes them.</summary>
    public static string LastMonthQuery => string.Create(CultureInfo.InvariantCulture, $"from={LastMonth.From:yyyy-MM-dd}&to={LastMonth.To:yyyy-MM-dd}");

    /// <summary>Sends as many consultations of each nationality (through the API, each from its own phone), with the residence status given or Ana's.</summary>
    public static async Task ConsultAsync(SoudanApp app, params (string Nationality, int Times, string? Residence)[] groups)
    {
        foreach (var (nationality, times, residence) in groups)
        {
            for (var i = 0; i < times; i++)
            {
                await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with
                {
                    Nationality = nationality,
                    ResidenceStatus = residence ?? "long-term-resident",
                    Contact = new IntakeContact { Phone = CaseSteps.UniquePhone() },
                });
            }
        }
    }

    /// <summary>
    /// Every consultation and case received so far is dated the 15th of last month (as if it had been
    /// logged then), through the entities, so their statistics follow as for any other change.
    /// </summary>
    public static async Task MoveIntoLastMonthAsync(SoudanApp app)
    {
        var noon = JapanTime.ToUtc(LastMonth.From.AddDays(14).ToDateTime(new TimeOnly(12, 0)));
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            foreach (var intake in await db.Intakes.Where(i => i.ReceivedAtUtc != noon).ToListAsync())
            {
                db.Entry(intake).Property(i => i.ReceivedAtUtc).CurrentValue = noon;
            }

            // Loaded as the case pages load them: the statistics of a case are made again from all of it.
            foreach (var @case in await db.Set<Case>().Include(c => c.Outcome).Include(c => c.Workers).ThenInclude(w => w.Person)
                         .Where(c => c.OpenedAtUtc != noon).ToListAsync())
            {
                db.Entry(@case).Property(c => c.OpenedAtUtc).CurrentValue = noon;
            }

            return await db.SaveChangesAsync();
        });
    }

    /// <summary>The rows of the first table of a statistics page: name → first count as shown.</summary>
    public static Dictionary<string, string> Rows(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("section.statistics table tbody tr")
            .ToDictionary(tr => tr.QuerySelector("th")!.TextContent.Trim(), tr => tr.QuerySelector("td")!.TextContent.Trim());

    /// <summary>The names of the rows of the first table, in order.</summary>
    public static List<string> RowNames(AngleSharp.Dom.IDocument page) =>
        page.QuerySelector("section.statistics table")!.QuerySelectorAll("tbody tr th").Select(th => th.TextContent.Trim()).ToList();

    /// <summary>A downloaded CSV without its byte order mark.</summary>
    public static async Task<string> CsvAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
    }
}
