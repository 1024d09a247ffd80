using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Security;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Accounts.Pages;

/// <summary>The second step of signing in, after a right password, for accounts with two-factor sign-in on.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class SignInTwoFactorModel(
    StaffSignInManager signIn,
    StaffUserManager users,
    AuditLog audit,
    TimeProvider clock,
    IStringLocalizer<StaffText> S) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool UseRecoveryCode { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            // The first step expired (after five minutes) or never happened.
            return RedirectToPage("SignIn", new { ReturnUrl });
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = new string(Input.Code.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        var result = UseRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);

        if (result.Succeeded)
        {
            await StaffSessions.RecordSignInAsync(users, audit, user, clock, cancellationToken);
            return LocalRedirect(StaffSessions.SafeReturnUrl(ReturnUrl));
        }

        await audit.RecordAsync(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, user.Id, "staff", user.Id.ToString(), cancellationToken);
        ModelState.AddModelError("Input.Code", result.IsLockedOut
            ? S["Too many failed attempts. Sign-in to this account is blocked for 15 minutes."]
            : UseRecoveryCode
                ? S["That recovery code did not work. Check it, or ask an admin to reset your two-factor sign-in."]
                : S["That code did not work. Codes change every 30 seconds: enter the newest one."]);
        Input.Code = "";
        return Page();
    }
}

public sealed class CodeInput
{
    [Required(ErrorMessage = "Enter the code.")]
    [StringLength(32, ErrorMessage = "The code is too long.")]
    public string Code { get; set; } = "";
}
