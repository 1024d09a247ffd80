using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.People;
using Soudan.Web.Infrastructure.Time;

namespace Soudan.Web.Features.Privacy.Pages;

/// <summary>Every person's requests about their data, open ones first and oldest first: the law asks for an answer without delay.</summary>
[Authorize(Policy = StaffPolicies.Coordination)]
public sealed class PrivacyRequestsModel(SoudanDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 200;

    public IReadOnlyList<(PrivacyRequest Request, string Name)> Requests { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<PrivacyRequest>().AsNoTracking()
            .OrderBy(r => r.DecidedAtUtc == null ? 0 : 1).ThenBy(r => r.ReceivedOn).ThenBy(r => r.Id)
            .Take(PageSize)
            .Join(db.Set<Person>(), r => r.PersonId, p => p.Id, (r, p) => new { r, p.Name })
            .ToListAsync(cancellationToken);
        Requests = [.. rows.Select(x => (x.r, x.Name))];
    }
}
