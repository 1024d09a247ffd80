using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Security;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Accounts.Pages;

/// <summary>
/// Where a one-time account link leads: the first admin creates their account, or a staff member
/// chooses a (new) password. Afterwards they sign in as usual, second factor included.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class SetupModel(
    SoudanDbContext db,
    AccountLinks links,
    StaffAccounts accounts,
    StaffUserManager users,
    AuditLog audit,
    TimeProvider clock,
    SoudanPaths paths,
    IStringLocalizer<StaffText> S) : PageModel
{
    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public AccountLink? Link { get; private set; }

    public bool StaffExist { get; private set; }

    public string? Email { get; private set; }

    public bool IsFirstAdmin => Link?.Purpose == AccountLinkPurpose.FirstAdmin;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        await LoadAsync(token, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var user = await LoadAsync(token, cancellationToken);
        if (Link is null)
        {
            return Page();
        }

        if (IsFirstAdmin && string.IsNullOrWhiteSpace(Input.Email))
        {
            ModelState.AddModelError("Input.Email", S["Enter your e-mail address."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (IsFirstAdmin)
        {
            var created = await accounts.CreateAsync(
                new NewStaffAccount(Input.Email!, Input.DisplayName ?? "", [StaffRoles.Admin], Input.Password, Input.StaffLanguage),
                createdBy: null,
                cancellationToken);
            if (!created.Succeeded)
            {
                return Refused(created.Errors.Select(e => (e.Code, e.Description)));
            }

            user = created.User!;
        }
        else
        {
            var set = await users.SetPasswordAsync(user!, Input.Password);
            if (!set.Succeeded)
            {
                return Refused(set.Errors.Select(e => (e.Code, e.Description)));
            }

            await audit.RecordAsync(AuditActions.PasswordSet, user!.Id, "staff", user.Id.ToString(), cancellationToken);
        }

        if (!await links.TryUseAsync(Link, cancellationToken))
        {
            // Someone used the link in the meantime: nothing of this attempt is kept.
            await transaction.RollbackAsync(cancellationToken);
            Link = null;
            return Page();
        }

        await transaction.CommitAsync(cancellationToken);
        if (IsFirstAdmin)
        {
            FirstAdminLink.Forget(paths);
        }

        return RedirectToPage("SignIn", new { status = "password-saved" });
    }

    /// <summary>Finds the link and whether it can still be used; null <see cref="Link"/> when not.</summary>
    private async Task<StaffUser?> LoadAsync(string token, CancellationToken cancellationToken)
    {
        var link = await links.FindAsync(token, cancellationToken);
        StaffExist = await accounts.AnyExistAsync(cancellationToken);
        StaffUser? user = null;
        if (link is not null && link.IsUsableAt(clock.GetUtcNow().UtcDateTime))
        {
            if (link.Purpose == AccountLinkPurpose.FirstAdmin && !StaffExist)
            {
                Link = link;
            }
            else if (link.Purpose == AccountLinkPurpose.SetPassword && link.UserId is { } userId &&
                     await users.FindByIdAsync(userId.ToString()) is { } found)
            {
                (Link, user, Email) = (link, found, found.Email);
            }
        }

        if (Link is null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        return user;
    }

    private PageResult Refused(IEnumerable<(string Code, string Description)> errors)
    {
        foreach (var (code, description) in errors)
        {
            var field = code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password"
                : code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) ? "Input.Email"
                : string.Empty;
            ModelState.AddModelError(field, description);
        }

        return Page();
    }
}

public sealed class SetupInput
{
    [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.org.")]
    [StringLength(StaffUser.EmailMaxLength, ErrorMessage = "The e-mail address is too long.")]
    public string? Email { get; set; }

    [StringLength(StaffUser.DisplayNameMaxLength, ErrorMessage = "The name is too long.")]
    public string? DisplayName { get; set; }

    public string StaffLanguage { get; set; } = StaffLanguages.Default.Code;

    [Required(ErrorMessage = "Enter a password.")]
    [StringLength(1000, ErrorMessage = "The password is too long.")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Enter the password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    public string ConfirmPassword { get; set; } = "";
}
