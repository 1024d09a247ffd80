using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Accounts.Pages;

/// <summary>One's own account: staff language and password. Reachable before two-factor is set up.</summary>
[Authorize(Policy = StaffPolicies.SignedIn)]
public sealed class AccountModel(StaffUserManager users, StaffSignInManager signIn, AuditLog audit) : PageModel
{
    [BindProperty]
    public PasswordChangeInput Password { get; set; } = new();

    [FromQuery]
    public string? Status { get; set; }

    public string DisplayName { get; private set; } = "";

    public string Email { get; private set; } = "";

    public string StaffLanguage { get; private set; } = "";

    public bool TwoFactorEnabled { get; private set; }

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostLanguageAsync([FromForm] string? language, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (StaffLanguages.Find(language) is { } chosen && chosen.Code != user.StaffLanguage)
        {
            user.StaffLanguage = chosen.Code;
            await users.UpdateAsync(user);
            await audit.RecordAsync(AuditActions.AccountChanged, user.Id, "staff", user.Id.ToString(), cancellationToken);

            // The language travels in the sign-in cookie; renew it (keeping the second factor).
            await signIn.RefreshSignInAsync(user);
        }

        return RedirectToPage(new { status = "language-saved" });
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(user, Password.Current, Password.New);
            if (result.Succeeded)
            {
                await audit.RecordAsync(AuditActions.PasswordChanged, user.Id, "staff", user.Id.ToString(), cancellationToken);
                await signIn.RefreshSignInAsync(user);
                return RedirectToPage(new { status = "password-changed" });
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Password.Current" : "Password.New", error.Description);
            }
        }

        Password = new PasswordChangeInput();
        await LoadAsync(user);
        return Page();
    }

    private async Task LoadAsync(StaffUser user)
    {
        DisplayName = user.DisplayName;
        Email = user.Email ?? "";
        StaffLanguage = user.StaffLanguage;
        TwoFactorEnabled = user.TwoFactorEnabled;
        Roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
    }
}

public sealed class PasswordChangeInput
{
    [Required(ErrorMessage = "Enter your current password.")]
    [StringLength(1000, ErrorMessage = "The password is too long.")]
    public string Current { get; set; } = "";

    [Required(ErrorMessage = "Enter a password.")]
    [StringLength(1000, ErrorMessage = "The password is too long.")]
    public string New { get; set; } = "";

    [Required(ErrorMessage = "Enter the password again.")]
    [Compare(nameof(New), ErrorMessage = "The two passwords are not the same.")]
    public string Confirm { get; set; } = "";
}
