using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Time;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Accounts.Pages;

public sealed record StaffRow(
    Guid Id, string DisplayName, string Email, IReadOnlyList<string> Roles, bool TwoFactorEnabled, bool HasPasskey, string State, DateTime? AccessExpiresAtUtc);

[Authorize(Policy = StaffPolicies.ManageStaff)]
public sealed class UsersModel(
    SoudanDbContext db,
    StaffAccounts accounts,
    AccountLinks links,
    AuditLog audit,
    PublicAddress address,
    TimeProvider clock,
    IStringLocalizer<StaffText> S) : PageModel
{
    [BindProperty]
    public NewStaffInput Input { get; set; } = new();

    public IReadOnlyList<StaffRow> Rows { get; private set; } = [];

    public IReadOnlyList<string> GrantableRoles { get; private set; } = [];

    public string? CreatedLink { get; private set; }

    public string? CreatedEmail { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var roles = Input.Roles.Distinct().ToList();
        if (roles.Count == 0)
        {
            ModelState.AddModelError("Input.Roles", S["Choose at least one role."]);
        }
        else if (roles.Any(r => !GrantableRoles.Contains(r)))
        {
            ModelState.AddModelError("Input.Roles", S["You may not give this role."]);
        }

        DateTime? expiresUtc = Input.AccessExpiresAt is { } local ? JapanTime.ToUtc(local) : null;
        if (expiresUtc <= clock.GetUtcNow().UtcDateTime)
        {
            ModelState.AddModelError("Input.AccessExpiresAt", S["The end of access must be in the future."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await accounts.CreateAsync(
            new NewStaffAccount(Input.Email, Input.DisplayName ?? "", roles, Password: null, Input.StaffLanguage, expiresUtc),
            AuditLog.ActorOf(User),
            cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Email", StringComparison.Ordinal) ? "Input.Email" : string.Empty, error.Description);
            }

            return Page();
        }

        var path = await links.CreateAsync(AccountLinkPurpose.SetPassword, result.User!.Id, cancellationToken);
        await audit.RecordAsync(AuditActions.SetPasswordLinkCreated, AuditLog.ActorOf(User), "staff", result.User.Id.ToString(), cancellationToken);
        (CreatedLink, CreatedEmail) = (address.For(path), result.User.Email);
        Input = new NewStaffInput();
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        GrantableRoles = StaffRoles.GrantableBy(User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value));
        Rows = await StaffDirectory.ListAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }
}

public sealed class NewStaffInput
{
    [Required(ErrorMessage = "Enter the e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.org.")]
    [StringLength(StaffUser.EmailMaxLength, ErrorMessage = "The e-mail address is too long.")]
    public string Email { get; set; } = "";

    [StringLength(StaffUser.DisplayNameMaxLength, ErrorMessage = "The name is too long.")]
    public string? DisplayName { get; set; }

    public List<string> Roles { get; set; } = [];

    public string StaffLanguage { get; set; } = StaffLanguages.Default.Code;

    public DateTime? AccessExpiresAt { get; set; }
}

/// <summary>The staff list, shared by the staff page and the account page of each person.</summary>
public static class StaffDirectory
{
    public static async Task<IReadOnlyList<StaffRow>> ListAsync(SoudanDbContext db, DateTime nowUtc, CancellationToken cancellationToken, Guid? only = null)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => only == null || u.Id == only)
            .OrderBy(u => u.DisplayName)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                u.TwoFactorEnabled,
                u.DeactivatedAtUtc,
                u.AccessExpiresAtUtc,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                HasPasskey = db.UserPasskeys.Any(p => p.UserId == u.Id),
            })
            .ToListAsync(cancellationToken);
        return users.Select(u => new StaffRow(
                u.Id,
                u.DisplayName,
                u.Email ?? "",
                u.Roles.OrderBy(r => StaffRoles.All.ToList().IndexOf(r)).ToList(),
                u.TwoFactorEnabled,
                u.HasPasskey,
                u.DeactivatedAtUtc is not null ? Localizable.Staff("Deactivated") : u.AccessExpiresAtUtc <= nowUtc ? Localizable.Staff("Expired") : Localizable.Staff("Active"),
                u.AccessExpiresAtUtc))
            .ToList();
    }
}
