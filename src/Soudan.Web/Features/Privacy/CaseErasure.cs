using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Soudan.Web.Data;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Employers;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Features.People;
using Soudan.Web.Features.Search;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Privacy;

/// <summary>
/// A worker's "delete everything", kept exactly (docs/privacy.md). Their consultation is erased at
/// once. A case it joined is the counselor's to decide within <see cref="PrivacyOptions.DecideErasureWithinDays"/>:
/// kept under legal hold with a reason, or erased, which <see cref="ErasureJob"/> does itself when
/// the time is up. Erasing a case takes every name, contact, note, document, calculation, task and
/// the search entry; what stays only counts (status, dates, problem codes, money recovered), and
/// the statistics keep the month, not the day, and no residence status.
/// </summary>
public sealed class CaseErasure(SoudanDbContext db, ErasedBytes bytes, AuditLog audit, SensitiveText sensitive, TimeProvider clock, IOptions<PrivacyOptions> options)
{
    /// <summary>From the worker's private page: the consultation goes now; its case, if any, is put before its counselor.</summary>
    public async Task EraseConsultationAsync(Intake intake, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        intake.Erase(now);
        audit.AddByWorker(AuditActions.ConsultationErased, "intake", Id(intake.Id));
        if (intake.CaseId is { } caseId && await db.Set<Case>().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken) is { IsErased: false } @case)
        {
            @case.RequestErasure(now, now.AddDays(options.Value.DecideErasureWithinDays));
            audit.AddByWorker(AuditActions.ErasureRequested, "case", Id(caseId));
        }

