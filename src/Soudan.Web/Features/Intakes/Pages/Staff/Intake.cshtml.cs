using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Text;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Intakes.Pages.Staff;

/// <summary>One consultation for a counselor: what the worker sent, the conversation, a reply box. Every view is audited.</summary>
[Authorize(Policy = StaffPolicies.Consultations)]
public sealed class IntakeModel(SoudanDbContext db, IntakeDesk desk, CaseDesk cases, AuditLog audit, PublicAddress address, TimeProvider clock, IStringLocalizer<StaffText> S) : PageModel
{
    public TriageSuggestions? Suggestions { get; private set; }

    /// <summary>The case this consultation became or joined, for a link.</summary>
    public string? CaseReference { get; private set; }

    [BindProperty]
    public string? Reply { get; set; }

    public Intake? Record { get; private set; }

    public IReadOnlyList<ThreadEntry> Thread { get; private set; } = [];

    public People.Residence Residence { get; private set; } = People.Residence.None;

    /// <summary>When the worker's private link stops working; null while open (or for a call, which has none).</summary>
    public DateTime? LinkEndsAtUtc { get; private set; }

    /// <summary>A link just made in place of the old one, shown once.</summary>
    public string? NewLink { get; private set; }

    /// <summary>The worker reaches this consultation through a private link (calls have none).</summary>
    public bool HasLink => Record is { IsCall: false, ErasedAtUtc: null };

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // Reading changes nothing but the audit log: the worker is told "in progress" only when
        // someone takes the consultation (a link or an image elsewhere cannot do it for them).
        if (Record!.Triage == TriageOutcome.Pending && Record.ErasedAtUtc is null)
        {
            Suggestions = await cases.SuggestAsync(Record, cancellationToken);
        }

        await audit.RecordAsync(AuditActions.IntakeViewed, AuditLog.ActorOf(User), "intake", id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        return Page();
    }

    /// <summary>A counselor takes the consultation: the worker's page says it is being looked at.</summary>
    public async Task<IActionResult> OnPostTakeAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Record!.ErasedAtUtc is not null)
        {
            return NotFound();
        }

        Record.MarkInProgress();
        audit.Add(AuditActions.IntakeTaken, AuditLog.ActorOf(User), "intake", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostReplyAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Record!.ErasedAtUtc is not null)
        {
            return NotFound();
        }

        var text = UserText.Paragraphs(Reply);
        if (text is null || text.Length > IntakeMessage.BodyMaxLength)
        {
            ModelState.AddModelError(nameof(Reply), text is null ? S["Write the reply first."] : S["The reply is too long."]);
            return Page();
        }

        await desk.AddReplyAsync(Record, AuditLog.ActorOf(User)!.Value, text, cancellationToken);
        await audit.RecordAsync(AuditActions.IntakeReplied, AuditLog.ActorOf(User), "intake", id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCloseAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Record!.Close(clock.GetUtcNow().UtcDateTime);
        audit.Add(AuditActions.IntakeClosed, AuditLog.ActorOf(User), "intake", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    /// <summary>The worker's private link stops working at once: their phone was taken, or someone else read it.</summary>
    public async Task<IActionResult> OnPostRevokeLinkAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !HasLink)
        {
            return NotFound();
        }

        await desk.RevokeLinkAsync(Record!, cancellationToken);
        await audit.RecordAsync(AuditActions.FollowUpLinkRevoked, AuditLog.ActorOf(User), "intake", id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        return RedirectToPage(new { id });
    }

    /// <summary>A new private link in place of the old one (which stops working), shown once to be passed on by a safe channel.</summary>
    public async Task<IActionResult> OnPostNewLinkAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !HasLink)
        {
            return NotFound();
        }

        NewLink = address.For(await desk.ReplaceLinkAsync(Record!, cancellationToken));
        await audit.RecordAsync(AuditActions.FollowUpLinkReplaced, AuditLog.ActorOf(User), "intake", id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>Triage: a new case for this consultation, with a new person or one already known.</summary>
    public async Task<IActionResult> OnPostOpenCaseAsync(long id, int? personId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Record!.Triage != TriageOutcome.Pending || Record.ErasedAtUtc is not null)
        {
            return NotFound();
        }

        var opened = await cases.OpenFromIntakeAsync(Record, personId, AuditLog.ActorOf(User)!.Value, cancellationToken);
        await audit.RecordAsync(AuditActions.CaseOpened, AuditLog.ActorOf(User), "case", opened.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        return Redirect($"/staff/cases/{opened.Id}");
    }

    /// <summary>Triage: this consultation belongs to a case already open (the same worker writing again, a colleague).</summary>
    public async Task<IActionResult> OnPostAttachAsync(long id, string? caseReference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Record!.Triage != TriageOutcome.Pending)
        {
            return NotFound();
        }

        var reference = (caseReference ?? "").Trim();
        var target = await db.Set<Case>().SingleOrDefaultAsync(c => c.Reference == reference, cancellationToken);
        if (target is null)
        {
            ModelState.AddModelError("caseReference", S["No case has this reference."]);
            Suggestions = await cases.SuggestAsync(Record, cancellationToken);
            return Page();
        }

        await cases.AttachIntakeAsync(Record, target, AuditLog.ActorOf(User)!.Value, cancellationToken);
        await audit.RecordAsync(AuditActions.CaseChanged, AuditLog.ActorOf(User), "case", target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        return Redirect($"/staff/cases/{target.Id}");
    }

    /// <summary>Triage: spam, or a consultation sent twice; the reason is kept.</summary>
    public async Task<IActionResult> OnPostDismissAsync(long id, TriageOutcome outcome, string? reason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Record!.Triage != TriageOutcome.Pending || outcome is not (TriageOutcome.Spam or TriageOutcome.Duplicate))
        {
            return NotFound();
        }

        Record.Dismiss(outcome, UserText.Line(reason) is { } text ? text[..Math.Min(text.Length, 500)] : null, clock.GetUtcNow().UtcDateTime);
        audit.Add(AuditActions.IntakeDismissed, AuditLog.ActorOf(User), "intake", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("Intakes");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        Record = await db.Intakes.Include(i => i.Messages.OrderBy(m => m.SentAtUtc)).SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (Record is null)
        {
            return false;
        }

        CaseReference = Record.CaseId is { } caseId
            ? await db.Set<Case>().Where(c => c.Id == caseId).Select(c => c.Reference).SingleOrDefaultAsync(cancellationToken)
            : null;

        Thread =
        [
            new ThreadEntry(true, Record.ReceivedAtUtc, desk.Read(Record.StoryProtected)),
            .. Record.Messages.Select(m => new ThreadEntry(m.FromWorker, m.SentAtUtc, desk.Read(m.BodyProtected))),
        ];
        Residence = desk.ReadResidence(Record.ResidenceProtected);
        LinkEndsAtUtc = HasLink ? await desk.LinkEndsAtAsync(Record, cancellationToken) : null;
        return true;
    }
}
