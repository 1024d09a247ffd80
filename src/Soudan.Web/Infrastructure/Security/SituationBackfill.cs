using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Cases;

namespace Soudan.Web.Infrastructure.Security;

/// <summary>
/// On start, encrypts what older versions kept in clear beside a name: the problems, urgent needs and
/// triage reasons of consultations; the problems, dispute categories and tags of cases; the titles
/// of tasks; where cases were referred; the benefits and visa outcome of cases; document file names;
/// the reasons of status changes. It empties the old columns. A migration cannot do it (the key is not in the database); a row read and
/// saved by a page before this comes to it is encrypted then (<see cref="ProtectedFields"/>). Runs in
/// pages until none is left; a stop half-way is taken up at the next start.
/// </summary>
public sealed partial class SituationBackfill(IServiceScopeFactory scopes, ILogger<SituationBackfill> logger) : BackgroundService
{
    private const int Page = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var moved = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
                // Loaded tracked: ProtectedFields reads the old columns into the plain fields and, at
                // the save, encrypts them and empties the old columns.
                var intakes = await db.Intakes
                    .Where(i => EF.Property<List<string>?>(i, Features.Intakes.Intake.LegacyProblems) != null || EF.Property<List<string>?>(i, Features.Intakes.Intake.LegacyUrgentNeeds) != null)
                    .OrderBy(i => i.Id).Take(Page).ToListAsync(stoppingToken);
                var cases = await db.Set<Case>()
                    .Where(c => EF.Property<List<string>?>(c, Case.LegacyProblems) != null || EF.Property<List<string>?>(c, Case.LegacyDisputeCategories) != null || EF.Property<List<string>?>(c, Case.LegacyTags) != null)
                    .OrderBy(c => c.Id).Take(Page).ToListAsync(stoppingToken);
                var tasks = await db.Set<CaseTask>().Where(t => EF.Property<string?>(t, CaseTask.LegacyTitle) != null)
                    .OrderBy(t => t.Id).Take(Page).ToListAsync(stoppingToken);
                var referrals = await db.Set<CaseReferral>().Where(r => EF.Property<string?>(r, CaseReferral.LegacyTo) != null)
                    .OrderBy(r => r.Id).Take(Page).ToListAsync(stoppingToken);
                var outcomes = await db.Set<CaseOutcome>()
                    .Where(o => EF.Property<List<string>?>(o, CaseOutcome.LegacyBenefits) != null || EF.Property<bool?>(o, CaseOutcome.LegacyReinstated) != null || EF.Property<bool?>(o, CaseOutcome.LegacyVisaResolved) != null)
                    .OrderBy(o => o.CaseId).Take(Page).ToListAsync(stoppingToken);
                var documents = await db.Set<CaseDocument>().Where(d => EF.Property<string?>(d, CaseDocument.LegacyFileName) != null)
                    .OrderBy(d => d.Id).Take(Page).ToListAsync(stoppingToken);
                var reasons = await db.Set<CaseEntry>().Where(e => EF.Property<string?>(e, CaseEntry.LegacyReason) != null)
                    .OrderBy(e => e.Id).Take(Page).ToListAsync(stoppingToken);
                await db.SaveChangesAsync(stoppingToken);
                int[] counts = [intakes.Count, cases.Count, tasks.Count, referrals.Count, outcomes.Count, documents.Count, reasons.Count];
                moved += counts.Sum();
                if (counts.All(c => c < Page))
                {
                    break;
                }
            }

            if (moved > 0)
            {
                LogEncrypted(logger, moved);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted what told of a person's situation in {Count} records written in clear")]
    private static partial void LogEncrypted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not encrypt what told of a person's situation in records written in clear")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
