using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Employers;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Intakes.Pages.Staff;

public sealed record IntakeRow(
    long Id, string Reference, DateTime ReceivedAtUtc, bool IsUrgent, bool IsSuspectedSpam, bool Erased, string Language, IReadOnlyList<string> Problems, IntakeStatus Status, bool IsCall,
    string? Employer, string? DispatchAgency)
{
    /// <summary>A company named here already has enough workers with open cases to act together.</summary>
    public bool PossiblyCollective { get; init; }
}

/// <summary>
/// The triage queue: consultations and logged calls, urgent ones first, then the newest; each with
/// its language, its age and a flag when its employer or agency already looks like a collective case.
/// </summary>
[Authorize(Policy = StaffPolicies.Consultations)]
public sealed class IntakesModel(SoudanDbContext db, CollectiveCases collective, TimeProvider clock) : PageModel
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

    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var intakes = await db.Intakes.AsNoTracking()
            .OrderBy(i => i.IsSuspectedSpam)
            .ThenByDescending(i => i.IsUrgent && i.Status != IntakeStatus.Closed)
            .ThenByDescending(i => i.ReceivedAtUtc)
            .Take(Shown)
            .ToListAsync(cancellationToken);
        // Whole consultations, not a projection: their problems are encrypted and read as each is loaded.
        var rows = intakes.Select(i => new IntakeRow(
                i.Id, i.Reference, i.ReceivedAtUtc, i.IsUrgent, i.IsSuspectedSpam, i.ErasedAtUtc != null,
                i.PreferredLanguage ?? i.InterfaceLanguage, i.Problems, i.Status, i.Channel == Intake.Channels.Phone,
                i.Employer, i.DispatchAgency))
            .ToList();

        // Companies as they were typed, to their one record each, to the workers with open cases there.
        var keys = rows.SelectMany(r => new[] { r.Employer, r.DispatchAgency }).OfType<string>().Select(EmployerNames.Key).Distinct().ToList();
        var companies = await db.Set<Employer>().AsNoTracking().Where(e => keys.Contains(e.NameKey)).ToDictionaryAsync(e => e.NameKey, e => e.Id, cancellationToken);
        var workers = await collective.WorkersAsync(companies.Values.ToList(), cancellationToken);
        bool Collective(string? name) =>
            name is not null && companies.TryGetValue(EmployerNames.Key(name), out var id) && CollectiveCases.IsPossiblyCollective(workers[id]);
        Rows = rows.Select(r => r with { PossiblyCollective = Collective(r.Employer) || Collective(r.DispatchAgency) }).ToList();
    }
}
