using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Soudan.Web.Infrastructure.Security;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Accounts.Pages;

/// <summary>The second step of signing in, after a right password, for accounts with two-factor sign-in on.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class SignInTwoFactorModel(StaffSignInManager signInManager, StaffSignIn signIn, IStringLocalizer<StaffText> S) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool UseRecoveryCode { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
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
        if (await signIn.WithSecondFactorAsync(user, code, UseRecoveryCode, cancellationToken) == SignInOutcome.SignedIn)
        {
            return LocalRedirect(StaffSessions.SafeReturnUrl(ReturnUrl));
        }

        // A wrong code, a code already used, an account no longer active or attempts that must wait: one answer.
        ModelState.AddModelError("Input.Code", UseRecoveryCode
            ? S["That recovery code did not work. Check it, or ask an admin to reset your two-factor sign-in. After several tries, wait a little before the next one."]
            : S["That code did not work. Enter the newest code the app shows; each code works once. After several tries, wait a little before the next one."]);
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
