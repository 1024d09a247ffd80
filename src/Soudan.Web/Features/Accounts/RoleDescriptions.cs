using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Accounts;

/// <summary>How roles read on staff pages: a name and what the role may do (keys of the staff text).</summary>
public static class RoleDescriptions
{
    public static string Name(string role) => role switch
    {
        StaffRoles.Admin => Localizable.Staff("Admin"),
        StaffRoles.Coordinator => Localizable.Staff("Coordinator"),
        StaffRoles.Counselor => Localizable.Staff("Counselor"),
        StaffRoles.Operator => Localizable.Staff("Operator"),
        StaffRoles.Interpreter => Localizable.Staff("Interpreter"),
        StaffRoles.Analyst => Localizable.Staff("Analyst"),
        _ => role,
    };

    public static string Of(string role) => role switch
    {
        StaffRoles.Admin => Localizable.Staff("everything, including staff accounts and settings"),
        StaffRoles.Coordinator => Localizable.Staff("hotline sessions, guides and news, staff accounts except admins"),
        StaffRoles.Counselor => Localizable.Staff("follows cases: contacts, notes, documents, calculations, referrals"),
        StaffRoles.Operator => Localizable.Staff("logs calls on hotline days"),
        StaffRoles.Interpreter => Localizable.Staff("helps on the cases given to them"),
        StaffRoles.Analyst => Localizable.Staff("statistics without names"),
        _ => role,
    };
}
