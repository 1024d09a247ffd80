using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Intakes.Pages.Staff;

public sealed record IntakeRow(
    long Id, string Reference, DateTime ReceivedAtUtc, bool IsUrgent, bool IsSuspectedSpam, bool Erased, string Language, IReadOnlyList<string> Problems, IntakeStatus Status, bool IsCall);

/// <summary>The consultations received, urgent first: a plain list until the triage queue (case management) arrives.</summary>
[Authorize(Policy = StaffPolicies.Consultations)]
public sealed class IntakesModel(SoudanDbContext db) : PageModel
{
    private const int Shown = 200;

    public IReadOnlyList<IntakeRow> Rows { get; private set; } = [];

    /// <summary>A reference number read out on the phone, to open that consultation.</summary>
    [FromQuery]
    public string? Reference { get; set; }

    /// <summary>Why the reference did not lead anywhere (a key of the staff text), or null.</summary>
    public string? ReferenceProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Reference))
        {
            if (IntakeReference.Normalize(Reference) is not { } reference)
            {
                ReferenceProblem = Localizable.Staff("This is not a reference number: a digit may have been misheard.");
            }
            else if (await db.Intakes.Where(i => i.Reference == reference).Select(i => (long?)i.Id).SingleOrDefaultAsync(cancellationToken) is { } id)
            {
                return RedirectToPage("Intake", new { id });
            }
            else
            {
                ReferenceProblem = Localizable.Staff("No consultation has this reference number.");
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Rows = await db.Intakes.AsNoTracking()
            .OrderBy(i => i.IsSuspectedSpam)
            .ThenByDescending(i => i.IsUrgent && i.Status != IntakeStatus.Closed)
            .ThenByDescending(i => i.ReceivedAtUtc)
            .Take(Shown)
            .Select(i => new IntakeRow(
                i.Id, i.Reference, i.ReceivedAtUtc, i.IsUrgent, i.IsSuspectedSpam, i.ErasedAtUtc != null,
                i.PreferredLanguage ?? i.InterfaceLanguage, i.Problems, i.Status, i.Channel == Intake.Channels.Phone))
            .ToListAsync(cancellationToken);
}
