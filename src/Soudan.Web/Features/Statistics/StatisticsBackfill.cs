using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Cases;

namespace Soudan.Web.Features.Statistics;

/// <summary>
/// On start, keys by token the rows of figures an older version tied to their source by id, then
/// counts what was stored before statistics existed: intakes and cases without a fact get one, a
/// batch at a time. New and changed ones get theirs as they are saved (<see cref="StatisticsRecorder"/>).
/// </summary>
public sealed partial class StatisticsBackfill(IServiceScopeFactory scopes, ILogger<StatisticsBackfill> logger) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var keyed = await KeyOlderRowsAsync(stoppingToken);

            // Keyset pages (after the last id looked at): asking each time for "the first without a fact"
            // would read again every row counted before it.
            var (intakes, cases, afterIntake, afterCase) = (0, 0, 0L, 0);
            bool intakesMissing, casesMissing;
            await using (var scope = scopes.CreateAsyncScope())
            {
                // Once, by counting: nearly every start finds nothing to do.
                var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
                var facts = db.Set<StatisticsFact>();
                intakesMissing = await db.Intakes.LongCountAsync(stoppingToken) != await facts.LongCountAsync(f => f.Unit != StatisticsUnit.Case, stoppingToken);
                casesMissing = await db.Set<Case>().LongCountAsync(stoppingToken) != await facts.LongCountAsync(f => f.Unit == StatisticsUnit.Case, stoppingToken);
            }

            while (intakesMissing && !stoppingToken.IsCancellationRequested)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
                var tokens = scope.ServiceProvider.GetRequiredService<StatisticsTokens>();
                var page = await db.Intakes.Where(i => i.Id > afterIntake).OrderBy(i => i.Id).Select(i => new { i.Id, i.Reference }).Take(Batch).ToListAsync(stoppingToken);
                if (page.Count == 0)
                {
                    break;
                }

                afterIntake = page[^1].Id;
                var keys = page.ToDictionary(i => i.Id, i => tokens.SourceOfIntake(i.Reference));
                var counted = await CountedAsync(db, keys.Values, stoppingToken);
                var ids = keys.Where(k => !counted.Contains(k.Value)).Select(k => k.Key).ToList();
                var missing = await db.Intakes.Where(i => ids.Contains(i.Id)).ToListAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<StatisticsRecorder>().FillAsync(db, missing, [], [], stoppingToken);
                await db.SaveChangesAsync(stoppingToken);
                intakes += missing.Count;
            }

            while (casesMissing && !stoppingToken.IsCancellationRequested)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
                var tokens = scope.ServiceProvider.GetRequiredService<StatisticsTokens>();
                var page = await db.Set<Case>().AsNoTracking().Where(c => c.Id > afterCase).OrderBy(c => c.Id).Take(Batch).ToListAsync(stoppingToken);
                if (page.Count == 0)
                {
                    break;
                }

                afterCase = page[^1].Id;
                var keys = page.ToDictionary(c => c.Id, tokens.SourceOf);
                var counted = await CountedAsync(db, keys.Values, stoppingToken);
                var ids = keys.Where(k => !counted.Contains(k.Value)).Select(k => k.Key).ToList();
                var missing = await db.Set<Case>().Where(c => ids.Contains(c.Id))
                    .Include(c => c.Outcome).Include(c => c.Workers).ThenInclude(w => w.Person)
                    .AsSplitQuery().ToListAsync(stoppingToken);

                var opening = await db.Intakes.Where(i => i.CaseId != null && ids.Contains(i.CaseId.Value)).ToListAsync(stoppingToken);
                var first = opening.GroupBy(i => i.CaseId).Select(g => g.MinBy(i => i.Id)!).ToList();
                await scope.ServiceProvider.GetRequiredService<StatisticsRecorder>().FillAsync(db, [], missing, first, stoppingToken);
                await db.SaveChangesAsync(stoppingToken);
                cases += missing.Count;
            }

            if (intakes + cases + keyed > 0)
            {
                LogFilled(logger, intakes, cases, keyed);
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

    /// <summary>Empties the ids an older version tied a row of figures by.</summary>
    public static void ForgetIds(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<StatisticsFact> entry)
    {
        entry.Property<long?>(StatisticsFact.LegacyIntakeId).CurrentValue = null;
        entry.Property<int?>(StatisticsFact.LegacyCaseId).CurrentValue = null;
        entry.Property<int?>(StatisticsFact.LegacyJoinedCaseId).CurrentValue = null;
    }

    private static async Task<HashSet<string>> CountedAsync(SoudanDbContext db, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var wanted = keys.ToList();
        return (await db.Set<StatisticsFact>().Where(f => f.SourceKey != null && wanted.Contains(f.SourceKey)).Select(f => f.SourceKey!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Rows of figures an older version tied to their consultation or case by its id: each is keyed
    /// by its token instead (<see cref="StatisticsTokens"/>) and the ids are emptied, so that the
    /// database no longer leads from them to a name.
    /// </summary>
    private async Task<int> KeyOlderRowsAsync(CancellationToken cancellationToken)
    {
        var keyed = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
            var tokens = scope.ServiceProvider.GetRequiredService<StatisticsTokens>();
            var facts = await db.Set<StatisticsFact>().Where(f => f.SourceKey == null).OrderBy(f => f.Id).Take(Batch).ToListAsync(cancellationToken);
            if (facts.Count == 0)
            {
                break;
            }

            var intakeIds = facts.Select(f => db.Entry(f).Property<long?>(StatisticsFact.LegacyIntakeId).CurrentValue).OfType<long>().ToList();
            var caseIds = facts.Select(f => db.Entry(f).Property<int?>(StatisticsFact.LegacyCaseId).CurrentValue).OfType<int>().ToList();
            var references = await db.Intakes.Where(i => intakeIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Reference, cancellationToken);
            var cases = await db.Set<Case>().AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var fact in facts)
            {
                var entry = db.Entry(fact);
                var intakeId = entry.Property<long?>(StatisticsFact.LegacyIntakeId).CurrentValue;
                var caseId = entry.Property<int?>(StatisticsFact.LegacyCaseId).CurrentValue;
                if (intakeId is { } i && references.TryGetValue(i, out var reference))
                {
                    fact.SourceKey = tokens.SourceOfIntake(reference);
                }
                else if (caseId is { } c && cases.TryGetValue(c, out var @case))
                {
                    fact.SourceKey = tokens.SourceOf(@case);
                }
                else
                {
                    db.Remove(fact);   // its consultation or case is gone: nothing to count
                    continue;
                }

                taken.Add(fact.SourceKey);

                ForgetIds(entry);
            }

            // A row made since the upgrade (the recorder keys an older row it meets, but not every path
            // meets it) is the current one: the older row goes.
            var already = await CountedAsync(db, taken, cancellationToken);
            foreach (var fact in facts.Where(f => f.SourceKey is { } key && already.Contains(key)))
            {
                db.Remove(fact);
            }

            await db.SaveChangesAsync(cancellationToken);
            keyed += facts.Count;
        }

        return keyed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Counted {Intakes} intakes and {Cases} cases for the statistics, and keyed {Keyed} older rows by token")]
    private static partial void LogFilled(ILogger logger, int intakes, int cases, int keyed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count the intakes and cases missing from the statistics")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
