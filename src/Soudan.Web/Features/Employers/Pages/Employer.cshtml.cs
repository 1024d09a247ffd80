using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Employers.Pages;

public sealed record EmployerCaseRow(int Id, string Reference, CaseStatus Status, string Workers, string Role, DateTime OpenedAtUtc);

/// <summary>An employer, agency or client company and every case against it that the reader may see.</summary>
[Authorize(Policy = StaffPolicies.Cases)]
public sealed class EmployerModel(SoudanDbContext db, CollectiveCases collective) : PageModel
{
    public Employer? Company { get; private set; }

    public IReadOnlyList<EmployerCaseRow> Rows { get; private set; } = [];

    /// <summary>Workers with an open case against it opened within the past year.</summary>
    public int OpenWorkers { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Company = await db.Set<Employer>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (Company is null)
        {
            return NotFound();
        }

        var access = new CaseAccess(User);
        var rows = await access.Visible(db.Set<Case>().AsNoTracking())
            .Where(c => c.EmployerId == id || c.AgencyId == id || c.ClientCompanyId == id)
            .OrderByDescending(c => c.OpenedAtUtc)
            .Take(500)
            // Workers in a second query: joined in one, the database reads every worker of every case.
            .AsSplitQuery()
            .Select(c => new
            {
                c.Id,
                c.Reference,
                c.Status,
                Workers = c.Workers.Select(w => w.Person!.Name).ToList(),
                c.EmployerId,
                c.AgencyId,
                c.OpenedAtUtc,
            })
            .ToListAsync(cancellationToken);
        Rows = rows.Select(r => new EmployerCaseRow(r.Id, r.Reference, r.Status, string.Join(", ", r.Workers),
            r.EmployerId == id ? Localizable.Staff("Employer") : r.AgencyId == id ? Localizable.Staff("Dispatch agency") : Localizable.Staff("Client company"),
            r.OpenedAtUtc)).ToList();
        // Someone who sees only some cases (an interpreter) learns of a company only through them,
        // and nothing of the cases they do not see.
        if (!access.WorksOnAllCases)
        {
            return Rows.Count == 0 ? Forbid() : Page();
        }

        OpenWorkers = (await collective.WorkersAsync([id], cancellationToken))[id];
        return Page();
    }
}
