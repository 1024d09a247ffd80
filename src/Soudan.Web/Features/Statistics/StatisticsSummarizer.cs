using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;

namespace Soudan.Web.Features.Statistics;

/// <summary>
/// Counts again, a month at a time, the months whose facts changed (<see cref="StatisticsChange"/>),
/// into <see cref="StatisticsTally"/> rows: every value and every pair of values of the dimensions,
/// so a dashboard view over years adds up a few thousand tallies instead of a million facts. It waits
/// until a month has been quiet for a while (a hotline day changes the current month all day), but
/// not for ever; until then the month is read from its facts, so no figure is ever stale. After each
/// round it refreshes the copies of the months kept in memory (<see cref="StatisticsMemory"/>).
/// </summary>
public sealed partial class StatisticsSummarizer(IServiceScopeFactory scopes, StatisticsMemory memory, TimeProvider clock, IConfiguration configuration, ILogger<StatisticsSummarizer> logger) : BackgroundService
{
    /// <summary>A month counted again every time it changed would be counted all day; one changed within this long waits.</summary>
    private TimeSpan QuietFor => TimeSpan.FromSeconds(configuration.GetValue("Statistics:SummaryQuietSeconds", 60));

    /// <summary>However busy, a month changed longer ago than this is counted again.</summary>
    private static readonly TimeSpan WaitAtMost = TimeSpan.FromMinutes(10);

    private TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Statistics:SummaryIntervalSeconds", 15));

    /// <summary>The dimensions a tally names: all but the month and the unit, which are columns of the tally itself.</summary>
    private static readonly (string Code, Func<StatisticsFact, string?>? Key)[] Tallied =
    [
        .. StatisticsDimensions.All
            .Where(d => d.Code is not (StatisticsDimensions.Month or StatisticsDimensions.Unit))
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .Select(d => (d.Code, d.Shape == DimensionShape.Values ? null : d.Key!.Compile())),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        var marked = false;
        do
        {
            try
            {
                if (!marked)
                {
                    await MarkUntalliedAsync(stoppingToken);
                    marked = true;
                }

                await SummarizeAsync(QuietFor, stoppingToken);
                await memory.RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A database away, or another instance counting the same month: the next round tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Facts counted before tallies existed (or a database restored without them) have no change to
    /// say so: with no tally at all, every month of facts is marked changed, once.
    /// </summary>
    private async Task MarkUntalliedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
        if (!await db.Set<StatisticsTally>().AnyAsync(cancellationToken) && !await db.Set<StatisticsChange>().AnyAsync(cancellationToken))
        {
            var months = await db.Set<StatisticsFact>().Select(f => f.Month).Distinct().ToListAsync(cancellationToken);
            var at = DateTime.UnixEpoch;
            db.AddRange(months.Select(m => new StatisticsChange { Month = m, AtUtc = at }));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Counts again every month changed and then quiet for <paramref name="quietFor"/>; returns how many months.</summary>
    public async Task<int> SummarizeAsync(TimeSpan quietFor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<int> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
            var (quietSince, changedBefore) = (now - quietFor, now - WaitAtMost);
            due = await db.Set<StatisticsChange>().GroupBy(c => c.Month)
                .Where(g => g.Max(c => c.AtUtc) <= quietSince || g.Min(c => c.AtUtc) <= changedBefore)
                .Select(g => g.Key).OrderBy(m => m).ToListAsync(cancellationToken);
        }

        foreach (var month in due)
        {
            await SummarizeMonthAsync(month, cancellationToken);
        }

        if (due.Count > 1)
        {
            LogSummarized(logger, due.Count);
        }

        return due.Count;
    }

    private async Task SummarizeMonthAsync(int month, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
        // The changes seen before the facts are read: one saved in between stays, and the month is counted again.
        var changes = await db.Set<StatisticsChange>().Where(c => c.Month == month).Select(c => c.Id).ToListAsync(cancellationToken);
        var facts = await db.Set<StatisticsFact>().AsNoTracking().Where(f => f.Month == month && f.Counted)
            .Include(f => f.Values).AsSplitQuery().ToListAsync(cancellationToken);
        var tallies = Tally(month, facts);

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<StatisticsTally>().Where(t => t.Month == month).ExecuteDeleteAsync(cancellationToken);
        foreach (var batch in changes.Chunk(1000))
        {
            await db.Set<StatisticsChange>().Where(c => batch.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        // Copies of the month in memory made before this are no longer the month as it stands.
        if (await db.Set<StatisticsMonth>().Where(m => m.Month == month).ExecuteUpdateAsync(s => s.SetProperty(m => m.Version, m => m.Version + 1), cancellationToken) == 0)
        {
            db.Add(new StatisticsMonth { Month = month, Version = 1 });
        }

        db.AddRange(tallies);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The tallies of one month's counted facts (with their values).</summary>
    private static List<StatisticsTally> Tally(int month, IEnumerable<StatisticsFact> facts)
    {
        var tallies = new Dictionary<(StatisticsUnit, string, string, string, string, string), StatisticsTally>();
        var held = new List<(string Code, List<string> Values)>(Tallied.Length);
        foreach (var fact in facts)
        {
            held.Clear();
            foreach (var (code, key) in Tallied)
            {
                held.Add((code, key is null
                    ? fact.Values.Where(v => v.Dimension == code).Select(v => v.Value).ToList()
                    : [key(fact) ?? StatisticsTally.NotRecorded]));
            }

            // Once among every fact, and once more among each tag it holds.
            CountAmong(string.Empty);
            foreach (var tag in fact.Values.Where(v => v.Dimension == StatisticsDimensions.Tag))
            {
                CountAmong(tag.Value);
            }

            void CountAmong(string among)
            {
                Count(StatisticsTally.Every, string.Empty, string.Empty, string.Empty, withMoney: true);
                for (var i = 0; i < held.Count; i++)
                {
                    foreach (var value in held[i].Values)
                    {
                        Count(held[i].Code, value, string.Empty, string.Empty, withMoney: true);
                        for (var j = i + 1; j < held.Count; j++)
                        {
                            foreach (var other in held[j].Values)
                            {
                                Count(held[i].Code, value, held[j].Code, other, withMoney: false);
                            }
                        }
                    }
                }

                void Count(string dimension, string value, string otherDimension, string otherValue, bool withMoney)
                {
                    var key = (fact.Unit, among, dimension, value, otherDimension, otherValue);
                    if (!tallies.TryGetValue(key, out var tally))
                    {
                        tallies[key] = tally = new StatisticsTally { Unit = fact.Unit, Month = month, Among = among, Dimension = dimension, Value = value, OtherDimension = otherDimension, OtherValue = otherValue };
                    }

                    tally.Count++;
                    if (withMoney && fact.UnpaidWagesYen + fact.LeaveAllowanceYen + fact.OvertimeYen + fact.NoticeAllowanceYen + fact.OtherYen > 0)
                    {
                        tally.MoneyCases++;
                        tally.UnpaidWagesYen += fact.UnpaidWagesYen;
                        tally.LeaveAllowanceYen += fact.LeaveAllowanceYen;
                        tally.OvertimeYen += fact.OvertimeYen;
                        tally.NoticeAllowanceYen += fact.NoticeAllowanceYen;
                        tally.OtherYen += fact.OtherYen;
                    }
                }
            }
        }

        return [.. tallies.Values];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Counted the statistics of {Months} months again")]
    private static partial void LogSummarized(ILogger logger, int months);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count the statistics of the changed months again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
