using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.StaffHome.Pages;

/// <summary>Where every staff member lands after signing in (any role, second factor passed).</summary>
public sealed class IndexModel : PageModel
{
    public string DisplayName { get; private set; } = "";

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public bool CanManageStaff { get; private set; }

    public bool AnswersConsultations { get; private set; }

    public bool CanCoordinate { get; private set; }

    public bool WorksOnCases { get; private set; }

    public bool LogsCalls { get; private set; }

    public bool IsAdmin { get; private set; }

    public bool ReadsStatistics { get; private set; }

    public IReadOnlyList<TranslationReview.State> Translations { get; private set; } = [];

    public void OnGet()
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
    }
}
