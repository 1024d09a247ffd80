using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;

namespace Soudan.Web.Features.Privacy.Pages;

/// <summary>
/// The register of personal data passed to or received from other organisations (APPI Arts. 29,
/// 30), newest first, for coordinators and admins to show the Commission or a worker who asks.
/// </summary>
[Authorize(Policy = StaffPolicies.Coordination)]
public sealed class ThirdPartiesModel(SoudanDbContext db) : PageModel
{
    public const int PageSize = 200;

    public IReadOnlyList<ThirdPartyRecord> Records { get; private set; } = [];

    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Total = await db.Set<ThirdPartyRecord>().CountAsync(cancellationToken);
        Records = await db.Set<ThirdPartyRecord>().AsNoTracking().OrderByDescending(r => r.On).ThenByDescending(r => r.Id).Take(PageSize).ToListAsync(cancellationToken);
    }
}
