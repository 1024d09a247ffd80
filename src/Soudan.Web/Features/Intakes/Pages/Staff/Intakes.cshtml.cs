using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;

namespace Soudan.Web.Features.Intakes.Pages.Staff;

public sealed record IntakeRow(
    long Id, string Reference, DateTime ReceivedAtUtc, bool IsUrgent, bool IsSuspectedSpam, bool Erased, string Language, IReadOnlyList<string> Problems, IntakeStatus Status);

/// <summary>The consultations received, urgent first: a plain list until the triage queue (case management) arrives.</summary>
[Authorize(Policy = StaffPolicies.Consultations)]
public sealed class IntakesModel(SoudanDbContext db) : PageModel
{
    private const int Shown = 200;

    public IReadOnlyList<IntakeRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await db.Intakes.AsNoTracking()
            .OrderBy(i => i.IsSuspectedSpam)
            .ThenByDescending(i => i.IsUrgent && i.Status != IntakeStatus.Closed)
            .ThenByDescending(i => i.ReceivedAtUtc)
            .Take(Shown)
            .Select(i => new IntakeRow(
                i.Id, i.Reference, i.ReceivedAtUtc, i.IsUrgent, i.IsSuspectedSpam, i.ErasedAtUtc != null,
                i.PreferredLanguage ?? i.InterfaceLanguage, i.Problems, i.Status))
            .ToListAsync(cancellationToken);
}
