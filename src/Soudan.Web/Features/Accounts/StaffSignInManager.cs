using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Soudan.Web.Features.Accounts;

/// <summary>
/// Identity's sign-in manager, changed so that a deactivated account, or a volunteer's account
/// past its end, can neither sign in nor keep a session (checked whenever the security stamp is).
/// </summary>
public sealed class StaffSignInManager(
    UserManager<StaffUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation,
    TimeProvider clock)
    : SignInManager<StaffUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>The <c>amr</c> value Identity gives a sign-in that passed a second factor.</summary>
    public const string MultiFactorMethod = "mfa";

    public override async Task<bool> CanSignInAsync(StaffUser user) =>
        user.IsActiveAt(clock.GetUtcNow().UtcDateTime) && await base.CanSignInAsync(user);

    public override async Task<StaffUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is not null && user.IsActiveAt(clock.GetUtcNow().UtcDateTime) ? user : null;
    }

    /// <summary>
    /// Signs in someone who has just proven a second factor outside the usual two-step sign-in:
    /// by setting up an authenticator, or with a passkey (which needs the device and its PIN or
    /// fingerprint, so counts as two factors).
    /// </summary>
    public Task SignInWithSecondFactorAsync(StaffUser user) =>
        SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", MultiFactorMethod)]);

    /// <summary>
    /// Identity's passkey sign-in, except that the session counts as two-factor (Identity's own
    /// marks it as a plain sign-in). Returns the user for the audit log, when one was found.
    /// </summary>
    public async Task<(SignInResult Result, StaffUser? User)> PasskeySignInWithSecondFactorAsync(string credentialJson)
    {
        PasskeyAssertionResult<StaffUser> assertion;
        try
        {
            assertion = await PerformPasskeyAssertionAsync(credentialJson);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or FormatException or ArgumentException)
        {
            // No ceremony was started in this browser, or the browser sent something unreadable.
            return (SignInResult.Failed, null);
        }

        if (!assertion.Succeeded)
        {
            return (SignInResult.Failed, null);
        }

        var user = assertion.User;
        if (await PreSignInCheck(user) is { } refused)
        {
            return (refused, user);
        }

        if (!(await UserManager.AddOrUpdatePasskeyAsync(user, assertion.Passkey)).Succeeded)
        {
            return (SignInResult.Failed, user);
        }

        await ResetLockout(user);
        await SignInWithSecondFactorAsync(user);
        return (SignInResult.Success, user);
    }

    public static bool PassedSecondFactor(ClaimsPrincipal principal) =>
        principal.HasClaim("amr", MultiFactorMethod);
}
