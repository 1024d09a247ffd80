using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Cases;

namespace Soudan.Web.Features.Employers;

/// <summary>
/// Three or more workers with open cases at one employer or dispatch agency within a year: perhaps
/// one problem shared by many, which a union can take up together ("four dispatched hotel workers
/// join the union"). Counted, never guessed from names: people and companies are already one record each.
/// </summary>
public sealed class CollectiveCases(SoudanDbContext db, TimeProvider clock)
{
    public const int Threshold = 3;

    /// <summary>For each of these companies, how many workers have an open case against it opened within the past year.</summary>
    public async Task<IReadOnlyDictionary<int, int>> WorkersAsync(IReadOnlyCollection<int> companyIds, CancellationToken cancellationToken)
    {
        if (companyIds.Count == 0)
        {
            return new Dictionary<int, int>();
        }

        var since = clock.GetUtcNow().UtcDateTime.AddYears(-1);
        var open = db.Set<Case>().AsNoTracking().Where(c => c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed && c.OpenedAtUtc >= since);
        // As employer, then as agency: each half reads its own index, where "employer or agency" made
        // SQLite read far more of the table; the workers joined in the same query.
        var asEmployer = open.Where(c => c.EmployerId != null && companyIds.Contains(c.EmployerId.Value)).Select(c => new { c.Id, Company = c.EmployerId!.Value });
        var asAgency = open.Where(c => c.AgencyId != null && companyIds.Contains(c.AgencyId.Value)).Select(c => new { c.Id, Company = c.AgencyId!.Value });
        var workers = await asEmployer.Concat(asAgency)
            .Join(db.Set<CaseWorker>(), c => c.Id, w => w.CaseId, (c, w) => new { c.Company, w.PersonId })
            .ToListAsync(cancellationToken);
        return companyIds.ToDictionary(id => id, id => workers.Where(w => w.Company == id).Select(w => w.PersonId).Distinct().Count());
    }

    public static bool IsPossiblyCollective(int workers) => workers >= Threshold;
}
