using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Soudan.Web.Data;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Features.People;
using Soudan.Web.Infrastructure.Security;
using Soudan.Web.Infrastructure.Time;

namespace Soudan.Web.Features.Statistics;

/// <summary>
/// Keeps each consultation's, call's and case's <see cref="StatisticsFact"/> in step with it, inside
/// the same SaveChanges (so the same transaction): whatever page or command changes an intake, a
/// case, its outcome, its workers or a worker's details, the figures follow, and a crash leaves
/// neither without the other. It looks only at what the save holds, and reads the database only for
/// a changed case or person whose related rows are not loaded.
/// </summary>
public sealed class StatisticsRecorder(SensitiveText sensitive, StatisticsTokens tokens, TimeProvider clock) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is SoudanDbContext db)
        {
            await RecordAsync(db, cancellationToken);
            MarkChangedMonths(db);
        }

        return result;
    }

    /// <summary>Only the key ring saves without async, and it holds nothing counted; a counted entity saved so would go uncounted.</summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context?.ChangeTracker.Entries().Any(e => e.Entity is Intake or Case or CaseOutcome or CaseWorker or Person && e.State != EntityState.Unchanged) == true)
        {
            throw new NotSupportedException("Intakes, cases and people are saved with SaveChangesAsync, which keeps their statistics in step.");
        }

        return result;
    }

    // A save that failed (a duplicate submission key, a conflict) may be retried with its entities
    // detached: facts made for it must not outlive it, or they would drag those entities back in.
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Forget(DbContext? db)
    {
        foreach (var entry in db?.ChangeTracker.Entries().Where(e => e.Entity is StatisticsFact or StatisticsFactValue or StatisticsChange && e.State != EntityState.Unchanged).ToList() ?? [])
        {
            entry.State = EntityState.Detached;
        }
    }

    private async Task RecordAsync(SoudanDbContext db, CancellationToken cancellationToken)
    {
        var intakes = new List<Intake>();
        var cases = new List<Case>();
        var caseIds = new HashSet<int>();
        var personIds = new HashSet<int>();
        // One pass over what is tracked (DbSet.Local would look for changes again on every call).
        var tracked = new Tracked();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            tracked.Add(entry.Entity);
            switch (entry.Entity)
            {
                case Intake intake when entry.State is EntityState.Added or EntityState.Modified:
                    intakes.Add(intake);
                    break;
                case Case @case when entry.State is EntityState.Added or EntityState.Modified:
                    cases.Add(@case);
                    break;
                case CaseOutcome outcome when entry.State is not (EntityState.Unchanged or EntityState.Detached) && outcome.CaseId != 0:
                    caseIds.Add(outcome.CaseId);
                    break;
                case CaseWorker worker when entry.State is EntityState.Added or EntityState.Deleted && worker.CaseId != 0:
                    caseIds.Add(worker.CaseId);
                    break;
                case Person person when entry.State is EntityState.Modified:
                    personIds.Add(person.Id);
                    break;
            }
        }

        if (intakes.Count == 0 && cases.Count == 0 && caseIds.Count == 0 && personIds.Count == 0)
        {
            return;
        }

        if (personIds.Count > 0)
        {
            caseIds.UnionWith(await db.Set<CaseWorker>().Where(w => personIds.Contains(w.PersonId)).Select(w => w.CaseId).ToListAsync(cancellationToken));
        }

        foreach (var intake in intakes)
        {
            await RecordIntakeAsync(db, tracked, intake, known: false, cancellationToken);
        }

        caseIds.ExceptWith(cases.Where(c => c.Id > 0).Select(c => c.Id));
        foreach (var id in caseIds)
        {
            if (await db.Set<Case>().Include(c => c.Outcome).Include(c => c.Workers).ThenInclude(w => w.Person)
                    .AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } loaded)
            {
                cases.Add(loaded);
            }
        }

        foreach (var @case in cases)
        {
            await RecordCaseAsync(db, tracked, @case, known: false, cancellationToken);
        }

        // Values added to or taken from a fact after it was tracked are found by looking again; a
        // bulk writer (demo-data) turns the automatic look off, and SaveChanges would not see them.
        db.ChangeTracker.DetectChanges();
    }

    /// <summary>Notes each month whose facts this save changes, so its tallies are not read until counted again (<see cref="StatisticsSummarizer"/>).</summary>
    private void MarkChangedMonths(SoudanDbContext db)
    {
        var months = new HashSet<int>();
        var valuesOf = new List<object?>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case StatisticsFact fact when entry.State is EntityState.Added or EntityState.Deleted:
                    months.Add(fact.Month);
                    break;
                case StatisticsFact fact when entry.State is EntityState.Modified:
                    months.Add(fact.Month);
                    months.Add((int)entry.Property(nameof(StatisticsFact.Month)).OriginalValue!);
                    break;
                case StatisticsFactValue when entry.State is EntityState.Added or EntityState.Deleted:
                    valuesOf.Add(entry.Property(nameof(StatisticsFactValue.FactId)).CurrentValue);
                    break;
            }
        }

        if (valuesOf.Count > 0)
        {
            // A value's fact is tracked too (its values are reached through it); its id may still be a temporary one.
            var monthOfFact = db.ChangeTracker.Entries<StatisticsFact>().ToDictionary(e => (object)e.Property(f => f.Id).CurrentValue, e => e.Entity.Month);
            foreach (var factId in valuesOf)
            {
                if (factId is not null && monthOfFact.TryGetValue(factId, out var month))
                {
                    months.Add(month);
                }
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var month in months.Where(m => m > 0))
        {
            db.Add(new StatisticsChange { Month = month, AtUtc = now });
        }
    }

    /// <summary>
    /// Makes the facts of intakes and cases that have none (those stored before statistics existed),
    /// to be saved by the caller. Cases come with their outcome and workers loaded, and
    /// <paramref name="opening"/> holds the intake that opened each case, where there is one.
    /// </summary>
    public async Task FillAsync(SoudanDbContext db, IReadOnlyList<Intake> intakes, IReadOnlyList<Case> cases, IReadOnlyList<Intake> opening, CancellationToken cancellationToken)
    {
        var tracked = new Tracked();
        foreach (var entity in opening.Cast<object>().Concat(cases))
        {
            tracked.Add(entity);
        }

        foreach (var intake in intakes)
        {
            await RecordIntakeAsync(db, tracked, intake, known: true, cancellationToken);
        }

        foreach (var @case in cases)
        {
            await RecordCaseAsync(db, tracked, @case, known: true, cancellationToken);
        }
    }

    /// <summary>
    /// The day a row counts under; once the worker's data is erased, only its month (counted on the
    /// first), so that the day cannot help match it to anyone.
    /// </summary>
    private static DateOnly DayCounted(DateTime atUtc, bool erased)
    {
        var day = DateOnly.FromDateTime(JapanTime.FromUtc(atUtc));
        return erased ? new DateOnly(day.Year, day.Month, 1) : day;
    }

    private async Task RecordIntakeAsync(SoudanDbContext db, Tracked tracked, Intake intake, bool known, CancellationToken cancellationToken)
    {
        var key = tokens.SourceOf(intake);
        var fact = tracked.FactBySource.GetValueOrDefault(key)
            ?? (intake.Id <= 0 || known ? null : await FactAsync(db, key, f => EF.Property<long?>(f, StatisticsFact.LegacyIntakeId) == intake.Id, cancellationToken));
        if (fact is null)
        {
            fact = new StatisticsFact { SourceKey = key };
            tracked.FactBySource[key] = fact;
            db.Add(fact);
        }

        fact.Unit = intake.IsCall ? StatisticsUnit.Call : StatisticsUnit.Consultation;
        fact.SetDay(DayCounted(intake.ReceivedAtUtc, erased: intake.ErasedAtUtc is not null));
        fact.HotlineSessionId = intake.HotlineSessionId;
        fact.Counted = intake.Triage is not (TriageOutcome.Spam or TriageOutcome.Duplicate);
        fact.Channel = intake.Channel;
        fact.Language = intake.PreferredLanguage ?? intake.InterfaceLanguage;
        fact.Nationality = intake.Nationality;
        fact.PrefectureCode = intake.PrefectureCode;
        fact.Industry = intake.Industry;
        fact.EmploymentType = intake.EmploymentType;
        fact.ResidenceToken = intake.ErasedAtUtc is null ? tokens.Residence(Residence.Read(sensitive, intake.ResidenceProtected).Status) : null;
        fact.Status = StatisticsDimensions.TriageCode(intake);

        // The case's tags are encrypted with it: the whole case is read to know them.
        var tags = intake.CaseId is { } caseId
            ? tracked.Cases.GetValueOrDefault(caseId)?.Tags
              ?? (await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken))?.Tags
            : null;
        SetValues(fact, new()
        {
            [StatisticsDimensions.Problem] = intake.Problems,
            [StatisticsDimensions.Urgent] = intake.UrgentNeeds,
            [StatisticsDimensions.Tag] = tags ?? [],
        });
    }

    private async Task RecordCaseAsync(SoudanDbContext db, Tracked tracked, Case @case, bool known, CancellationToken cancellationToken)
    {
        var key = tokens.SourceOf(@case);
        var fact = tracked.FactBySource.GetValueOrDefault(key)
            ?? (@case.Id <= 0 || known ? null : await FactAsync(db, key, f => EF.Property<int?>(f, StatisticsFact.LegacyCaseId) == @case.Id, cancellationToken));
        if (fact is null)
        {
            fact = new StatisticsFact { Unit = StatisticsUnit.Case, SourceKey = key };
            tracked.FactBySource[key] = fact;
            db.Add(fact);
        }

        // A case saved by a page that did not load its outcome (attaching a consultation, say) still
        // counts what it won: otherwise its fact would lose the money and the outcome.
        if (@case.Id > 0 && !known && db.Entry(@case).Reference(c => c.Outcome) is { IsLoaded: false } outcomeReference)
        {
            await outcomeReference.LoadAsync(cancellationToken);
        }

        // The worker named first speaks for a collective case; its first consultation says how it came in.
        var worker = @case.Workers.Count > 0 || @case.Id == 0
            ? @case.Workers.Select(w => w.Person).FirstOrDefault()
            : await db.Set<CaseWorker>().Where(w => w.CaseId == @case.Id).OrderBy(w => w.PersonId).Select(w => w.Person).FirstOrDefaultAsync(cancellationToken);
        var firstIntakeId = @case.Entries.Where(e => e.IntakeId != null).Select(e => e.IntakeId).Min();
        var intake = firstIntakeId is { } intakeId
            ? tracked.Intakes.GetValueOrDefault(intakeId)
            : @case.Id > 0 ? tracked.Intakes.Values.Where(i => i.CaseId == @case.Id).MinBy(i => i.Id) : null;
        var from = intake is not null
            ? new { intake.Channel, intake.PrefectureCode, intake.Industry, intake.EmploymentType, intake.HotlineSessionId }
            : @case.Id == 0 || known
                ? null
                : await db.Intakes.Where(i => i.CaseId == @case.Id).OrderBy(i => i.Id)
                    .Select(i => new { i.Channel, i.PrefectureCode, i.Industry, i.EmploymentType, i.HotlineSessionId }).FirstOrDefaultAsync(cancellationToken);

        fact.SetDay(DayCounted(@case.OpenedAtUtc, @case.IsErased));
        fact.HotlineSessionId = from?.HotlineSessionId;
        fact.Channel = from?.Channel;
        fact.PrefectureCode = from?.PrefectureCode;
        fact.Industry = from?.Industry;
        fact.EmploymentType = from?.EmploymentType;
        fact.Language = @case.Language;
        fact.Nationality = @case.IsErased ? fact.Nationality : worker?.Nationality;
        fact.ResidenceToken = @case.IsErased ? null : tokens.Residence(Residence.Read(sensitive, worker?.ResidenceProtected).Status);
        fact.Status = StatisticsDimensions.StatusCode(@case.Status);
        var outcome = @case.Outcome;
        (fact.UnpaidWagesYen, fact.LeaveAllowanceYen, fact.OvertimeYen, fact.NoticeAllowanceYen, fact.OtherYen) =
            (outcome?.UnpaidWagesYen ?? 0, outcome?.LeaveAllowanceYen ?? 0, outcome?.OvertimeYen ?? 0, outcome?.NoticeAllowanceYen ?? 0, outcome?.OtherYen ?? 0);

        var tagsBefore = fact.Values.Where(v => v.Dimension == StatisticsDimensions.Tag).Select(v => v.Value).Order(StringComparer.Ordinal).ToList();
        SetValues(fact, new()
        {
            [StatisticsDimensions.Problem] = @case.Problems,
            [StatisticsDimensions.DisputeCategory] = @case.DisputeCategories,
            [StatisticsDimensions.Tag] = @case.Tags,
            [StatisticsDimensions.Outcome] = StatisticsDimensions.OutcomesOf(outcome),
            [StatisticsDimensions.Benefit] = outcome?.Benefits ?? [],
        });

        // The consultations of a case count under its tags (a COVID-19 campaign counts calls too).
        if (@case.Id > 0 && !tagsBefore.SequenceEqual(@case.Tags.Distinct().Order(StringComparer.Ordinal)))
        {
            var references = await db.Intakes.Where(i => i.CaseId == @case.Id).Select(i => i.Reference).ToListAsync(cancellationToken);
            var keys = references.Select(tokens.SourceOfIntake).ToList();
            var joined = await db.Set<StatisticsFact>().Include(f => f.Values).Where(f => f.SourceKey != null && keys.Contains(f.SourceKey)).ToListAsync(cancellationToken);
            foreach (var consultation in joined)
            {
                SetValues(consultation, new() { [StatisticsDimensions.Tag] = @case.Tags });
            }
        }
    }

    /// <summary>
    /// The row of figures of a consultation or case already saved: by its key, or, for a row an
    /// older version tied by id and <see cref="StatisticsBackfill"/> has not keyed yet, by that id,
    /// keyed now (so that nothing ever makes a second row for it).
    /// </summary>
    private static async Task<StatisticsFact?> FactAsync(SoudanDbContext db, string key, System.Linq.Expressions.Expression<Func<StatisticsFact, bool>> tiedByOlderId, CancellationToken cancellationToken)
    {
        var facts = db.Set<StatisticsFact>().Include(f => f.Values);
        if (await facts.FirstOrDefaultAsync(f => f.SourceKey == key, cancellationToken) is { } keyed)
        {
            return keyed;
        }

        var older = await facts.Where(f => f.SourceKey == null).FirstOrDefaultAsync(tiedByOlderId, cancellationToken);
        if (older is not null)
        {
            older.SourceKey = key;
            StatisticsBackfill.ForgetIds(db.Entry(older));
        }

        return older;
    }

    /// <summary>What the context already holds, by id.</summary>
    private sealed class Tracked
    {
        public Dictionary<long, Intake> Intakes { get; } = [];

        public Dictionary<int, Case> Cases { get; } = [];

        public Dictionary<string, StatisticsFact> FactBySource { get; } = new(StringComparer.Ordinal);

        public void Add(object entity)
        {
            switch (entity)
            {
                case Intake { Id: > 0 } intake:
                    Intakes[intake.Id] = intake;
                    break;
                case Case { Id: > 0 } @case:
                    Cases[@case.Id] = @case;
                    break;
                case StatisticsFact { SourceKey: { } key } fact:
                    FactBySource[key] = fact;
                    break;
            }
        }
    }

    /// <summary>Makes the values of the dimensions named exactly these, removing and adding only the difference.</summary>
    private static void SetValues(StatisticsFact fact, Dictionary<string, IEnumerable<string>> wanted)
    {
        foreach (var (dimension, values) in wanted)
        {
            var want = values.Where(v => v.Length is > 0 and <= 64).ToHashSet(StringComparer.Ordinal);
            fact.Values.RemoveAll(v => v.Dimension == dimension && !want.Contains(v.Value));
            want.ExceptWith(fact.Values.Where(v => v.Dimension == dimension).Select(v => v.Value));
            fact.Values.AddRange(want.Select(v => new StatisticsFactValue { Dimension = dimension, Value = v }));
        }
    }
}
