using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Text;
using Soudan.Web.Infrastructure.Time;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Privacy.Pages;

/// <summary>
/// One suspected leak: whether a report is due and why, the deadlines, and the days on which the
/// reports were made and the people told. Each change is audited.
/// </summary>
[Authorize(Policy = StaffPolicies.Admin)]
public sealed class IncidentModel(SoudanDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<StaffText> S) : PageModel
{
    public PrivacyIncident Incident { get; private set; } = null!;

    public IncidentInput Input { get; private set; } = new();

    public string? PreliminaryReportedOn { get; private set; }

    public string? FinalReportedOn { get; private set; }

    public string? PeopleNotifiedOn { get; private set; }

    public bool Closed { get; private set; }

    [FromQuery]
    public bool Saved { get; set; }

    public DateOnly Today => DateOnly.FromDateTime(JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Set<PrivacyIncident>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken) is not { } incident)
        {
            return NotFound();
        }

        Incident = incident;
        Input = IncidentInput.From(incident);
        (PreliminaryReportedOn, FinalReportedOn, PeopleNotifiedOn, Closed) = (Day(incident.PreliminaryReportedAtUtc), Day(incident.FinalReportedAtUtc), Day(incident.PeopleNotifiedAtUtc), incident.ClosedAtUtc is not null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, IncidentInput input, string? preliminaryReportedOn, string? finalReportedOn, string? peopleNotifiedOn, bool closed, CancellationToken cancellationToken)
    {
        if (await db.Set<PrivacyIncident>().SingleOrDefaultAsync(i => i.Id == id, cancellationToken) is not { } incident)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var foundAt = input.Validate(ModelState, S, now);
        var preliminary = ReadDay(nameof(preliminaryReportedOn), preliminaryReportedOn, foundAt);
        var final = ReadDay(nameof(finalReportedOn), finalReportedOn, foundAt);
        var notified = ReadDay(nameof(peopleNotifiedOn), peopleNotifiedOn, foundAt);
        if (!ModelState.IsValid)
        {
            Incident = incident;
            Input = input;
            (PreliminaryReportedOn, FinalReportedOn, PeopleNotifiedOn, Closed) = (preliminaryReportedOn, finalReportedOn, peopleNotifiedOn, closed);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        incident.FoundAtUtc = foundAt!.Value;
        input.ApplyTo(incident);
        (incident.PreliminaryReportedAtUtc, incident.FinalReportedAtUtc, incident.PeopleNotifiedAtUtc) = (preliminary, final, notified);
        incident.ClosedAtUtc = closed ? incident.ClosedAtUtc ?? now : null;
        audit.Add(AuditActions.IncidentUpdated, AuditLog.ActorOf(User), "incident", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id, saved = true });
    }

    private static string? Day(DateTime? utc) => utc is { } at ? FormValues.Show(DateOnly.FromDateTime(JapanTime.FromUtc(at))) : null;

    /// <summary>A day a report was made: not before the incident came to light, not after today.</summary>
    private DateTime? ReadDay(string field, string? typed, DateTime? foundAtUtc)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        if (!FormValues.TryDate(typed, out var day) || day is not { } on)
        {
            ModelState.AddModelError(field, S["Enter a date."]);
            return null;
        }

        var foundOn = foundAtUtc is { } f ? DateOnly.FromDateTime(JapanTime.FromUtc(f)) : DateOnly.MinValue;
        if (on < foundOn || on > Today)
        {
            ModelState.AddModelError(field, S["Enter a day from when it came to light until today."]);
            return null;
        }

        return JapanTime.ToUtc(on.ToDateTime(new TimeOnly(12, 0)));
    }
}
