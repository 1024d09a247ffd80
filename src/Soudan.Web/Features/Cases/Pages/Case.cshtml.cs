using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Employers;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Text;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Cases.Pages;

/// <summary>A timeline line as the reader may see it.</summary>
public sealed record TimelineLine(CaseEntry Entry, string? Actor, string? Text, bool Hidden);

/// <summary>
/// A case, where a counselor spends the day: who, against whom, what, and the timeline of notes,
/// contacts and changes. Every view is audited; changes to the case itself check that nobody else
/// saved it in the meantime.
/// </summary>
[Authorize(Policy = StaffPolicies.Cases)]
public sealed class CaseModel(SoudanDbContext db, CaseDesk desk, AuditLog audit, TimeProvider clock, IStringLocalizer<StaffText> S) : PageModel
{
    public Case? Record { get; private set; }

    public CaseAccess Access => new(User);

    public IReadOnlyList<TimelineLine> Timeline { get; private set; } = [];

    public IReadOnlyDictionary<int, string> Companies { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyList<(Guid Id, string Name)> Counselors { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Interpreters { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> StaffNames { get; private set; } = new Dictionary<Guid, string>();

    public string? Conflict { get; private set; }

    public IReadOnlyList<CaseTask> Tasks { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(Infrastructure.Time.JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        await audit.RecordAsync(AuditActions.CaseViewed, AuditLog.ActorOf(User), "case", id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostNoteAsync(int id, string? text, bool sensitive, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Access.CanAddEntries(Record!))
        {
            return Forbid();
        }

        var clean = UserText.Paragraphs(text);
        if (clean is null || clean.Length > CaseEntry.TextMaxLength)
        {
            ModelState.AddModelError("text", clean is null ? S["Write the note first."] : S["The note is too long."]);
            return Page();
        }

        Record!.Entries.Add(desk.Note(clean, sensitive, AuditLog.ActorOf(User)!.Value));
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostContactAsync(int id, string? text, bool sensitive, string? channel, ContactDirection direction, int? minutes, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Access.CanAddEntries(Record!))
        {
            return Forbid();
        }

        var clean = UserText.Paragraphs(text);
        if (clean is null || clean.Length > CaseEntry.TextMaxLength)
        {
            ModelState.AddModelError("summary", clean is null ? S["Write what was said first."] : S["The note is too long."]);
        }

        if (CaseStaffText.Channels.All(c => c.Code != channel))
        {
            ModelState.AddModelError("channel", S["Choose how you were in contact."]);
        }

        if (minutes is < 0 or > 1440)
        {
            ModelState.AddModelError("minutes", S["The duration is in minutes, from 0 to 1440."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Record!.Entries.Add(desk.Contact(clean!, sensitive, channel!, direction, minutes, AuditLog.ActorOf(User)!.Value));
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostTaskAsync(int id, string? title, DateOnly? dueOn, Guid? assigneeId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Access.CanAddEntries(Record!))
        {
            return Forbid();
        }

        var clean = UserText.Line(title);
        if (clean is null || clean.Length > CaseTask.TitleMaxLength)
        {
            ModelState.AddModelError("taskTitle", clean is null ? S["Say what is to be done."] : S["This is too long."]);
        }

        if (dueOn is null)
        {
            ModelState.AddModelError("dueOn", S["Choose the day it is due."]);
        }

        if (assigneeId is { } assignee && !StaffNames.ContainsKey(assignee))
        {
            ModelState.AddModelError("assigneeId", S["Choose from the list."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.Add(new CaseTask
        {
            CaseId = id,
            Title = clean!,
            DueOn = dueOn!.Value,
            AssigneeId = assigneeId ?? AuditLog.ActorOf(User),
            CreatedBy = AuditLog.ActorOf(User)!.Value,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostTaskDoneAsync(int id, int taskId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Access.CanAddEntries(Record!) || Tasks.FirstOrDefault(t => t.Id == taskId) is not { } task)
        {
            return NotFound();
        }

        db.Attach(task).Entity.MarkDone(AuditLog.ActorOf(User)!.Value, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostStatusAsync(int id, int version, CaseStatus status, string? reason, CancellationToken cancellationToken) =>
        await ChangeAsync(id, version, c => c.ChangeStatus(status, UserText.Line(reason) is { } why ? why[..Math.Min(why.Length, 500)] : null, AuditLog.ActorOf(User)!.Value, clock.GetUtcNow().UtcDateTime), loaded: false, cancellationToken);

    public async Task<IActionResult> OnPostAssignAsync(int id, int version, Guid? counselorId, Guid? interpreterId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if ((counselorId is { } c && Counselors.All(x => x.Id != c)) || (interpreterId is { } i && Interpreters.All(x => x.Id != i)))
        {
            ModelState.AddModelError("counselorId", S["Choose from the list."]);
            return Page();
        }

        return await ChangeAsync(id, version, c => c.Assign(counselorId, interpreterId, AuditLog.ActorOf(User)!.Value, clock.GetUtcNow().UtcDateTime), loaded: true, cancellationToken);
    }

    /// <summary>A change to the case itself, refused when someone saved the case since this page was shown.</summary>
    private async Task<IActionResult> ChangeAsync(int id, int version, Action<Case> change, bool loaded, CancellationToken cancellationToken)
    {
        if (!loaded && await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Access.CanManage(Record!))
        {
            return Forbid();
        }

        if (Record!.Version != version)
        {
            return await ConflictAsync(id, cancellationToken);
        }

        change(Record);
        Record.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(id, cancellationToken);
        }

        await audit.RecordAsync(AuditActions.CaseChanged, AuditLog.ActorOf(User), "case", id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return RedirectToPage(new { id });
    }

    /// <summary>Someone else saved first: say who, show the case as it is now, lose nothing silently.</summary>
    private async Task<IActionResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        var last = Record!.Entries.Where(e => e.ActorId is not null).OrderByDescending(e => e.AtUtc).FirstOrDefault();
        var who = last?.ActorId is { } actor && StaffNames.TryGetValue(actor, out var name) ? name : S["a colleague"].Value;
        Conflict = S["{0} changed this case while you were working on it. Here it is as it is now: make your change again if it is still needed.", who];
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Record = await db.Set<Case>()
            .Include(c => c.Workers).ThenInclude(w => w.Person)
            .Include(c => c.Entries)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (Record is null)
        {
            return NotFound();
        }

        var access = Access;
        if (!access.CanView(Record))
        {
            return Forbid();
        }

        var companyIds = new[] { Record.EmployerId, Record.AgencyId, Record.ClientCompanyId }.OfType<int>().ToList();
        Companies = await db.Set<Employer>().AsNoTracking().Where(e => companyIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
        var staff = await db.Users.AsNoTracking()
            .Where(u => u.DeactivatedAtUtc == null)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
            })
            .ToListAsync(cancellationToken);
        StaffNames = staff.ToDictionary(s => s.Id, s => s.DisplayName);
        Counselors = staff.Where(s => s.Roles.Contains(StaffRoles.Counselor)).Select(s => (s.Id, s.DisplayName)).OrderBy(s => s.DisplayName, StringComparer.CurrentCulture).ToList();
        Interpreters = staff.Where(s => s.Roles.Contains(StaffRoles.Interpreter)).Select(s => (s.Id, s.DisplayName)).OrderBy(s => s.DisplayName, StringComparer.CurrentCulture).ToList();
        Tasks = await db.Set<CaseTask>().AsNoTracking().Where(t => t.CaseId == id).OrderBy(t => t.DoneAtUtc != null).ThenBy(t => t.DueOn).ToListAsync(cancellationToken);
        var seesSensitive = access.CanSeeSensitive(Record);
        Timeline = Record.Entries
            .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Select(e => new TimelineLine(
                e,
                e.ActorId is { } actor ? StaffNames.GetValueOrDefault(actor) : null,
                e.IsSensitive && !seesSensitive ? null : desk.Read(e.TextProtected),
                e.IsSensitive && !seesSensitive))
            .ToList();
        return null;
    }
}
