using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Privacy.Pages;

/// <summary>
/// How long each kind of record is kept (admins): the rules, what the next run would erase, the
/// switch that turns the daily run on once the preview was seen, and the report of each run.
/// </summary>
[Authorize(Policy = StaffPolicies.Admin)]
public sealed class RetentionModel(SoudanDbContext db, Retention retention, PrivacyNotice notice, AuditLog audit, TimeProvider clock, IStringLocalizer<StaffText> S) : PageModel
{
    [BindProperty]
    public RetentionInput Input { get; set; } = new();

    public RetentionRules Rules { get; private set; } = new();

    public RetentionDue? Due { get; private set; }

    public IReadOnlyList<RetentionRun> Runs { get; private set; } = [];

    [FromQuery]
    public bool Saved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Input = new RetentionInput { ConsultationMonths = Rules.ConsultationMonths, CallMonths = Rules.CallMonths, ClosedCaseMonths = Rules.ClosedCaseMonths };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var rules = await retention.RulesAsync(cancellationToken);
        (rules.ConsultationMonths, rules.CallMonths, rules.ClosedCaseMonths) = (Input.ConsultationMonths, Input.CallMonths, Input.ClosedCaseMonths);
        audit.Add(AuditActions.RetentionChanged, AuditLog.ActorOf(User), "retention", "rules");
        await db.SaveChangesAsync(cancellationToken);
        notice.Forget();
        await Infrastructure.Hosting.PublicPageCache.EvictAsync(HttpContext.RequestServices, cancellationToken);   // the privacy notice says the months
        return RedirectToPage(new { saved = true });
    }

    /// <summary>Turns the daily run on: only from this page, where the preview of the first run is shown.</summary>
    public async Task<IActionResult> OnPostEnableAsync(bool previewSeen, CancellationToken cancellationToken)
    {
        if (!previewSeen)
        {
            ModelState.AddModelError("previewSeen", S["Tick the box to say you read what the first run will erase."]);
            await LoadAsync(cancellationToken);
            Input = new RetentionInput { ConsultationMonths = Rules.ConsultationMonths, CallMonths = Rules.CallMonths, ClosedCaseMonths = Rules.ClosedCaseMonths };
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var rules = await retention.RulesAsync(cancellationToken);
        (rules.EnabledAtUtc, rules.EnabledBy) = (rules.EnabledAtUtc ?? clock.GetUtcNow().UtcDateTime, rules.EnabledBy ?? AuditLog.ActorOf(User));
        audit.Add(AuditActions.RetentionChanged, AuditLog.ActorOf(User), "retention", "enabled");
        await db.SaveChangesAsync(cancellationToken);
        notice.Forget();
        await Infrastructure.Hosting.PublicPageCache.EvictAsync(HttpContext.RequestServices, cancellationToken);
        return RedirectToPage(new { saved = true });
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        var rules = await retention.RulesAsync(cancellationToken);
        (rules.EnabledAtUtc, rules.EnabledBy) = (null, null);
        audit.Add(AuditActions.RetentionChanged, AuditLog.ActorOf(User), "retention", "disabled");
        await db.SaveChangesAsync(cancellationToken);
        notice.Forget();
        await Infrastructure.Hosting.PublicPageCache.EvictAsync(HttpContext.RequestServices, cancellationToken);
        return RedirectToPage(new { saved = true });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rules = await db.Set<RetentionRules>().AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new RetentionRules();
        Due = await retention.DueAsync(Rules, cancellationToken);
        Runs = await db.Set<RetentionRun>().AsNoTracking().OrderByDescending(r => r.AtUtc).Take(30).ToListAsync(cancellationToken);
    }
}

public sealed class RetentionInput
{
    [Range(1, 120, ErrorMessage = "Enter a number of months from {1} to {2}.")]
    public int ConsultationMonths { get; set; } = 12;

    [Range(1, 120, ErrorMessage = "Enter a number of months from {1} to {2}.")]
    public int CallMonths { get; set; } = 12;

    [Range(12, 240, ErrorMessage = "Enter a number of months from {1} to {2}.")]
    public int ClosedCaseMonths { get; set; } = 36;
}
