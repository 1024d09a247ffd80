using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Time;

namespace Soudan.Web.Features.Cases.Pages;

public sealed record TaskRow(int Id, string Title, DateOnly DueOn, int CaseId, string CaseReference, string? Assignee);

/// <summary>"My tasks" (open, soonest first), and for coordinators and admins every overdue task.</summary>
[Authorize(Policy = StaffPolicies.Cases)]
public sealed class TasksModel(SoudanDbContext db, TimeProvider clock) : PageModel
{
    [FromQuery(Name = "overdue")]
    public bool OverdueOfEveryone { get; set; }

    public bool MaySeeEveryones => User.IsInRole(StaffRoles.Admin) || User.IsInRole(StaffRoles.Coordinator);

    public DateOnly Today { get; private set; }

    public IReadOnlyList<TaskRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));
        var access = new CaseAccess(User);
        var me = access.UserId;
        var visibleCases = access.Visible(db.Set<Case>());
        var tasks = db.Set<CaseTask>().AsNoTracking().Where(t => t.DoneAtUtc == null && visibleCases.Any(c => c.Id == t.CaseId));
        var today = Today;
        tasks = OverdueOfEveryone && MaySeeEveryones ? tasks.Where(t => t.DueOn < today) : tasks.Where(t => t.AssigneeId == me);
        var rows = await tasks.OrderBy(t => t.DueOn).Take(500)
            .Select(t => new
            {
                Task = t,   // the whole task, so that its encrypted title is read (ProtectedFields)
                Reference = db.Set<Case>().Where(c => c.Id == t.CaseId).Select(c => c.Reference).First(),
                Assignee = db.Users.Where(u => u.Id == t.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        Rows = rows.Select(r => new TaskRow(r.Task.Id, r.Task.Title, r.Task.DueOn, r.Task.CaseId, r.Reference, r.Assignee)).ToList();
    }
}
