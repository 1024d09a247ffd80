using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Soudan.Web.Infrastructure.Security;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Accounts.Pages;

[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class SignInModel(StaffSignIn signIn, IStringLocalizer<StaffText> S) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [FromQuery]
    public string? Status { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // One answer for a wrong password, an unknown address, an account not active and an
        // account whose attempts must wait: none of them is told apart (see StaffSignIn).
        return await signIn.WithPasswordAsync(Input.Email, Input.Password, cancellationToken) switch
        {
            SignInOutcome.SignedIn => LocalRedirect(StaffSessions.SafeReturnUrl(ReturnUrl)),
            SignInOutcome.SecondFactorRequired => RedirectToPage("SignInTwoFactor", new { ReturnUrl }),
            _ => Failed(S["The e-mail address or password is not right. After several tries, wait a little before the next one."]),
        };
    }

    /// <summary>The browser's answer to a passkey request (see _PasskeySignIn and passkeys.js).</summary>
    public async Task<IActionResult> OnPostPasskeyAsync([FromForm] string? credentialJson, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!string.IsNullOrEmpty(credentialJson) && credentialJson.Length <= 64 * 1024 &&
            await signIn.WithPasskeyAsync(credentialJson, cancellationToken) == SignInOutcome.SignedIn)
        {
            return LocalRedirect(StaffSessions.SafeReturnUrl(ReturnUrl));
        }

        return Failed(S["The passkey did not work. Try again, or sign in with your password. After several tries, wait a little before the next one."]);
    }

    private PageResult Failed(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Input.Password = "";
        return Page();
    }
}

public sealed class SignInInput
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [StringLength(StaffUser.EmailMaxLength, ErrorMessage = "The e-mail address is too long.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(1000, ErrorMessage = "The password is too long.")]
    public string Password { get; set; } = "";
}
