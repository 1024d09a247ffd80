using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Text;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Privacy.Pages;

/// <summary>
/// A case's legal hold and erasure. A worker asked to be deleted and has a case: the counselor keeps
/// it under legal hold, with the reason, or erases it now (for a collective case, the worker who
/// asked); undecided, it is erased when the time is up. Any case can be put under legal hold, which
/// the retention rules respect too. Coordinators and admins decide too (a case may have no counselor); those
/// who answer workers decide, so interpreters and operators do not reach the page.
/// </summary>
[Authorize(Policy = StaffPolicies.Consultations)]
public sealed class ErasureModel(SoudanDbContext db, CaseErasure erasure, IStringLocalizer<StaffText> S) : PageModel
{
    public const int ReasonMaxLength = 500;

    public Case? Record { get; private set; }

    /// <summary>The reason as typed, kept when the form comes back with a mistake.</summary>
    public string? ReasonTyped { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostEraseAsync(int id, int? personId, bool confirmed, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Record!.ErasureRequestedAtUtc is null)
        {
            // Erased by a worker's request or by the retention rules, never on a whim.
            return NotFound();
        }

        if (Record.LegalHoldSinceUtc is not null)
        {
            ModelState.AddModelError("confirmed", S["The case is under legal hold: lift it first."]);
        }
        else if (!confirmed)
        {
            ModelState.AddModelError("confirmed", S["Tick the box to confirm: this cannot be undone."]);
        }
        else if (Record.Workers.Count > 1 && Record.Workers.All(w => w.PersonId != personId))
        {
            ModelState.AddModelError("personId", S["Choose the worker who asked to be deleted."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        await erasure.EraseAsync(id, personId, AuditLog.ActorOf(User), cancellationToken);
        return Redirect($"/staff/cases/{id.ToString(CultureInfo.InvariantCulture)}");
    }

    public async Task<IActionResult> OnPostHoldAsync(int id, string? reason, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        ReasonTyped = reason;
        var why = UserText.Paragraphs(reason);
        if (why is null)
        {
            ModelState.AddModelError("reason", S["Say what legal reason requires keeping the case."]);
        }
        else if (why.Length > ReasonMaxLength)
        {
            ModelState.AddModelError("reason", S["Shorten this to {0} characters.", ReasonMaxLength.ToString("N0", CultureInfo.CurrentCulture)]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        await erasure.HoldAsync(Record!, why!, AuditLog.ActorOf(User)!.Value, cancellationToken);
        return Redirect($"/staff/cases/{id.ToString(CultureInfo.InvariantCulture)}/erasure");
    }

    public async Task<IActionResult> OnPostLiftAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Record!.LegalHoldSinceUtc is not null)
        {
            await erasure.LiftHoldAsync(Record, AuditLog.ActorOf(User)!.Value, cancellationToken);
        }

        return Redirect($"/staff/cases/{id.ToString(CultureInfo.InvariantCulture)}/erasure");
    }

    /// <summary>Only those who manage the case decide. A legal hold can be placed on any case (the retention rules skip it too).</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Record = await db.Set<Case>().Include(c => c.Workers).ThenInclude(w => w.Person).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (Record is null)
        {
            return NotFound();
        }

        return new CaseAccess(User).CanManage(Record) ? null : Forbid();
    }
}
