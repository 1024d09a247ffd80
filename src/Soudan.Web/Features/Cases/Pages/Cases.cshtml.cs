using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;

namespace Soudan.Web.Features.Cases.Pages;

public sealed record CaseRow(int Id, string Reference, CaseStatus Status, CaseUrgency Urgency, string Workers, string? Language, DateTime OpenedAtUtc, bool Mine);

/// <summary>Cases: one's own first, then the others one may see; open ones unless asked for all.</summary>
[Authorize(Policy = StaffPolicies.Cases)]
public sealed class CasesModel(SoudanDbContext db) : PageModel
{
    [FromQuery(Name = "all")]
    public bool IncludeClosed { get; set; }

    public IReadOnlyList<CaseRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var access = new CaseAccess(User);
        var me = access.UserId;
        var cases = access.Visible(db.Set<Case>().AsNoTracking());
        if (!IncludeClosed)
        {
            cases = cases.Where(c => c.Status != CaseStatus.Closed && c.Status != CaseStatus.Resolved);
        }

        var rows = await cases
            .OrderByDescending(c => c.CounselorId == me || c.InterpreterId == me)
            .ThenByDescending(c => c.Urgency)
            .ThenByDescending(c => c.OpenedAtUtc)
            .Take(300)
            // Workers in a second query: joined in one, the database reads every worker of every case.
            .AsSplitQuery()
            .Select(c => new
            {
                c.Id,
                c.Reference,
                c.Status,
                c.Urgency,
                Workers = c.Workers.Select(w => w.Person!.Name).ToList(),
                c.Language,
                c.OpenedAtUtc,
                Mine = c.CounselorId == me || c.InterpreterId == me,
            })
            .ToListAsync(cancellationToken);
        Rows = rows.Select(r => new CaseRow(r.Id, r.Reference, r.Status, r.Urgency, string.Join(", ", r.Workers), r.Language, r.OpenedAtUtc, r.Mine)).ToList();
    }
}
