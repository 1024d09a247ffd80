using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.People;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Text;
using Soudan.Web.Infrastructure.Time;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Privacy.Pages;

/// <summary>
/// A person's requests about their data (APPI Arts. 33 to 35): staff record each as it comes in, then
/// what was done. Stopping use marks the person so that no referral passes their data on; erasing
/// puts each of their cases before its counselor, as the worker's own "delete everything" does.
/// </summary>
[Authorize(Policy = StaffPolicies.Cases)]
public sealed class PersonRequestsModel(SoudanDbContext db, AuditLog audit, TimeProvider clock, IOptions<PrivacyOptions> options, IStringLocalizer<StaffText> S) : PageModel
{
    public Person Record { get; private set; } = null!;

    public IReadOnlyList<PrivacyRequest> Requests { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    /// <summary>What was typed, kept when a form comes back with a mistake.</summary>
    public IFormCollection? Typed { get; private set; }

    [FromQuery]
    public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, string? kind, string? receivedOn, string? receivedHow, string? details, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!PrivacyRequest.Kinds.IsKnown(kind))
        {
            ModelState.AddModelError("kind", S["Choose what the person asks."]);
        }

        if (!FormValues.TryDate(receivedOn, out var on) || on is not { } day || day > Today || day < Today.AddYears(-3))
        {
            ModelState.AddModelError("receivedOn", S["Enter a day in the last three years, not after today."]);
        }

        if (!ThirdPartyRecord.ConsentWays.IsKnown(receivedHow))
        {
            ModelState.AddModelError("receivedHow", S["Choose how the request came."]);
        }

        var text = UserText.Paragraphs(details);
        if (text is null || text.Length > PrivacyRequest.TextMaxLength)
        {
            ModelState.AddModelError("details", text is null ? S["Write what the person asks."] : S["This is too long."]);
        }

        if (!ModelState.IsValid)
        {
            return Refused();
        }

        var actor = AuditLog.ActorOf(User)!.Value;
        db.Add(new PrivacyRequest { PersonId = id, Kind = kind!, ReceivedOn = on!.Value, ReceivedHow = receivedHow!, Details = text!, RecordedAtUtc = clock.GetUtcNow().UtcDateTime, RecordedBy = actor });
        audit.Add(AuditActions.PrivacyRequestRecorded, actor, "person", Id(id));
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/staff/people/{Id(id)}/requests?saved=true");
    }

    public async Task<IActionResult> OnPostDecideAsync(int id, int requestId, string? action, string? taken, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (await db.Set<PrivacyRequest>().SingleOrDefaultAsync(r => r.Id == requestId && r.PersonId == id, cancellationToken) is not { IsOpen: true } request)
        {
            return NotFound();
        }

        if (!PrivacyRequest.Actions.IsKnown(action))
        {
            ModelState.AddModelError($"action{requestId}", S["Choose what was done."]);
        }

        var text = UserText.Paragraphs(taken);
        if (text is null || text.Length > PrivacyRequest.TextMaxLength)
        {
            ModelState.AddModelError($"taken{requestId}", text is null ? S["Write what was done, and for a refusal the legal reason."] : S["This is too long."]);
        }

        if (!ModelState.IsValid)
        {
            return Refused();
        }

        var (actor, now) = (AuditLog.ActorOf(User)!.Value, clock.GetUtcNow().UtcDateTime);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var person = await db.Set<Person>().SingleAsync(p => p.Id == id, cancellationToken);
        if (action == "restricted")
        {
            person.UseRestrictedSinceUtc ??= now;
        }
        else if (action == "erasure")
        {
            // As the worker's own "delete everything": the counselor erases or keeps under legal hold, else the hourly job erases.
            var caseIds = await db.Set<CaseWorker>().Where(w => w.PersonId == id).Select(w => w.CaseId).ToListAsync(cancellationToken);
            foreach (var @case in await db.Set<Case>().Include(c => c.Entries).Where(c => caseIds.Contains(c.Id) && c.PersonalDataErasedAtUtc == null).ToListAsync(cancellationToken))
            {
                @case.RequestErasure(now, now.AddDays(options.Value.DecideErasureWithinDays));
                audit.Add(AuditActions.ErasureRequested, actor, "case", Id(@case.Id));
            }
        }

        request.Decide(action!, text!, actor, now);
        audit.Add(AuditActions.PrivacyRequestDecided, actor, "person", Id(id));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect($"/staff/people/{Id(id)}/requests?saved=true");
    }

    public async Task<IActionResult> OnPostLiftAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var person = await db.Set<Person>().SingleAsync(p => p.Id == id, cancellationToken);
        if (person.UseRestrictedSinceUtc is not null)
        {
            person.UseRestrictedSinceUtc = null;
            audit.Add(AuditActions.UseRestrictionLifted, AuditLog.ActorOf(User), "person", Id(id));
            await db.SaveChangesAsync(cancellationToken);
        }

        return Redirect($"/staff/people/{Id(id)}/requests?saved=true");
    }

    private PageResult Refused()
    {
        Typed = Request.Form;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>Those who work on all cases record and act; interpreters do not.</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (!new CaseAccess(User).WorksOnAllCases)
        {
            return Forbid();
        }

        if (await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } person)
        {
            return NotFound();
        }

        Record = person;
        Requests = await db.Set<PrivacyRequest>().AsNoTracking().Where(r => r.PersonId == id).OrderByDescending(r => r.ReceivedOn).ThenByDescending(r => r.Id).ToListAsync(cancellationToken);
        return null;
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
