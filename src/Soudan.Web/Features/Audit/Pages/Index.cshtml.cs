using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;

namespace Soudan.Web.Features.Audit.Pages;

public sealed record AuditRow(DateTime AtUtc, string? Actor, string Action, string? Target, string? Address);

/// <summary>The audit log for admins (only they see where each action came from), newest first, a page at a time.</summary>
[Authorize(Policy = StaffPolicies.Admin)]
public sealed class IndexModel(SoudanDbContext db) : PageModel
{
    private const int PageSize = 100;

    [FromQuery(Name = "before")]
    public long? Before { get; set; }

    public IReadOnlyList<AuditRow> Events { get; private set; } = [];

    public long? OlderThan { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => Before == null || e.Id < Before)
            .OrderByDescending(e => e.Id)
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);

        var staffIds = events.Select(e => e.ActorId)
            .Concat(events.Where(e => e.TargetType == "staff").Select(e => Guid.TryParse(e.TargetId, out var id) ? id : (Guid?)null))
            .OfType<Guid>()
            .Distinct()
            .ToList();
        var names = await db.Users.AsNoTracking()
            .Where(u => staffIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        Events = events.Take(PageSize)
            .Select(e => new AuditRow(
                e.AtUtc,
                e.ActorId is { } actor ? names.GetValueOrDefault(actor) : null,
                e.Action,
                e.TargetType == "staff" && Guid.TryParse(e.TargetId, out var target) && names.TryGetValue(target, out var name)
                    ? name
                    : e.TargetType is null ? null : $"{e.TargetType} {e.TargetId}",
                e.Address))
            .ToList();
        OlderThan = events.Count > PageSize ? events[PageSize - 1].Id : null;
    }
}
