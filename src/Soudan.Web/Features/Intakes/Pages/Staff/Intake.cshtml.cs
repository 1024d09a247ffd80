using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Text;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Intakes.Pages.Staff;

/// <summary>One consultation for a counselor: what the worker sent, the conversation, a reply box. Every view is audited.</summary>
[Authorize(Policy = StaffPolicies.Consultations)]
public sealed class IntakeModel(SoudanDbContext db, IntakeDesk desk, AuditLog audit, IStringLocalizer<StaffText> S) : PageModel
{
    [BindProperty]
    public string? Reply { get; set; }

    public Intake? Record { get; private set; }

    public IReadOnlyList<ThreadEntry> Thread { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Record!.MarkInProgress();
        audit.Add(AuditActions.IntakeViewed, AuditLog.ActorOf(User), "intake", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return Page();
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

        Record!.Close();
        audit.Add(AuditActions.IntakeClosed, AuditLog.ActorOf(User), "intake", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        Record = await db.Intakes.Include(i => i.Messages.OrderBy(m => m.SentAtUtc)).SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (Record is null)
        {
            return false;
        }

        Thread =
        [
            new ThreadEntry(true, Record.ReceivedAtUtc, desk.Read(Record.StoryProtected)),
            .. Record.Messages.Select(m => new ThreadEntry(m.FromWorker, m.SentAtUtc, desk.Read(m.BodyProtected))),
        ];
        return true;
    }
}
