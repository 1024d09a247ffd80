using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Soudan.Web.Features.Accounts;

/// <summary>
/// Identity's user manager, changed so that a copy of the database cannot be used to pass the
/// second factor: authenticator keys are stored encrypted (Data Protection, whose keys are
/// themselves encrypted, see <c>KeyRingEncryption</c>) and recovery codes only as hashes.
/// </summary>
public sealed class StaffUserManager(
    IUserStore<StaffUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<StaffUser> passwordHasher,
    IEnumerable<IUserValidator<StaffUser>> userValidators,
    IEnumerable<IPasswordValidator<StaffUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<StaffUser>> logger,
    IDataProtectionProvider dataProtection)
    : UserManager<StaffUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public const string AuthenticatorKeyPurpose = "Soudan.Accounts.AuthenticatorKey";

    private readonly IDataProtector _keyProtector = dataProtection.CreateProtector(AuthenticatorKeyPurpose);

    /// <summary>
    /// Identity's lockout is off: five failures locked an account for 15 minutes, so anyone who
    /// knew an address could keep its owner out. <see cref="SignInThrottle"/> slows guessing instead.
    /// </summary>
    public override bool SupportsUserLockout => false;

    public override async Task<string?> GetAuthenticatorKeyAsync(StaffUser user)
    {
        var stored = await AuthenticatorKeys.GetAuthenticatorKeyAsync(user, CancellationToken);
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        try
        {
            return _keyProtector.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            // A key that cannot be read is no key: the person sets up the authenticator again.
            return null;
        }
    }

    /// <summary>
    /// A new key. Replacing an existing one ends the person's other sessions, as Identity does; the
    /// first key, made when the setup page opens, does not (it would sign out the person setting up).
    /// </summary>
    public override async Task<IdentityResult> ResetAuthenticatorKeyAsync(StaffUser user)
    {
        var hadKey = !string.IsNullOrEmpty(await AuthenticatorKeys.GetAuthenticatorKeyAsync(user, CancellationToken));
        await AuthenticatorKeys.SetAuthenticatorKeyAsync(user, _keyProtector.Protect(GenerateNewAuthenticatorKey()), CancellationToken);
        return hadKey ? await UpdateSecurityStampAsync(user) : await UpdateAsync(user);
    }

    public override async Task<IEnumerable<string>?> GenerateNewTwoFactorRecoveryCodesAsync(StaffUser user, int number)
    {
        var codes = Enumerable.Range(0, number).Select(_ => CreateTwoFactorRecoveryCode()).ToList();
        await RecoveryCodes.ReplaceCodesAsync(user, codes.Select(HashRecoveryCode), CancellationToken);
        var result = await UpdateAsync(user);
        return result.Succeeded ? codes : null;
    }

    public override Task<IdentityResult> RedeemTwoFactorRecoveryCodeAsync(StaffUser user, string code) =>
        base.RedeemTwoFactorRecoveryCodeAsync(user, HashRecoveryCode(code));

    /// <summary>
    /// Sets a password through a one-time link (first password, or a forgotten one): checked by the
    /// same rules as any password, and it ends every other session.
    /// </summary>
    public async Task<IdentityResult> SetPasswordAsync(StaffUser user, string password)
    {
        var result = await UpdatePasswordHash(user, password, validatePassword: true);
        return result.Succeeded ? await UpdateAsync(user) : result;
    }

    /// <summary>Codes are read off paper: case, spaces and a missing dash do not matter.</summary>
    private static string HashRecoveryCode(string code)
    {
        var normalized = new string(code.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        return WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    private IUserAuthenticatorKeyStore<StaffUser> AuthenticatorKeys =>
        Store as IUserAuthenticatorKeyStore<StaffUser> ?? throw new NotSupportedException("The user store keeps no authenticator keys.");

    private IUserTwoFactorRecoveryCodeStore<StaffUser> RecoveryCodes =>
        Store as IUserTwoFactorRecoveryCodeStore<StaffUser> ?? throw new NotSupportedException("The user store keeps no recovery codes.");
}
