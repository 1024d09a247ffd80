using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;

namespace Soudan.Web.Features.Hotline.Pages.Staff;

/// <summary>Hotline sessions for coordinators: the coming ones first, then the past.</summary>
[Authorize(Policy = StaffPolicies.Coordination)]
public sealed class SessionsModel(SoudanDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<HotlineSession> Upcoming { get; private set; } = [];

    public IReadOnlyList<HotlineSession> Past { get; private set; } = [];

    public DateTime NowUtc { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = NowUtc = clock.GetUtcNow().UtcDateTime;
        var sessions = db.Set<HotlineSession>().AsNoTracking();
        Upcoming = await sessions.Where(s => s.EndsAtUtc > now).OrderBy(s => s.StartsAtUtc).ToListAsync(cancellationToken);
        Past = await sessions.Where(s => s.EndsAtUtc <= now).OrderByDescending(s => s.StartsAtUtc).Take(50).ToListAsync(cancellationToken);
    }
}
