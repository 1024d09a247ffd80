using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.StaffHome.Pages;

/// <summary>Where every staff member lands after signing in (any role, second factor passed).</summary>
public sealed class IndexModel(SoudanDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>How long a counselor is shown that a case holding sensitive entries was taken from them.</summary>
    public static readonly TimeSpan ReassignmentNoticeFor = TimeSpan.FromDays(90);

    /// <summary>A case line on the home page: what happened, to which case, by whom, when.</summary>
    public sealed record CaseNotice(int CaseId, string Reference, Guid? ActorId, string? ActorName, DateTime AtUtc);

    /// <summary>For a counselor: cases holding sensitive entries that were given to someone else.</summary>
    public IReadOnlyList<CaseNotice> TakenFromMe { get; private set; } = [];

    /// <summary>A case whose worker asked to be deleted, and when its personal data goes unless kept under legal hold.</summary>
    public sealed record ErasureNotice(int CaseId, string Reference, DateTime DueUtc);

    /// <summary>For the case's counselor (coordinators and admins: every case, or those with none): erasures to decide on, soonest first.</summary>
    public IReadOnlyList<ErasureNotice> ErasuresToDecide { get; private set; } = [];

    /// <summary>For coordinators and admins: counselors asking to work on a case not yet given to them.</summary>
    public IReadOnlyList<CaseNotice> Requests { get; private set; } = [];

    public string DisplayName { get; private set; } = "";

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public bool CanManageStaff { get; private set; }

    public bool AnswersConsultations { get; private set; }

    public bool CanCoordinate { get; private set; }

    public bool WorksOnCases { get; private set; }

    public bool LogsCalls { get; private set; }

    public bool IsAdmin { get; private set; }

    /// <summary>For admins: open suspected leaks whose report to the Commission is still to make, soonest first.</summary>
    public IReadOnlyList<(int Id, string Report, DateOnly DueOn)> IncidentReportsDue { get; private set; } = [];

    public bool ReadsStatistics { get; private set; }

    public IReadOnlyList<TranslationReview.State> Translations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DisplayName = User.FindFirstValue(StaffClaimsPrincipalFactory.DisplayNameClaim) ?? "";
        Roles = StaffRoles.All.Where(User.IsInRole).ToList();
        CanManageStaff = StaffRoles.ManagingStaff.Any(User.IsInRole);
        AnswersConsultations = StaffRoles.AnsweringConsultations.Any(User.IsInRole);
        CanCoordinate = User.IsInRole(StaffRoles.Admin) || User.IsInRole(StaffRoles.Coordinator);
        WorksOnCases = StaffRoles.WorkingOnCases.Any(User.IsInRole);
        LogsCalls = StaffRoles.LoggingCalls.Any(User.IsInRole);
        IsAdmin = User.IsInRole(StaffRoles.Admin);
        ReadsStatistics = StaffRoles.ReadingStatistics.Any(User.IsInRole);
        Translations = IsAdmin ? TranslationReview.All() : [];
        if (IsAdmin)
        {
            var open = await db.Set<Soudan.Web.Features.Privacy.PrivacyIncident>().AsNoTracking().Where(i => i.ClosedAtUtc == null).OrderBy(i => i.FoundAtUtc).Take(50).ToListAsync(cancellationToken);
            IncidentReportsDue = [.. open.Where(i => i.NextDeadline is not null).Select(i => (i.Id, i.NextDeadline!.Value.Report, i.NextDeadline!.Value.DueOn)).OrderBy(d => d.DueOn)];
        }

        if (AuditLog.ActorOf(User) is { } me && WorksOnCases)
        {
            await LoadCaseNoticesAsync(me, cancellationToken);
        }
    }

    private async Task LoadCaseNoticesAsync(Guid me, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime - ReassignmentNoticeFor;
        var (admin, coordinates) = (User.IsInRole(StaffRoles.Admin), User.IsInRole(StaffRoles.Admin) || User.IsInRole(StaffRoles.Coordinator));
        ErasuresToDecide = await db.Set<Case>().AsNoTracking()
            .Where(c => c.ErasureRequestedAtUtc != null && c.PersonalDataErasedAtUtc == null && c.LegalHoldSinceUtc == null)
            .Where(c => c.CounselorId == me || (coordinates && c.CounselorId == null) || admin)
            .OrderBy(c => c.ErasureDueAtUtc)
            .Take(50)
            .Select(c => new ErasureNotice(c.Id, c.Reference, c.ErasureDueAtUtc!.Value))
            .ToListAsync(cancellationToken);
        var entries = db.Set<CaseEntry>().AsNoTracking();
        var cases = db.Set<Case>().AsNoTracking();
        TakenFromMe = await entries
            .Where(e => e.Kind == CaseEntryKind.Assignment && e.PreviousCounselorId == me && e.HeldSensitive && e.AtUtc >= since)
            .OrderByDescending(e => e.AtUtc)
            .Take(20)
            .Join(cases, e => e.CaseId, c => c.Id, (e, c) => new CaseNotice(c.Id, c.Reference, e.ActorId, null, e.AtUtc))
            .ToListAsync(cancellationToken);
        if (User.IsInRole(StaffRoles.Admin) || User.IsInRole(StaffRoles.Coordinator))
        {
            // A request is open while the case has not been assigned since and is not the asker's.
            Requests = await entries
                .Where(e => e.Kind == CaseEntryKind.AssignmentRequested)
                .Join(cases, e => e.CaseId, c => c.Id, (e, c) => new { e, c })
                .Where(x => x.c.Status != CaseStatus.Closed && x.c.CounselorId != x.e.ActorId
                    && !entries.Any(a => a.CaseId == x.c.Id && a.Kind == CaseEntryKind.Assignment && a.AtUtc >= x.e.AtUtc))
                .OrderBy(x => x.e.AtUtc)
                .Take(50)
                .Select(x => new CaseNotice(x.c.Id, x.c.Reference, x.e.ActorId, null, x.e.AtUtc))
                .ToListAsync(cancellationToken);
        }

        var ids = TakenFromMe.Concat(Requests).Select(n => n.ActorId).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        CaseNotice Named(CaseNotice n) => n with { ActorName = n.ActorId is { } id ? names.GetValueOrDefault(id) : null };
        TakenFromMe = [.. TakenFromMe.Select(Named)];
        Requests = [.. Requests.Select(Named)];
    }
}
