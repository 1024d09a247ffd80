using System.Security.Claims;
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

/// <summary>
/// One staff account, for admins and coordinators: roles, end of access, sign-in help, deactivation.
/// A coordinator cannot change an admin; nobody changes their own roles or end of access (a
/// coordinator who could would give themselves the counselor's role, and with it cases); nobody can
/// remove the last active admin. Sign-in help (a one-time password link, a reset of the second
/// factor) hands an account to whoever receives it, so only an admin gives it, never to themselves.
/// </summary>
[Authorize(Policy = StaffPolicies.ManageStaff)]
public sealed class UserEditModel(
    SoudanDbContext db,
    StaffUserManager users,
    AccountLinks links,
    TwoFactorReset twoFactorReset,
    AuditLog audit,
    PublicAddress address,
    TimeProvider clock,
    IStringLocalizer<StaffText> S) : PageModel
{
    [BindProperty]
    public EditStaffInput Input { get; set; } = new();

    public StaffRow? Person { get; private set; }

    public IReadOnlyList<string> GrantableRoles { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public bool IsSelf { get; private set; }

    /// <summary>May make a one-time password link or reset the second factor of this account.</summary>
    public bool CanHelpSignIn { get; private set; }

    public string? Message { get; private set; }

    public string? CreatedLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new EditStaffInput
        {
            DisplayName = Person!.DisplayName,
            Roles = Person.Roles.ToList(),
            AccessExpiresAt = Person.AccessExpiresAtUtc is { } ends ? JapanTime.FromUtc(ends) : null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !CanEdit)
        {
            return NotFound();
        }

        var roles = Input.Roles.Distinct().ToList();
        // Roles this person holds that the editor may not grant (an admin's, for a coordinator) stay as they are.
        var kept = Person!.Roles.Where(r => !GrantableRoles.Contains(r)).ToList();
        DateTime? expiresUtc = Input.AccessExpiresAt is { } local ? JapanTime.ToUtc(local) : null;
        if (IsSelf)
        {
            // One's own roles and end of access stay as they are, whatever the form says.
            (roles, kept, expiresUtc) = ([], [.. Person.Roles], Person.AccessExpiresAtUtc);
            if (!Input.Roles.ToHashSet().SetEquals(Person.Roles) || Input.AccessExpiresAt is not null)
            {
                ModelState.AddModelError("Input.Roles", S["Nobody changes their own roles or end of access: ask an admin."]);
            }
        }
        else if (roles.Count + kept.Count == 0)
        {
            ModelState.AddModelError("Input.Roles", S["Choose at least one role."]);
        }
        else if (roles.Any(r => !GrantableRoles.Contains(r)))
        {
            ModelState.AddModelError("Input.Roles", S["You may not give this role."]);
        }
        else if (Person.Roles.Contains(StaffRoles.Admin) && !roles.Contains(StaffRoles.Admin) && await IsLastActiveAdminAsync(id, cancellationToken))
        {
            ModelState.AddModelError("Input.Roles", S["This is the last active admin. Make someone else an admin first."]);
        }

        if (!IsSelf && expiresUtc is not null && expiresUtc <= clock.GetUtcNow().UtcDateTime)
        {
            ModelState.AddModelError("Input.AccessExpiresAt", S["The end of access must be in the future."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = (await users.FindByIdAsync(id.ToString()))!;
        user.DisplayName = string.IsNullOrWhiteSpace(Input.DisplayName) ? user.DisplayName : Input.DisplayName.Trim();
        user.AccessExpiresAtUtc = expiresUtc;
        await users.UpdateAsync(user);
        var wanted = roles.Concat(kept).ToHashSet(StringComparer.Ordinal);
        await users.RemoveFromRolesAsync(user, Person.Roles.Where(r => !wanted.Contains(r)));
        await users.AddToRolesAsync(user, wanted.Where(r => !Person.Roles.Contains(r)));
        // Open sessions pick the new roles up at their next security-stamp check (within a minute),
        // without being signed out.
        await audit.RecordAsync(AuditActions.AccountChanged, AuditLog.ActorOf(User), "staff", id.ToString(), cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostPasswordLinkAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !CanEdit)
        {
            return NotFound();
        }

        if (!CanHelpSignIn)
        {
            return Forbid();
        }

        CreatedLink = address.For(await links.CreateAsync(AccountLinkPurpose.SetPassword, id, cancellationToken));
        await audit.RecordAsync(AuditActions.SetPasswordLinkCreated, AuditLog.ActorOf(User), "staff", id.ToString(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !CanEdit)
        {
            return NotFound();
        }

        if (!CanHelpSignIn)
        {
            return Forbid();
        }

        await twoFactorReset.ResetAsync((await users.FindByIdAsync(id.ToString()))!, AuditLog.ActorOf(User), cancellationToken);
        await LoadAsync(id, cancellationToken);
        Message = Localizable.Staff("Two-factor sign-in was reset. They set it up again at their next sign-in.");
        return Page();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !CanEdit || IsSelf)
        {
            return NotFound();
        }

        if (Person!.Roles.Contains(StaffRoles.Admin) && await IsLastActiveAdminAsync(id, cancellationToken))
        {
            Message = Localizable.Staff("This is the last active admin. Make someone else an admin first.");
            return Page();
        }

        var user = (await users.FindByIdAsync(id.ToString()))!;
        user.DeactivatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(AuditActions.AccountDeactivated, AuditLog.ActorOf(User), "staff", id.ToString(), cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !CanEdit)
        {
            return NotFound();
        }

        var user = (await users.FindByIdAsync(id.ToString()))!;
        user.DeactivatedAtUtc = null;
        await users.UpdateAsync(user);
        await audit.RecordAsync(AuditActions.AccountReactivated, AuditLog.ActorOf(User), "staff", id.ToString(), cancellationToken);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Person = (await StaffDirectory.ListAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken, only: id)).SingleOrDefault();
        if (Person is null)
        {
            return false;
        }

        var editorRoles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        GrantableRoles = StaffRoles.GrantableBy(editorRoles);
        CanEdit = editorRoles.Contains(StaffRoles.Admin) || !Person.Roles.Contains(StaffRoles.Admin);
        IsSelf = AuditLog.ActorOf(User) == id;
        CanHelpSignIn = editorRoles.Contains(StaffRoles.Admin) && !IsSelf;
        return true;
    }

    private async Task<bool> IsLastActiveAdminAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var adminRoleId = await db.Roles.Where(r => r.Name == StaffRoles.Admin).Select(r => r.Id).SingleAsync(cancellationToken);
        return !await db.Users.AnyAsync(
            u => u.Id != id && u.DeactivatedAtUtc == null && (u.AccessExpiresAtUtc == null || u.AccessExpiresAtUtc > now) &&
                 db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == adminRoleId),
            cancellationToken);
    }
}

public sealed class EditStaffInput
{
    [System.ComponentModel.DataAnnotations.StringLength(StaffUser.DisplayNameMaxLength, ErrorMessage = "The name is too long.")]
    public string? DisplayName { get; set; }

    public List<string> Roles { get; set; } = [];

    public DateTime? AccessExpiresAt { get; set; }
}