        bytes.Record(ErasureKind.Consultation);
        await db.SaveChangesAsync(cancellationToken);
        await bytes.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Erases the case's personal data, or, on a case of several workers, only <paramref name="personId"/>'s
    /// (who asked); null <paramref name="actor"/> is <see cref="ErasureJob"/> acting when the time ran out.
    /// <paramref name="wholeCase"/>: every worker, as <see cref="Retention"/> erases a case kept long enough.
    /// False when a collective case was asked to erase without saying which worker.
    /// </summary>
    public async Task<bool> EraseAsync(int caseId, int? personId, Guid? actor, CancellationToken cancellationToken, bool wholeCase = false)
    {
        var @case = await db.Set<Case>()
            .Include(c => c.Workers).ThenInclude(w => w.Person)
            .Include(c => c.Entries)
            .Include(c => c.Outcome)
            .AsSplitQuery()
            .SingleAsync(c => c.Id == caseId, cancellationToken);
        if (@case.IsErased)
        {
            return true;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (@case.Workers.Count > 1 && !wholeCase)
        {
            if (@case.Workers.SingleOrDefault(w => w.PersonId == personId) is not { } leaving)
            {
                return false;
            }

            await ForgetAsync(@case, leaving, cancellationToken);
            @case.WorkerErased(actor, now);
            audit.Add(AuditActions.WorkerErased, actor, "case", Id(caseId));
            await RefreshSearchAsync(@case, cancellationToken);
            bytes.Record(ErasureKind.Worker);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await bytes.FlushAsync(cancellationToken);
            return true;
        }

        foreach (var worker in @case.Workers.ToList())
        {
            await ForgetAsync(@case, worker, cancellationToken);
        }

        // What the counselors wrote and kept: notes and contacts go with their lines; the lines that
        // only say what happened (status, assignment, outcome) stay, without the reasons typed.
        @case.Entries.RemoveAll(e => e.Kind is CaseEntryKind.Note or CaseEntryKind.Contact or CaseEntryKind.Document or CaseEntryKind.Calculation);
        foreach (var entry in @case.Entries)
        {
            (entry.TextProtected, entry.Reason) = (null, null);
        }

        await db.Set<CaseDocument>().Where(d => d.CaseId == caseId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<CaseCalculation>().Where(c => c.CaseId == caseId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<CaseTask>().Where(t => t.CaseId == caseId).ExecuteDeleteAsync(cancellationToken);
        foreach (var referral in await db.Set<CaseReferral>().Where(r => r.CaseId == caseId).ToListAsync(cancellationToken))
        {
            referral.ForgetOutcome();
        }

        foreach (var intake in await db.Intakes.Include(i => i.Messages).Where(i => i.CaseId == caseId && i.ErasedAtUtc == null).ToListAsync(cancellationToken))
        {
            intake.Erase(now);
        }

        // The companies the worker named: gone with the case unless another case names them too.
        var companies = new[] { @case.EmployerId, @case.AgencyId, @case.ClientCompanyId }.OfType<int>().Distinct().ToList();
        (@case.EmployerId, @case.AgencyId, @case.ClientCompanyId) = (null, null, null);
        @case.MarkErased(actor, now);
        await RefreshSearchAsync(@case, cancellationToken);
        audit.Add(AuditActions.CaseErased, actor, "case", Id(caseId));
        bytes.Record(ErasureKind.Case);
        await db.SaveChangesAsync(cancellationToken);
        await db.Set<Employer>()
            .Where(e => companies.Contains(e.Id) && !db.Set<Case>().Any(c => c.EmployerId == e.Id || c.AgencyId == e.Id || c.ClientCompanyId == e.Id))
            .ExecuteDeleteAsync(cancellationToken);
        await db.Set<ThirdPartyRecord>().Where(r => r.CaseId == caseId && r.KeepUntilUtc <= now).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await bytes.FlushAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The records of provision and receipt of erased cases whose three years have passed: the law
    /// kept them beyond the case (APPI Arts. 29, 30), nothing keeps them after. Returns how many went.
    /// </summary>
    public async Task<int> EraseExpiredThirdPartyRecordsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var gone = await db.Set<ThirdPartyRecord>()
            .Where(r => r.KeepUntilUtc <= now && db.Set<Case>().Any(c => c.Id == r.CaseId && c.PersonalDataErasedAtUtc != null))
            .ExecuteDeleteAsync(cancellationToken);
        if (gone > 0)
        {
            bytes.Record(ErasureKind.ThirdPartyRecords);
            await db.SaveChangesAsync(cancellationToken);
            await bytes.FlushAsync(cancellationToken);
        }

        return gone;
    }

    /// <summary>A legal reason to keep the case (an open claim, a court case): no erasure until it is lifted.</summary>
    public async Task HoldAsync(Case @case, string reason, Guid actor, CancellationToken cancellationToken)
    {
        @case.PlaceLegalHold(reason, actor, clock.GetUtcNow().UtcDateTime);
        audit.Add(AuditActions.LegalHoldPlaced, actor, "case", Id(@case.Id));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task LiftHoldAsync(Case @case, Guid actor, CancellationToken cancellationToken)
    {
        @case.LiftLegalHold(actor, clock.GetUtcNow().UtcDateTime);
        audit.Add(AuditActions.LegalHoldLifted, actor, "case", Id(@case.Id));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Cases whose worker asked to be deleted, undecided and past their time, that can be erased without asking which worker.</summary>
    public Task<List<int>> DueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<Case>()
            .Where(c => c.ErasureRequestedAtUtc != null && c.PersonalDataErasedAtUtc == null && c.LegalHoldSinceUtc == null && c.ErasureDueAtUtc <= now)
            .Where(c => db.Set<CaseWorker>().Count(w => w.CaseId == c.Id) <= 1)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Takes the worker off the case, and their record with them unless another case still has it.</summary>
    private async Task ForgetAsync(Case @case, CaseWorker worker, CancellationToken cancellationToken)
    {
        @case.Workers.Remove(worker);
        if (!await db.Set<CaseWorker>().AnyAsync(w => w.PersonId == worker.PersonId && w.CaseId != @case.Id, cancellationToken))
        {
            db.Remove(worker.Person ?? await db.Set<Person>().SingleAsync(p => p.Id == worker.PersonId, cancellationToken));
        }
    }

    private async Task RefreshSearchAsync(Case @case, CancellationToken cancellationToken)
    {
        var entry = await db.Set<CaseSearchEntry>().SingleOrDefaultAsync(e => e.CaseId == @case.Id, cancellationToken);
        if (entry is null)
        {
            return;
        }

        var companyIds = new[] { @case.EmployerId, @case.AgencyId, @case.ClientCompanyId }.OfType<int>().ToList();
        var companies = await db.Set<Employer>().AsNoTracking().Where(e => companyIds.Contains(e.Id)).Select(e => e.Name).ToListAsync(cancellationToken);
        var notes = @case.Entries.Where(e => !e.IsSensitive && e.TextProtected is not null).Select(e => sensitive.Unprotect(e.TextProtected!)).OfType<string>();
        (entry.Names, entry.Text) = CaseSearchIndex.EntryFor(@case.Reference, [.. @case.Workers.Select(w => w.Person!)], companies, notes);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
