using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Data;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Time;

namespace Soudan.Web.Features.Privacy;

/// <summary>
/// How long each kind of record is kept after its last activity, set by an admin at
/// <c>/staff/retention</c>. Nothing is erased by rule until an admin has seen the preview and
/// turned the daily run on (<see cref="EnabledAtUtc"/>).
/// </summary>
public sealed class RetentionRules
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;

    /// <summary>A consultation that never became a case: months after it was closed, or after its last message.</summary>
    [Range(1, 120)]
    public int ConsultationMonths { get; set; } = 12;

    /// <summary>A call an operator logged that was not followed up by a case.</summary>
    [Range(1, 120)]
    public int CallMonths { get; set; } = 12;

    /// <summary>A resolved or closed case, after closing and its last entry: 36, as unpaid wages can be claimed for three years.</summary>
    [Range(12, 240)]
    public int ClosedCaseMonths { get; set; } = 36;

    public DateTime? EnabledAtUtc { get; set; }

    public Guid? EnabledBy { get; set; }
}

/// <summary>What one retention run erased (or, dry, would erase): counts only, never what or whose.</summary>
public sealed class RetentionRun
{
    public long Id { get; private set; }

    public required DateTime AtUtc { get; init; }

    /// <summary>The day in Japan of a daily run (yyyyMMdd): unique, so that one instance runs it. Null for a run by hand.</summary>
    public int? ScheduledDay { get; init; }

    public bool DryRun { get; init; }

    public int Consultations { get; set; }

    public int Calls { get; set; }

    public int Cases { get; set; }

    /// <summary>Due but kept: under legal hold, or a collective case's workers still on other cases.</summary>
    public int KeptUnderHold { get; set; }
}

internal sealed class RetentionConfiguration : IEntityTypeConfiguration<RetentionRules>, IEntityTypeConfiguration<RetentionRun>
{
    public void Configure(EntityTypeBuilder<RetentionRules> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
    }

    public void Configure(EntityTypeBuilder<RetentionRun> builder)
    {
        builder.HasIndex(r => r.ScheduledDay).IsUnique();
        builder.HasIndex(r => r.AtUtc);
    }
}

/// <summary>What a run would erase, by kind.</summary>
public sealed record RetentionDue(IReadOnlyList<long> Consultations, IReadOnlyList<long> Calls, IReadOnlyList<int> Cases, int KeptUnderHold);

/// <summary>
/// Erases what has been kept longer than its rule says (docs/privacy.md): consultations and calls
/// that never became a case, and closed cases, each after its last activity; never a case under
/// legal hold. A consultation is erased as a worker's own request erases it; a case as
/// <see cref="CaseErasure"/> does, every worker on it. Once a day from <see cref="ErasureJob"/>,
/// when an admin turned it on; <c>-- retention run [--dry-run]</c> does the same by hand.
/// </summary>
public sealed class Retention(SoudanDbContext db, IServiceScopeFactory scopes, AuditLog audit, TimeProvider clock)
{
    public async Task<RetentionRules> RulesAsync(CancellationToken cancellationToken) =>
        await db.Set<RetentionRules>().SingleOrDefaultAsync(r => r.Id == RetentionRules.SingletonId, cancellationToken)
        ?? db.Add(new RetentionRules()).Entity;

    /// <summary>What the next run would erase, by the rules as they stand.</summary>
    public async Task<RetentionDue> DueAsync(RetentionRules rules, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var intakes = db.Intakes.Where(i => i.ErasedAtUtc == null && i.CaseId == null);
        var consultations = await LastActiveBefore(intakes.Where(i => i.Channel != Intake.Channels.Phone), now.AddMonths(-rules.ConsultationMonths)).ToListAsync(cancellationToken);
        var calls = await LastActiveBefore(intakes.Where(i => i.Channel == Intake.Channels.Phone), now.AddMonths(-rules.CallMonths)).ToListAsync(cancellationToken);

        var closedBefore = now.AddMonths(-rules.ClosedCaseMonths);
        var due = db.Set<Case>()
            .Where(c => c.PersonalDataErasedAtUtc == null && (c.Status == CaseStatus.Closed || c.Status == CaseStatus.Resolved) && c.ClosedAtUtc < closedBefore)
            .Where(c => !c.Entries.Any(e => e.AtUtc >= closedBefore));
        var cases = await due.Where(c => c.LegalHoldSinceUtc == null).Select(c => c.Id).ToListAsync(cancellationToken);
        var held = await due.CountAsync(c => c.LegalHoldSinceUtc != null, cancellationToken);
        return new RetentionDue(consultations, calls, cases, held);
    }

    /// <summary>Runs the rules now (or counts only, <paramref name="dryRun"/>), and keeps the report.</summary>
    public async Task<RetentionRun> RunAsync(bool dryRun, Guid? actor, CancellationToken cancellationToken, int? scheduledDay = null)
    {
        var rules = await RulesAsync(cancellationToken);
        var due = await DueAsync(rules, cancellationToken);
        var run = new RetentionRun
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            ScheduledDay = scheduledDay,
            DryRun = dryRun,
            Consultations = due.Consultations.Count,
            Calls = due.Calls.Count,
            Cases = due.Cases.Count,
            KeptUnderHold = due.KeptUnderHold,
        };

        // The report first: for a daily run, its unique day is what lets only one instance run it.
        db.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        if (dryRun)
        {
            return run;
        }

        foreach (var batch in due.Consultations.Concat(due.Calls).Chunk(100))
        {
            await using var scope = scopes.CreateAsyncScope();
            var batchDb = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
            var bytes = scope.ServiceProvider.GetRequiredService<ErasedBytes>();
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var intake in await batchDb.Intakes.Include(i => i.Messages).Where(i => batch.Contains(i.Id) && i.ErasedAtUtc == null && i.CaseId == null).ToListAsync(cancellationToken))
            {
                intake.Erase(now);
                bytes.Record(ErasureKind.Consultation);
            }

            await batchDb.SaveChangesAsync(cancellationToken);
            await bytes.FlushAsync(cancellationToken);
        }

        foreach (var caseId in due.Cases)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<CaseErasure>().EraseAsync(caseId, null, actor, cancellationToken, wholeCase: true);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed while the run read it (reopened, a note added): its last activity moved; the next run sees it.
                run.Cases--;
            }
        }

        audit.Add(AuditActions.RetentionRun, actor, "retention-run", run.Id.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>The daily run, once across instances, when an admin turned it on; null when there is nothing to do today.</summary>
    public async Task<RetentionRun?> RunTodayAsync(CancellationToken cancellationToken)
    {
        var rules = await db.Set<RetentionRules>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var today = DateOnly.FromDateTime(JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));
        var day = (today.Year * 10_000) + (today.Month * 100) + today.Day;
        if (rules?.EnabledAtUtc is null || await db.Set<RetentionRun>().AnyAsync(r => r.ScheduledDay == day, cancellationToken))
        {
            return null;
        }

        try
        {
            return await RunAsync(dryRun: false, actor: null, cancellationToken, scheduledDay: day);
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<RetentionRun>().Any(e => e.State == EntityState.Added))
        {
            // Another instance took today's run.
            db.ChangeTracker.Clear();
            return null;
        }
    }

    /// <summary>Neither erased nor touched since <paramref name="before"/>: closed (or received) and no message since.</summary>
    private static IQueryable<long> LastActiveBefore(IQueryable<Intake> intakes, DateTime before) =>
        intakes.Where(i => (i.ClosedAtUtc ?? i.ReceivedAtUtc) < before && !i.Messages.Any(m => m.SentAtUtc >= before)).Select(i => i.Id);
}
