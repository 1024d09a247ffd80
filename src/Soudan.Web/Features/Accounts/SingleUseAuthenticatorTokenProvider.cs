using Microsoft.AspNetCore.Identity;
using OtpNet;
using Soudan.Web.Data;

namespace Soudan.Web.Features.Accounts;

/// <summary>
/// Identity's authenticator codes (TOTP, RFC 6238), each usable once: a code seen on a shoulder, in
/// a screen recording or by a phishing page cannot be replayed while it is still fresh. Both the
/// second step of signing in and the setup of the authenticator check codes here.
/// </summary>
/// <remarks>
/// A code of the current 30-second step, the one before or the one after is accepted (RFC 6238
/// section 5.2 recommends one step of allowance for clocks and typing), and only when its step is
/// later than the last step this person used. The step is saved with the account's concurrency
/// stamp, so of two requests racing with the same code only one is saved; the other is refused.
/// </remarks>
public sealed class SingleUseAuthenticatorTokenProvider(SoudanDbContext db, TimeProvider clock) : IUserTwoFactorTokenProvider<StaffUser>
{
    private const int StepSeconds = 30;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The app on the person's phone makes the codes; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        var codes = new Hotp(Base32Encoding.ToBytes(key));
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        long? matched = null;
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step > (user.LastAuthenticatorTimeStep ?? long.MinValue) && codes.VerifyHotp(token, step))
            {
                matched = step;
                break;
            }
        }

        if (matched is null)
        {
            return false;
        }

        user.LastAuthenticatorTimeStep = matched;
        if ((await manager.UpdateAsync(user)).Succeeded)
        {
            return true;
        }

        // Another request saved the account first (maybe with this very code): this one is refused,
        // and the account is read again so that nothing of it is saved later in this request.
        await db.Entry(user).ReloadAsync();
        return false;
    }
}
