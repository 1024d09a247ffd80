using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Time;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Privacy.Pages;

/// <summary>
/// Suspected leaks of personal data (admins): the list with the next report due for each, and the
/// form that records a new one. The deadlines count from the day the organisation came to know.
/// </summary>
[Authorize(Policy = StaffPolicies.Admin)]
public sealed class IncidentsModel(SoudanDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<StaffText> S) : PageModel
{
    public IReadOnlyList<PrivacyIncident> Incidents { get; private set; } = [];

    public IncidentInput Input { get; private set; } = new();

    public DateOnly Today => DateOnly.FromDateTime(JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new IncidentInput { FoundAt = JapanTime.ToInputValue(clock.GetUtcNow().UtcDateTime) };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(IncidentInput input, CancellationToken cancellationToken)
    {
        Input = input;
        var now = clock.GetUtcNow().UtcDateTime;
        var foundAt = input.Validate(ModelState, S, now);
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var incident = new PrivacyIncident { FoundAtUtc = foundAt!.Value, RecordedAtUtc = now, RecordedBy = AuditLog.ActorOf(User)!.Value };
        input.ApplyTo(incident);
        db.Add(incident);
        await db.SaveChangesAsync(cancellationToken);
        audit.Add(AuditActions.IncidentRecorded, incident.RecordedBy, "incident", incident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("Incident", new { id = incident.Id });
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Incidents = await db.Set<PrivacyIncident>().AsNoTracking().OrderByDescending(i => i.FoundAtUtc).Take(200).ToListAsync(cancellationToken);
}

/// <summary>The facts of an incident as an admin types them, on the list page and the incident's own.</summary>
public sealed class IncidentInput
{
    public string? FoundAt { get; set; }

    public string? What { get; set; }

    public string? Measures { get; set; }

    public string? PeopleAffected { get; set; }

    public bool Sensitive { get; set; }

    public bool FinancialRisk { get; set; }

    public bool Malicious { get; set; }

    public static IncidentInput From(PrivacyIncident incident) => new()
    {
        FoundAt = JapanTime.ToInputValue(incident.FoundAtUtc),
        What = incident.What,
        Measures = incident.Measures,
        PeopleAffected = incident.PeopleAffected?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Sensitive = incident.Sensitive,
        FinancialRisk = incident.FinancialRisk,
        Malicious = incident.Malicious,
    };

    /// <summary>Adds an error per wrong field; returns when it was found, in UTC, when that is right.</summary>
    public DateTime? Validate(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, IStringLocalizer<StaffText> S, DateTime nowUtc)
    {
        DateTime? foundAtUtc = null;
        if (!DateTime.TryParseExact(FoundAt, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local))
        {
            state.AddModelError(nameof(FoundAt), S["Enter when it came to light."]);
        }
        else if (JapanTime.ToUtc(local) is var utc && utc > nowUtc.AddMinutes(5))
        {
            state.AddModelError(nameof(FoundAt), S["This is in the future."]);
        }
        else
        {
            foundAtUtc = utc;
        }

        What = What?.Trim();
        if (string.IsNullOrEmpty(What))
        {
            state.AddModelError(nameof(What), S["Say what happened and which data."]);
        }
        else if (What.Length > PrivacyIncident.TextMaxLength)
        {
            state.AddModelError(nameof(What), S["This is too long."]);
        }

        Measures = string.IsNullOrWhiteSpace(Measures) ? null : Measures.Trim();
        if (Measures is { Length: > PrivacyIncident.TextMaxLength })
        {
            state.AddModelError(nameof(Measures), S["This is too long."]);
        }

        if (!Infrastructure.Text.FormValues.TryWhole(PeopleAffected, out var count) || count is < 0)
        {
            state.AddModelError(nameof(PeopleAffected), S["Enter a whole number, or leave it empty while unknown."]);
        }
        else
        {
            _people = count;
        }

        return foundAtUtc;
    }

    private int? _people;

    public void ApplyTo(PrivacyIncident incident)
    {
        incident.What = What!;
        incident.Measures = Measures;
        incident.PeopleAffected = _people;
        (incident.Sensitive, incident.FinancialRisk, incident.Malicious) = (Sensitive, FinancialRisk, Malicious);
    }
}
