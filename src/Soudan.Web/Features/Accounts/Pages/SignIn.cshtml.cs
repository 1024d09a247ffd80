using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Security;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Accounts.Pages;

[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class SignInModel(
    StaffSignInManager signIn,
    StaffUserManager users,
    IPasswordHasher<StaffUser> hasher,
    AuditLog audit,
    TimeProvider clock,
    IStringLocalizer<StaffText> S) : PageModel
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

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            // Take as long as a real check, so the answer time does not tell which addresses exist.
            hasher.VerifyHashedPassword(new StaffUser(), DummyHash.Value, Input.Password);
            await audit.RecordAsync(AuditActions.SignInFailed, null, cancellationToken: cancellationToken);
            return Failed(S["The e-mail address or password is not right."]);
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await StaffSessions.RecordSignInAsync(users, audit, user, clock, cancellationToken);
            return LocalRedirect(StaffSessions.SafeReturnUrl(ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInTwoFactor", new { ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            await audit.RecordAsync(AuditActions.LockedOut, user.Id, "staff", user.Id.ToString(), cancellationToken);
            return Failed(S["Too many failed attempts. Sign-in to this account is blocked for 15 minutes."]);
        }

        await audit.RecordAsync(AuditActions.SignInFailed, user.Id, "staff", user.Id.ToString(), cancellationToken);
        return result.IsNotAllowed
            ? Failed(S["This account is not active. Ask an admin."])
            : Failed(S["The e-mail address or password is not right."]);
    }

    /// <summary>The browser's answer to a passkey request (see _PasskeySignIn and passkeys.js).</summary>
    public async Task<IActionResult> OnPostPasskeyAsync([FromForm] string? credentialJson, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (string.IsNullOrEmpty(credentialJson) || credentialJson.Length > 64 * 1024)
        {
            return Failed(S["The passkey did not work. Try again, or sign in with your password."]);
        }

        var (result, user) = await signIn.PasskeySignInWithSecondFactorAsync(credentialJson);
        if (result.Succeeded)
        {
            await StaffSessions.RecordSignInAsync(users, audit, user!, clock, cancellationToken);
            return LocalRedirect(StaffSessions.SafeReturnUrl(ReturnUrl));
        }

        await audit.RecordAsync(AuditActions.SignInFailed, user?.Id, user is null ? null : "staff", user?.Id.ToString(), cancellationToken);
        return Failed(result.IsLockedOut
            ? S["Too many failed attempts. Sign-in to this account is blocked for 15 minutes."]
            : result.IsNotAllowed
                ? S["This account is not active. Ask an admin."]
                : S["The passkey did not work. Try again, or sign in with your password."]);
    }

    private PageResult Failed(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Input.Password = "";
        return Page();
    }

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Guid.NewGuid().ToString()));
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
