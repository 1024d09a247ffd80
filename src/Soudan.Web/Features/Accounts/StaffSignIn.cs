using Microsoft.AspNetCore.Identity;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Web.Features.Accounts;

public enum SignInOutcome
{
    /// <summary>Not signed in. Why (no such account, a wrong password or code, an account not active, too many tries) is never said.</summary>
    Refused,

    SecondFactorRequired,

    SignedIn,
}

/// <summary>
/// The ways into the staff area (password, second step, passkey). Whatever goes wrong, the answer
/// is the same and comes in about the same time: a password hash is always checked, the account's
/// real one or a stand-in, so neither the words nor the time tell whether an address has an
/// account, whether it is active, or whether its attempts are being slowed down.
/// </summary>
public sealed class StaffSignIn(
    StaffSignInManager signIn,
    StaffUserManager users,
    SignInThrottle throttle,
    IPasswordHasher<StaffUser> hasher,
    AuditLog audit,
    IHttpContextAccessor http,
    TimeProvider clock)
{
    private static string? _standInHash;

    public async Task<SignInOutcome> WithPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        email = email.Trim();
        var keys = throttle.KeysFor(users.NormalizeEmail(email), Address);
        var user = await users.FindByEmailAsync(email);
        if (await throttle.IsThrottledAsync(keys, cancellationToken))
        {
            // Refused without looking at this password, in the time a check takes.
            CheckStandIn(password);
            await throttle.RecordRefusedUncheckedAsync(keys, cancellationToken);
            await audit.RecordAsync(AuditActions.SignInThrottled, user?.Id, user is null ? null : "staff", user?.Id.ToString(), cancellationToken);
            return SignInOutcome.Refused;
        }

        if (user?.PasswordHash is null)
        {
            CheckStandIn(password);
        }
        else if (await users.CheckPasswordAsync(user, password) && await signIn.CanSignInAsync(user))
        {
            if ((await signIn.SignInAfterPasswordAsync(user)).RequiresTwoFactor)
            {
                // The count of failures is cleared only once the second step is passed too.
                return SignInOutcome.SecondFactorRequired;
            }

            await SignedInAsync(user, keys, cancellationToken);
            return SignInOutcome.SignedIn;
        }

        await throttle.RecordFailureAsync(keys, cancellationToken);
        await audit.RecordAsync(AuditActions.SignInFailed, user?.Id, user is null ? null : "staff", user?.Id.ToString(), cancellationToken);
        return SignInOutcome.Refused;
    }

    /// <summary>
    /// The second step for <paramref name="user"/> (who gave the right password in this browser):
    /// a code of the authenticator app, or a recovery code. A wrong one counts as a wrong password.
    /// </summary>
    public async Task<SignInOutcome> WithSecondFactorAsync(StaffUser user, string code, bool recoveryCode, CancellationToken cancellationToken)
    {
        var keys = throttle.KeysFor(user.NormalizedEmail, Address);
        if (await throttle.IsThrottledAsync(keys, cancellationToken))
        {
            await throttle.RecordRefusedUncheckedAsync(keys, cancellationToken);
            await audit.RecordAsync(AuditActions.SignInThrottled, user.Id, "staff", user.Id.ToString(), cancellationToken);
            return SignInOutcome.Refused;
        }

        var result = recoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await SignedInAsync(user, keys, cancellationToken);
            return SignInOutcome.SignedIn;
        }

        await throttle.RecordFailureAsync(keys, cancellationToken);
        await audit.RecordAsync(AuditActions.SignInFailed, user.Id, "staff", user.Id.ToString(), cancellationToken);
        return SignInOutcome.Refused;
    }

    /// <summary>
    /// The browser's answer to a passkey request. A valid passkey signs in even while the account's
    /// passwords are being slowed down: it cannot be guessed, and the person must not be kept out.
    /// </summary>
    public async Task<SignInOutcome> WithPasskeyAsync(string credentialJson, CancellationToken cancellationToken)
    {
        var (result, user) = await signIn.PasskeySignInWithSecondFactorAsync(credentialJson);
        var keys = throttle.KeysFor(user?.NormalizedEmail, Address);
        if (result.Succeeded)
        {
            await SignedInAsync(user!, keys, cancellationToken);
            return SignInOutcome.SignedIn;
        }

        await throttle.RecordFailureAsync(keys, cancellationToken);
        await audit.RecordAsync(AuditActions.SignInFailed, user?.Id, user is null ? null : "staff", user?.Id.ToString(), cancellationToken);
        return SignInOutcome.Refused;
    }

    private System.Net.IPAddress? Address => http.HttpContext?.Connection.RemoteIpAddress;

    private async Task SignedInAsync(StaffUser user, SignInAttemptKeys keys, CancellationToken cancellationToken)
    {
        await throttle.RecordSuccessAsync(keys, cancellationToken);
        await StaffSessions.RecordSignInAsync(users, audit, user, clock, cancellationToken);
    }

    /// <summary>Checks the password against a hash of nothing, to take the time a real check takes.</summary>
    private void CheckStandIn(string password)
    {
        _standInHash ??= hasher.HashPassword(new StaffUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        hasher.VerifyHashedPassword(new StaffUser(), _standInHash, password);
    }
}
