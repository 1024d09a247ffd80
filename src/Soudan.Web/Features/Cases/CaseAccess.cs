using System.Security.Claims;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Web.Features.Cases;

/// <summary>
/// Every decision about who may see or change a case, in one place (PRODUCT.md, "The people who use
/// it"): admins, coordinators and counselors work on every case; interpreters only on the cases given
/// to them; operators and analysts on none. Entries marked sensitive (health, sexual orientation,
/// immigration) are read only by an admin and the case's own counselor.
/// </summary>
public sealed class CaseAccess(ClaimsPrincipal user)
{
    private readonly Guid? _id = AuditLog.ActorOf(user);

    public Guid? UserId => _id;

    public bool WorksOnAllCases => user.IsInRole(StaffRoles.Admin) || user.IsInRole(StaffRoles.Coordinator) || user.IsInRole(StaffRoles.Counselor);

    public bool IsInterpreter => user.IsInRole(StaffRoles.Interpreter);

    /// <summary>May open the list of cases at all.</summary>
    public bool CanUseCases => WorksOnAllCases || IsInterpreter;

    public bool CanView(Case @case) => WorksOnAllCases || (IsInterpreter && @case.InterpreterId == _id && _id is not null);

    /// <summary>Notes and contacts: everyone who may view the case.</summary>
    public bool CanAddEntries(Case @case) => CanView(@case);

    /// <summary>Status, referral, what the case is about: not interpreters.</summary>
    public bool CanManage(Case @case) => WorksOnAllCases;

    /// <summary>
    /// Who works on the case: coordinators and admins only, and never themselves (see
    /// <see cref="Case.Assign"/>). Sensitive entries follow the counselor, so a counselor who could
    /// take a case could read them.
    /// </summary>
    public bool CanAssign(Case @case) => user.IsInRole(StaffRoles.Admin) || user.IsInRole(StaffRoles.Coordinator);

    /// <summary>A counselor may ask to work on a case that is not theirs; a coordinator or admin decides.</summary>
    public bool CanAskFor(Case @case) =>
        user.IsInRole(StaffRoles.Counselor) && _id is not null && @case.CounselorId != _id && !@case.IsClosed;

    public bool CanSeeSensitive(Case @case) =>
        user.IsInRole(StaffRoles.Admin) || (@case.CounselorId is not null && @case.CounselorId == _id);

    /// <summary>The cases this person may see, as a query filter.</summary>
    public IQueryable<Case> Visible(IQueryable<Case> cases) =>
        WorksOnAllCases ? cases : IsInterpreter && _id is { } id ? cases.Where(c => c.InterpreterId == id) : cases.Where(_ => false);
}
