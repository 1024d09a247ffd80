using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Soudan.Web.Features.Accounts;

/// <summary>
/// Identity's sign-in manager, changed so that a deactivated account, or a volunteer's account
/// past its end, can neither sign in nor keep a session (checked whenever the security stamp is),
/// and so that every session carries the time its sign-in happened, which no renewal of the
/// cookie moves (see <see cref="StaffSessions.MaxLifetime"/>).
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

    /// <summary>Set for this request by a renewal of the person's own cookie: the session's sign-in time, kept.</summary>
    private DateTimeOffset? _keptSignInTime;

    public override async Task<bool> CanSignInAsync(StaffUser user) =>
        user.IsActiveAt(clock.GetUtcNow().UtcDateTime) && await base.CanSignInAsync(user);

    public override async Task<StaffUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is not null && user.IsActiveAt(clock.GetUtcNow().UtcDateTime) ? user : null;
    }

    /// <summary>
    /// Every way of signing in ends here (password, second step, passkey, the authenticator's
    /// setup, and the renewals of a cookie), so every session gets its sign-in time here: now, or
    /// the one the session already had when it is the same session renewed.
    /// </summary>
    public override Task SignInWithClaimsAsync(StaffUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.Where(c => c.Type != StaffSessions.SignedInAtClaim).ToList();
        claims.Add(StaffSessions.SignedInAt(_keptSignInTime ?? clock.GetUtcNow()));
        return base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>A new cookie for the same session (a changed language or password): its sign-in time stays.</summary>
    public override async Task RefreshSignInAsync(StaffUser user)
    {
        _keptSignInTime = StaffSessions.SignedInAtOf(Context.User);
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _keptSignInTime = null;
        }
    }

    /// <summary>Signs in, after a right password, or asks for the second factor when the account has one.</summary>
    public Task<SignInResult> SignInAfterPasswordAsync(StaffUser user) => SignInOrTwoFactorAsync(user, isPersistent: false);

    /// <summary>
    /// Marks the signed-in person's session as two-factor once they have set up an authenticator
    /// and proven it with a code. The session goes on: it keeps the time of its sign-in.
    /// </summary>
    public async Task SignInWithSecondFactorAsync(StaffUser user)
    {
        var sameSession = UserManager.GetUserId(Context.User) == user.Id.ToString();
        _keptSignInTime = sameSession ? StaffSessions.SignedInAtOf(Context.User) : null;
        try
        {
            await SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", MultiFactorMethod)]);
        }
        finally
        {
            _keptSignInTime = null;
        }
    }

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

        // A passkey needs the device and its PIN or fingerprint, so it counts as two factors.
        await SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", MultiFactorMethod)]);
        return (SignInResult.Success, user);
    }

    public static bool PassedSecondFactor(ClaimsPrincipal principal) =>
        principal.HasClaim("amr", MultiFactorMethod);
}
