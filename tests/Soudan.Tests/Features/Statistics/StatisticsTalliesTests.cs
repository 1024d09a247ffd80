using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Statistics;

namespace Soudan.Tests.Features.Statistics;

/// <summary>
/// The dashboard reads months from their copies in memory, or whole months from tallies once they are
/// counted, and everything else from the facts. Half a year of varied facts is counted all three ways,
/// on every kind of view (any rows, any columns, a filter, ranges that cut months), and the figures
/// must be the same; a fact saved after its month was counted shows at once.
/// </summary>
public abstract class StatisticsTalliesTests(TestDatabase database)
{
    private static readonly string[] Problems = ["unpaid-wages", "dismissal", "leave-without-pay", "harassment"];
    private static readonly string[] Tags = ["COVID-19", "hotel"];

    [Fact]
    public async Task Tallied_months_give_the_same_figures_as_the_facts_and_a_later_change_shows_at_once()
    {
        await using var app = await SoudanApp.StartAsync(database);
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            db.AddRange(GeneratedFacts(400));
            return await db.SaveChangesAsync();
        });

        var views = Views().ToList();
        var fromFacts = new List<string>();
        foreach (var view in views)
        {
            fromFacts.Add(await RunAsync(app, view));
        }

        var months = await app.WithScopeAsync(s => s.GetRequiredService<StatisticsSummarizer>().SummarizeAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(6, months);
        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<StatisticsChange>().CountAsync()));
        Assert.True(await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<StatisticsTally>().CountAsync()) > 1000);

        for (var i = 0; i < views.Count; i++)
        {
            Assert.True(fromFacts[i] == await RunAsync(app, views[i]), $"view {i}: {StatisticsRequestReader.QueryOf(views[i])}");
        }

        // The counted months copied in memory (here, or already by the summarizer's own round): the same figures again.
        await app.WithScopeAsync(s => s.GetRequiredService<StatisticsMemory>().RefreshAsync(CancellationToken.None));
        Assert.Equal(await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<StatisticsFact>().CountAsync(f => f.Counted)), app.Services.GetRequiredService<StatisticsMemory>().Facts);
        for (var i = 0; i < views.Count; i++)
        {
            Assert.True(fromFacts[i] == await RunAsync(app, views[i]), $"view {i} in memory: {StatisticsRequestReader.QueryOf(views[i])}");
        }

        // One more case in a counted month, with a problem: the month is read from its facts until counted again.
        var byProblem = views.First(v => v.Count == StatisticsCount.Cases && v.Rows.Code == StatisticsDimensions.Problem && v.Columns is null && v.Filters.Count == 0);
        var before = await app.WithScopeAsync(s => s.GetRequiredService<StatisticsQuery>().RunAsync(byProblem, CancellationToken.None));
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            var fact = new StatisticsFact { Unit = StatisticsUnit.Case, Status = "active" };
            fact.SetDay(new DateOnly(2025, 3, 10));
            fact.Values.Add(new StatisticsFactValue { Dimension = StatisticsDimensions.Problem, Value = "dismissal" });
            db.Add(fact);
            return await db.SaveChangesAsync();
        });
        var after = await app.WithScopeAsync(s => s.GetRequiredService<StatisticsQuery>().RunAsync(byProblem, CancellationToken.None));
        Assert.Equal(before.Total + 1, after.Total);
        Assert.Equal(Cell(before, "dismissal") + 1, Cell(after, "dismissal"));

        // Counted again, the month's copy in memory is older than its version: not used until copied again.
        await app.WithScopeAsync(s => s.GetRequiredService<StatisticsSummarizer>().SummarizeAsync(TimeSpan.Zero, CancellationToken.None));
        var counted = await app.WithScopeAsync(s => s.GetRequiredService<StatisticsQuery>().RunAsync(byProblem, CancellationToken.None));
        Assert.Equal(Cell(after, "dismissal"), Cell(counted, "dismissal"));
        Assert.Equal(after.Total, counted.Total);
        await app.WithScopeAsync(s => s.GetRequiredService<StatisticsMemory>().RefreshAsync(CancellationToken.None));
        Assert.Equal(await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<StatisticsFact>().CountAsync(f => f.Counted)), app.Services.GetRequiredService<StatisticsMemory>().Facts);
        var fromMemory = new List<string>();
        foreach (var view in views)
        {
            fromMemory.Add(await RunAsync(app, view));
        }

        Assert.Equal(Cell(after, "dismissal"), Cell(await app.WithScopeAsync(s => s.GetRequiredService<StatisticsQuery>().RunAsync(byProblem, CancellationToken.None)), "dismissal"));

        // Proof that the copies are what was read: with the tallies and facts gone behind the recorder's back, nothing changes.
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            await db.Set<StatisticsTally>().ExecuteDeleteAsync();
            await db.Set<StatisticsFactValue>().ExecuteDeleteAsync();
            return await db.Set<StatisticsFact>().ExecuteDeleteAsync();
        });
        for (var i = 0; i < views.Count; i++)
        {
            Assert.True(fromMemory[i] == await RunAsync(app, views[i]), $"view {i} in memory alone: {StatisticsRequestReader.QueryOf(views[i])}");
        }
    }

    private static int Cell(StatisticsResult result, string row) => result.Cells.Where(c => c.Row == row).Sum(c => c.Count);

    /// <summary>A view's figures as one comparable text: cells in order, the total, the money.</summary>
    private static async Task<string> RunAsync(SoudanApp app, StatisticsRequest request)
    {
        var result = await app.WithScopeAsync(s => s.GetRequiredService<StatisticsQuery>().RunAsync(request, CancellationToken.None));
        var cells = result.Cells.Where(c => c.Count > 0).OrderBy(c => c.Row, StringComparer.Ordinal).ThenBy(c => c.Column, StringComparer.Ordinal)
            .Select(c => $"{c.Row}|{c.Column}={c.Count}");
        return $"{string.Join(';', cells)} total={result.Total} money={result.Money}";
    }

    private static IEnumerable<StatisticsRequest> Views()
    {
        StatisticsDimension D(string code) => StatisticsDimensions.Find(code)!;
        (DateOnly, DateOnly)[] ranges = [(new(2025, 1, 1), new(2025, 6, 30)), (new(2025, 1, 15), new(2025, 5, 3)), (new(2024, 12, 1), new(2025, 3, 31)), (new(2025, 2, 1), new(2025, 2, 28)), (new(2025, 1, 2), new(2025, 6, 29)), (new(2025, 3, 2), new(2025, 3, 30)), (new(2025, 4, 20), new(2025, 4, 20))];
        foreach (var (from, to) in ranges)
        {
            foreach (var count in Enum.GetValues<StatisticsCount>())
            {
                foreach (var rows in StatisticsDimensions.All.Where(d => d.Code != "hotline-session"))
                {
                    yield return new(count, from, to, rows, null, []);
                }

                yield return new(count, from, to, D("month"), D("unit"), []);
                yield return new(count, from, to, D("nationality"), D(StatisticsDimensions.Problem), []);
                yield return new(count, from, to, D(StatisticsDimensions.Problem), D(StatisticsDimensions.Tag), []);
                yield return new(count, from, to, D("week"), D("prefecture"), []);
                yield return new(count, from, to, D(StatisticsDimensions.Day), D(StatisticsDimensions.Problem), []);
                yield return new(count, from, to, D("hotline-session"), D("status"), []);
                yield return new(count, from, to, D(StatisticsDimensions.Problem), D("month"), []);
                yield return new(count, from, to, D("status"), null, [new(D(StatisticsDimensions.Problem), ["unpaid-wages"])]);
                yield return new(count, from, to, D("month"), null, [new(D(StatisticsDimensions.Tag), ["COVID-19"])]);
                yield return new(count, from, to, D(StatisticsDimensions.Problem), null, [new(D("nationality"), ["VN", "NP"])]);
                yield return new(count, from, to, D(StatisticsDimensions.Outcome), null, [new(D("unit"), ["case", "call"])]);
                // Among a tag: a cross-tabulation, one more filter, the tag's own rows, money.
                yield return new(count, from, to, D("nationality"), D(StatisticsDimensions.Problem), [new(D(StatisticsDimensions.Tag), ["COVID-19"])]);
                yield return new(count, from, to, D("month"), D("status"), [new(D(StatisticsDimensions.Tag), ["hotel"])]);
                yield return new(count, from, to, D(StatisticsDimensions.Problem), null, [new(D(StatisticsDimensions.Tag), ["COVID-19"]), new(D("nationality"), ["VN", "NP"])]);
                yield return new(count, from, to, D("status"), null, [new(D(StatisticsDimensions.Tag), ["hotel"]), new(D(StatisticsDimensions.Problem), ["dismissal"])]);
                yield return new(count, from, to, D(StatisticsDimensions.Tag), D("week"), [new(D(StatisticsDimensions.Tag), ["COVID-19"])]);
                yield return new(count, from, to, D(StatisticsDimensions.Outcome), null, [new(D(StatisticsDimensions.Tag), ["COVID-19"]), new(D("unit"), ["case"])]);
                // Counted from the facts however many months are tallied: a filter the tallies cannot take.
                yield return new(count, from, to, D("status"), null, [new(D(StatisticsDimensions.Problem), ["unpaid-wages", "dismissal"])]);
                yield return new(count, from, to, D("status"), D("channel"), [new(D("nationality"), ["VN"])]);
                yield return new(count, from, to, D("status"), null, [new(D(StatisticsDimensions.Tag), ["COVID-19", "hotel"]), new(D("nationality"), ["VN"])]);
            }
        }
    }

    /// <summary>Facts of every unit over January to June 2025, with and without values, some not counted, some with money.</summary>
    private static List<StatisticsFact> GeneratedFacts(int count)
    {
        var random = new Random(2025);
        T? Maybe<T>(T[] choices) where T : class => random.Next(5) == 0 ? null : choices[random.Next(choices.Length)];
        var facts = new List<StatisticsFact>();
        for (var i = 0; i < count; i++)
        {
            var unit = (StatisticsUnit)random.Next(3);
            var fact = new StatisticsFact
            {
                Unit = unit,
                Counted = random.Next(10) > 0,
                HotlineSessionId = random.Next(3) == 0 ? random.Next(1, 3) : null,
                Channel = Maybe(["web-form", "phone", "api"]),
                Language = Maybe(["vi", "ne", "tl"]),
                Nationality = Maybe(["VN", "NP", "PH", "MN"]),
                PrefectureCode = Maybe(["13", "22", "23"]),
                Industry = Maybe(["food-service", "hotel"]),
                EmploymentType = Maybe(["dispatched", "part-time"]),
                ResidenceToken = Maybe(["token-a", "token-b"]),
                Status = Maybe(["new", "active", "closed"]),
                UnpaidWagesYen = unit == StatisticsUnit.Case && random.Next(3) == 0 ? random.Next(1, 500_000) : 0,
                LeaveAllowanceYen = unit == StatisticsUnit.Case && random.Next(4) == 0 ? random.Next(1, 200_000) : 0,
            };
            fact.SetDay(new DateOnly(2025, 1, 1).AddDays(random.Next(181)));
            foreach (var problem in Problems.Where(_ => random.Next(3) == 0))
            {
                fact.Values.Add(new StatisticsFactValue { Dimension = StatisticsDimensions.Problem, Value = problem });
            }

            foreach (var tag in Tags.Where(_ => random.Next(4) == 0))
            {
                fact.Values.Add(new StatisticsFactValue { Dimension = StatisticsDimensions.Tag, Value = tag });
            }

            if (unit == StatisticsUnit.Case)
            {
                fact.Values.Add(new StatisticsFactValue { Dimension = StatisticsDimensions.Outcome, Value = fact.UnpaidWagesYen + fact.LeaveAllowanceYen > 0 ? "money-recovered" : "none-recorded" });
            }

            facts.Add(fact);
        }

        return facts;
    }
}

public sealed class StatisticsTalliesTestsOnSqlite() : StatisticsTalliesTests(TestDatabase.Sqlite);

public sealed class StatisticsTalliesTestsOnPostgres() : StatisticsTalliesTests(TestDatabase.Postgres);
