using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Cases;

namespace Soudan.Web.Features.Statistics;

/// <summary>
/// On start, counts what was stored before statistics existed: intakes and cases without a fact get
/// one, a batch at a time. New and changed ones get theirs as they are saved (<see cref="StatisticsRecorder"/>).
/// </summary>
public sealed partial class StatisticsBackfill(IServiceScopeFactory scopes, ILogger<StatisticsBackfill> logger) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Keyset pages (after the last id looked at): asking each time for "the first without a fact"
            // would read again every row counted before it.
            var (intakes, cases, afterIntake, afterCase) = (0, 0, 0L, 0);
            bool intakesMissing, casesMissing;
            await using (var scope = scopes.CreateAsyncScope())
            {
                // Once, with one read of each table: nearly every start finds nothing to do.
                var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
                intakesMissing = await db.Intakes.AnyAsync(i => !db.Set<StatisticsFact>().Any(f => f.IntakeId == i.Id), stoppingToken);
                casesMissing = await db.Set<Case>().AnyAsync(c => !db.Set<StatisticsFact>().Any(f => f.CaseId == c.Id), stoppingToken);
            }

            while (intakesMissing && !stoppingToken.IsCancellationRequested)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
                var page = await db.Intakes.Where(i => i.Id > afterIntake).OrderBy(i => i.Id).Select(i => i.Id).Take(Batch).ToListAsync(stoppingToken);
                if (page.Count == 0)
                {
                    break;
                }

                afterIntake = page[^1];
                var missing = await db.Intakes.Where(i => page.Contains(i.Id) && !db.Set<StatisticsFact>().Any(f => f.IntakeId == i.Id)).ToListAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<StatisticsRecorder>().FillAsync(db, missing, [], [], stoppingToken);
                await db.SaveChangesAsync(stoppingToken);
                intakes += missing.Count;
            }

            while (casesMissing && !stoppingToken.IsCancellationRequested)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
                var page = await db.Set<Case>().Where(c => c.Id > afterCase).OrderBy(c => c.Id).Select(c => c.Id).Take(Batch).ToListAsync(stoppingToken);
                if (page.Count == 0)
                {
                    break;
                }

                afterCase = page[^1];
                var missing = await db.Set<Case>().Where(c => page.Contains(c.Id) && !db.Set<StatisticsFact>().Any(f => f.CaseId == c.Id))
                    .Include(c => c.Outcome).Include(c => c.Workers).ThenInclude(w => w.Person)
                    .AsSplitQuery().ToListAsync(stoppingToken);

                var ids = missing.Select(c => c.Id).ToList();
                var opening = await db.Intakes.Where(i => i.CaseId != null && ids.Contains(i.CaseId.Value)).ToListAsync(stoppingToken);
                var first = opening.GroupBy(i => i.CaseId).Select(g => g.MinBy(i => i.Id)!).ToList();
                await scope.ServiceProvider.GetRequiredService<StatisticsRecorder>().FillAsync(db, [], missing, first, stoppingToken);
                await db.SaveChangesAsync(stoppingToken);
                cases += missing.Count;
            }

            if (intakes + cases > 0)
            {
                LogFilled(logger, intakes, cases);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A database away at start must not stop the app; the next start catches up.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Counted {Intakes} intakes and {Cases} cases for the statistics")]
    private static partial void LogFilled(ILogger logger, int intakes, int cases);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count the intakes and cases missing from the statistics")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
