using System.Security.Claims;

namespace Soudan.Web.Features.Accounts;

/// <summary>
/// The roles of PRODUCT.md ("The people who use it"). A staff member may hold several
/// (a counselor who also interprets).
/// </summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Coordinator = "Coordinator";
    public const string Counselor = "Counselor";
    public const string Operator = "Operator";
    public const string Interpreter = "Interpreter";
    public const string Analyst = "Analyst";

    public static IReadOnlyList<string> All { get; } = [Admin, Coordinator, Counselor, Operator, Interpreter, Analyst];

    /// <summary>Roles that read and answer the consultations people send (the triage of intakes).</summary>
    public static IReadOnlyList<string> AnsweringConsultations { get; } = [Admin, Coordinator, Counselor];

    /// <summary>Roles that log calls on hotline days (operators, and the staff answering beside them).</summary>
    public static IReadOnlyList<string> LoggingCalls { get; } = [Admin, Coordinator, Counselor, Operator];

    /// <summary>Roles that work on cases: interpreters only on the cases given to them (CaseAccess decides).</summary>
    public static IReadOnlyList<string> WorkingOnCases { get; } = [Admin, Coordinator, Counselor, Interpreter];

    /// <summary>Roles that read the statistics (figures only, never a name): analysts, and those who run the hotline.</summary>
    public static IReadOnlyList<string> ReadingStatistics { get; } = [Admin, Coordinator, Counselor, Analyst];

    /// <summary>
    /// Roles that read the statistics exactly, small counts included: they read the consultations
    /// themselves anyway. Anyone else who reads statistics (an analyst) reads them with small cells hidden.
    /// </summary>
    public static IReadOnlyList<string> ReadingExactStatistics { get; } = [Admin, Coordinator, Counselor];

    /// <summary>
    /// Whether <paramref name="user"/> reads the statistics as the public page shows them: every count
    /// from 1 to 4 hidden (with the counts that would give it away), whole months that have ended,
    /// no tags (StatisticsAudience in Features/Statistics says the rest).
    /// </summary>
    public static bool SeesStatisticsWithSmallCellsHidden(ClaimsPrincipal user) => !ReadingExactStatistics.Any(user.IsInRole);

    /// <summary>Roles that manage staff accounts; a coordinator may not create or change an admin.</summary>
    public static IReadOnlyList<string> ManagingStaff { get; } = [Admin, Coordinator];

    public static string? Find(string? name) =>
        All.FirstOrDefault(r => string.Equals(r, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The roles a staff member holding <paramref name="granterRoles"/> may give or take away.</summary>
    public static IReadOnlyList<string> GrantableBy(IEnumerable<string> granterRoles)
    {
        var roles = granterRoles.ToList();
        if (roles.Contains(Admin))
        {
            return All;
        }

        return roles.Contains(Coordinator) ? All.Where(r => r != Admin).ToList() : [];
    }
}
